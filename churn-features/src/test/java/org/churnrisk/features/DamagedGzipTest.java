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
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.churnrisk.core.InvalidDataException;
import org.churnrisk.core.contract.Source;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.features.io.problems.DataProblemException;
import org.churnrisk.features.validate.BookValidator;
import org.churnrisk.features.validate.ValidationReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code usage.csv.gz} that is truncated, has a flipped bit or fails its CRC-32 or length
 * check is a problem of the whole file, with or without skipping bad rows: the run stops naming
 * the file and saying that it is damaged, never with a column-count error for the garbage that
 * damaged deflate data can decode to, and no feature table is made from the rows read before the
 * damage showed. Valid concatenated members (as {@code cat a.gz b.gz} or parallel compressors
 * write them) read as one file.
 */
class DamagedGzipTest {
    private static final LocalDate AS_OF = LocalDate.of(2025, 4, 1);
    private static final int ROWS = 30_000;

    @TempDir
    Path book;
    @TempDir
    Path rejects;

    byte[] usage;
    byte[] gzipped;

    @BeforeEach
    void writeTheBook() throws IOException {
        Files.writeString(book.resolve("accounts.csv"), BadInputTest.ACCOUNTS
                + "A-1001,Acme Corp,42000,60,2024-01-01,2026-01-01,growth,dana.lee\n"
                + "A-1002,Globex,9500,12,2024-06-01,2025-06-01,,sam.ortiz\n");
        Files.writeString(book.resolve("tickets.csv"), BadInputTest.TICKETS);
        Files.writeString(book.resolve("surveys.csv"), BadInputTest.SURVEYS);
        StringBuilder text = new StringBuilder(BadInputTest.USAGE);
        String[] events = {"login", "report_export", "dashboard_view", "integration_sync"};
        for (int i = 0; i < ROWS; i++) {
            // Varied enough that deflate builds real Huffman tables rather than a few long matches.
            text.append(i % 3 == 0 ? "A-1002" : "A-1001").append(",2025-0").append(1 + i % 3).append('-')
                    .append(String.format("%02d", 1 + i * 7 % 28)).append("T").append(String.format("%02d", i * 13 % 24))
                    .append(":").append(String.format("%02d", i * 31 % 60)).append(":00Z,u-").append(i * 7919 % 997)
                    .append(',').append(events[i * 5 % 4]).append(',').append(1 + i % 17).append(',')
                    .append(i % 11 == 0 ? 1 : 0).append('\n');
        }
        usage = text.toString().getBytes(StandardCharsets.UTF_8);
        gzipped = gzip(usage);
    }

    enum Skipping { STOP, SKIP }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private List<FeatureTable> extract(byte[] usageGz, Skipping skipping) throws IOException {
        Files.write(book.resolve("usage.csv.gz"), usageGz);
        ReadOptions options = ReadOptions.forBook(book);
        if (skipping == Skipping.SKIP) {
            options = options.withBadRows(BadRows.SKIP, rejects);
        }
        List<FeatureTable> tables = new ArrayList<>();
        FeatureExtractor.create(FeatureConfig.DEFAULT).extract(book, options, List.of(AS_OF), tables::add);
        return tables;
    }

    private void assertDamaged(byte[] usageGz, Skipping skipping, String detail) {
        List<FeatureTable> tables = new ArrayList<>();
        assertThatThrownBy(() -> tables.addAll(extract(usageGz, skipping)))
                .isInstanceOf(InvalidDataException.class)
                .isNotInstanceOf(DataProblemException.class)
                .hasMessageStartingWith("usage.csv.gz is damaged: the gzip data ")
                .hasMessageContaining(detail)
                .hasMessageEndingWith("; none of its rows are used: restore the file or export it again")
                .hasMessageNotContaining("columns, the header has");
        assertThat(tables).as("no table from a damaged file").isEmpty();
    }

    private static byte[] flipped(byte[] bytes, int at, int bit) {
        byte[] copy = bytes.clone();
        copy[at] ^= (byte) (1 << bit);
        return copy;
    }

    @Test
    void aSoundGzipFileReads() throws IOException {
        List<FeatureTable> tables = extract(gzipped, Skipping.STOP);

        assertThat(tables).hasSize(1);
        assertThat(tables.get(0).accountIds()).containsExactly("A-1001", "A-1002");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Skipping.class)
    void aTruncatedFileIsDamagedNotARowProblem(Skipping skipping) {
        assertDamaged(Arrays.copyOf(gzipped, gzipped.length / 2), skipping,
                "ends early (the file is truncated, or was still being written): gzip member 1 (from byte 0) ends"
                        + " inside its compressed data, noticed after line ");
    }

    @ParameterizedTest(name = "cut to {0} bytes")
    @ValueSource(ints = {5, 12, -7, -1})
    void aFileCutInItsHeaderOrTrailerIsDamaged(int length) {
        int keep = length > 0 ? length : gzipped.length + length;

        assertDamaged(Arrays.copyOf(gzipped, keep), Skipping.SKIP, "ends early");
    }

    @ParameterizedTest(name = "bit {1} of byte {0}/8 of the deflate data")
    @org.junit.jupiter.params.provider.CsvSource({"1, 0", "2, 3", "3, 5", "4, 7", "5, 1", "6, 6", "7, 2"})
    void aFlippedBitInTheDeflateDataIsDamageEvenWhenBadRowsAreSkipped(int eighth, int bit) {
        int deflate = gzipped.length - 10 - 8;
        byte[] damaged = flipped(gzipped, 10 + deflate * eighth / 8, bit);

        assertDamaged(damaged, Skipping.SKIP, "is corrupt: gzip member 1 (from byte 0) ");
        assertDamaged(damaged, Skipping.STOP, "is corrupt: gzip member 1 (from byte 0) ");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Skipping.class)
    void aFailedCrcIsDamage(Skipping skipping) {
        assertDamaged(flipped(gzipped, gzipped.length - 8, 0), skipping, "gzip member 1 (from byte 0) fails its"
                + " CRC-32 check (stored ");
    }

    @Test
    void aFailedLengthCheckIsDamage() {
        assertDamaged(flipped(gzipped, gzipped.length - 2, 4), Skipping.SKIP, "gzip member 1 (from byte 0) fails its"
                + " length check (stored ");
    }

    @Test
    void concatenatedMembersReadAsOneFile() throws IOException {
        FeatureTable whole = extract(gzipped, Skipping.STOP).get(0);
        int[] cuts = {0, usage.length / 3, usage.length / 3 * 2 + 17, usage.length}; // the middle one splits a row
        ByteArrayOutputStream members = new ByteArrayOutputStream();
        for (int i = 0; i + 1 < cuts.length; i++) {
            members.write(gzip(Arrays.copyOfRange(usage, cuts[i], cuts[i + 1])));
        }

        FeatureTable joined = extract(members.toByteArray(), Skipping.STOP).get(0);

        assertThat(joined.value(0, "events_30d")).isEqualTo(whole.value(0, "events_30d")).isPositive();
        assertThat(joined.row(0)).containsExactly(whole.row(0));
        assertThat(joined.row(1)).containsExactly(whole.row(1));
    }

    @Test
    void concatenatedMembersAreCountedRowForRow() throws IOException {
        byte[] half = Arrays.copyOf(usage, BadInputTest.USAGE.length() + rowsOf(usage, BadInputTest.USAGE.length(),
                ROWS / 2));
        byte[] rest = Arrays.copyOfRange(usage, half.length, usage.length);
        ByteArrayOutputStream members = new ByteArrayOutputStream();
        members.write(gzip(half));
        members.write(gzip(rest));
        Files.write(book.resolve("usage.csv.gz"), members.toByteArray());

        ExtractionReport report = FeatureExtractor.create(FeatureConfig.DEFAULT).extract(book, ReadOptions.forBook(book),
                List.of(AS_OF), t -> { });

        assertThat(report.stats().of(Source.USAGE).read()).isEqualTo(ROWS);
    }

    /** The length in bytes of {@code rows} lines of {@code text} from {@code from}. */
    private static int rowsOf(byte[] text, int from, int rows) {
        int i = from;
        for (int r = 0; r < rows; i++) {
            if (text[i] == '\n') {
                r++;
            }
        }
        return i - from;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Skipping.class)
    void aDamagedHeaderOfTheSecondMemberIsDamageNotAShorterFile(Skipping skipping) throws IOException {
        // java.util.zip.GZIPInputStream (to JDK 22) ends the stream here without a word, losing the second half.
        byte[] second = gzip(usage);
        second[0] ^= 0x01;
        ByteArrayOutputStream members = new ByteArrayOutputStream();
        members.write(gzipped);
        members.write(second);

        assertDamaged(members.toByteArray(), skipping, "bytes after gzip member 1 (from byte "
                + String.format(java.util.Locale.ROOT, "%,d", gzipped.length) + ") are not a gzip member: a member's header is damaged, or"
                + " other data was appended");
    }

    @Test
    void bytesAppendedAfterTheLastMemberAreDamage() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(gzipped);
        out.write("A-1001,2025-03-04,u-1,login,1,0\n".getBytes(StandardCharsets.UTF_8));

        assertDamaged(out.toByteArray(), Skipping.SKIP, "are not a gzip member");
    }

    @Test
    void zeroPaddingAfterTheLastMemberIsAccepted() throws IOException {
        // Tape and some copy tools pad with zeros; gzip -d accepts it too.
        assertThat(extract(Arrays.copyOf(gzipped, gzipped.length + 512), Skipping.STOP)).hasSize(1);
    }

    @Test
    void validateReportsTheDamagedFileAsAProblemOfTheFile() throws IOException {
        Files.write(book.resolve("usage.csv.gz"), flipped(gzipped, gzipped.length - 8, 0));

        ValidationReport report = BookValidator.forBook(book).validate(book);

        assertThat(report.valid()).isFalse();
        assertThat(report.sources().stream().flatMap(s -> s.firstProblems().stream()).map(p -> p.message()))
                .anySatisfy(m -> assertThat(m).startsWith("usage.csv.gz is damaged: the gzip data is corrupt: gzip"
                        + " member 1 (from byte 0) fails its CRC-32 check"));
    }
}
