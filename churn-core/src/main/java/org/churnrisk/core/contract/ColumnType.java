package org.churnrisk.core.contract;

/**
 * How the values of a column are written in a file, so readers parse them and messages say what
 * was expected. Immutable and thread-safe.
 */
public enum ColumnType {
    /** Free text. */
    STRING("text"),
    /** A number that may have a fraction, with {@code .} as the decimal point and no grouping. */
    DECIMAL("a number such as 12500 or 12500.50"),
    /** A whole number. */
    INTEGER("a whole number such as 3"),
    /** A calendar date. */
    DATE("a date yyyy-MM-dd"),
    /**
     * A point in time: an instant, a local date-time read in the configured zone, or a date meaning
     * the start of that day in the configured zone.
     */
    TIMESTAMP("an ISO-8601 time such as 2025-03-04T10:15:30Z, 2025-03-04T10:15:30 or 2025-03-04"),
    /** A yes/no flag. */
    BOOLEAN("true or false"),
    /** One of a fixed set of lowercase labels, matched ignoring case; the column description lists them. */
    ENUM("one of the listed values");

    private final String format;

    ColumnType(String format) {
        this.format = format;
    }

    /**
     * Returns how a value is written, phrased to follow "expected", e.g. {@code a date yyyy-MM-dd}.
     */
    public String format() {
        return format;
    }
}
