package org.churnrisk.features.foreign;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Foreign-style books made by code from the committed sample book, so that each can be compared
 * with the canonical book it was made from. The canonical book is the sample book with its first
 * three months of usage (to keep the tests short).
 */
final class DerivedBooks {
    static final Path SAMPLE = Path.of(System.getProperty("basedir", ".")).resolve("../sample-data/book");
    static final List<String> USAGE_PARTS = List.of("part-2024-11.csv.gz", "part-2024-12.csv.gz", "part-2025-01.csv.gz");

    private DerivedBooks() {
    }

    /** The canonical book: the sample's sources and churn.yaml, usage as one plain CSV of three months. */
    static Path canonical(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String name : List.of("accounts.csv", "contracts.csv", "churn.csv", "tickets.csv", "surveys.csv",
                "touchpoints.csv", "churn.yaml")) {
            Files.copy(SAMPLE.resolve(name), dir.resolve(name));
        }
        try (Writer out = Files.newBufferedWriter(dir.resolve("usage.csv"), StandardCharsets.UTF_8)) {
            boolean header = true;
            for (String part : USAGE_PARTS) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(SAMPLE.resolve("usage").resolve(part)))) {
                    List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
                    for (int i = header ? 0 : 1; i < lines.size(); i++) {
                        out.write(lines.get(i));
                        out.write('\n');
                    }
                    header = false;
                }
            }
        }
        return dir;
    }

    /** A row of a canonical file by column name; the result is the foreign row's cells. */
    interface RowMapper extends Function<Map<String, String>, List<String>> {
    }

    /**
     * Writes {@code to} from the canonical file {@code from}: the foreign header, then each row as
     * the mapper spells it, with the delimiter and encoding given.
     */
    static void rewrite(Path from, Path to, List<String> header, RowMapper rows, char delimiter, Charset encoding)
            throws IOException {
        CSVFormat out = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setRecordSeparator("\r\n").build();
        try (Reader reader = Files.newBufferedReader(from, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader);
             OutputStream stream = Files.newOutputStream(to);
             Writer writer = new java.io.OutputStreamWriter(stream, encoding);
             CSVPrinter printer = new CSVPrinter(writer, out)) {
            printer.printRecord(header);
            for (CSVRecord record : parser) {
                printer.printRecord(rows.apply(record.toMap()));
            }
        }
    }

    static void rewrite(Path from, Path to, List<String> header, RowMapper rows) throws IOException {
        rewrite(from, to, header, rows, ',', StandardCharsets.UTF_8);
    }

    /** The Excel serial number (1900 system) of an ISO date, or "" for a blank one. */
    static String excelSerial(String isoDate) {
        if (isoDate == null || isoDate.isBlank()) {
            return "";
        }
        return Long.toString(java.time.LocalDate.parse(isoDate).toEpochDay() + 25_569);
    }

    static List<String> cells(String... cells) {
        return new ArrayList<>(List.of(cells));
    }
}
