package org.churnrisk.features.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.csv.CsvTable;
import org.churnrisk.features.io.mapping.BookConfig;
import org.churnrisk.features.io.mapping.Lookup;
import org.churnrisk.features.io.mapping.SourceMapping;
import org.churnrisk.features.io.mapping.TableMapping;
import org.churnrisk.features.io.problems.DataProblemException;

/**
 * The tables of a book that its mapping's {@link Lookup}s read, each loaded once, on first use,
 * into a map from key to value: memory grows with the table (a subscriptions or users table,
 * accounts-sized), never with the events looked up through it.
 *
 * <p>A table's rows with a blank key or value give nothing to look up and are passed over. A key
 * listed twice with different values is a problem of the table file, as are a missing column and
 * a row of the wrong width: {@link DataProblemException}, which stops the read of the source that
 * looks up through it. Not thread-safe.
 */
public final class LookupTables {
    private final Path book;
    private final BookConfig config;
    private final Map<Lookup, Map<String, String>> loaded = new HashMap<>();
    /** Every table file read, in reading order, with the source that looked up through it. */
    private final Map<Path, Source> read = new java.util.LinkedHashMap<>();

    public LookupTables(Path book, BookConfig config) {
        this.book = book;
        this.config = config;
    }

    /**
     * Lookups through tables loaded elsewhere, e.g. by {@link #table} on another machine: an engine
     * that reads a book in parts (churn-spark) loads each table once and gives every part the maps.
     *
     * @param tables every lookup of {@code config}, with its key-to-value map
     * @throws IllegalArgumentException if a lookup of {@code config} has no map
     */
    public static LookupTables loaded(BookConfig config, Map<Lookup, Map<String, String>> tables) {
        LookupTables t = new LookupTables(null, config);
        for (Source source : Source.values()) {
            for (Lookup lookup : config.mapping(source).lookups().values()) {
                Map<String, String> map = tables.get(lookup);
                if (map == null) {
                    throw new IllegalArgumentException("no table loaded for the lookup of " + source.fileStem() + "."
                            + lookup.column() + " in " + lookup.table());
                }
                t.loaded.put(lookup, map);
            }
        }
        return t;
    }

    /**
     * Wraps a cursor of a source so that its value maps and lookups apply; the cursor itself when
     * the mapping has neither.
     *
     * @throws DataProblemException if a table cannot be read
     * @throws IOException          if a table file cannot be read
     */
    public RecordCursor wrap(RecordCursor cursor, SourceMapping mapping) throws IOException {
        if (mapping.plainValues()) {
            return cursor;
        }
        Map<String, Map<String, String>> tables = new HashMap<>();
        for (Lookup lookup : mapping.lookups().values()) {
            tables.put(lookup.column(), table(lookup, mapping.source()));
        }
        return new MappedCursor(cursor, mapping, tables);
    }

    /**
     * The key-to-value map of a lookup of {@code source}, loaded on first use: the table's rows
     * with a blank key or value passed over.
     *
     * @throws DataProblemException if the table has no file, lacks a column, or lists a key twice
     *                              with two values
     */
    public Map<String, String> table(Lookup lookup, Source source) throws IOException {
        Map<String, String> map = loaded.get(lookup);
        if (map == null) {
            map = load(lookup, source);
            loaded.put(lookup, map);
        }
        return map;
    }

    /** The table files read so far, in reading order, each with the source that looked up through it (for provenance). */
    public Map<Path, Source> filesRead() {
        return java.util.Collections.unmodifiableMap(read);
    }

    /** The files of a table, in reading order; empty when none matches. For reports: a table's files are read, not left over. */
    public List<Path> files(TableMapping table) throws IOException {
        return BookSources.files(book, new SourceMapping(Source.CHURN, table.files(), Map.of(),
                config.formats()), false);
    }

    private Map<String, String> load(Lookup lookup, Source source) throws IOException {
        TableMapping table = config.tables().get(lookup.table());
        String keyColumn = table.fileColumn(lookup.key());
        String valueColumn = table.fileColumn(lookup.value());
        Map<String, String> map = new HashMap<>();
        Map<String, String> firstSeen = new HashMap<>();
        List<Path> files = BookSources.files(book, new SourceMapping(Source.CHURN, table.files(), Map.of(),
                config.formats()), false);
        if (files.isEmpty()) {
            throw new DataProblemException("book " + book, "no file for table " + lookup.table() + " (looked for "
                    + String.join(", ", table.files()) + "), which " + lookup.column() + " is looked up in");
        }
        for (Path file : files) {
            read.putIfAbsent(file, source);
            String name = BookSources.displayName(book, file);
            try (CsvTable rows = new CsvTable(file, name, List.of(keyColumn, valueColumn), table.dialect())) {
                while (rows.next()) {
                    String key = rows.text(0);
                    String value = rows.text(1);
                    if (key == null || value == null) {
                        continue;
                    }
                    String before = map.putIfAbsent(key, value);
                    if (before == null) {
                        firstSeen.put(key, rows.location());
                    } else if (!before.equals(value)) {
                        throw new DataProblemException(rows.location(), "column '" + keyColumn + "' value '" + key
                                + "' is listed again with another " + valueColumn + " ('" + value + "', and '" + before
                                + "' at " + firstSeen.get(key) + "); a lookup key must give one value");
                    }
                }
            }
        }
        return map;
    }
}
