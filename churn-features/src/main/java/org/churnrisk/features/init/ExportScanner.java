package org.churnrisk.features.init;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.churnrisk.core.ChurnException;
import org.churnrisk.features.io.csv.CsvTable;
import org.churnrisk.features.io.mapping.BookConfig;
import org.churnrisk.features.io.mapping.CsvDialect;
import org.churnrisk.features.io.parquet.ParquetSchema;

/**
 * Lists the exports of a folder and samples each: format (CSV, gzipped CSV, Parquet, JSON Lines),
 * for CSV the delimiter and encoding sniffed from the first bytes, the header and the first rows;
 * for JSON Lines the first records flattened to dotted paths ({@code properties.time}), which are
 * its header, as {@code JsonlCursor} names fields.
 */
final class ExportScanner {
    private static final int SNIFF_BYTES = 1 << 20;
    private static final JsonFactory JSON = new JsonFactory();

    private final int sampleRows;

    ExportScanner(int sampleRows) {
        this.sampleRows = sampleRows;
    }

    List<Export> scan(Path dir) throws IOException {
        List<Export> exports = new ArrayList<>();
        Map<String, List<String>> groups = new TreeMap<>();
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.sorted().toList();
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (skipped(name)) {
                continue;
            }
            if (Files.isDirectory(entry)) {
                List<String> parts = partFiles(dir, entry);
                if (!parts.isEmpty()) {
                    exports.add(sample(dir, new Export(name, parts, formatOf(parts.get(0)))));
                }
                continue;
            }
            // Monthly or numbered exports (events_2025-03.csv, events_2025-04.csv) are one export read by a glob.
            groups.computeIfAbsent(name.replaceAll("[0-9]+", "*"), k -> new ArrayList<>()).add(name);
        }
        for (Map.Entry<String, List<String>> group : groups.entrySet()) {
            List<String> files = group.getValue();
            String name = files.size() == 1 ? files.get(0) : group.getKey();
            exports.add(sample(dir, new Export(name, files, formatOf(files.get(0)))));
        }
        exports.sort((a, b) -> a.name.compareTo(b.name));
        return exports;
    }

    private static boolean skipped(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return name.startsWith(".") || name.startsWith("_") || name.equals(BookConfig.FILE_NAME)
                || lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.contains(".rejects.")
                || lower.endsWith(".md") || lower.endsWith(".json") && !lower.endsWith(".ndjson");
    }

    private static List<String> partFiles(Path dir, Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !skipped(p.getFileName().toString()))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    static Export.Format formatOf(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv") || lower.endsWith(".csv.gz")) {
            return Export.Format.CSV;
        }
        if (lower.endsWith(".parquet")) {
            return Export.Format.PARQUET;
        }
        if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".jsonl.gz")
                || lower.endsWith(".ndjson.gz")) {
            return Export.Format.JSONL;
        }
        return Export.Format.OTHER;
    }

    private Export sample(Path dir, Export export) throws IOException {
        Path file = dir.resolve(export.sampledFile());
        try {
            switch (export.format) {
                case CSV -> sampleCsv(file, export);
                case PARQUET -> {
                    for (ParquetSchema.Column c : ParquetSchema.read(file, export.sampledFile()).columns()) {
                        export.header.add(c.name());
                        export.parquetTypes.add(c.type());
                        export.values.add(List.of());
                    }
                }
                case JSONL -> sampleJsonl(file, export);
                case OTHER -> export.problem = "not a file churn-risk reads (expected .csv, .csv.gz, .parquet, .jsonl or"
                        + " .ndjson)";
            }
        } catch (ChurnException e) {
            export.problem = e.getMessage();
        }
        return export;
    }

    /**
     * The file's bytes, gunzipped when it starts like gzip; null, with the export's problem set, when
     * its name says otherwise ({@code gzipNames}: what a gzipped file of its kind is named).
     */
    private static InputStream unzipped(InputStream raw, Export export, String gzipNames) throws IOException {
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        export.gzip = b0 == 0x1f && b1 == 0x8b;
        if (export.gzip != export.sampledFile().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            export.problem = export.gzip ? "holds gzip data but is not named " + gzipNames + ": rename it"
                    : "is named .gz but does not hold gzip data";
            return null;
        }
        return export.gzip ? new GZIPInputStream(raw) : raw;
    }

    private void sampleCsv(Path file, Export export) throws IOException {
        byte[] head;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            InputStream in = unzipped(raw, export, ".csv.gz");
            if (in == null) {
                return;
            }
            head = in.readNBytes(SNIFF_BYTES);
        }
        export.encoding = encoding(head);
        export.delimiter = delimiter(head);
        CsvDialect dialect = new CsvDialect(export.delimiter, CsvDialect.encoding(export.encoding));
        List<String> header;
        try (CsvTable probe = new CsvTable(file, export.sampledFile(), List.of(), dialect)) {
            header = probe.header();
        }
        export.header.addAll(header);
        for (int i = 0; i < header.size(); i++) {
            export.values.add(new ArrayList<>());
        }
        try (CsvTable table = new CsvTable(file, export.sampledFile(), header, dialect)) {
            while (export.rowsSampled < sampleRows) {
                if (!table.next()) {
                    export.wholeFile = true;
                    break;
                }
                export.rowsSampled++;
                for (int c = 0; c < header.size(); c++) {
                    String v = table.text(c);
                    if (v != null && !v.isEmpty()) {
                        export.values.get(c).add(v);
                    }
                }
            }
        } catch (ChurnException e) {
            export.problem = e.getMessage();
        }
    }

    /**
     * Samples the first records of a JSON Lines file: every field of every object, however deep, is a
     * column named by its dotted path, in first-seen order, with its values as their JSON text
     * (strings trimmed; {@code null} and blank strings are blank). Arrays, and fields whose own name
     * holds a dot (a path cannot name them), are not columns. A line that is not one JSON object is
     * counted; the first such line is the export's problem.
     */
    private void sampleJsonl(Path file, Export export) throws IOException {
        Map<String, Integer> columns = new LinkedHashMap<>();
        long lineNumber = 0;
        long bad = 0;
        String firstBad = null;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            InputStream in = unzipped(raw, export, ".jsonl.gz or .ndjson.gz");
            if (in == null) {
                return;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            while (true) {
                if (export.rowsSampled >= sampleRows) {
                    break;
                }
                String line = lines.readLine();
                if (line == null) {
                    export.wholeFile = true;
                    break;
                }
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                Map<String, String> record = new LinkedHashMap<>();
                String problem = flatten(line, record);
                if (problem != null) {
                    bad++;
                    if (firstBad == null) {
                        firstBad = String.format(Locale.ROOT, "line %,d %s", lineNumber, problem);
                    }
                    continue;
                }
                export.rowsSampled++;
                for (Map.Entry<String, String> field : record.entrySet()) {
                    Integer c = columns.get(field.getKey());
                    if (c == null) {
                        c = columns.size();
                        columns.put(field.getKey(), c);
                        export.header.add(field.getKey());
                        export.values.add(new ArrayList<>());
                    }
                    String v = field.getValue();
                    if (v != null && !v.isEmpty()) {
                        export.values.get(c).add(v);
                    }
                }
            }
        }
        if (bad > 0) {
            export.problem = String.format(Locale.ROOT, "%,d of the %,d sampled lines are not one JSON object each"
                    + " (the first: %s); validation rejects them", bad, bad + export.rowsSampled, firstBad);
        } else if (export.rowsSampled == 0) {
            export.problem = "no JSON object in the file";
        }
    }

    /** Puts every field of the line's object into {@code out} by dotted path; what is wrong with the line, or null. */
    static String flatten(String line, Map<String, String> out) {
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "is not a JSON object";
            }
            fields(p, "", out);
            if (p.nextToken() != null) {
                return "has text after its object";
            }
            return null;
        } catch (IOException e) {
            return "is not valid JSON";
        }
    }

    private static void fields(JsonParser p, String prefix, Map<String, String> out) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (name.contains(".")) {
                p.skipChildren();
                continue;
            }
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            switch (t) {
                case START_OBJECT -> fields(p, path, out);
                case START_ARRAY -> p.skipChildren();
                case VALUE_NULL -> out.putIfAbsent(path, null);
                default -> out.put(path, p.getText().strip());
            }
        }
    }

    /** utf-8 when the bytes decode as UTF-8; else windows-1252, or iso-8859-1 if a byte is undefined there. */
    static String encoding(byte[] head) {
        int end = head.length;
        // A sample cut inside a multi-byte character is not a decoding error: drop the partial sequence.
        int back = 0;
        while (back < 3 && end - back - 1 >= 0 && (head[end - back - 1] & 0xC0) == 0x80) {
            back++;
        }
        if (end - back - 1 >= 0 && (head[end - back - 1] & 0xC0) == 0xC0) {
            end = end - back - 1;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(head, 0, end));
            return "utf-8";
        } catch (CharacterCodingException e) {
            for (byte b : head) {
                int u = b & 0xFF;
                if (u == 0x81 || u == 0x8D || u == 0x8F || u == 0x90 || u == 0x9D) {
                    return "iso-8859-1";
                }
            }
            return "windows-1252";
        }
    }

    /** The one of {@code , ; tab |} seen most often outside quotes in the first line; a comma when none is. */
    static char delimiter(byte[] head) {
        Map<Character, Integer> counts = new LinkedHashMap<>();
        for (char c : new char[] {',', ';', '\t', '|'}) {
            counts.put(c, 0);
        }
        boolean quoted = false;
        for (byte b : head) {
            char c = (char) (b & 0xFF);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && counts.containsKey(c)) {
                counts.merge(c, 1, Integer::sum);
            }
        }
        char best = ',';
        for (Map.Entry<Character, Integer> e : counts.entrySet()) {
            if (e.getValue() > counts.get(best)) {
                best = e.getKey();
            }
        }
        return best;
    }
}
