package org.churnrisk.features.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.churnrisk.features.io.parquet.ParquetTableWriter.optional;
import static org.churnrisk.features.io.parquet.ParquetTableWriter.required;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.mapping.SourceMapping;
import org.churnrisk.features.io.parquet.ParquetTableWriter.Kind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link ParquetChunk} reading pages of very different sizes into one column's reused buffers. */
class ParquetChunkTest {

    private static final int PAGE_ROWS = 10;
    /** The length of every value of each page, in page order: large, small, larger, empty, small. */
    private static final int[] VALUE_LENGTHS = {400, 5, 900, 0, 50};

    @TempDir
    Path dir;

    static Stream<Arguments> codecsAndPageFormats() {
        List<Arguments> all = new ArrayList<>();
        for (CompressionCodecName codec : List.of(CompressionCodecName.UNCOMPRESSED, CompressionCodecName.SNAPPY,
                CompressionCodecName.GZIP)) {
            for (boolean v2 : new boolean[] {false, true}) {
                all.add(Arguments.of(codec, v2));
            }
        }
        return all.stream();
    }

    /** Row r of page p: a distinct string of VALUE_LENGTHS[p] characters (r of them 'x' and the rest digits). */
    private static String value(int page, int row) {
        char[] c = new char[VALUE_LENGTHS[page]];
        for (int i = 0; i < c.length; i++) {
            c[i] = i < row ? 'x' : (char) ('0' + (i + page) % 10);
        }
        return new String(c);
    }

    private Path file(CompressionCodecName codec, boolean v2) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        for (int p = 0; p < VALUE_LENGTHS.length; p++) {
            for (int r = 0; r < PAGE_ROWS; r++) {
                rows.add(new Object[] {"A-1", "2025-03-04", "login", value(p, r)});
            }
        }
        return ParquetTableWriter.to(dir.resolve("usage.parquet")).codec(codec).pageV2(v2).dictionary(false)
                .pageRows(PAGE_ROWS).columns(required("account_id", Kind.STRING), optional("occurred_at", Kind.STRING),
                        optional("event", Kind.STRING), optional("user_id", Kind.STRING)).write(rows);
    }

    /** The user_id column chunk of the only row group. */
    private static ColumnMetaData userChunk(FileChannel channel) throws IOException {
        ParquetFooter footer = ParquetFooter.read(channel, "usage.parquet");
        return footer.meta.getRow_groups().get(0).getColumns().get(3).getMeta_data();
    }

    /** Page {@code index} (0-based) read with buffers of its own, after reading the pages before it. */
    private static byte[] pageReadAlone(FileChannel channel, int index) throws IOException {
        ParquetChunk chunk = new ParquetChunk(channel, userChunk(channel), new ParquetCodecs(),
                new ParquetChunk.Buffers());
        for (int i = 0; i < index; i++) {
            chunk.nextPage();
        }
        ParquetChunk.Page page = chunk.nextPage();
        return Arrays.copyOf(page.bytes(), page.length());
    }

    @ParameterizedTest(name = "{0}, page v2 {1}")
    @MethodSource("codecsAndPageFormats")
    void eachPageInSharedBuffersHasTheBytesItHasAlone(CompressionCodecName codec, boolean v2) throws IOException {
        Path file = file(codec, v2);
        try (FileChannel channel = FileChannel.open(file)) {
            ParquetChunk chunk = new ParquetChunk(channel, userChunk(channel), new ParquetCodecs(),
                    new ParquetChunk.Buffers());
            List<byte[]> shared = new ArrayList<>();
            for (ParquetChunk.Page page = chunk.nextPage(); page != null; page = chunk.nextPage()) {
                shared.add(Arrays.copyOf(page.bytes(), page.length()));
            }

            assertThat(shared).hasSize(VALUE_LENGTHS.length);
            for (int i = 0; i < shared.size(); i++) {
                assertThat(shared.get(i)).as("page %d", i).isEqualTo(pageReadAlone(channel, i));
            }
        }
    }

    @ParameterizedTest(name = "{0}, page v2 {1}")
    @MethodSource("codecsAndPageFormats")
    void aPageNoLargerThanTheLargestSoFarReusesItsBuffer(CompressionCodecName codec, boolean v2)
            throws IOException {
        Path file = file(codec, v2);
        try (FileChannel channel = FileChannel.open(file)) {
            ParquetChunk chunk = new ParquetChunk(channel, userChunk(channel), new ParquetCodecs(),
                    new ParquetChunk.Buffers());
            List<byte[]> arrays = new ArrayList<>();
            for (ParquetChunk.Page page = chunk.nextPage(); page != null; page = chunk.nextPage()) {
                arrays.add(page.bytes());
            }

            // pages 0 (large) and 1 (small) share, page 2 (larger) grows it, 3 and 4 (smaller) share with 2
            assertThat(arrays.get(1)).isSameAs(arrays.get(0));
            assertThat(arrays.get(2)).isNotSameAs(arrays.get(1));
            assertThat(arrays.get(3)).isSameAs(arrays.get(2));
            assertThat(arrays.get(4)).isSameAs(arrays.get(2));
        }
    }

    @ParameterizedTest(name = "{0}, page v2 {1}")
    @MethodSource("codecsAndPageFormats")
    void theCursorReadsEveryValueOfPagesOfDifferentSizes(CompressionCodecName codec, boolean v2)
            throws IOException {
        Path file = file(codec, v2);
        List<String> read = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        int user = Source.USAGE.columnNames().indexOf("user_id");
        try (ParquetCursor cursor = new ParquetCursor(file, SourceMapping.defaults(Source.USAGE))) {
            while (cursor.next()) {
                read.add(cursor.text(user));
            }
        }
        for (int p = 0; p < VALUE_LENGTHS.length; p++) {
            for (int r = 0; r < PAGE_ROWS; r++) {
                String v = value(p, r);
                expected.add(v.isEmpty() ? null : v);
            }
        }

        assertThat(read).containsExactlyElementsOf(expected);
    }

    /**
     * BYTE_STREAM_SPLIT finds its streams from the page's length, so a page shorter than the one
     * before it in the same buffer must be read with its own length, not the buffer's.
     */
    @ParameterizedTest(name = "{0}, page v2 {1}")
    @MethodSource("codecsAndPageFormats")
    void byteStreamSplitPagesShorterThanTheBufferKeepTheirValues(CompressionCodecName codec, boolean v2)
            throws IOException {
        int arr = Source.ACCOUNTS.columnNames().indexOf("arr");
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 4 * PAGE_ROWS; i++) {
            int page = i / PAGE_ROWS;
            boolean sparse = page % 2 == 1; // pages 1 and 3 hold two values, the others ten
            values.add(sparse && i % PAGE_ROWS > 1 ? null : i * 1.25);
        }
        Path file = ParquetTableWriter.to(dir.resolve("accounts.parquet")).codec(codec).pageV2(v2)
                .byteStreamSplit(true).pageRows(PAGE_ROWS)
                .columns(required("account_id", Kind.STRING), optional("arr", Kind.DOUBLE))
                .write(values.stream().map(v -> new Object[] {"A-1", v}).toList());

        List<Double> read = new ArrayList<>();
        try (ParquetCursor cursor = new ParquetCursor(file, SourceMapping.defaults(Source.ACCOUNTS))) {
            while (cursor.next()) {
                read.add(cursor.isBlank(arr) ? null : cursor.decimal(arr));
            }
        }

        assertThat(read).isEqualTo(values);
    }
}
