package org.churnrisk.features.io;

import java.io.IOException;
import java.util.Map;
import org.churnrisk.core.InvalidDataException;
import org.churnrisk.features.io.mapping.Lookup;
import org.churnrisk.features.io.mapping.SourceMapping;
import org.churnrisk.features.io.mapping.ValueMap;
import org.churnrisk.features.io.problems.DataProblemException;
import org.churnrisk.features.io.values.Hashing;

/**
 * A cursor whose enum columns are read through the mapping's {@link ValueMap}s and whose
 * looked-up columns through their tables, over any reader (CSV, Parquet). For the rest it is the
 * cursor it wraps.
 *
 * <p>A mapped column gives the canonical value of its spelling; a spelling that is neither
 * canonical nor mapped is a problem of the row naming the value and what is allowed. A looked-up
 * column gives the table's value for the row's key; a key the table does not hold is a problem of
 * the row. Both are thrown when the column is read, like any value that cannot be read, so the
 * row is rejected and counted as such. Not thread-safe.
 */
final class MappedCursor implements RecordCursor {
    private final RecordCursor in;
    private final SourceMapping mapping;
    /** Per canonical column index: its value map, or null. */
    private final ValueMap[] valueMaps;
    /** Per canonical column index: its lookup's table, or null. */
    private final Map<String, String>[] tables;
    private final Lookup[] lookups;

    @SuppressWarnings("unchecked")
    MappedCursor(RecordCursor in, SourceMapping mapping, Map<String, Map<String, String>> tablesByColumn) {
        this.in = in;
        this.mapping = mapping;
        int n = mapping.source().columns().size();
        this.valueMaps = new ValueMap[n];
        this.tables = new Map[n];
        this.lookups = new Lookup[n];
        for (int c = 0; c < n; c++) {
            String name = mapping.source().columnNames().get(c);
            valueMaps[c] = mapping.values().get(name);
            lookups[c] = mapping.lookups().get(name);
            tables[c] = lookups[c] == null ? null : tablesByColumn.get(name);
        }
    }

    @Override
    public boolean next() throws IOException {
        return in.next();
    }

    @Override
    public String fileName() {
        return in.fileName();
    }

    @Override
    public String location() {
        return in.location();
    }

    @Override
    public boolean present(int column) {
        return in.present(column);
    }

    @Override
    public boolean isBlank(int column) {
        if (in.isBlank(column)) {
            return true;
        }
        if (tables[column] != null) {
            lookedUp(column);
        }
        return false;
    }

    @Override
    public String text(int column) {
        String text = in.text(column);
        if (text == null) {
            return null;
        }
        if (tables[column] != null) {
            return lookedUp(column);
        }
        ValueMap map = valueMaps[column];
        if (map == null) {
            return text;
        }
        String canonical = map.canonical(text);
        if (canonical == null) {
            throw in.problem(column, "is not a " + map.column() + " value (expected " + map.allowed() + ")");
        }
        return canonical;
    }

    @Override
    public long hash(int column) {
        if (tables[column] == null && valueMaps[column] == null) {
            return in.hash(column);
        }
        String text = text(column);
        return text == null ? 0 : Hashing.hash64(text);
    }

    /** The table's value for the row's key in {@code column}; a problem of the row when the table lacks the key. */
    private String lookedUp(int column) {
        String key = in.text(column);
        String value = tables[column].get(key);
        if (value == null) {
            Lookup l = lookups[column];
            throw in.problem(column, "is not a " + l.key() + " in table " + l.table() + " (expected a key the table"
                    + " lists, through which " + l.column() + " is looked up)");
        }
        return value;
    }

    @Override
    public long integer(int column) {
        return in.integer(column);
    }

    @Override
    public double decimal(int column) {
        return in.decimal(column);
    }

    @Override
    public boolean bool(int column) {
        return in.bool(column);
    }

    @Override
    public long epochSecond(int column) {
        return in.epochSecond(column);
    }

    @Override
    public long epochDay(int column) {
        return in.epochDay(column);
    }

    @Override
    public InvalidDataException damage() throws IOException {
        return in.damage();
    }

    @Override
    public long bytesRead() {
        return in.bytesRead();
    }

    @Override
    public FileHash fileHash() throws IOException {
        return in.fileHash();
    }

    @Override
    public String rawRow() {
        return in.rawRow();
    }

    /**
     * {@inheritDoc}
     *
     * <p>For a looked-up column the value named is the one looked up, with the key it came from:
     * {@code column 'account_id' ('sub_id') value 'A-9' is not an account in accounts (...); looked
     * up from 'S-17' in table subscriptions}.
     */
    @Override
    public DataProblemException problem(int column, String expected) {
        if (tables[column] == null || in.isBlank(column)) {
            return in.problem(column, expected);
        }
        String key = in.text(column);
        String value = tables[column].get(key);
        if (value == null) {
            return in.problem(column, expected);
        }
        String name = mapping.source().columnNames().get(column);
        return DataProblemException.ofValue(in.location(), name, mapping.fileColumn(name), value,
                expected + "; looked up from '" + key + "' in table " + lookups[column].table());
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
