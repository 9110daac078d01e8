package org.churnrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.sample.BookGenerator;
import org.churnrisk.sample.GeneratorConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code churn demo} on a small generated book, so that the test stays fast; bin/churn demo uses the sample book. */
class DemoCommandTest {
    @TempDir
    static Path dir;
    static ScoreCommandTest.Run run;

    @BeforeAll
    static void demo() throws IOException {
        Path book = dir.resolve("book");
        BookGenerator.generate(GeneratorConfig.builder().accounts(120).days(500).seed(3).truthSamples(0).build(), book,
                false, ProgressListener.NONE);
        run = ScoreCommandTest.churn("demo", "--data", book.toString(), "--out", dir.resolve("demo").toString(),
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
        ScoreCommandTest.Run missing = ScoreCommandTest.churn("demo", "--data", dir.resolve("absent").toString());

        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(missing.err()).contains("absent", "is not a directory");
    }
}
