package org.churnrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.churnrisk.cli.CliRun.churn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    @Test
    void writesABookAndSummarisesIt(@TempDir Path dir) {
        Path book = dir.resolve("book");

        CliRun run = churn("generate", "--accounts", "20", "--days", "60", "--seed", "3", "--out", book.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK.code());
        assertThat(book.resolve("accounts.csv")).isRegularFile();
        assertThat(book.resolve("usage.csv")).isRegularFile();
        assertThat(book.resolve("truth.csv")).isRegularFile();
        assertThat(run.out()).contains("Wrote a book of 20 accounts").containsPattern("usage\\s+[\\d,]+ rows");
        assertThat(run.err()).contains("simulating days: 60 of 60 (100%)");
    }

    @Test
    void gzipsUsageWhenAsked(@TempDir Path dir) {
        Path book = dir.resolve("book");

        CliRun run = churn("generate", "--accounts", "5", "--days", "30", "--usage-layout", "csv.gz",
                "--truth-samples", "0", "--out", book.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK.code());
        assertThat(book.resolve("usage.csv.gz")).isRegularFile();
        assertThat(book.resolve("truth.csv")).doesNotExist();
    }

    @Test
    void anUnknownUsageLayoutIsAUsageErrorNamingTheLayouts(@TempDir Path dir) {
        CliRun run = churn("generate", "--usage-layout", "xlsx", "--out", dir.resolve("b").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("'xlsx'").contains("csv, csv.gz, monthly-csv.gz");
    }

    @Test
    void anOutOfRangeAccountCountIsAUsageError(@TempDir Path dir) {
        CliRun run = churn("generate", "--accounts", "0", "--out", dir.resolve("b").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("accounts: 0 is out of range");
    }

    @Test
    void aDirectoryWithOtherFilesIsLeftAlone(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "mine");

        CliRun run = churn("generate", "--accounts", "5", "--days", "30", "--overwrite", "--out", dir.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("was not made by this generator");
        assertThat(dir.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void helpShowsAnExample() {
        CliRun run = churn("generate", "--help");

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK.code());
        assertThat(run.out()).contains("Example:").contains("churn generate --accounts");
    }
}
