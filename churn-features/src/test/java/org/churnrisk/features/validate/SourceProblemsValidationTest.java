package org.churnrisk.features.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Map;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.problems.ReadStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Problems of whole sources and files, and the notes on what is allowed but worth knowing: the
 * validator reports each and reads on, where extraction would stop.
 */
class SourceProblemsValidationTest {
    @TempDir
    Path dir;

    private Path book() throws IOException {
        return Books.validBook(dir.resolve("book"));
    }

    private static ValidationReport validate(Path book) throws IOException {
        return BookValidator.forBook(book).validate(book);
    }

    @Test
    void theSmallValidBookIsValid() throws IOException {
        ValidationReport report = validate(book());

        assertThat(report.valid()).isTrue();
        assertThat(report.source(Source.USAGE).rows()).isEqualTo(new ReadStats.Counts(3, 3, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"usage"})
    void aMissingRequiredSourceIsAProblemAndTheOthersAreStillRead(String stem) throws IOException {
        Path book = book();
        Files.delete(book.resolve(stem + ".csv"));
        Source source = Source.valueOf(stem.toUpperCase(java.util.Locale.ROOT));

        ValidationReport report = validate(book);

        SourceReport missing = report.source(source);
        assertThat(missing.status()).isEqualTo(SourceReport.Status.MISSING);
        assertThat(missing.firstProblems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isNull();
            assertThat(p.line()).isZero();
            assertThat(p.message()).isEqualTo("book " + book + ": no file for " + stem + " (looked for " + stem + ".csv, "
                    + stem + ".csv.gz, " + stem + ".parquet, " + stem + ".jsonl, " + stem + ".jsonl.gz, " + stem
                    + ".ndjson, " + stem + ".ndjson.gz, " + stem + "/)");
        });
        assertThat(report.source(Source.ACCOUNTS).rows().accepted()).isEqualTo(2);
        assertThat(report.valid()).isFalse();
    }

    @Test
    void missingOptionalSourcesAreNotesNotProblems() throws IOException {
        ValidationReport report = validate(book());

        assertThat(report.valid()).isTrue();
        assertThat(report.source(Source.TOUCHPOINTS).status()).isEqualTo(SourceReport.Status.MISSING);
        assertThat(report.source(Source.TOUCHPOINTS).notes()).singleElement().asString()
                .startsWith("no file (looked for touchpoints.csv, touchpoints.csv.gz, touchpoints.parquet, touchpoints.jsonl,"
                        + " touchpoints.jsonl.gz, touchpoints.ndjson, touchpoints.ndjson.gz, touchpoints/);"
                        + " optional");
        assertThat(report.source(Source.CONTRACTS).notes()).singleElement().asString().contains("a leak");
        assertThat(report.source(Source.CHURN).notes()).singleElement().asString()
                .endsWith("needed to train and evaluate, not to score");
    }

    @Test
    void aFileWithoutARequiredColumnIsAProblemOfThatFile() throws IOException {
        Path book = book();
        Books.write(book, "usage.csv", "account_id,user_id,event,quantity\nA-1001,u-17,login,3\n");

        SourceReport usage = validate(book).source(Source.USAGE);

        assertThat(usage.status()).isEqualTo(SourceReport.Status.READ);
        assertThat(usage.rows()).isEqualTo(ReadStats.Counts.ZERO);
        assertThat(usage.problemKinds()).containsExactly(Map.entry("missing required column 'occurred_at'", 1L));
        assertThat(usage.firstProblems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("usage.csv");
            assertThat(p.line()).isZero();
            assertThat(p.message()).isEqualTo("usage.csv: missing required column 'occurred_at'; "
                    + "the file has columns: account_id, user_id, event, quantity");
        });
    }

    @Test
    void anUnreadablePartFileDoesNotStopTheOthers() throws IOException {
        Path book = book();
        Files.delete(book.resolve("usage.csv"));
        Books.write(book, "usage/part-1.csv", Books.GOOD_USAGE);
        Files.write(book.resolve("usage/part-2.csv"), new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0});
        Books.write(book, "usage/part-3.csv", Books.USAGE + "A-1002,2025-03-09,u-88,login,1,0\n");

        SourceReport usage = validate(book).source(Source.USAGE);

        assertThat(usage.files()).containsExactly("usage/part-1.csv", "usage/part-2.csv", "usage/part-3.csv");
        assertThat(usage.rows()).isEqualTo(new ReadStats.Counts(4, 4, 0));
        assertThat(usage.firstProblems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("usage/part-2.csv");
            assertThat(p.message()).isEqualTo("usage/part-2.csv: is a zip archive (an Excel workbook?), not CSV text;"
                    + " export the sheet as CSV UTF-8");
        });
    }

    @Test
    void aPartFolderHoldingAnotherFormatIsAProblem() throws IOException {
        Path book = book();
        Files.delete(book.resolve("usage.csv"));
        Books.write(book, "usage/part-1.csv", Books.GOOD_USAGE);
        Books.write(book, "usage/notes.txt", "exported by hand\n");

        SourceReport usage = validate(book).source(Source.USAGE);

        assertThat(usage.firstProblems()).singleElement().extracting(Problem::message).asString()
                .endsWith("usage/notes.txt is not a part file churn-risk reads (expected names ending in .csv, .csv.gz, "
                        + ".parquet, .jsonl, .jsonl.gz, .ndjson, .ndjson.gz); move it out of usage/");
    }

    @Test
    void accountsWithoutRowsIsAProblemAndTheSourcesJoiningOnItAreNotChecked() throws IOException {
        Path book = book();
        Books.write(book, "accounts.csv", Books.ACCOUNTS);

        ValidationReport report = validate(book);

        assertThat(report.source(Source.ACCOUNTS).firstProblems()).singleElement().extracting(Problem::message)
                .isEqualTo("accounts: accounts.csv has a header but no rows (expected at least one account)");
        assertThat(report.source(Source.USAGE).status()).isEqualTo(SourceReport.Status.NOT_CHECKED);
        assertThat(report.source(Source.USAGE).files()).containsExactly("usage.csv");
        assertThat(report.source(Source.USAGE).notes()).containsExactly(
                "not checked: accounts has no valid row for its rows to refer to");
        assertThat(report.problems()).isEqualTo(1);
    }

    @Test
    void aSourceNotCheckedIsStillLookedFor() throws IOException {
        Path book = book();
        Books.write(book, "accounts.csv", Books.ACCOUNTS);
        Files.delete(book.resolve("surveys.csv"));

        SourceReport surveys = validate(book).source(Source.SURVEYS);

        assertThat(surveys.status()).isEqualTo(SourceReport.Status.MISSING);
        assertThat(surveys.notes()).singleElement().asString().startsWith("no file (looked for surveys.csv");
    }

    /** Issue 12 item 4: tickets and surveys are optional; a book without them is valid, with a note each. */
    @ParameterizedTest
    @ValueSource(strings = {"tickets", "surveys"})
    void aMissingTicketsOrSurveysFileIsANoteNotAProblem(String stem) throws IOException {
        Path book = book();
        Files.delete(book.resolve(stem + ".csv"));
        Source source = Source.valueOf(stem.toUpperCase(java.util.Locale.ROOT));

        ValidationReport report = validate(book);

        assertThat(report.valid()).isTrue();
        assertThat(report.source(source).status()).isEqualTo(SourceReport.Status.MISSING);
        assertThat(report.source(source).notes()).singleElement().asString()
                .startsWith("no file (looked for " + stem + ".csv, " + stem + ".csv.gz, " + stem + ".parquet, " + stem
                        + ".jsonl, " + stem + ".jsonl.gz, " + stem + ".ndjson, " + stem + ".ndjson.gz, " + stem
                        + "/); optional: without it")
                .endsWith("reweighting the rest");
    }

    @Test
    void aHeaderOnlyTicketsFileIsANoteNotAProblem() throws IOException {
        Path book = book();
        Books.write(book, "tickets.csv", Books.TICKETS);

        ValidationReport report = validate(book);

        assertThat(report.valid()).isTrue();
        assertThat(report.source(Source.TICKETS).notes()).containsExactly("no rows");
    }

    @Test
    void aLoginEventThatNoRowHasIsNoted() throws IOException {
        Path book = book();
        Books.write(book, "usage.csv", Books.USAGE + "A-1001,2025-03-04,u-17,sign_in,3,0\n");

        SourceReport usage = validate(book).source(Source.USAGE);

        assertThat(usage.notes()).contains("no row has the login event 'login' (features.login_event), so every login "
                + "count is 0; events seen: sign_in");
    }

    @Test
    void filesNoSourceReadsAreNotedButNotTheMappingOrHiddenFiles() throws IOException {
        Path book = book();
        Books.write(book, "usage_2024.csv", Books.GOOD_USAGE);
        Books.write(book, "old/accounts.csv", Books.GOOD_ACCOUNTS);
        Books.write(book, "churn.yaml", "zone: UTC\n");
        Books.write(book, ".DS_Store", "x");

        ValidationReport report = validate(book);

        assertThat(report.notes()).containsExactly("not read as any source: old/, usage_2024.csv");
    }

    @Test
    void aBookThatIsNotADirectoryIsRefused() {
        Path notThere = dir.resolve("missing");

        assertThatThrownBy(() -> validate(notThere)).isInstanceOf(NotDirectoryException.class);
    }

    @Test
    void aNegativeNumberOfProblemsToListIsRefused() throws IOException {
        BookValidator validator = BookValidator.forBook(book());

        assertThatThrownBy(() -> validator.withMaxProblems(-1))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("-1 is negative");
    }
}
