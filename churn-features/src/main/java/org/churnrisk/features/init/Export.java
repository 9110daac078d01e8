package org.churnrisk.features.init;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One export of the folder as {@link ExportScanner} saw it: the file (or the files of one glob, or
 * a folder of part files), its format and dialect, its header and a bounded sample of its values.
 */
final class Export {
    enum Format { CSV, PARQUET, JSONL, OTHER }

    /** What the mapping writes under {@code file}/{@code files}: a file, a glob or a folder. */
    final String name;
    /** The book-relative files it stands for, in name order. */
    final List<String> files;
    final Format format;
    char delimiter = ',';
    String encoding = "utf-8";
    boolean gzip;
    final List<String> header = new ArrayList<>();
    /** Per column of the header, its non-blank sampled values, trimmed. */
    final List<List<String>> values = new ArrayList<>();
    /** Per column, the Parquet type, for Parquet files. */
    final List<String> parquetTypes = new ArrayList<>();
    int rowsSampled;
    /** Whether the sample holds every row of the first file. */
    boolean wholeFile;
    /** Why the file could not be sampled, or null. */
    String problem;

    Export(String name, List<String> files, Format format) {
        this.name = name;
        this.files = List.copyOf(files);
        this.format = format;
    }

    /** The file the sample comes from. */
    String sampledFile() {
        return files.get(0);
    }

    int column(String header) {
        return this.header.indexOf(header);
    }

    List<String> values(int column) {
        return column < values.size() ? values.get(column) : List.of();
    }

    /** The distinct values of a column, ignoring case, first spelling kept, in first-seen order. */
    Map<String, String> distinct(int column, int max) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String v : values(column)) {
            out.putIfAbsent(v.toLowerCase(Locale.ROOT), v);
            if (out.size() > max) {
                break;
            }
        }
        return out;
    }

    Set<String> distinctExact(int column) {
        return new HashSet<>(values(column));
    }

    /**
     * {@code "the first 5,000 rows of usage/part-1.csv.gz"} or {@code "all 12 rows of accounts.csv"};
     * {@code "records"} for JSON Lines.
     */
    String sampleText() {
        String rows = format == Format.JSONL ? "records" : "rows";
        return String.format(Locale.ROOT, wholeFile ? "all %,d %s of %s" : "the first %,d %s of %s", rowsSampled, rows,
                sampledFile());
    }
}
