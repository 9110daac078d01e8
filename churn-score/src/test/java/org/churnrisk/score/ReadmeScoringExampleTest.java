package org.churnrisk.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.features.FeatureSettings;
import org.junit.jupiter.api.Test;

/**
 * The Java examples of the README's "Scoring from a service" section are the bodies of the two
 * {@code static} methods below: the tests run them on the committed sample book and a bundle
 * trained on it, with churn-score and what it brings only (no Tribuo), and check that the README
 * shows them as they are.
 */
class ReadmeScoringExampleTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    private static final Path README = MODULE.resolve("../README.md");
    private static final Path SOURCE = MODULE.resolve("src/test/java/org/churnrisk/score/ReadmeScoringExampleTest.java");
    private static final String SECTION = "## Scoring from a service";

    // ---- the examples: each body is a ```java block of the README, verbatim ----------------------

    static void scoreABook(Path model, Path book) throws IOException {
        // model: a bundle written by `churn train`; book: a directory of exports
        ChurnModel churn = ChurnModel.load(model);
        ScoredBook scored = churn.score(book, LocalDate.parse("2026-11-01"));
        for (ScoredAccount a : scored.ranked().subList(0, 3)) {
            System.out.printf("%s %s: %.1f%% (%s), $%,.0f ARR at risk; %s; %s%n", a.accountId(), a.name(),
                    100 * a.probability(), a.bandLabel(), a.arrAtRisk(), a.drivers().get(0).phrase(), a.play());
        }
    }

    static void explainOneVector(ChurnModel churn, double[] features) {
        // features: one account's values in the order of Feature.SCHEMA, e.g. from a feature store
        double p = churn.probability(features);
        Explanation why = churn.explain(features);
        Explanation.Contribution first = why.contributions().get(0);
        System.out.printf("P(churn within 120 days) = %.3f (%s); largest contribution: %s (%+.2f log-odds)%n",
                p, why.band().label(), first.phrase(), first.contribution());
    }

    // ---- running them ----------------------------------------------------------------------------

    @FunctionalInterface
    private interface Example {
        void run() throws IOException;
    }

    private static String printed(Example example) throws IOException {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            example.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theBookExamplePrintsTheThreeRiskiestAccounts() throws IOException {
        TrainedBook trained = TrainedBook.get();

        String out = printed(() -> scoreABook(trained.model(), trained.book()));

        List<String> expected = new ArrayList<>();
        for (ScoredAccount a : ChurnModel.load(trained.model()).score(trained.book(), trained.asOf()).ranked()
                .subList(0, 3)) {
            expected.add(a.accountId() + " " + a.name() + ": ");
        }
        assertThat(out.lines()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(out.lines().toList().get(i)).startsWith(expected.get(i)).contains("ARR at risk; ");
        }
    }

    @Test
    void theVectorExamplePrintsTheProbabilityAndTheLargestContribution() throws IOException {
        TrainedBook trained = TrainedBook.get();
        ChurnModel churn = ChurnModel.load(trained.model());
        FeatureTable table = FeatureExtractor.create(FeatureSettings.forBook(trained.book(), null))
                .extract(trained.book(), trained.asOf());
        double[] features = table.row(0);

        String out = printed(() -> explainOneVector(churn, features));

        assertThat(out).startsWith(String.format(java.util.Locale.ROOT, "P(churn within 120 days) = %.3f (",
                churn.probability(features))).contains("largest contribution: ", " log-odds)");
    }

    // ---- the README shows them as they are -------------------------------------------------------

    @Test
    void theReadmeShowsTheExamplesAsTheyAre() throws IOException {
        assertThat(readmeJavaBlocks()).containsExactly(body("scoreABook"), body("explainOneVector"));
    }

    private static List<String> readmeJavaBlocks() throws IOException {
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        int start = lines.indexOf(SECTION);
        assertThat(start).as("the README has the section " + SECTION).isNotNegative();
        List<String> blocks = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            if (lines.get(i).equals("```java")) {
                List<String> block = new ArrayList<>();
                for (i++; !lines.get(i).equals("```"); i++) {
                    block.add(lines.get(i));
                }
                blocks.add(String.join("\n", block));
            }
        }
        return blocks;
    }

    private static String body(String method) throws IOException {
        List<String> lines = Files.readAllLines(SOURCE, StandardCharsets.UTF_8);
        int i = 0;
        while (!lines.get(i).matches("    static void " + method + "\\(.*\\{")) {
            i++;
        }
        List<String> body = new ArrayList<>();
        for (i++; !lines.get(i).equals("    }"); i++) {
            body.add(lines.get(i));
        }
        int indent = body.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return String.join("\n", body.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
    }
}
