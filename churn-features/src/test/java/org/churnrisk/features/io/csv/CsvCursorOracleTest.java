package org.churnrisk.features.io.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.mapping.SourceMapping;
import org.churnrisk.features.io.values.Hashing;
import org.churnrisk.features.io.values.ValueFormats;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The byte-level reader against commons-csv on random files: quoted fields with commas, doubled
 * quotes and line breaks, CRLF, LF and lone CR, a BOM, gzip, a last line with or without its
 * line break, and buffers small enough that rows straddle every refill.
 */
class CsvCursorOracleTest {
    private static final Source SOURCE = Source.USAGE;
    private static final String[] PIECES = {"a", "b", "Z", "0", "7", "-", ":", " ", "  ", ",", "\"", "\"\"", "\n",
        "\r\n", "\r", "é", "€", "😀", "\t", "x y", "A00042", "2025-03-04T10:15:30Z"};

    @TempDir
    Path dir;

    static Stream<Integer> seeds() {
        return IntStream.range(0, 60).boxed();
    }

    /** One generated file: its bytes, and per row the start line and the raw text. */
    private record Generated(String text, List<String> header, List<Long> lines, List<String> raws) {
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void readsRandomFilesLikeCommonsCsv(int seed) throws IOException {
        Random random = new Random(seed);
        Map<String, String> renames = new HashMap<>();
        if (random.nextBoolean()) {
            renames.put("event", "Event, \"Name\"");
            renames.put("user_id", " Distinct ID ");
        }
        Generated g = generate(random, renames);
        boolean bom = random.nextBoolean();
        boolean gzip = random.nextInt(3) == 0;
        int[] sizes = {16, 17, 23, 64, 100, 1000, CsvCursor.DEFAULT_BUFFER_BYTES};
        int bufferBytes = sizes[random.nextInt(sizes.length)];
        Path file = write(g.text, bom, gzip);

        List<CSVRecord> expected;
        try (CSVParser parser = CSVParser.parse(new StringReader(g.text), CSVFormat.DEFAULT)) {
            expected = parser.getRecords();
        }
        List<String> header = expected.get(0).toList();
        Map<String, String> trimmedRenames = new HashMap<>();
        renames.forEach((k, v) -> trimmedRenames.put(k, v.trim()));
        SourceMapping mapping = new SourceMapping(SOURCE, List.of(), trimmedRenames, ValueFormats.DEFAULT);

        List<String> mismatches = new ArrayList<>();
        int rows = 0;
        try (CsvCursor cursor = new CsvCursor(file, file.getFileName().toString(), mapping, bufferBytes)) {
            while (cursor.next()) {
                rows++;
                CSVRecord want = expected.get(rows);
                if (cursor.line() != g.lines.get(rows - 1)) {
                    mismatches.add("row " + rows + ": line " + cursor.line() + ", expected " + g.lines.get(rows - 1));
                }
                if (!cursor.rawRow().equals(g.raws.get(rows - 1))) {
                    mismatches.add("row " + rows + ": raw " + cursor.rawRow() + ", expected " + g.raws.get(rows - 1));
                }
                for (int c = 0; c < SOURCE.columns().size(); c++) {
                    String name = mapping.fileColumn(SOURCE.columns().get(c).name());
                    String value = want.get(header.indexOf(name) < 0 ? trimmedIndex(header, name) : header.indexOf(name));
                    String trimmed = value.trim();
                    String text = trimmed.isEmpty() ? null : trimmed;
                    long hash = text == null ? 0 : Hashing.hash64(text);
                    if (!java.util.Objects.equals(cursor.text(c), text) || cursor.hash(c) != hash
                            || cursor.isBlank(c) != (text == null)) {
                        mismatches.add("row " + rows + " column " + name + ": '" + cursor.text(c) + "', expected '"
                                + text + "'");
                    }
                }
            }
        }
        assertThat(rows).isEqualTo(expected.size() - 1).isEqualTo(g.lines.size());
        assertThat(mismatches).isEmpty();
    }

    private static int trimmedIndex(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).trim().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no column " + name + " in " + header);
    }

    private Path write(String text, boolean bom, boolean gzip) throws IOException {
        Path file = dir.resolve(gzip ? "usage.csv.gz" : "usage.csv");
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream out = gzip ? new GZIPOutputStream(raw, 512) : raw) {
            if (bom) {
                out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private static Generated generate(Random random, Map<String, String> renames) {
        List<String> names = new ArrayList<>();
        for (String column : SOURCE.columnNames()) {
            names.add(renames.getOrDefault(column, column));
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            names.add("extra " + i);
        }
        Collections.shuffle(names, random);
        int lineBreakStyle = random.nextInt(3); // LF, CRLF, mixed
        StringBuilder text = new StringBuilder();
        long[] line = {1};
        appendRow(text, names, random, line, lineBreakStyle);
        List<Long> lines = new ArrayList<>();
        List<String> raws = new ArrayList<>();
        int rowCount = random.nextInt(4) == 0 ? random.nextInt(3) : random.nextInt(300);
        for (int r = 0; r < rowCount; r++) {
            List<String> values = new ArrayList<>();
            for (int c = 0; c < names.size(); c++) {
                values.add(randomValue(random));
            }
            lines.add(line[0]);
            int start = text.length();
            String raw = appendRow(text, values, random, line, lineBreakStyle);
            raws.add(raw);
            assertThat(text.substring(start)).startsWith(raw);
        }
        if (random.nextInt(4) == 0 && text.length() > 0) {
            // no line break after the last row
            while (text.length() > 0 && (text.charAt(text.length() - 1) == '\n' || text.charAt(text.length() - 1) == '\r')) {
                text.setLength(text.length() - 1);
            }
        }
        return new Generated(text.toString(), names, lines, raws);
    }

    /** Appends one row with its line break; returns the row without the line break. */
    private static String appendRow(StringBuilder text, List<String> values, Random random, long[] line, int style) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                row.append(',');
            }
            String v = values.get(i);
            boolean needsQuotes = v.isEmpty() && values.size() == 1 || v.contains(",") || v.contains("\"")
                    || v.contains("\n") || v.contains("\r");
            if (needsQuotes || random.nextInt(5) == 0) {
                row.append('"').append(v.replace("\"", "\"\"")).append('"');
                line[0] += lineBreaks(v);
            } else {
                row.append(v);
            }
        }
        text.append(row);
        boolean crlf = style == 1 || style == 2 && random.nextBoolean();
        text.append(crlf ? "\r\n" : "\n");
        line[0]++;
        return row.toString();
    }

    private static int lineBreaks(String v) {
        int n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == v.length() || v.charAt(i + 1) != '\n')) {
                n++;
            }
        }
        return n;
    }

    private static String randomValue(Random random) {
        int pieces = random.nextInt(4) == 0 ? 0 : random.nextInt(6);
        StringBuilder v = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            v.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return v.toString();
    }
}
