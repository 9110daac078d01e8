package org.churnrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.churnrisk.cli.CliRun.churn;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code churn demo} on a small generated book, so that the test stays fast; bin/churn demo uses the sample book. */
class DemoCommandTest {
    @TempDir
    static Path dir;
    static CliRun run;

    @BeforeAll
    static void demo() throws IOException {
        Path book = GeneratedBooks.generate(dir.resolve("book"), 120, 500, 3);
        run = churn("demo", "--data", book.toString(), "--out", dir.resolve("demo").toString(),
                "--algorithm", "logistic", "--folds", "2");
    }

    @Test
    void trainsScoresAndPrintsTheTenRiskiestAccounts() {
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Trained logistic", "against the health score's", "The ten riskiest accounts:");
        assertThat(run.out().lines().filter(l -> l.matches("\\s+([1-9]|10)  \\S+.*"))).hasSize(10);
    }

    @Test
    void saysWhereTheFilesAre() {
        Path demo = dir.resolve("demo");

        assertThat(run.out()).contains(demo.resolve("model").toString(), demo.resolve("at-risk.csv").toString(),
                demo.resolve("at-risk.summary.json").toString());
        assertThat(demo.resolve("at-risk.csv")).isRegularFile();
        assertThat(demo.resolve("model").resolve("bundle.json")).isRegularFile();
    }

    @Test
    void withoutTheSampleBookItSaysWhereItLooked() {
        CliRun missing = churn("demo", "--data", dir.resolve("absent").toString());

        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(missing.err()).contains("absent", "is not a directory");
    }
}
