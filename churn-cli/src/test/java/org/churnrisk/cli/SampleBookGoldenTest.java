package org.churnrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.churnrisk.cli.CliRun.churnSuccessfully;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the commands write for the committed sample book, against copies checked in under
 * {@code src/test/resources/golden/sample-book/}: the feature table at two dates, the model
 * chosen by {@code churn train} with its {@code evaluation.md} and {@code evaluation.json}, the
 * at-risk report, its summary and {@code report.html} scored with that model, and one account's {@code explain}.
 * Refactorings must leave every one of them byte-identical; a change on purpose shows up here
 * as a diff to review.
 *
 * <p>The summary is compared with what differs from run to run taken out: the directories it
 * names and the seconds each stage took.
 *
 * <p>To accept a change on purpose, regenerate the copies and commit them with the change:
 * <pre>
 * ./mvnw -B -q -pl churn-cli -am verify -Dtest=SampleBookGoldenTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dchurn.golden.update=true
 * git diff churn-cli/src/test/resources/golden/
 * </pre>
 */
class SampleBookGoldenTest {
    static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    static final Path SAMPLE_BOOK = MODULE.resolve("../sample-data/book").normalize();
    static final Path GOLDEN = MODULE.resolve("src/test/resources/golden/sample-book");
    static final String AS_OF = "2026-11-01";

    @TempDir
    static Path dir;
    static Path model;
    static String explainOutput;

    @BeforeAll
    static void trainAndScore() {
        model = dir.resolve("model");
        churnSuccessfully("train", "--data", SAMPLE_BOOK.toString(), "--out", model.toString(), "--seed", "42");
        churnSuccessfully("score", "--data", SAMPLE_BOOK.toString(), "--model", model.toString(), "--as-of", AS_OF,
                "--out", dir.resolve("at-risk.csv").toString());
        churnSuccessfully("features", "--data", SAMPLE_BOOK.toString(), "--as-of", "2026-06-01," + AS_OF,
                "--out", dir.resolve("features.csv").toString());
        explainOutput = churnSuccessfully("explain", "--data", SAMPLE_BOOK.toString(), "--model", model.toString(),
                "--as-of", AS_OF, "--account", "A00215").out();
    }

    private static void assertGolden(String name, String actual) throws IOException {
        Path golden = GOLDEN.resolve(name);
        if (Boolean.getBoolean("churn.golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as("%s differs from %s; see this class's comment to regenerate it", name, golden)
                .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @Test
    void theFeatureTableIsUnchanged() throws IOException {
        assertGolden("features.csv", Files.readString(dir.resolve("features.csv"), StandardCharsets.UTF_8));
    }

    @Test
    void theEvaluationIsUnchanged() throws IOException {
        assertGolden("evaluation.md", Files.readString(model.resolve("evaluation.md"), StandardCharsets.UTF_8));
        assertGolden("evaluation.json", Files.readString(model.resolve("evaluation.json"), StandardCharsets.UTF_8));
    }

    @Test
    void theReportIsUnchanged() throws IOException {
        assertGolden("at-risk.csv", Files.readString(dir.resolve("at-risk.csv"), StandardCharsets.UTF_8));
    }

    /** The page for CS leaders holds no paths and no timings, so it is compared whole. */
    @Test
    void theHtmlReportIsUnchanged() throws IOException {
        assertGolden("report.html", Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8));
    }

    @Test
    void theSummaryIsUnchangedApartFromPathsAndTimings() throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode summary = (ObjectNode) json.readTree(dir.resolve("at-risk.summary.json").toFile());
        JsonNode model = summary.path("model");
        assertThat(model.path("directory").asText()).isEqualTo(SampleBookGoldenTest.model.toAbsolutePath().toString());
        ((ObjectNode) model).put("directory", "<model>");
        ((ObjectNode) summary.path("data")).put("book", "<book>");
        assertThat(summary.remove("duration_seconds")).isNotNull();
        assertThat(summary.remove("stage_seconds")).isNotNull();
        assertGolden("at-risk.summary.json", json.writeValueAsString(summary) + "\n");
    }

    @Test
    void theExplanationIsUnchanged() throws IOException {
        assertGolden("explain-A00215.txt", explainOutput);
    }

    @Test
    void explainShowsTheContextThemesApartFromTheDrivers() {
        List<String> lines = explainOutput.lines().toList();
        int context = lines.indexOf(
                "Context (raises the risk, but on the healthy side of its reference, so not a driver):");
        List<String> themes = lines.stream().skip(context + 1).takeWhile(l -> l.startsWith("  "))
                .map(SampleBookGoldenTest::theme).toList();
        List<String> drivers = lines.stream().filter(l -> l.startsWith("Driver ")).map(SampleBookGoldenTest::theme)
                .toList();

        assertThat(context).as(explainOutput).isPositive();
        assertThat(themes).isNotEmpty().doesNotContainAnyElementsOf(drivers);
        assertThat(drivers).hasSize(3);
    }

    /** The theme key of a driver or context line, "... (nps, +0.3721)". */
    private static String theme(String line) {
        return line.substring(line.lastIndexOf('(') + 1, line.lastIndexOf(','));
    }
}
