package org.churnrisk.features.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.churnrisk.features.io.parquet.ParquetTableWriter.optional;
import static org.churnrisk.features.io.parquet.ParquetTableWriter.required;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.churnrisk.core.InvalidDataException;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.FileHash;
import org.churnrisk.features.io.mapping.SourceMapping;
import org.churnrisk.features.io.parquet.ParquetTableWriter.Column;
import org.churnrisk.features.io.parquet.ParquetTableWriter.Kind;
import org.churnrisk.features.io.problems.DataProblemException;
import org.churnrisk.features.io.values.Hashing;
import org.churnrisk.features.io.values.ValueFormats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ParquetCursor} on files written by parquet-java: values, types, codecs, encodings and errors. */
class ParquetCursorTest {

    private static final int ACCOUNT = Source.USAGE.columnNames().indexOf("account_id");
    private static final int OCCURRED = Source.USAGE.columnNames().indexOf("occurred_at");
    private static final int USER = Source.USAGE.columnNames().indexOf("user_id");
    private static final int EVENT = Source.USAGE.columnNames().indexOf("event");
    private static final int QUANTITY = Source.USAGE.columnNames().indexOf("quantity");
    private static final int ERRORS = Source.USAGE.columnNames().indexOf("errors");

    private static final Column[] STRING_USAGE = {
        required("account_id", Kind.STRING), optional("occurred_at", Kind.STRING), optional("user_id", Kind.STRING),
        optional("event", Kind.STRING), optional("quantity", Kind.STRING), optional("errors", Kind.STRING)};
    private static final Column[] NATIVE_USAGE = {
        required("account_id", Kind.STRING), optional("occurred_at", Kind.TIMESTAMP_MICROS),
        optional("user_id", Kind.STRING), optional("event", Kind.STRING), optional("quantity", Kind.INT32),
        optional("errors", Kind.INT64)};

    private static final Instant BASE = Instant.parse("2025-03-04T00:00:00Z");
    private static final String[] EVENTS = {"login", "report_export", "dashboard_view", "LOGIN"};

    @TempDir
    Path dir;

    /** What a caller sees of one usage row: hashes, seconds and numbers, null where blank. */
    record Seen(long account, long occurred, Long user, String event, Long quantity, Long errors) {
    }

    private static Seen expected(int i) {
        return new Seen(Hashing.hash64("A-" + (i % 37)), BASE.getEpochSecond() + i * 61L,
                i % 5 == 0 ? null : Hashing.hash64("u-" + (i % 101)), EVENTS[i % 4],
                i % 7 == 0 ? null : (long) (i % 1000), (long) (i % 3));
    }

    private static Object[] asStrings(int i) {
        Seen s = expected(i);
        return new Object[] {"A-" + (i % 37), Instant.ofEpochSecond(s.occurred()).toString(),
            i % 5 == 0 ? null : "u-" + (i % 101), s.event(), s.quantity() == null ? null : s.quantity().toString(),
            s.errors().toString()};
    }

    private static Object[] asNative(int i) {
        Seen s = expected(i);
        return new Object[] {"A-" + (i % 37), Instant.ofEpochSecond(s.occurred()), i % 5 == 0 ? null : "u-" + (i % 101),
            s.event(), s.quantity() == null ? null : s.quantity().intValue(), s.errors()};
    }

    private static List<Object[]> rows(int n, boolean strings) {
        return IntStream.range(0, n).mapToObj(i -> strings ? asStrings(i) : asNative(i)).toList();
    }

    private static List<Seen> readUsage(Path file) throws IOException {
        return readUsage(file, SourceMapping.defaults(Source.USAGE));
    }

    private static List<Seen> readUsage(Path file, SourceMapping mapping) throws IOException {
        List<Seen> seen = new ArrayList<>();
        try (ParquetCursor rows = new ParquetCursor(file, mapping)) {
            while (rows.next()) {
                seen.add(new Seen(rows.hash(ACCOUNT), rows.epochSecond(OCCURRED),
                        rows.isBlank(USER) ? null : rows.hash(USER), rows.text(EVENT),
                        rows.isBlank(QUANTITY) ? null : rows.integer(QUANTITY),
                        rows.isBlank(ERRORS) ? null : rows.integer(ERRORS)));
            }
        }
        return seen;
    }

    private static List<Seen> expectedRows(int n) {
        return IntStream.range(0, n).mapToObj(ParquetCursorTest::expected).toList();
    }

    private Path usage(Column[] columns, Object[]... rows) throws IOException {
        return ParquetTableWriter.to(dir.resolve("usage.parquet")).columns(columns).write(rows);
    }

    @Test
    void hashesTheWholeFileIncludingColumnsItDoesNotRead() throws IOException {
        Column[] columns = Arrays.copyOf(NATIVE_USAGE, NATIVE_USAGE.length + 1);
        columns[NATIVE_USAGE.length] = optional("note", Kind.STRING);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            Object[] row = Arrays.copyOf(asNative(i), columns.length);
            row[NATIVE_USAGE.length] = "a note nobody reads " + i;
            rows.add(row);
        }
        Path file = ParquetTableWriter.to(dir.resolve("usage.parquet")).rowGroupRows(1_000).columns(columns).write(rows);
        byte[] bytes = Files.readAllBytes(file);
        FileHash expected;
        try {
            expected = new FileHash(bytes.length, java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        try (ParquetCursor c = new ParquetCursor(file, SourceMapping.defaults(Source.USAGE))) {
            int n = 0;
            while (c.next()) {
                n++;
            }
            assertThat(n).isEqualTo(3_000);
            assertThat(c.fileHash()).isEqualTo(expected);
            assertThat(c.fileHash()).as("asked twice").isEqualTo(expected);
        }
    }

    static Stream<Arguments> codecsAndPageFormats() {
        List<Arguments> all = new ArrayList<>();
        for (CompressionCodecName codec : List.of(CompressionCodecName.UNCOMPRESSED, CompressionCodecName.SNAPPY,
                CompressionCodecName.GZIP, CompressionCodecName.ZSTD, CompressionCodecName.LZ4_RAW,
                CompressionCodecName.LZ4)) {
            for (boolean v2 : new boolean[] {false, true}) {
                for (boolean dictionary : new boolean[] {true, false}) {
                    all.add(Arguments.of(codec, v2, dictionary));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, page v2 {1}, dictionary {2}")
    @MethodSource("codecsAndPageFormats")
    void readsEveryCodecPageFormatAndEncoding(CompressionCodecName codec, boolean v2, boolean dictionary)
            throws IOException {
        int n = 6_500;
        Path file = ParquetTableWriter.to(dir.resolve("usage.parquet")).codec(codec).pageV2(v2).dictionary(dictionary)
                .rowGroupRows(3_001).pageRows(700).columns(NATIVE_USAGE).write(rows(n, false));

        assertThat(readUsage(file)).containsExactlyElementsOf(expectedRows(n));
    }

    @Test
    void readsDeltaLengthEncodedStrings() throws IOException {
        int n = 3_000;
        Path file = ParquetTableWriter.to(dir.resolve("usage.parquet")).deltaLengthStrings(true).pageRows(700)
                .columns(NATIVE_USAGE).write(rows(n, false));

        assertThat(readUsage(file)).containsExactlyElementsOf(expectedRows(n));
    }

    @Test
    void readsStringsLikeNativeValues() throws IOException {
        int n = 5_000;
        Path strings = ParquetTableWriter.to(dir.resolve("strings.parquet")).columns(STRING_USAGE).rowGroupRows(2_000)
                .write(rows(n, true));
        Path natives = ParquetTableWriter.to(dir.resolve("native.parquet")).columns(NATIVE_USAGE).rowGroupRows(2_000)
                .write(rows(n, false));

        assertThat(readUsage(strings)).containsExactlyElementsOf(expectedRows(n));
        assertThat(readUsage(natives)).containsExactlyElementsOf(expectedRows(n));
    }

    @Test
    void readsCsvStyleTextValues() throws IOException {
        Path file = usage(STRING_USAGE,
                new Object[] {"A-1001", "2025-03-04", "u-17", "login", "3", "0"},
                new Object[] {" A-1001 ", "2025-03-04T10:15:30Z", "u-17", "report_export", "12", "1"},
                new Object[] {"A-1003", "2025-03-04T14:02:11.250+01:00", "", "login", "", null},
                new Object[] {"A-1004", "2025-03-04T14:02", null, "login", "+7", "-2"});

        try (ParquetCursor rows = new ParquetCursor(file, SourceMapping.defaults(Source.USAGE))) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.epochSecond(OCCURRED)).isEqualTo(Instant.parse("2025-03-04T00:00:00Z").getEpochSecond());
            assertThat(rows.integer(QUANTITY)).isEqualTo(3);
            assertThat(rows.next()).isTrue();
            assertThat(rows.hash(ACCOUNT)).isEqualTo(Hashing.hash64("A-1001"));
            assertThat(rows.text(ACCOUNT)).isEqualTo("A-1001");
            assertThat(rows.epochSecond(OCCURRED)).isEqualTo(Instant.parse("2025-03-04T10:15:30Z").getEpochSecond());
            assertThat(rows.next()).isTrue();
            assertThat(rows.epochSecond(OCCURRED)).isEqualTo(Instant.parse("2025-03-04T13:02:11Z").getEpochSecond());
            assertThat(rows.isBlank(USER)).isTrue();
            assertThat(rows.isBlank(QUANTITY)).isTrue();
            assertThat(rows.isBlank(ERRORS)).isTrue();
            assertThat(rows.next()).isTrue();
            assertThat(rows.epochSecond(OCCURRED)).isEqualTo(Instant.parse("2025-03-04T14:02:00Z").getEpochSecond());
            assertThat(rows.integer(QUANTITY)).isEqualTo(7);
            assertThat(rows.integer(ERRORS)).isEqualTo(-2);
            assertThat(rows.next()).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("optionalUsageColumns")
    void nullsAreBlank(int column) throws IOException {
        Path file = usage(NATIVE_USAGE, new Object[] {"A-1", null, null, null, null, null});

        try (ParquetCursor rows = new ParquetCursor(file, SourceMapping.defaults(Source.USAGE))) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.present(column)).isTrue();
            assertThat(rows.isBlank(column)).isTrue();
            assertThat(rows.text(column)).isNull();
            assertThat(rows.hash(column)).isZero();
            assertThat(rows.rawRow()).isEqualTo("A-1,,,,,");
        }
    }

    static IntStream optionalUsageColumns() {
        return IntStream.of(OCCURRED, USER, EVENT, QUANTITY, ERRORS);
    }

    @Test
    void aBlankValueReadAsANumberIsAProblemAtItsRow() throws IOException {
        Path file = usage(NATIVE_USAGE, new Object[] {"A-1", BASE, "u", "login", null, 0L});

        try (ParquetCursor rows = new ParquetCursor(file, SourceMapping.defaults(Source.USAGE))) {
            rows.next();
            assertThatThrownBy(() -> rows.integer(QUANTITY)).isInstanceOf(DataProblemException.class)
                    .hasMessage("usage.parquet row 1: column 'quantity' is blank (expected a whole number)");
        }
    }

    @Test
    void aBadTextValueIsAProblemAndTheCursorGoesOn() throws IOException {
        Path file = usage(STRING_USAGE,
                new Object[] {"A-1", "2025-03-04", "u", "login", "3", "0"},
                new Object[] {"A-1", "2025-03-04", "u", "login", "abc", "0"},
                new Object[] {"A-1", "2025-13-01", "u", "login", "4", "0"});

        try (ParquetCursor rows = new ParquetCursor(file, SourceMapping.defaults(Source.USAGE))) {
            rows.next();
            rows.next();
            assertThatThrownBy(() -> rows.integer(QUANTITY)).isInstanceOf(DataProblemException.class)
                    .hasMessage("usage.parquet row 2: column 'quantity' value 'abc' is not a whole number"
                            + " (expected digits such as 42)")
                    .extracting(e -> ((DataProblemException) e).location()).isEqualTo("usage.parquet row 2");
            assertThat(rows.next()).isTrue();
            assertThat(rows.integer(QUANTITY)).isEqualTo(4);
            assertThatThrownBy(() -> rows.epochSecond(OCCURRED)).isInstanceOf(DataProblemException.class)
                    .hasMessageStartingWith("usage.parquet row 3: column 'occurred_at' value '2025-13-01' is not a"
                            + " timestamp");
        }
    }

    @Test
    void locationCountsRowsAcrossRowGroupsWithThousandsSeparators() throws IOException {
        Path file = ParquetTableWriter.to(dir.resolve("usage.parquet")).columns(NATIVE_USAGE).rowGroupRows(1_000)
                .write(rows(1_500, false));

        try (ParquetCursor rows = new ParquetCursor(file, SourceMapping.defaults(Source.USAGE))) {
            for (int i = 0; i < 1_204; i++) {
                rows.next();
            }
            assertThat(rows.location()).isEqualTo("usage.parquet row 1,204");
            assertThat(rows.rowCount()).isEqualTo(1_500);
        }
    }

    @Test
    void aPartFileIsNamedWithItsFolder() throws IOException {
        Files.createDirectories(dir.resolve("usage"));
        Path file = ParquetTableWriter.to(dir.resolve("usage/part-0001.parquet")).columns(NATIVE_USAGE)
                .write(rows(1, false));

        try (ParquetCursor rows = new ParquetCursor(file, SourceMapping.defaults(Source.USAGE))) {
            rows.next();
            assertThat(rows.fileName()).isEqualTo("usage/part-0001.parquet");
            assertThat(rows.location()).isEqualTo("usage/part-0001.parquet row 1");
        }
    }

    @Test
    void rawRowIsCsvOfTheMappedColumnsInCanonicalOrder() throws IOException {
        Path file = ParquetTableWriter.to(dir.resolve("usage.parquet"))
                .columns(optional("event", Kind.STRING), required("account_id", Kind.STRING),
                        optional("occurred_at", Kind.TIMESTAMP_MILLIS), optional("extra", Kind.INT32))
                .write(new Object[] {"say \"hi\", then leave", "A-1", Instant.parse("2025-03-04T10:15:30.5Z"), 9});

        try (ParquetCursor rows = new ParquetCursor(file, SourceMapping.defaults(Source.USAGE))) {
            rows.next();
            assertThat(rows.present(USER)).isFalse();
            assertThat(rows.rawRow()).isEqualTo("A-1,2025-03-04T10:15:30.500Z,,\"say \"\"hi\"\", then leave\",,");
        }
    }

    @Test
    void columnsAreFoundThroughTheMapping() throws IOException {
        Path file = ParquetTableWriter.to(dir.resolve("usage.parquet"))
                .columns(required("account_id", Kind.STRING), optional("ts", Kind.TIMESTAMP_MICROS),
                        optional("event", Kind.STRING), optional("qty", Kind.INT32))
                .write(new Object[] {"A-1", BASE, "login", 5});
        SourceMapping mapping = new SourceMapping(Source.USAGE, List.of(),
                Map.of("occurred_at", "ts", "quantity", "qty"), ValueFormats.DEFAULT);

        try (ParquetCursor rows = new ParquetCursor(file, mapping)) {
            rows.next();
            assertThat(rows.hash(ACCOUNT)).isEqualTo(Hashing.hash64("A-1"));
            assertThat(rows.epochSecond(OCCURRED)).isEqualTo(BASE.getEpochSecond());
            assertThat(rows.text(EVENT)).isEqualTo("login");
            assertThat(rows.integer(QUANTITY)).isEqualTo(5);
            assertThat(rows.present(ERRORS)).isFalse();
            assertThat(rows.problem(QUANTITY, "is not a count").getMessage())
                    .isEqualTo("usage.parquet row 1: column 'quantity' ('qty') value '5' is not a count");
        }
    }

    @Test
    void aMissingRequiredColumnIsNamedWithTheColumnsFound() throws IOException {
        Path file = ParquetTableWriter.to(dir.resolve("usage.parquet"))
                .columns(required("account_id", Kind.STRING), optional("when", Kind.TIMESTAMP_MICROS),
                        optional("event", Kind.STRING))
                .write(new Object[] {"A-1", BASE, "login"});

        assertThatThrownBy(() -> new ParquetCursor(file, SourceMapping.defaults(Source.USAGE)))
                .isInstanceOf(DataProblemException.class)
                .hasMessage("usage.parquet: missing required column 'occurred_at'; the file has columns:"
                        + " account_id, when, event");
    }

    @Test
    void aColumnWhoseTypeCannotHoldTheValueFailsAtOpen() throws IOException {
        Path file = ParquetTableWriter.to(dir.resolve("usage.parquet"))
                .columns(required("account_id", Kind.STRING), optional("occurred_at", Kind.TIMESTAMP_MICROS),
                        optional("event", Kind.STRING), optional("quantity", Kind.BOOLEAN))
                .write(new Object[] {"A-1", BASE, "login", true});

        assertThatThrownBy(() -> new ParquetCursor(file, SourceMapping.defaults(Source.USAGE)))
                .isInstanceOf(DataProblemException.class)
                .hasMessage("usage.parquet: column 'quantity' has Parquet type BOOLEAN"
                        + " (expected a whole number: INT32, INT64, DECIMAL, DOUBLE, FLOAT or a string)");
    }

    @Test
    void aTimestampStoredAsBooleanFailsAtOpen() throws IOException {
        Path file = ParquetTableWriter.to(dir.resolve("usage.parquet"))
                .columns(required("account_id", Kind.STRING), optional("occurred_at", Kind.BOOLEAN),
                        optional("event", Kind.STRING))
                .write(new Object[] {"A-1", true, "login"});

        assertThatThrownBy(() -> new ParquetCursor(file, SourceMapping.defaults(Source.USAGE)))
                .isInstanceOf(DataProblemException.class)
                .hasMessage("usage.parquet: column 'occurred_at' has Parquet type BOOLEAN"
                        + " (expected a timestamp: TIMESTAMP, INT96, DATE or a string)");
    }

    @Test
    void aTimeOfDayColumnIsNotATimestamp() throws IOException {
        Path file = ParquetTableWriter.to(dir.resolve("usage.parquet"))
                .columns(required("account_id", Kind.STRING), optional("occurred_at", Kind.TIME_MILLIS),
                        optional("event", Kind.STRING))
                .write(new Object[] {"A-1", 1_000, "login"});

        assertThatThrownBy(() -> new ParquetCursor(file, SourceMapping.defaults(Source.USAGE)))
                .isInstanceOf(DataProblemException.class)
                .hasMessageContaining("column 'occurred_at' has Parquet type INT32 (TIME)");
    }

    @Test
    void aCsvFileNamedParquetIsNotParquet() throws IOException {
        Path file = dir.resolve("usage.parquet");
        Files.writeString(file, "account_id,occurred_at,user_id,event,quantity,errors\nA-1,2025-03-04,u,login,1,0\n");

        assertThatThrownBy(() -> new ParquetCursor(file, SourceMapping.defaults(Source.USAGE)))
                .isInstanceOf(DataProblemException.class)
                .hasMessage("usage.parquet: is not a Parquet file: it does not start with the marker PAR1;"
                        + " it looks like text: if it is CSV, rename it to usage.csv");
    }

    @Test
    void anEmptyFileIsNotParquet() throws IOException {
        Path file = Files.write(dir.resolve("usage.parquet"), new byte[0]);

        assertThatThrownBy(() -> new ParquetCursor(file, SourceMapping.defaults(Source.USAGE)))
                .isInstanceOf(DataProblemException.class)
                .hasMessage("usage.parquet: is not a Parquet file: it is only 0 bytes long");
    }

    @Test
    void aFileCutOffIsIncomplete() throws IOException {
        Path file = usage(NATIVE_USAGE, asNative(0), asNative(1));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));

        assertThatThrownBy(() -> new ParquetCursor(file, SourceMapping.defaults(Source.USAGE)))
                .isInstanceOf(DataProblemException.class)
                .hasMessageStartingWith("usage.parquet: is not a complete Parquet file");
    }

    @Test
    void aDamagedFooterIsReportedAsDamaged() throws IOException {
        Path file = usage(NATIVE_USAGE, asNative(0), asNative(1));
        byte[] bytes = Files.readAllBytes(file);
        int footerLength = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        Arrays.fill(bytes, bytes.length - 8 - footerLength, bytes.length - 8, (byte) 0x7f);
        Files.write(file, bytes);

        assertThatThrownBy(() -> new ParquetCursor(file, SourceMapping.defaults(Source.USAGE)))
                .isInstanceOf(DataProblemException.class)
                .hasMessageStartingWith("usage.parquet: is a damaged Parquet file");
    }

    @Test
    void damagedPagesStopTheRunWithTheRowsAffected() throws IOException {
        Path file = usage(NATIVE_USAGE, asNative(0), asNative(1));
        byte[] bytes = Files.readAllBytes(file);
        Arrays.fill(bytes, 4, 24, (byte) 0xff); // the first page header of the first column
        Files.write(file, bytes);

        try (ParquetCursor rows = new ParquetCursor(file, SourceMapping.defaults(Source.USAGE))) {
            assertThatThrownBy(rows::next).isInstanceOf(InvalidDataException.class)
                    .isNotInstanceOf(DataProblemException.class)
                    .hasMessageStartingWith("usage.parquet rows 1 to 2: column 'account_id' cannot be decoded");
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void aZeroRowFileHasNoRows() throws IOException {
        Path file = usage(NATIVE_USAGE);

        try (ParquetCursor rows = new ParquetCursor(file, SourceMapping.defaults(Source.USAGE))) {
            assertThat(rows.rowCount()).isZero();
            assertThat(rows.next()).isFalse();
            assertThat(rows.next()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"BROTLI", "LZO"})
    void anUnsupportedCodecFailsAtOpen(CompressionCodecName codec) throws IOException {
        Path file = ParquetTableWriter.to(dir.resolve("usage.parquet")).codec(codec).columns(NATIVE_USAGE)
                .write(asNative(0));

        assertThatThrownBy(() -> new ParquetCursor(file, SourceMapping.defaults(Source.USAGE)))
                .isInstanceOf(DataProblemException.class)
                .hasMessageStartingWith("usage.parquet: column 'account_id' uses " + codec
                        + " compression, which is not supported");
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"TIMESTAMP_MILLIS", "TIMESTAMP_MICROS", "TIMESTAMP_NANOS", "INT96"})
    void instantsKeepTheirSecondsWhateverTheZone(Kind kind) throws IOException {
        Instant t = Instant.parse("1969-12-31T23:59:58.750Z");
        Path file = usageWithOccurredAt(kind, t);

        try (ParquetCursor rows = new ParquetCursor(file, mapping(ZoneId.of("America/New_York")))) {
            rows.next();
            assertThat(rows.epochSecond(OCCURRED)).isEqualTo(-2);
            assertThat(rows.epochDay(OCCURRED)).isEqualTo(LocalDate.parse("1969-12-31").toEpochDay());
            assertThat(rows.text(OCCURRED)).isEqualTo("1969-12-31T23:59:58.750Z");
        }
    }

    @Test
    void localTimestampsAreReadInTheZone() throws IOException {
        Path file = usageWithOccurredAt(Kind.LOCAL_TIMESTAMP_MICROS, LocalDateTime.parse("2025-07-01T10:00:00"));

        try (ParquetCursor rows = new ParquetCursor(file, mapping(ZoneId.of("Europe/Berlin")))) {
            rows.next();
            assertThat(rows.epochSecond(OCCURRED)).isEqualTo(Instant.parse("2025-07-01T08:00:00Z").getEpochSecond());
            assertThat(rows.text(OCCURRED)).isEqualTo("2025-07-01T10:00:00");
        }
    }

    @Test
    void aDateInATimestampColumnIsTheStartOfTheDayInTheZone() throws IOException {
        Path file = usageWithOccurredAt(Kind.DATE, LocalDate.parse("2025-01-15"));

        try (ParquetCursor rows = new ParquetCursor(file, mapping(ZoneId.of("Europe/Berlin")))) {
            rows.next();
            assertThat(rows.epochSecond(OCCURRED)).isEqualTo(Instant.parse("2025-01-14T23:00:00Z").getEpochSecond());
            assertThat(rows.epochDay(OCCURRED)).isEqualTo(LocalDate.parse("2025-01-15").toEpochDay());
        }
    }

    @Test
    void localTextIsReadInTheZone() throws IOException {
        Path file = usageWithOccurredAt(Kind.STRING, "2025-01-15T00:30:00");

        try (ParquetCursor rows = new ParquetCursor(file, mapping(ZoneId.of("Europe/Berlin")))) {
            rows.next();
            assertThat(rows.epochSecond(OCCURRED)).isEqualTo(Instant.parse("2025-01-14T23:30:00Z").getEpochSecond());
        }
    }

    @Test
    void extraTimestampPatternsApplyToText() throws IOException {
        Path file = usageWithOccurredAt(Kind.STRING, "2025-03-04 10:15");
        SourceMapping mapping = new SourceMapping(Source.USAGE, List.of(), Map.of(), new ValueFormats(
                ZoneId.of("UTC"), List.of(), List.of("yyyy-MM-dd H:mm"), List.of("true"), List.of("false")));

        try (ParquetCursor rows = new ParquetCursor(file, mapping)) {
            rows.next();
            assertThat(rows.epochSecond(OCCURRED)).isEqualTo(Instant.parse("2025-03-04T10:15:00Z").getEpochSecond());
        }
    }

    @Test
    void wholeNumbersMayComeAsDecimalsOrDoubles() throws IOException {
        Path file = ParquetTableWriter.to(dir.resolve("usage.parquet"))
                .columns(required("account_id", Kind.STRING), optional("occurred_at", Kind.DATE),
                        optional("event", Kind.STRING), optional("quantity", Kind.DOUBLE),
                        optional("errors", Kind.DECIMAL_INT64))
                .write(new Object[] {"A-1", LocalDate.parse("2025-03-04"), "x", 3.0, new BigDecimal("2.00")},
                        new Object[] {"A-1", LocalDate.parse("2025-03-04"), "x", 3.5, new BigDecimal("2.50")},
                        new Object[] {"A-1", LocalDate.parse("2025-03-04"), "x", Double.NaN, null});

        try (ParquetCursor rows = new ParquetCursor(file, SourceMapping.defaults(Source.USAGE))) {
            rows.next();
            assertThat(rows.integer(QUANTITY)).isEqualTo(3);
            assertThat(rows.integer(ERRORS)).isEqualTo(2);
            rows.next();
            assertThatThrownBy(() -> rows.integer(QUANTITY)).isInstanceOf(DataProblemException.class)
                    .hasMessageContaining("value '3.5' is not a whole number (expected digits such as 42)");
            assertThatThrownBy(() -> rows.integer(ERRORS)).isInstanceOf(DataProblemException.class)
                    .hasMessageContaining("value '2.50' is not a whole number (expected digits such as 42)");
            rows.next();
            assertThat(rows.isBlank(QUANTITY)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"DECIMAL_INT64", "DECIMAL_FIXED", "DOUBLE", "STRING"})
    void decimalsReadAsTheirCsvText(Kind kind) throws IOException {
        Path file = ParquetTableWriter.to(dir.resolve("accounts.parquet"))
                .columns(required("account_id", Kind.STRING), optional("arr", kind))
                .write(new Object[] {"A-1", decimalValue(kind, "12500.50")},
                        new Object[] {"A-2", decimalValue(kind, "-0.07")});

        try (ParquetCursor rows = new ParquetCursor(file, SourceMapping.defaults(Source.ACCOUNTS))) {
            int arr = Source.ACCOUNTS.columnNames().indexOf("arr");
            rows.next();
            assertThat(rows.decimal(arr)).isEqualTo(Double.parseDouble("12500.50"));
            rows.next();
            assertThat(rows.decimal(arr)).isEqualTo(Double.parseDouble("-0.07"));
        }
    }

    @Test
    void readsByteStreamSplitDoubles() throws IOException {
        int arr = Source.ACCOUNTS.columnNames().indexOf("arr");
        List<Double> values = IntStream.range(0, 3_000).mapToObj(i -> i % 11 == 0 ? null : i * 1.25).toList();
        Path file = ParquetTableWriter.to(dir.resolve("accounts.parquet")).byteStreamSplit(true).pageRows(1_000)
                .columns(required("account_id", Kind.STRING), optional("arr", Kind.DOUBLE))
                .write(values.stream().map(v -> new Object[] {"A-1", v}).toList());

        List<Double> seen = new ArrayList<>();
        try (ParquetCursor rows = new ParquetCursor(file, SourceMapping.defaults(Source.ACCOUNTS))) {
            while (rows.next()) {
                seen.add(rows.isBlank(arr) ? null : rows.decimal(arr));
            }
        }
        assertThat(seen).isEqualTo(values);
    }

    private static Object decimalValue(Kind kind, String text) {
        return switch (kind) {
            case DOUBLE -> Double.parseDouble(text);
            case STRING -> text;
            default -> new BigDecimal(text);
        };
    }

    @Test
    void idsStoredAsNumbersHashLikeTheirText() throws IOException {
        Path file = ParquetTableWriter.to(dir.resolve("usage.parquet"))
                .columns(required("account_id", Kind.INT64), optional("occurred_at", Kind.TIMESTAMP_MILLIS),
                        optional("user_id", Kind.INT32), optional("event", Kind.STRING))
                .write(new Object[] {1001L, BASE, -17, "login"});

        try (ParquetCursor rows = new ParquetCursor(file, SourceMapping.defaults(Source.USAGE))) {
            rows.next();
            assertThat(rows.hash(ACCOUNT)).isEqualTo(Hashing.hash64("1001"));
            assertThat(rows.hash(USER)).isEqualTo(Hashing.hash64("-17"));
            assertThat(rows.text(USER)).isEqualTo("-17");
        }
    }

    static Stream<Arguments> booleanKinds() {
        return Stream.of(Kind.BOOLEAN, Kind.STRING, Kind.INT32)
                .flatMap(kind -> Stream.of(Arguments.of(kind, false), Arguments.of(kind, true)));
    }

    @ParameterizedTest(name = "{0}, page v2 {1}")
    @MethodSource("booleanKinds")
    void booleansComeNativeAsSpellingsOrAsZeroAndOne(Kind kind, boolean v2) throws IOException {
        int escalated = Source.TICKETS.columnNames().indexOf("escalated");
        Object yes = kind == Kind.BOOLEAN ? true : kind == Kind.STRING ? "Yes" : 1;
        Object no = kind == Kind.BOOLEAN ? false : kind == Kind.STRING ? "n" : 0;
        Path file = ParquetTableWriter.to(dir.resolve("tickets.parquet")).pageV2(v2)
                .columns(required("ticket_id", Kind.STRING), required("account_id", Kind.STRING),
                        required("created_at", Kind.TIMESTAMP_MICROS), optional("escalated", kind))
                .write(new Object[] {"T-1", "A-1", BASE, yes}, new Object[] {"T-2", "A-1", BASE, no},
                        new Object[] {"T-3", "A-1", BASE, null});

        List<Boolean> seen = new ArrayList<>();
        try (ParquetCursor rows = new ParquetCursor(file, SourceMapping.defaults(Source.TICKETS))) {
            while (rows.next()) {
                seen.add(rows.isBlank(escalated) ? null : rows.bool(escalated));
            }
        }
        assertThat(seen).containsExactly(true, false, null);
    }

    @Test
    void anAllNullColumnFitsAnyType() throws IOException {
        Path file = ParquetTableWriter.to(dir.resolve("usage.parquet"))
                .columns(required("account_id", Kind.STRING), optional("occurred_at", Kind.TIMESTAMP_MICROS),
                        optional("event", Kind.STRING), optional("quantity", Kind.NULL))
                .write(new Object[] {"A-1", BASE, "login", null});

        try (ParquetCursor rows = new ParquetCursor(file, SourceMapping.defaults(Source.USAGE))) {
            rows.next();
            assertThat(rows.present(QUANTITY)).isTrue();
            assertThat(rows.isBlank(QUANTITY)).isTrue();
        }
    }

    @Test
    void textIsTrimmedAndHashedLikeCsv() throws IOException {
        Path file = usage(STRING_USAGE, new Object[] {"  Ünïcode-1\t", "2025-03-04", "   ", "login", null, null});

        try (ParquetCursor rows = new ParquetCursor(file, SourceMapping.defaults(Source.USAGE))) {
            rows.next();
            assertThat(rows.text(ACCOUNT)).isEqualTo("Ünïcode-1");
            assertThat(rows.hash(ACCOUNT)).isEqualTo(Hashing.hash64("Ünïcode-1".getBytes(StandardCharsets.UTF_8), 0,
                    "Ünïcode-1".getBytes(StandardCharsets.UTF_8).length));
            assertThat(rows.isBlank(USER)).isTrue();
            assertThat(rows.hash(USER)).isZero();
        }
    }

    /**
     * Two row groups with different dictionaries for user_id: the second is smaller, and its ids
     * name other values (a blank one among them), so nothing derived from the first may leak.
     * Each group repeats its values so that parquet-java keeps the dictionary.
     */
    static Stream<Arguments> dictionaryUsers() {
        String[] first = {" u-1 ", "", "u-2", "\t", "u-2", " u-1 ", "Ünï", "   "};
        String[] second = {"u-3", "  ", "u-3", "u-1", "  ", "u-3", "u-1", "u-3"};
        List<String> users = new ArrayList<>();
        for (String[] group : List.of(first, second)) {
            for (int i = 0; i < 5; i++) {
                users.addAll(List.of(group));
            }
        }
        return Stream.of(false, true).map(v2 -> Arguments.of(v2, users));
    }

    @ParameterizedTest(name = "page v2 {0}")
    @MethodSource("dictionaryUsers")
    void dictionaryEntriesAreTrimmedBlankAndHashedLikeCsvInEveryRowGroup(boolean v2, List<String> users)
            throws IOException {
        List<Object[]> rows = new ArrayList<>();
        for (String user : users) {
            rows.add(new Object[] {"A-1", "2025-03-04", user, "login", null, null});
        }
        Path file = ParquetTableWriter.to(dir.resolve("usage.parquet")).pageV2(v2).rowGroupRows(users.size() / 2)
                .pageRows(7).columns(STRING_USAGE).write(rows);
        assertThat(chunkEncodings(file, "user_id")).hasSize(2)
                .allMatch(chunk -> chunk.stream().anyMatch(e -> e.name().endsWith("_DICTIONARY")));

        List<String> blank = new ArrayList<>();
        List<Long> hashes = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        try (ParquetCursor cursor = new ParquetCursor(file, SourceMapping.defaults(Source.USAGE))) {
            while (cursor.next()) {
                blank.add(cursor.isBlank(USER) ? "blank" : "present");
                hashes.add(cursor.hash(USER));
                texts.add(cursor.text(USER));
            }
        }

        List<String> trimmed = users.stream().map(String::trim).toList();
        assertThat(texts).containsExactlyElementsOf(trimmed.stream().map(t -> t.isEmpty() ? null : t).toList());
        assertThat(blank).containsExactlyElementsOf(trimmed.stream().map(t -> t.isEmpty() ? "blank" : "present")
                .toList());
        assertThat(hashes).containsExactlyElementsOf(trimmed.stream().map(t -> t.isEmpty() ? 0L : Hashing.hash64(t))
                .toList());
    }

    /**
     * A dictionary that fills up part way through a column chunk: its first pages are dictionary ids,
     * the rest plain values, and both must read alike, whether a row's blankness is asked before
     * its hash (as the usage decoder does) or not at all.
     */
    @ParameterizedTest(name = "page v2 {0}")
    @ValueSource(booleans = {false, true})
    void dictionaryAndPlainPagesOfOneChunkReadAlike(boolean v2) throws IOException {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            // a few users at first, so that the dictionary pays; then new ones, until it is full
            int user = i < 1_000 ? i % 20 : i;
            users.add(switch (i % 13) {
                case 0 -> null;
                case 1 -> "   ";
                case 2 -> " padded-" + (user % 50) + " ";
                default -> "user-" + user;
            });
        }
        List<Object[]> rows = users.stream().map(u -> new Object[] {"A-1", "2025-03-04", u, "login", null, null})
                .toList();
        Path file = ParquetTableWriter.to(dir.resolve("usage.parquet")).pageV2(v2).dictionaryPageBytes(2_000)
                .pageRows(250).columns(STRING_USAGE).write(rows);
        assertThat(chunkEncodings(file, "user_id")).singleElement()
                .satisfies(chunk -> assertThat(chunk).anyMatch(e -> e.name().endsWith("_DICTIONARY"))
                        .anyMatch(e -> e == org.apache.parquet.format.Encoding.PLAIN
                                || e == org.apache.parquet.format.Encoding.DELTA_BYTE_ARRAY));

        List<Long> hashesAfterBlank = new ArrayList<>();
        List<Long> hashesAlone = new ArrayList<>();
        List<Boolean> blanks = new ArrayList<>();
        try (ParquetCursor cursor = new ParquetCursor(file, SourceMapping.defaults(Source.USAGE))) {
            while (cursor.next()) {
                boolean blank = cursor.isBlank(USER);
                blanks.add(blank);
                hashesAfterBlank.add(blank ? 0L : cursor.hash(USER));
            }
        }
        try (ParquetCursor cursor = new ParquetCursor(file, SourceMapping.defaults(Source.USAGE))) {
            while (cursor.next()) {
                hashesAlone.add(cursor.hash(USER));
            }
        }

        List<Long> expected = users.stream().map(u -> u == null || u.isBlank() ? 0L : Hashing.hash64(u.trim()))
                .toList();
        assertThat(hashesAfterBlank).containsExactlyElementsOf(expected);
        assertThat(hashesAlone).containsExactlyElementsOf(expected);
        assertThat(blanks).containsExactlyElementsOf(expected.stream().map(h -> h == 0).toList());
    }

    /** The encodings of each of a column's chunks, from the footer. */
    private static List<List<org.apache.parquet.format.Encoding>> chunkEncodings(Path file, String column)
            throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            ParquetFooter footer = ParquetFooter.read(ch, file.getFileName().toString());
            List<List<org.apache.parquet.format.Encoding>> all = new ArrayList<>();
            for (var group : footer.meta.getRow_groups()) {
                for (var chunk : group.getColumns()) {
                    if (chunk.getMeta_data().getPath_in_schema().equals(List.of(column))) {
                        all.add(chunk.getMeta_data().getEncodings());
                    }
                }
            }
            return all;
        }
    }

    @Test
    void aNameThatDiffersInCaseIsMissingWithAHint() throws IOException {
        Path file = ParquetTableWriter.to(dir.resolve("usage.parquet"))
                .columns(required("ACCOUNT_ID", Kind.STRING), optional("occurred_at", Kind.TIMESTAMP_MICROS),
                        optional("event", Kind.STRING))
                .write(new Object[] {"A-1", BASE, "login"});

        assertThatThrownBy(() -> new ParquetCursor(file, SourceMapping.defaults(Source.USAGE)))
                .isInstanceOf(DataProblemException.class)
                .hasMessage("usage.parquet: missing required column 'account_id' (the file has 'ACCOUNT_ID', which"
                        + " differs in case or spaces); the file has columns: ACCOUNT_ID, occurred_at, event");
    }

    @Test
    void aGzipFileNamedParquetGetsAHint() throws IOException {
        Path file = Files.write(dir.resolve("usage.parquet"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0});

        assertThatThrownBy(() -> new ParquetCursor(file, SourceMapping.defaults(Source.USAGE)))
                .isInstanceOf(DataProblemException.class)
                .hasMessageEndingWith("it is gzip data: if it is gzipped CSV, rename it to usage.csv.gz");
    }

    @Test
    void aValueOfTheWrongKindForItsAccessorIsAProblem() throws IOException {
        Path file = usage(NATIVE_USAGE, new Object[] {"A-1", BASE, "u", "login", 3, 0L});

        try (ParquetCursor rows = new ParquetCursor(file, SourceMapping.defaults(Source.USAGE))) {
            rows.next();
            assertThatThrownBy(() -> rows.epochSecond(QUANTITY)).isInstanceOf(DataProblemException.class)
                    .hasMessageStartingWith("usage.parquet row 1: column 'quantity' value '3' is not a timestamp");
        }
    }

    private Path usageWithOccurredAt(Kind kind, Object value) throws IOException {
        return ParquetTableWriter.to(dir.resolve("usage-" + kind + ".parquet"))
                .columns(required("account_id", Kind.STRING), optional("occurred_at", kind),
                        optional("event", Kind.STRING))
                .write(new Object[] {"A-1", value, "login"});
    }

    private static SourceMapping mapping(ZoneId zone) {
        return new SourceMapping(Source.USAGE, List.of(), Map.of(), new ValueFormats(zone, List.of(), List.of(),
                List.of("true"), List.of("false")));
    }
}
