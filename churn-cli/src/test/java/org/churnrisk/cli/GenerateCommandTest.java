package org.churnrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int churn(String... args) {
        return ChurnCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void writesABookAndSummarisesIt(@TempDir Path dir) {
        Path book = dir.resolve("book");

        int code = churn("generate", "--accounts", "20", "--days", "60", "--seed", "3", "--out", book.toString());

        assertThat(code).isEqualTo(ExitCode.OK.code());
        assertThat(book.resolve("accounts.csv")).isRegularFile();
        assertThat(book.resolve("usage.csv")).isRegularFile();
        assertThat(book.resolve("truth.csv")).isRegularFile();
        assertThat(out.toString()).contains("Wrote a book of 20 accounts").containsPattern("usage\\s+[\\d,]+ rows");
        assertThat(err.toString()).contains("simulating days: 60 of 60 (100%)");
    }

    @Test
    void gzipsUsageWhenAsked(@TempDir Path dir) {
        Path book = dir.resolve("book");

        int code = churn("generate", "--accounts", "5", "--days", "30", "--usage-layout", "csv.gz",
                "--truth-samples", "0", "--out", book.toString());

        assertThat(code).isEqualTo(ExitCode.OK.code());
        assertThat(book.resolve("usage.csv.gz")).isRegularFile();
        assertThat(book.resolve("truth.csv")).doesNotExist();
    }

    @Test
    void anUnknownUsageLayoutIsAUsageErrorNamingTheLayouts(@TempDir Path dir) {
        int code = churn("generate", "--usage-layout", "xlsx", "--out", dir.resolve("b").toString());

        assertThat(code).isEqualTo(ExitCode.USAGE.code());
        assertThat(err.toString()).contains("'xlsx'").contains("csv, csv.gz, monthly-csv.gz");
    }

    @Test
    void anOutOfRangeAccountCountIsAUsageError(@TempDir Path dir) {
        int code = churn("generate", "--accounts", "0", "--out", dir.resolve("b").toString());

        assertThat(code).isEqualTo(ExitCode.USAGE.code());
        assertThat(err.toString()).contains("accounts: 0 is out of range");
    }

    @Test
    void aDirectoryWithOtherFilesIsLeftAlone(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "mine");

        int code = churn("generate", "--accounts", "5", "--days", "30", "--overwrite", "--out", dir.toString());

        assertThat(code).isEqualTo(ExitCode.USAGE.code());
        assertThat(err.toString()).contains("was not made by this generator");
        assertThat(dir.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void helpShowsAnExample() {
        int code = churn("generate", "--help");

        assertThat(code).isEqualTo(ExitCode.OK.code());
        assertThat(out.toString()).contains("Example:").contains("churn generate --accounts");
    }
}
