package org.churnrisk.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.churnrisk.core.InvalidDataException;
import org.churnrisk.core.contract.Source;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.features.io.problems.DataProblemException;
import org.churnrisk.features.io.problems.ReadStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged books, end to end through {@link FeatureExtractor#extract(Path, LocalDate)}: a small
 * valid book is written to a temporary folder, one file is damaged, and the run must stop with a
 * message a person can act on (file, line, column, value and what was expected).
 *
 * <p>Not covered here: a Parquet file whose column has the wrong type ({@code ParquetCursorTest}
 * covers it).
 */
class BadInputTest {
    private static final LocalDate AS_OF = LocalDate.of(2025, 4, 1);
    private static final FeatureExtractor EXTRACTOR = FeatureExtractor.create(FeatureConfig.DEFAULT);

    static final String ACCOUNTS = "account_id,account_name,arr,licensed_seats,contract_start,renewal_date,tier,csm\n";
    static final String USAGE = "account_id,occurred_at,user_id,event,quantity,errors\n";
    static final String TICKETS = "ticket_id,account_id,created_at,resolved_at,priority,escalated,satisfaction\n";
    static final String SURVEYS = "account_id,responded_at,kind,score,respondent\n";

    private static final String GOOD_ACCOUNTS = ACCOUNTS
            + "A-1001,Acme Corp,42000,60,2024-01-01,2026-01-01,growth,dana.lee\n"
            + "A-1002,Globex,9500,12,2024-06-01,2025-06-01,,sam.ortiz\n";
    private static final String GOOD_USAGE = USAGE
            + "A-1001,2025-03-04,u-17,login,3,0\n"
            + "A-1001,2025-03-04T14:02:11Z,u-17,report_export,12,1\n"
            + "A-1002,2025-03-05,u-88,login,,\n";
    private static final String GOOD_TICKETS = TICKETS
            + "T-5001,A-1001,2025-03-04T10:15:30Z,2025-03-05T16:00:00Z,high,false,4\n"
            + "T-5002,A-1002,2025-03-10T08:00:00Z,,urgent,true,\n";
    private static final String GOOD_SURVEYS = SURVEYS
            + "A-1001,2025-02-20T09:30:00Z,nps,9,cto@acme.example\n"
            + "A-1002,2025-03-12,csat,2,\n";

    @TempDir
    Path book;

    /** Writes the valid book: two accounts, no touchpoints, contracts or churn (all optional). */
    private Path validBook() throws IOException {
        Files.writeString(book.resolve("accounts.csv"), GOOD_ACCOUNTS);
        Files.writeString(book.resolve("usage.csv"), GOOD_USAGE);
        Files.writeString(book.resolve("tickets.csv"), GOOD_TICKETS);
        Files.writeString(book.resolve("surveys.csv"), GOOD_SURVEYS);
        return book;
    }

    /** Writes the valid book, then replaces {@code file} with {@code content}. */
    private Path bookWith(String file, byte[] content) throws IOException {
        Files.write(validBook().resolve(file), content);
        return book;
    }

    private Path bookWith(String file, String content) throws IOException {
        return bookWith(file, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theUndamagedBookIsValid() throws IOException {
        FeatureTable table = EXTRACTOR.extract(validBook(), AS_OF);

        assertThat(table.accountIds()).containsExactly("A-1001", "A-1002");
    }

    // ---- bad rows --------------------------------------------------------------------------------

    static Stream<Arguments> badRows() {
        return Stream.of(
                Arguments.of("a blank account in usage", "usage.csv",
                        USAGE + "A-1001,2025-03-04,u-17,login,3,0\n ,2025-03-05,u-17,login,100,0\n",
                        "usage.csv line 3", "column 'account_id' is blank (expected a value: the column is required)"),
                Arguments.of("wrong column count", "usage.csv",
                        USAGE + "A-1001,2025-03-04,u-17,login,3,0\nA-1001,2025-03-05,u-17,login,2\n",
                        "usage.csv line 3", "has 5 columns, the header has 6"),
                Arguments.of("a whole number that is not a number", "usage.csv",
                        USAGE + "A-1001,2025-03-04,u-17,login,3,0\nA-1001,2025-03-05,u-17,login,three,0\n",
                        "usage.csv line 3", "column 'quantity' value 'three' is not a whole number (expected digits such as 42)"),
                Arguments.of("a decimal that is not a number", "accounts.csv",
                        ACCOUNTS + "A-1001,Acme Corp,42k,60,2024-01-01,2026-01-01,growth,dana.lee\n",
                        "accounts.csv line 2", "column 'arr' value '42k' is not a number (expected a number such as 12500.50)"),
                Arguments.of("a blank required event", "usage.csv",
                        USAGE + "A-1001,2025-03-04,u-17,login,3,0\nA-1001,2025-03-05,u-17,,2,0\n",
                        "usage.csv line 3", "column 'event' is blank (expected an event name such as login)"),
                Arguments.of("a blank required account of a ticket", "tickets.csv",
                        TICKETS + "T-5001,,2025-03-04T10:15:30Z,,high,false,\n",
                        "tickets.csv line 2", "column 'account_id' is blank (expected a value: the column is required)"),
                Arguments.of("a blank required arr", "accounts.csv",
                        ACCOUNTS + "A-1001,Acme Corp,,60,2024-01-01,2026-01-01,growth,dana.lee\n",
                        "accounts.csv line 2", "column 'arr' is blank (expected a number: without contracts,"
                        + " accounts.arr gives the ARR; it may be left out only when the book has contracts)"),
                Arguments.of("an unparseable timestamp", "usage.csv",
                        USAGE + "A-1001,2025-03-04,u-17,login,3,0\nA-1001,2024-13-01,u-17,login,2,0\n",
                        "usage.csv line 3", "column 'occurred_at' value '2024-13-01' is not a timestamp (expected "
                                + "ISO-8601 such as 2025-03-04T10:15:30Z, 2025-03-04T10:15:30 or 2025-03-04)"),
                Arguments.of("an unparseable date", "accounts.csv",
                        ACCOUNTS + "A-1001,Acme Corp,42000,60,2024-02-30,2026-01-01,growth,dana.lee\n",
                        "accounts.csv line 2", "column 'contract_start' value '2024-02-30' is not a date (expected yyyy-MM-dd)"),
                Arguments.of("a negative quantity", "usage.csv",
                        USAGE + "A-1001,2025-03-04,u-17,login,3,0\nA-1001,2025-03-05,u-17,login,-2,0\n",
                        "usage.csv line 3", "column 'quantity' value '-2' is negative (expected a whole number >= 0)"),
                Arguments.of("an nps score of 11", "surveys.csv",
                        SURVEYS + "A-1001,2025-02-20T09:30:00Z,nps,11,cto@acme.example\n",
                        "surveys.csv line 2", "column 'score' value '11' is out of range for nps (expected 0-10)"),
                Arguments.of("a csat score of 0", "surveys.csv",
                        SURVEYS + "A-1001,2025-02-20T09:30:00Z,nps,10,cto@acme.example\nA-1002,2025-03-12,csat,0,\n",
                        "surveys.csv line 3", "column 'score' value '0' is out of range for csat (expected 1-5)"),
                Arguments.of("a duplicate ticket id", "tickets.csv",
                        TICKETS + "T-5001,A-1001,2025-03-04T10:15:30Z,,,,\nT-5002,A-1001,2025-03-05T10:00:00Z,,,,\n"
                                + "T-5001,A-1002,2025-03-06T10:00:00Z,,,,\n",
                        "tickets.csv line 4", "column 'ticket_id' value 'T-5001' is a duplicate (expected each ticket once)"),
                Arguments.of("a duplicate account id", "accounts.csv",
                        GOOD_ACCOUNTS + "A-1001,Acme again,100,,,,,\n",
                        "accounts.csv line 4",
                        "column 'account_id' value 'A-1001' is a duplicate (expected each account once in accounts)"),
                Arguments.of("usage of an unknown account", "usage.csv",
                        USAGE + "A-1001,2025-03-04,u-17,login,3,0\nA-9999,2025-03-05,u-1,login,1,0\n",
                        "usage.csv line 3", "column 'account_id' value 'A-9999' is not an account in accounts "
                                + "(expected the account_id of a listed account)"),
                Arguments.of("a ticket of an unknown account", "tickets.csv",
                        TICKETS + "T-5001,A-9999,2025-03-04T10:15:30Z,,,,\n",
                        "tickets.csv line 2", "column 'account_id' value 'A-9999' is not an account in accounts "
                                + "(expected the account_id of a listed account)"),
                Arguments.of("a survey of an unknown account", "surveys.csv",
                        SURVEYS + "A-9999,2025-02-20T09:30:00Z,nps,9,\n",
                        "surveys.csv line 2", "column 'account_id' value 'A-9999' is not an account in accounts "
                                + "(expected the account_id of a listed account)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRows")
    void aBadRowStopsTheRunNamingTheFileLineColumnValueAndWhatWasExpected(String kind, String file, String content,
                                                                           String location, String reason)
            throws IOException {
        Path damaged = bookWith(file, content);

        assertThatThrownBy(() -> EXTRACTOR.extract(damaged, AS_OF))
                .as(kind)
                .isInstanceOf(DataProblemException.class)
                .hasMessage(location + ": " + reason)
                .asInstanceOf(InstanceOfAssertFactories.type(DataProblemException.class))
                .extracting(DataProblemException::location, DataProblemException::reason)
                .containsExactly(location, reason);
    }

    // ---- files that are not CSV ------------------------------------------------------------------

    static Stream<Arguments> notCsv() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1};
        byte[] binary = new byte[64];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 37);
        }
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0};
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(gzipped)) {
            gz.write(GOOD_USAGE.getBytes(StandardCharsets.UTF_8));
        }
        return Stream.of(
                Arguments.of("an empty file (0 bytes)", new byte[0], "usage.csv: is empty "
                        + "(expected a header row with columns account_id, occurred_at, user_id, event, quantity, errors)"),
                Arguments.of("a PNG image", png, "usage.csv: is not UTF-8 text (line 1 has the byte 0x89, which is not "
                        + "valid UTF-8); save the file as UTF-8, or convert it, e.g. with iconv -f WINDOWS-1252 -t UTF-8, or name"
                        + " its encoding in churn.yaml (encoding: windows-1252 for the source)"),
                Arguments.of("binary bytes", binary,
                        "usage.csv: is not a text file (line 1 holds a NUL byte); expected UTF-8 CSV text"),
                Arguments.of("an Excel workbook", zip,
                        "usage.csv: is a zip archive (an Excel workbook?), not CSV text; export the sheet as CSV UTF-8"),
                Arguments.of("gzip data", gzipped.toByteArray(),
                        "usage.csv: is gzip-compressed but its name ends in .csv; rename it to usage.csv.gz"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notCsv")
    void aUsageCsvThatIsNotCsvTextIsRefusedSayingWhatItIs(String kind, byte[] content, String message)
            throws IOException {
        Path damaged = bookWith("usage.csv", content);

        assertThatThrownBy(() -> EXTRACTOR.extract(damaged, AS_OF))
                .as(kind)
                .isInstanceOf(DataProblemException.class)
                .hasMessage(message);
    }

    @Test
    void aMissingRequiredColumnIsNamedWithTheColumnsTheFileHas() throws IOException {
        Path damaged = bookWith("usage.csv", "account_id,user_id,event,quantity\nA-1001,u-17,login,3\n");

        assertThatThrownBy(() -> EXTRACTOR.extract(damaged, AS_OF))
                .isInstanceOf(DataProblemException.class)
                .hasMessage("usage.csv: missing required column 'occurred_at'; "
                        + "the file has columns: account_id, user_id, event, quantity");
    }

    // ---- files without rows, and missing files ----------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"accounts", "usage"})
    void aHeaderOnlyAccountsOrUsageFileIsAnError(String source) throws IOException {
        String header = source.equals("accounts") ? ACCOUNTS : USAGE;
        String expected = source.equals("accounts") ? "account" : "usage row";
        Path damaged = bookWith(source + ".csv", header);

        assertThatThrownBy(() -> EXTRACTOR.extract(damaged, AS_OF))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(source + ": " + source + ".csv has a header but no rows (expected at least one " + expected
                        + ")");
    }

    @Test
    void aHeaderOnlyTicketsFileIsABookWithoutTickets() throws IOException {
        Path headerOnly = bookWith("tickets.csv", TICKETS);
        List<FeatureTable> tables = new ArrayList<>();

        ExtractionReport report = EXTRACTOR.extract(headerOnly, ReadOptions.forBook(headerOnly), List.of(AS_OF),
                tables::add);

        assertThat(report.stats().of(Source.TICKETS)).isEqualTo(new ReadStats.Counts(0, 0, 0));
        FeatureTable table = tables.get(0);
        assertThat(table.accountIds()).containsExactly("A-1001", "A-1002");
        assertThat(table.value(0, "tickets_90d")).isZero();
        assertThat(table.value(1, "open_tickets")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"accounts", "usage"})
    void aMissingRequiredSourceFileSaysWhereItLooked(String source) throws IOException {
        Files.delete(validBook().resolve(source + ".csv"));

        assertThatThrownBy(() -> EXTRACTOR.extract(book, AS_OF))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("book " + book + ": no file for " + source + " (looked for " + source + ".csv, " + source
                        + ".csv.gz, " + source + ".parquet, " + source + ".jsonl, " + source + ".jsonl.gz, " + source
                        + ".ndjson, " + source + ".ndjson.gz, " + source + "/)");
    }
}
