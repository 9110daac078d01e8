package org.churnrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.churnrisk.cli.CliRun.churnSuccessfully;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The at-risk report of the committed sample book as of 2026-11-01, scored by a logistic model
 * trained on it with seed 42 and two backtest folds, against the copy checked in as
 * {@code src/test/resources/golden/sample-book-at-risk.csv}. Any change to the columns, the
 * number formats, the ranking, the driver phrases, the plays or the model's training shows up
 * here as a diff to review.
 *
 * <p>To accept a change on purpose, regenerate the golden copy and commit it with the change:
 * <pre>
 * ./mvnw -B -q -pl churn-cli -am verify -Dtest=GoldenReportTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dchurn.golden.update=true
 * git diff churn-cli/src/test/resources/golden/
 * </pre>
 */
class GoldenReportTest {
    static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    static final Path SAMPLE_BOOK = MODULE.resolve("../sample-data/book");
    static final Path GOLDEN = MODULE.resolve("src/test/resources/golden/sample-book-at-risk.csv");

    @TempDir
    Path dir;

    @Test
    void theSampleBooksReportMatchesTheGoldenCopy() throws IOException {
        Path model = dir.resolve("model");
        Path report = dir.resolve("at-risk.csv");
        churnSuccessfully("train", "--data", SAMPLE_BOOK.toString(), "--out", model.toString(), "--algorithm",
                "logistic", "--folds", "2", "--seed", "42");
        churnSuccessfully("score", "--data", SAMPLE_BOOK.toString(), "--model", model.toString(), "--as-of",
                "2026-11-01", "--out", report.toString());

        String actual = Files.readString(report, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("churn.golden.update")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as("the report differs from %s; see this class's comment to regenerate it", GOLDEN)
                .isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }
}
