package org.churnrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.churnrisk.cli.CliRun.churn;
import static org.churnrisk.cli.GeneratedBooks.BAD_USAGE_ROW;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.churnrisk.testkit.FileTrees;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code churn validate} through the real command line: reports, exit codes, and a book left as it was. */
class ValidateCommandTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    private static final Path SAMPLE_BOOK = MODULE.resolve("../sample-data/book");

    @TempDir
    static Path shared;
    /** A valid generated book; tests that change a book copy it first. */
    static Path book;

    @TempDir
    Path dir;

    private static CliRun validate(Path data, String... more) {
        return churn(List.of("validate", "--data", data.toString()), more);
    }

    @BeforeAll
    static void generate() throws IOException {
        book = GeneratedBooks.small(shared.resolve("book"));
    }

    private Path copyOfBook() throws IOException {
        return FileTrees.copy(book, dir.resolve("book"));
    }

    /** A copy of the generated book whose usage.csv ends in two bad rows; returns the book. */
    private Path damagedCopy() throws IOException {
        Path copy = copyOfBook();
        String account = GeneratedBooks.firstAccount(copy);
        Files.writeString(copy.resolve("usage.csv"), account + BAD_USAGE_ROW + "\n" + account + ",2026-09-16,u-x,login\n",
                StandardOpenOption.APPEND);
        return copy;
    }

    private static long lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).size();
    }

    @Test
    void theSampleBookIsValidAndExitsZero() {
        CliRun run = validate(SAMPLE_BOOK);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK.code());
        assertThat(run.out())
                .startsWith("Book " + SAMPLE_BOOK + ", mapping " + SAMPLE_BOOK.resolve("churn.yaml") + "\n")
                .containsPattern("source\\s+files\\s+rows read\\s+valid\\s+invalid\\s+dates\n")
                .containsPattern("accounts\\s+1\\s+500\\s+500\\s+0\\s")
                .containsPattern("usage\\s+24\\s+1,851,451\\s+1,851,451\\s+0\\s")
                .contains("Valid: 1,879,877 rows read from 7 sources, no problems");
        assertThat(run.err()).doesNotContainPattern("(?m)^churn: ");
    }

    @Test
    void aBookWithBadRowsExitsWithInvalidDataAndNamesEachRow() throws IOException {
        Path damaged = damagedCopy();
        long last = lines(damaged.resolve("usage.csv"));

        CliRun run = validate(damaged);

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_DATA.code());
        assertThat(run.out())
                .contains("usage: 2 problems")
                .contains("usage.csv line " + String.format(Locale.ROOT, "%,d", last - 1)
                        + ": column 'quantity' value '-2' is negative (expected a whole number >= 0)")
                .contains("usage.csv line " + String.format(Locale.ROOT, "%,d", last) + ": has 4 columns, the header has 6")
                .contains("Not valid: 2 problems in 1 source; 2 invalid rows");
        assertThat(run.err()).endsWith("churn: " + damaged + " is not valid: 2 problems (see the report above)\n");
    }

    @Test
    void validatingLeavesTheBookAndItsFolderAsTheyWere() throws IOException {
        Path damaged = damagedCopy();
        Map<String, String> before = FileTrees.snapshot(dir);

        CliRun run = validate(damaged);

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_DATA.code());
        assertThat(FileTrees.snapshot(dir)).isEqualTo(before);
    }

    @Test
    void maxProblemsLimitsTheRowsShownInFullNotTheCount() throws IOException {
        CliRun run = validate(damagedCopy(), "--max-problems", "1");

        assertThat(run.out()).contains("usage: 2 problems", "the first 1 of 2 in full:")
                .doesNotContain("has 4 columns, the header has 6\n    ");
    }

    @Test
    void jsonWritesTheReportForMachines() throws IOException {
        Path json = dir.resolve("reports/validation.json");

        CliRun run = validate(damagedCopy(), "--json", json.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_DATA.code());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("valid").asBoolean()).isFalse();
        assertThat(report.get("problems").asLong()).isEqualTo(2);
        assertThat(report.get("sources").get(1).get("first_problems").get(0).get("column").asText()).isEqualTo("quantity");
        assertThat(run.out()).contains("Wrote " + json);
    }

    @Test
    void theMappingGivenWithConfigIsUsed() throws IOException {
        Path renamed = copyOfBook();
        Files.move(renamed.resolve("accounts.csv"), renamed.resolve("crm_accounts.csv"));
        Path mapping = dir.resolve("exports.yaml");
        Files.writeString(mapping, "sources:\n  accounts:\n    files: [crm_accounts.csv]\n");

        CliRun run = validate(renamed, "--config", mapping.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK.code());
        assertThat(run.out()).startsWith("Book " + renamed + ", mapping " + mapping + "\n");
    }

    @Test
    void withoutTheMappingTheRenamedSourceIsMissing() throws IOException {
        Path renamed = copyOfBook();
        Files.move(renamed.resolve("accounts.csv"), renamed.resolve("crm_accounts.csv"));

        CliRun run = validate(renamed);

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_DATA.code());
        assertThat(run.out()).contains("no file for accounts (looked for accounts.csv, accounts.csv.gz, "
                + "accounts.parquet, accounts.jsonl, accounts.jsonl.gz, accounts.ndjson, accounts.ndjson.gz, accounts/)");
    }

    @Test
    void aMappingThatCannotBeUsedIsInvalidData() throws IOException {
        Path mapping = dir.resolve("exports.yaml");
        Files.writeString(mapping, "sources:\n  usages: {}\n");

        CliRun run = validate(book, "--config", mapping.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_DATA.code());
        assertThat(run.err()).startsWith("churn: exports.yaml line 2: sources: 'usages' is not a source");
    }

    @Test
    void dataThatIsNotADirectoryIsAUsageError() {
        CliRun run = validate(dir.resolve("missing"));

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("is not a directory (expected a book of exports)", "Try 'churn validate --help'");
    }

    @Test
    void aNegativeMaxProblemsIsAUsageError() {
        CliRun run = validate(book, "--max-problems", "-1");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("--max-problems -1: expected 0 or more");
    }

    @Test
    void aJsonFileThatCannotBeWrittenIsAnIoError() throws IOException {
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file, not a folder");

        CliRun run = validate(book, "--json", blocker.resolve("validation.json").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.IO_ERROR.code());
        assertThat(run.out()).isEmpty();
    }
}
