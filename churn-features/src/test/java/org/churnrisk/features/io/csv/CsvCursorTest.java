package org.churnrisk.features.io.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.churnrisk.core.InvalidDataException;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.FileHash;
import org.churnrisk.features.io.mapping.SourceMapping;
import org.churnrisk.features.io.problems.DataProblemException;
import org.churnrisk.features.io.values.Hashing;
import org.churnrisk.features.io.values.ValueFormats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CSV cursor's values, its messages and its handling of files that are not what they claim. */
class CsvCursorTest {
    private static final String USAGE_HEADER = "account_id,occurred_at,user_id,event,quantity,errors\n";
    private static final int ACCOUNT_ID = 0;
    private static final int OCCURRED_AT = 1;
    private static final int USER_ID = 2;
    private static final int EVENT = 3;
    private static final int QUANTITY = 4;
    private static final int ERRORS = 5;

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    private Path writeGzip(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private static CsvCursor usage(Path file) throws IOException {
        return new CsvCursor(file, SourceMapping.defaults(Source.USAGE));
    }

    private static CsvCursor advanced(CsvCursor cursor, int rows) throws IOException {
        for (int i = 0; i < rows; i++) {
            assertThat(cursor.next()).isTrue();
        }
        return cursor;
    }

    // ---- values ------------------------------------------------------------------------------------

    @Test
    void readsTypedValuesOfACanonicalFile() throws IOException {
        Path file = write("usage.csv", USAGE_HEADER + "A-1001,2025-03-04T14:02:11Z,u-17,login,3,0\n");
        try (CsvCursor c = advanced(usage(file), 1)) {
            assertThat(c.text(ACCOUNT_ID)).isEqualTo("A-1001");
            assertThat(c.hash(ACCOUNT_ID)).isEqualTo(Hashing.hash64("A-1001"));
            assertThat(c.epochSecond(OCCURRED_AT)).isEqualTo(Instant.parse("2025-03-04T14:02:11Z").getEpochSecond());
            assertThat(c.text(EVENT)).isEqualTo("login");
            assertThat(c.integer(QUANTITY)).isEqualTo(3);
            assertThat(c.integer(ERRORS)).isZero();
            assertThat(c.next()).isFalse();
        }
    }

    @Test
    void findsColumnsByNameInAnyOrderAndIgnoresExtraColumns() throws IOException {
        Path file = write("usage.csv", "note,event,account_id,occurred_at\nhello,login,A-1,2025-03-04\n");
        try (CsvCursor c = advanced(usage(file), 1)) {
            assertThat(c.text(ACCOUNT_ID)).isEqualTo("A-1");
            assertThat(c.text(EVENT)).isEqualTo("login");
            assertThat(c.present(USER_ID)).isFalse();
            assertThat(c.isBlank(USER_ID)).isTrue();
            assertThat(c.text(USER_ID)).isNull();
            assertThat(c.hash(USER_ID)).isZero();
        }
    }

    @Test
    void readsRenamedColumnsThroughTheMapping() throws IOException {
        Path file = write("events.csv", "Company ID,Time,Event Name\nA-1,2025-03-04,login\n");
        SourceMapping mapping = new SourceMapping(Source.USAGE, List.of(),
                Map.of("account_id", "Company ID", "occurred_at", "Time", "event", "Event Name"), ValueFormats.DEFAULT);
        try (CsvCursor c = advanced(new CsvCursor(file, mapping), 1)) {
            assertThat(c.text(ACCOUNT_ID)).isEqualTo("A-1");
            assertThat(c.epochDay(OCCURRED_AT)).isEqualTo(LocalDate.of(2025, 3, 4).toEpochDay());
        }
    }

    @Test
    void trimsValuesAndHeaderNames() throws IOException {
        Path file = write("usage.csv", " account_id , occurred_at ,event\n  A-1 ,\" 2025-03-04 \", login\t\n");
        try (CsvCursor c = advanced(usage(file), 1)) {
            assertThat(c.text(ACCOUNT_ID)).isEqualTo("A-1");
            assertThat(c.hash(ACCOUNT_ID)).isEqualTo(Hashing.hash64("A-1"));
            assertThat(c.epochDay(OCCURRED_AT)).isEqualTo(LocalDate.of(2025, 3, 4).toEpochDay());
            assertThat(c.text(EVENT)).isEqualTo("login");
        }
    }

    @Test
    void unescapesDoubledQuotesInTextAndHash() throws IOException {
        Path file = write("usage.csv", USAGE_HEADER + "\"A \"\"1\"\", Inc\",2025-03-04,,login,,\n");
        try (CsvCursor c = advanced(usage(file), 1)) {
            assertThat(c.text(ACCOUNT_ID)).isEqualTo("A \"1\", Inc");
            assertThat(c.hash(ACCOUNT_ID)).isEqualTo(Hashing.hash64("A \"1\", Inc"));
            assertThat(c.rawRow()).isEqualTo("\"A \"\"1\"\", Inc\",2025-03-04,,login,,");
        }
    }

    @Test
    void treatsEmptyAndQuotedEmptyCellsAsBlank() throws IOException {
        Path file = write("usage.csv", USAGE_HEADER + "A-1,2025-03-04,\"\",login,  ,\n");
        try (CsvCursor c = advanced(usage(file), 1)) {
            assertThat(c.isBlank(USER_ID)).isTrue();
            assertThat(c.isBlank(QUANTITY)).isTrue();
            assertThat(c.isBlank(ERRORS)).isTrue();
            assertThat(c.present(ERRORS)).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void readsEachLineBreakStyleAndALastLineWithoutOne(String lineBreak) throws IOException {
        String text = (USAGE_HEADER + "A-1,2025-03-04,u,login,1,0\nA-2,2025-03-05,u,login,2,0").replace("\n", lineBreak);
        try (CsvCursor c = usage(write("usage.csv", text))) {
            assertThat(c.next()).isTrue();
            assertThat(c.integer(QUANTITY)).isEqualTo(1);
            assertThat(c.next()).isTrue();
            assertThat(c.text(ACCOUNT_ID)).isEqualTo("A-2");
            assertThat(c.integer(ERRORS)).isZero();
            assertThat(c.location()).isEqualTo("usage.csv line 3");
            assertThat(c.next()).isFalse();
        }
    }

    @Test
    void skipsAByteOrderMark() throws IOException {
        byte[] text = ("\uFEFF" + USAGE_HEADER + "A-1,2025-03-04,u,login,1,0\n").getBytes(StandardCharsets.UTF_8);
        try (CsvCursor c = advanced(usage(write("usage.csv", text)), 1)) {
            assertThat(c.text(ACCOUNT_ID)).isEqualTo("A-1");
        }
    }

    @Test
    void toleratesAByteOrderMarkInsideAQuotedHeaderName() throws IOException {
        Path file = write("usage.csv", "\"\uFEFFaccount_id\",occurred_at,event\nA-1,2025-03-04,login\n");
        try (CsvCursor c = advanced(usage(file), 1)) {
            assertThat(c.text(ACCOUNT_ID)).isEqualTo("A-1");
        }
    }

    @Test
    void readsGzippedFiles() throws IOException {
        Path file = writeGzip("usage.csv.gz", USAGE_HEADER + "A-1,2025-03-04,u,login,1,0\n");
        try (CsvCursor c = advanced(usage(file), 1)) {
            assertThat(c.text(ACCOUNT_ID)).isEqualTo("A-1");
            assertThat(c.next()).isFalse();
            assertThat(c.bytesRead()).isEqualTo(Files.size(file));
        }
    }

    @Test
    void countsLinesPhysicallyAcrossLineBreaksInsideQuotes() throws IOException {
        String text = USAGE_HEADER + "A-1,2025-03-04,u,\"multi\nline\r\nevent\",1,0\nA-2,2025-03-04,u,login,x,0\n";
        try (CsvCursor c = usage(write("usage.csv", text))) {
            assertThat(c.next()).isTrue();
            assertThat(c.text(EVENT)).isEqualTo("multi\nline\r\nevent");
            assertThat(c.location()).isEqualTo("usage.csv line 2");
            assertThat(c.next()).isTrue();
            assertThat(c.location()).isEqualTo("usage.csv line 5");
        }
    }

    @Test
    void skipsEmptyLinesButCountsThem() throws IOException {
        String text = "\n" + USAGE_HEADER + "\n\nA-1,2025-03-04,u,login,1,0\n\n";
        try (CsvCursor c = usage(write("usage.csv", text))) {
            assertThat(c.next()).isTrue();
            assertThat(c.location()).isEqualTo("usage.csv line 5");
            assertThat(c.next()).isFalse();
        }
    }

    @Test
    void readsAHeaderOnlyFileAsNoRows() throws IOException {
        try (CsvCursor c = usage(write("usage.csv", USAGE_HEADER))) {
            assertThat(c.next()).isFalse();
        }
    }

    @Test
    void readsRowsLongerThanTheBuffer() throws IOException {
        String longEvent = "e".repeat(10_000);
        String text = USAGE_HEADER + "A-1,2025-03-04,u," + longEvent + ",1,0\nA-2,2025-03-04,u,login,1,0\n";
        try (CsvCursor c = new CsvCursor(write("usage.csv", text), "usage.csv", SourceMapping.defaults(Source.USAGE), 64)) {
            assertThat(c.next()).isTrue();
            assertThat(c.text(EVENT)).isEqualTo(longEvent);
            assertThat(c.next()).isTrue();
            assertThat(c.text(ACCOUNT_ID)).isEqualTo("A-2");
        }
    }

    @Test
    void readsTimestampsInTheMappingsZoneAndPatterns() throws IOException {
        ValueFormats formats = new ValueFormats(ZoneId.of("America/New_York"), List.of(), List.of("M/d/yyyy H:mm"),
                List.of("true"), List.of("false"));
        Path file = write("usage.csv", USAGE_HEADER + "A-1,7/1/2025 12:00,u,login,1,0\n");
        try (CsvCursor c = advanced(new CsvCursor(file, new SourceMapping(Source.USAGE, List.of(), Map.of(), formats)), 1)) {
            assertThat(c.epochSecond(OCCURRED_AT)).isEqualTo(Instant.parse("2025-07-01T16:00:00Z").getEpochSecond());
        }
    }

    @Test
    void readsDecimalsAndBooleans() throws IOException {
        Path tickets = write("tickets.csv", "ticket_id,account_id,created_at,escalated\nT-1,A-1,2025-03-04,Yes\n");
        try (CsvCursor c = advanced(new CsvCursor(tickets, SourceMapping.defaults(Source.TICKETS)), 1)) {
            assertThat(c.bool(5)).isTrue();
        }
        Path accounts = write("accounts.csv", "account_id,arr\nA-1,12500.50\n");
        try (CsvCursor c = advanced(new CsvCursor(accounts, SourceMapping.defaults(Source.ACCOUNTS)), 1)) {
            assertThat(c.decimal(2)).isEqualTo(12500.5);
        }
    }

    @Test
    void showsLineNumbersWithThousandsSeparators() throws IOException {
        StringBuilder text = new StringBuilder(USAGE_HEADER);
        for (int i = 0; i < 1500; i++) {
            text.append("A-1,2025-03-04,u,login,").append(i == 1202 ? "x" : "1").append(",0\n");
        }
        try (CsvCursor c = usage(write("usage.csv", text.toString()))) {
            List<String> problems = new ArrayList<>();
            while (c.next()) {
                try {
                    c.integer(QUANTITY);
                } catch (DataProblemException e) {
                    problems.add(e.getMessage());
                }
            }
            assertThat(problems).containsExactly("usage.csv line 1,204: column 'quantity' value 'x' is not a whole number (expected digits such as 42)");
        }
    }

    // ---- value errors -------------------------------------------------------------------------------

    @Test
    void namesTheValueThatIsNotANumber() throws IOException {
        Path file = write("usage.csv", USAGE_HEADER + "A-1,2025-03-04,u,login,1,0\nA-1,2025-03-04,u,login,abc,0\n");
        try (CsvCursor c = advanced(usage(file), 2)) {
            assertThatThrownBy(() -> c.integer(QUANTITY))
                    .isInstanceOf(DataProblemException.class)
                    .hasMessage("usage.csv line 3: column 'quantity' value 'abc' is not a whole number (expected digits such as 42)")
                    .satisfies(e -> assertThat(((DataProblemException) e).reason())
                            .isEqualTo("column 'quantity' value 'abc' is not a whole number (expected digits such as 42)"));
        }
    }

    @Test
    void namesTheFilesOwnColumnNameWhenTheMappingRenamesIt() throws IOException {
        Path file = write("events.csv", "Company ID,Time,Event Name\nA-1,3/32/2025,login\n");
        SourceMapping mapping = new SourceMapping(Source.USAGE, List.of(),
                Map.of("account_id", "Company ID", "occurred_at", "Time", "event", "Event Name"), ValueFormats.DEFAULT);
        try (CsvCursor c = advanced(new CsvCursor(file, mapping), 1)) {
            assertThatThrownBy(() -> c.epochSecond(OCCURRED_AT)).hasMessage("events.csv line 2: column 'occurred_at'"
                    + " ('Time') value '3/32/2025' is not a timestamp (expected ISO-8601 such as 2025-03-04T10:15:30Z,"
                    + " 2025-03-04T10:15:30 or 2025-03-04)");
        }
    }

    @Test
    void namesAnUnreadableDate() throws IOException {
        Path file = write("contracts.csv", "account_id,start_date,arr\nA-1,2024-13-01,100\n");
        try (CsvCursor c = advanced(new CsvCursor(file, SourceMapping.defaults(Source.CONTRACTS)), 1)) {
            assertThatThrownBy(() -> c.epochDay(1)).hasMessage(
                    "contracts.csv line 2: column 'start_date' value '2024-13-01' is not a date (expected yyyy-MM-dd)");
        }
    }

    @Test
    void namesAnUnreadableBoolean() throws IOException {
        Path file = write("tickets.csv", "ticket_id,account_id,created_at,escalated\nT-1,A-1,2025-03-04,maybe\n");
        try (CsvCursor c = advanced(new CsvCursor(file, SourceMapping.defaults(Source.TICKETS)), 1)) {
            assertThatThrownBy(() -> c.bool(5)).hasMessage("tickets.csv line 2: column 'escalated' value 'maybe'"
                    + " is not a boolean (expected true/false, yes/no, y/n, 1/0)");
        }
    }

    @Test
    void namesAnUnreadableDecimal() throws IOException {
        Path file = write("accounts.csv", "account_id,arr\nA-1,\"1,200\"\n");
        try (CsvCursor c = advanced(new CsvCursor(file, SourceMapping.defaults(Source.ACCOUNTS)), 1)) {
            assertThatThrownBy(() -> c.decimal(2))
                    .hasMessage("accounts.csv line 2: column 'arr' value '1,200' is not a number (expected a number such as 12500.50)");
        }
    }

    @Test
    void reportsABlankRequiredValueThroughIsBlankAndProblem() throws IOException {
        Path file = write("usage.csv", USAGE_HEADER + "  ,2025-03-04,u,login,1,0\n");
        try (CsvCursor c = advanced(usage(file), 1)) {
            assertThat(c.isBlank(ACCOUNT_ID)).isTrue();
            assertThat(c.problem(ACCOUNT_ID, "is required but blank"))
                    .hasMessage("usage.csv line 2: column 'account_id' is required but blank");
        }
    }

    @Test
    void aTypedReadOfABlankValueSaysItIsBlank() throws IOException {
        Path file = write("usage.csv", USAGE_HEADER + "A-1,2025-03-04,u,login,,0\n");
        try (CsvCursor c = advanced(usage(file), 1)) {
            assertThatThrownBy(() -> c.integer(QUANTITY))
                    .hasMessage("usage.csv line 2: column 'quantity' is blank (expected a whole number)");
        }
    }

    @Test
    void cutsLongValuesInMessages() throws IOException {
        String value = "x".repeat(500);
        Path file = write("usage.csv", USAGE_HEADER + "A-1,2025-03-04,u,login," + value + ",0\n");
        try (CsvCursor c = advanced(usage(file), 1)) {
            assertThatThrownBy(() -> c.integer(QUANTITY)).hasMessage("usage.csv line 2: column 'quantity' value '"
                    + "x".repeat(57) + "...' (500 characters) is not a whole number (expected digits such as 42)");
        }
    }

    @Test
    void staysUsableAfterAValueError() throws IOException {
        Path file = write("usage.csv", USAGE_HEADER + "A-1,2025-03-04,u,login,x,0\nA-2,2025-03-04,u,login,2,0\n");
        try (CsvCursor c = advanced(usage(file), 1)) {
            assertThatThrownBy(() -> c.integer(QUANTITY)).isInstanceOf(DataProblemException.class);
            assertThat(c.next()).isTrue();
            assertThat(c.integer(QUANTITY)).isEqualTo(2);
        }
    }

    // ---- row errors ---------------------------------------------------------------------------------

    @Test
    void rejectsARowWithTheWrongNumberOfColumnsAndMovesOn() throws IOException {
        String text = USAGE_HEADER + "A-1,2025-03-04,u,login,1,0\nA-2,2025-03-04,login,1\nA-3,2025-03-04,u,login,3,0\n";
        try (CsvCursor c = advanced(usage(write("usage.csv", text)), 1)) {
            assertThatThrownBy(c::next).isInstanceOf(DataProblemException.class)
                    .hasMessage("usage.csv line 3: has 4 columns, the header has 6");
            assertThat(c.rawRow()).isEqualTo("A-2,2025-03-04,login,1");
            assertThat(c.next()).isTrue();
            assertThat(c.text(ACCOUNT_ID)).isEqualTo("A-3");
        }
    }

    @Test
    void reportsAnUnterminatedQuoteAtTheLineWhereItStarts() throws IOException {
        String text = USAGE_HEADER + "A-1,2025-03-04,u,login,1,0\nA-2,2025-03-04,u,\"login\n,1,0\nA-3,x\n";
        try (CsvCursor c = advanced(usage(write("usage.csv", text)), 1)) {
            assertThatThrownBy(c::next).isInstanceOf(DataProblemException.class)
                    .hasMessage("usage.csv line 3: a quoted value starting on this line has no closing quote"
                            + " (the file ends inside it)");
            assertThat(c.next()).isFalse();
        }
    }

    @Test
    void reportsTextAfterAClosingQuote() throws IOException {
        String text = USAGE_HEADER + "A-1,2025-03-04,u,\"log\"in,1,0\nA-2,2025-03-04,u,login,1,0\n";
        try (CsvCursor c = usage(write("usage.csv", text))) {
            assertThatThrownBy(c::next).hasMessage("usage.csv line 2: the value in column 'event' has text after its"
                    + " closing quote (a quote inside a quoted value must be doubled: \"\")");
            assertThat(c.next()).isTrue();
            assertThat(c.text(ACCOUNT_ID)).isEqualTo("A-2");
        }
    }

    @Test
    void reportsATruncatedGzipFile() throws IOException {
        StringBuilder text = new StringBuilder(USAGE_HEADER);
        for (int i = 0; i < 20_000; i++) {
            text.append("A-").append(i).append(",2025-03-04,u-").append(i * 7919 % 10_007).append(",login,1,0\n");
        }
        Path full = writeGzip("full.csv.gz", text.toString());
        byte[] bytes = Files.readAllBytes(full);
        Path cut = write("usage.csv.gz", Arrays.copyOf(bytes, bytes.length / 2));
        try (CsvCursor c = usage(cut)) {
            assertThatThrownBy(() -> {
                while (c.next()) {
                    c.hash(ACCOUNT_ID);
                }
            }).isInstanceOf(InvalidDataException.class)
                    .isNotInstanceOf(DataProblemException.class)
                    .hasMessageStartingWith("usage.csv.gz is damaged: the gzip data ends early (the file is truncated, or"
                            + " was still being written): gzip member 1 (from byte 0) ends inside its compressed data,"
                            + " noticed after line ")
                    .hasMessageEndingWith("; none of its rows are used: restore the file or export it again");
            assertThat(c.rawRow()).as("no row to reject but the damaged rest").isEmpty();
            assertThat(c.next()).isFalse();
        }
    }

    // ---- open errors --------------------------------------------------------------------------------

    @Test
    void namesAMissingRequiredColumnAndListsTheColumnsFound() throws IOException {
        Path file = write("usage.csv", "account_id,user_id,event\n");
        assertThatThrownBy(() -> usage(file)).isInstanceOf(DataProblemException.class)
                .hasMessage("usage.csv: missing required column 'occurred_at'; the file has columns: account_id,"
                        + " user_id, event");
    }

    @Test
    void namesTheMappedNameOfAMissingRequiredColumn() throws IOException {
        Path file = write("usage.csv", "a,b,c\n");
        SourceMapping mapping = new SourceMapping(Source.USAGE, List.of(),
                Map.of("occurred_at", "Event Time", "account_id", "a", "event", "c"), ValueFormats.DEFAULT);
        assertThatThrownBy(() -> new CsvCursor(file, mapping))
                .hasMessage("usage.csv: missing required column 'occurred_at' (mapped from 'Event Time'); the file has"
                        + " columns: a, b, c");
    }

    @Test
    void pointsOutAColumnThatDiffersOnlyInCase() throws IOException {
        Path file = write("usage.csv", "Account_ID,occurred_at,event\n");
        assertThatThrownBy(() -> usage(file)).hasMessage("usage.csv: missing required column 'account_id' (the file"
                + " has 'Account_ID', which differs in case or spaces); the file has columns: Account_ID, occurred_at,"
                + " event");
    }

    @Test
    void pointsOutAFileThatUsesSemicolons() throws IOException {
        Path file = write("usage.csv", "account_id;occurred_at;event\nA-1;2025-03-04;login\n");
        assertThatThrownBy(() -> usage(file)).hasMessageEndingWith(
                "(the file seems to use ';' between values; a book's CSV files use commas; to read it as it is, set"
                        + " delimiter: \";\" for its source in churn.yaml)");
    }

    @Test
    void rejectsTwoColumnsWithTheSameName() throws IOException {
        Path file = write("usage.csv", "account_id,occurred_at,event,account_id\n");
        assertThatThrownBy(() -> usage(file))
                .hasMessage("usage.csv: has two columns named 'account_id' (columns 1 and 4); rename or remove one");
    }

    @Test
    void rejectsAnEmptyFile() throws IOException {
        Path file = write("usage.csv", "");
        assertThatThrownBy(() -> usage(file)).isInstanceOf(DataProblemException.class)
                .hasMessage("usage.csv: is empty (expected a header row with columns account_id, occurred_at, user_id,"
                        + " event, quantity, errors)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n\n", "\uFEFF", "  \r\n"})
    void rejectsAFileWithNothingButBlankLines(String content) throws IOException {
        Path file = write("usage.csv", content);
        assertThatThrownBy(() -> usage(file)).hasMessageStartingWith("usage.csv: is empty (expected a header row");
    }

    @Test
    void rejectsAnEmptyGzipFile() throws IOException {
        Path file = writeGzip("usage.csv.gz", "");
        assertThatThrownBy(() -> usage(file)).hasMessageStartingWith("usage.csv.gz: is empty");
    }

    @Test
    void rejectsABinaryFile() throws IOException {
        Path file = write("usage.csv", new byte[] {'a', ',', 'b', '\n', 1, 0, 2, 3, '\n'});
        assertThatThrownBy(() -> usage(file))
                .hasMessage("usage.csv: is not a text file (line 2 holds a NUL byte); expected UTF-8 CSV text");
    }

    @Test
    void rejectsAGzipFileNamedCsv() throws IOException {
        Path gz = writeGzip("x.gz", USAGE_HEADER);
        Path file = write("usage.csv", Files.readAllBytes(gz));
        assertThatThrownBy(() -> usage(file))
                .hasMessage("usage.csv: is gzip-compressed but its name ends in .csv; rename it to usage.csv.gz");
    }

    @Test
    void rejectsAPlainFileNamedCsvGz() throws IOException {
        Path file = write("usage.csv.gz", USAGE_HEADER);
        assertThatThrownBy(() -> usage(file)).hasMessage("usage.csv.gz: is not gzip-compressed although its name ends"
                + " in .gz; rename it to usage.csv if it is plain CSV");
    }

    @Test
    void rejectsAParquetFileNamedCsv() throws IOException {
        Path file = write("usage.csv", "PAR1\u0015\u0000\u0015garbage".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> usage(file))
                .hasMessage("usage.csv: is a Parquet file, not CSV text; rename it to usage.parquet");
    }

    @Test
    void rejectsAnExcelWorkbookNamedCsv() throws IOException {
        Path file = write("accounts.csv", new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0});
        assertThatThrownBy(() -> new CsvCursor(file, SourceMapping.defaults(Source.ACCOUNTS)))
                .hasMessage("accounts.csv: is a zip archive (an Excel workbook?), not CSV text; export the sheet as CSV UTF-8");
    }

    @Test
    void rejectsUtf16Text() throws IOException {
        Path file = write("usage.csv", ("\uFEFF" + USAGE_HEADER).getBytes(StandardCharsets.UTF_16LE));
        assertThatThrownBy(() -> usage(file)).hasMessage("usage.csv: is UTF-16 text; save it as UTF-8 CSV");
    }

    @Test
    void rejectsLatin1Text() throws IOException {
        Path file = write("accounts.csv", "account_id,account_name,arr\nA-1,Société Générale,100\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> new CsvCursor(file, SourceMapping.defaults(Source.ACCOUNTS)))
                .hasMessage("accounts.csv: is not UTF-8 text (line 2 has the byte 0xE9, which is not valid UTF-8);"
                        + " save the file as UTF-8, or convert it, e.g. with iconv -f WINDOWS-1252 -t UTF-8, or name its"
                        + " encoding in churn.yaml (encoding: windows-1252 for the source)");
    }

    @Test
    void acceptsMultiByteCharactersThatStraddleTheFirstBlock() throws IOException {
        StringBuilder text = new StringBuilder("account_id,account_name,arr\n");
        for (int i = 0; i < 40; i++) {
            text.append("A-").append(i).append(",Zoë 😀 Ltd,100\n");
        }
        for (int bufferBytes = 30; bufferBytes < 40; bufferBytes++) {
            try (CsvCursor c = new CsvCursor(write("accounts.csv", text.toString()), "accounts.csv",
                    SourceMapping.defaults(Source.ACCOUNTS), bufferBytes)) {
                assertThat(advanced(c, 40).text(1)).isEqualTo("Zoë 😀 Ltd");
            }
        }
    }

    @Test
    void usesTheDisplayNameInMessages() throws IOException {
        Path file = write("part-1.csv", USAGE_HEADER + "A-1,2025-03-04,u,login,x,0\n");
        try (CsvCursor c = advanced(new CsvCursor(file, "usage/part-1.csv", SourceMapping.defaults(Source.USAGE)), 1)) {
            assertThat(c.fileName()).isEqualTo("usage/part-1.csv");
            assertThat(c.location()).isEqualTo("usage/part-1.csv line 2");
        }
    }

    // ---- the file's size and hash ----------------------------------------------------------------------

    private static String sha256(Path file) throws IOException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String usageRows(int rows) {
        StringBuilder text = new StringBuilder(USAGE_HEADER);
        for (int i = 0; i < rows; i++) {
            text.append("A-").append(i).append(",2025-03-04,u-").append(i * 7919 % 10_007).append(",login,1,0\n");
        }
        return text.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"usage.csv", "usage.csv.gz"})
    void hashesTheFilesBytesAsStoredWhileReadingThem(String name) throws IOException {
        Path file = name.endsWith(".gz") ? writeGzip(name, usageRows(2_000)) : write(name, usageRows(2_000));
        try (CsvCursor c = new CsvCursor(file, name, SourceMapping.defaults(Source.USAGE), 64, true)) {
            advanced(c, 2_000);
            assertThat(c.next()).isFalse();
            assertThat(c.bytesRead()).as("every byte taken once").isEqualTo(Files.size(file));
            assertThat(c.fileHash()).isEqualTo(new FileHash(Files.size(file), sha256(file)));
            assertThat(c.bytesRead()).as("nothing read again for the hash").isEqualTo(Files.size(file));
        }
    }

    @Test
    void hashesALargeFileOnAHelperThreadToTheSameHash() throws IOException {
        Path file = write("usage.csv", usageRows(160_000));
        assertThat(Files.size(file)).isGreaterThan(BackgroundDigest.INLINE_BYTES + (1 << 20));
        try (CsvCursor c = hashing(file)) {
            advanced(c, 160_000);
            assertThat(c.next()).isFalse();
            assertThat(c.bytesRead()).as("every byte taken once").isEqualTo(Files.size(file));
            assertThat(c.fileHash()).isEqualTo(new FileHash(Files.size(file), sha256(file)));
            assertThat(c.bytesRead()).as("nothing read again for the hash").isEqualTo(Files.size(file));
        }
    }

    @Test
    void hashesBytesThatFollowTheLastGzipMember() throws IOException {
        byte[] gzip = Files.readAllBytes(writeGzip("rows.gz", USAGE_HEADER + "A-1,2025-03-04,u,login,1,0\n"));
        byte[] padded = Arrays.copyOf(gzip, gzip.length + 5); // zeros, as some copy tools leave them
        Path file = write("usage.csv.gz", padded);
        try (CsvCursor c = advanced(hashing(file), 1)) {
            assertThat(c.next()).isFalse();
            assertThat(c.fileHash()).isEqualTo(new FileHash(padded.length, sha256(file)));
        }
    }

    @Test
    void hashesTheWholeFileWhenReadingStopsBeforeTheEnd() throws IOException {
        Path file = write("usage.csv", usageRows(5_000));
        try (CsvCursor c = new CsvCursor(file, "usage.csv", SourceMapping.defaults(Source.USAGE), 64, true)) {
            advanced(c, 3);
            assertThat(c.bytesRead()).isLessThan(Files.size(file));
            assertThat(c.fileHash()).isEqualTo(new FileHash(Files.size(file), sha256(file)));
            assertThat(c.next()).as("no rows after the hash").isFalse();
        }
    }

    @Test
    void hashesAllOfAGzipFileWhoseDataIsCutOff() throws IOException {
        byte[] bytes = Files.readAllBytes(writeGzip("full.csv.gz", usageRows(20_000)));
        Path cut = write("usage.csv.gz", Arrays.copyOf(bytes, bytes.length / 2));
        try (CsvCursor c = hashing(cut)) {
            assertThatThrownBy(() -> {
                while (c.next()) {
                    c.hash(ACCOUNT_ID);
                }
            }).hasMessageContaining(" is damaged: the gzip data ends early (the file is truncated, or was still being"
                    + " written)");
            assertThat(c.fileHash()).isEqualTo(new FileHash(Files.size(cut), sha256(cut)));
        }
    }

    private static CsvCursor hashing(Path file) throws IOException {
        return CsvCursor.openHashing(file, file.getFileName().toString(), SourceMapping.defaults(Source.USAGE));
    }

    @Test
    void aCursorOpenedWithoutHashingHasNoHash() throws IOException {
        try (CsvCursor c = advanced(usage(write("usage.csv", usageRows(10))), 10)) {
            assertThatThrownBy(c::fileHash).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("BookSources.openHashing");
        }
    }

    @Test
    void aHashIsNotTakenAfterTheFileIsClosed() throws IOException {
        CsvCursor c = hashing(write("usage.csv", usageRows(10)));
        advanced(c, 10);
        c.close();

        assertThatThrownBy(c::fileHash).isInstanceOf(IllegalStateException.class);
    }
}
