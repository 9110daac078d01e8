package org.churnrisk.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.churnrisk.testkit.ReadmeExamples.printed;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.features.FeatureSettings;
import org.churnrisk.testkit.ReadmeExamples;
import org.junit.jupiter.api.Test;

/**
 * The Java examples of the README's "Scoring from a service" section are the bodies of the two
 * {@code static} methods below: the tests run them on the committed sample book and a bundle
 * trained on it, with churn-score and what it brings only (no Tribuo), and check that the README
 * shows them as they are.
 */
class ReadmeScoringExampleTest {
    private static final ReadmeExamples README = ReadmeExamples.of(ReadmeScoringExampleTest.class,
            "## Scoring from a service");

    // ---- the examples: each body is a ```java block of the README, verbatim ----------------------

    static void scoreABook(Path model, Path book) throws IOException {
        // model: a bundle written by `churn train`; book: a directory of exports
        ChurnModel churn = ChurnModel.load(model);
        ScoredBook scored = churn.score(book, LocalDate.parse("2026-11-01"));
        for (ScoredAccount a : scored.ranked().subList(0, 3)) {
            String driver = a.drivers().isEmpty() ? "no driver" : a.drivers().get(0).phrase();
            System.out.printf("%s %s: %.1f%% (%s), $%,.0f ARR at risk; %s; %s%n", a.accountId(), a.name(),
                    100 * a.probability(), a.bandLabel(), a.arrAtRisk(), driver, a.play());
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
        assertThat(README.javaBlocks()).containsExactly(README.body("scoreABook"), README.body("explainOneVector"));
    }
}
