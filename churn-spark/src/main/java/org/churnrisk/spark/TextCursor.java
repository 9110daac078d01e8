package org.churnrisk.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.RecordCursor;
import org.churnrisk.features.io.mapping.SourceMapping;
import org.churnrisk.features.io.problems.DataProblemException;
import org.churnrisk.features.io.values.Hashing;
import org.churnrisk.features.io.values.ValueParser;

/**
 * The rows of one source in one partition as a {@link RecordCursor}: text cells, trimmed as the
 * CSV reader trims them, and parsed with the same {@link ValueParser} and the mapping's value
 * formats, so that a value is accepted or refused with the same words as on one machine. Spark's
 * readers give no line numbers: a row is located by its file and its place in Spark's read
 * ({@code usage.csv row 1,204 of its Spark split}: the row's index in its read partition, the
 * low 33 bits of {@code monotonically_increasing_id}). Not thread-safe.
 */
final class TextCursor implements RecordCursor {
    private final Source source;
    private final SourceMapping mapping;
    private final boolean[] present;
    private final List<Rec> rows;
    private final ValueParser parser;
    private int index = -1;
    private Rec row;

    TextCursor(Source source, SourceMapping mapping, boolean[] present, List<Rec> rows) {
        this.source = source;
        this.mapping = mapping;
        this.present = present;
        this.rows = rows;
        this.parser = new ValueParser(mapping.formats());
    }

    @Override
    public boolean next() {
        if (++index >= rows.size()) {
            return false;
        }
        row = rows.get(index);
        return true;
    }

    @Override
    public String fileName() {
        return row == null ? source.fileStem() : row.file;
    }

    @Override
    public String location() {
        return row == null ? fileName() : location(row);
    }

    /** Where a row is: its file and its index in Spark's read partition, as no line numbers are known. */
    static String location(Rec row) {
        return row.file + " row " + String.format(Locale.ROOT, "%,d", (row.seq & 0x1_FFFF_FFFFL) + 1) + " of its Spark split";
    }

    @Override
    public boolean present(int column) {
        return present[column];
    }

    @Override
    public boolean isBlank(int column) {
        return text(column) == null;
    }

    @Override
    public String text(int column) {
        return trim(row.cells[column]);
    }

    /** The value trimmed as the CSV reader trims it (every char up to ' ' at either end); null when blank. */
    static String trim(String v) {
        if (v == null) {
            return null;
        }
        int from = 0;
        int to = v.length();
        while (from < to && v.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && v.charAt(to - 1) <= ' ') {
            to--;
        }
        return from < to ? v.substring(from, to) : null;
    }

    @Override
    public long hash(int column) {
        String t = text(column);
        return t == null ? 0 : Hashing.hash64(t);
    }

    @Override
    public long integer(int column) {
        return parsed(column, "a whole number", parser::integer, parser::integerExpected);
    }

    @Override
    public double decimal(int column) {
        String t = required(column, "a number");
        double value = parser.decimal(t);
        if (Double.isNaN(value)) {
            throw problem(column, parser.decimalExpected());
        }
        return value;
    }

    @Override
    public boolean bool(int column) {
        String t = required(column, "a boolean");
        int value = parser.bool(t);
        if (value < 0) {
            throw problem(column, parser.booleanExpected());
        }
        return value == 1;
    }

    @Override
    public long epochSecond(int column) {
        return parsed(column, "a timestamp", parser::epochSecond, parser::timestampExpected);
    }

    @Override
    public long epochDay(int column) {
        return parsed(column, "a date", parser::epochDay, parser::dateExpected);
    }

    /** The column's value read by {@code parse}; a problem saying {@code expected} when it gives INVALID. */
    private long parsed(int column, String what, ToLongFunction<String> parse, Supplier<String> expected) {
        long value = parse.applyAsLong(required(column, what));
        if (value == ValueParser.INVALID) {
            throw problem(column, expected.get());
        }
        return value;
    }

    private String required(int column, String what) {
        String t = text(column);
        if (t == null) {
            throw problem(column, "is blank (expected " + what + ")");
        }
        return t;
    }

    @Override
    public String rawRow() {
        List<String> cells = new ArrayList<>();
        for (String c : row.cells) {
            cells.add(c == null ? "" : c);
        }
        return String.join(",", cells);
    }

    @Override
    public DataProblemException problem(int column, String expected) {
        String canonical = source.columns().get(column).name();
        return DataProblemException.ofValue(location(), canonical, mapping.fileColumn(canonical), text(column),
                expected);
    }

    @Override
    public void close() {
    }
}
