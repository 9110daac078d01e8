package org.churnrisk.features.validate;

import java.util.Objects;
import org.churnrisk.core.InvalidArgumentException;

/**
 * One problem found in a book, with the message a failing feature extraction gives for it.
 *
 * @param file    the file as messages name it ({@code usage/part-0001.csv.gz}); null for a problem of
 *                a whole source, such as a missing file
 * @param line    the line of the CSV file (or row of the Parquet file) where the row starts; 0 for a
 *                problem of a whole file or source
 * @param column  the canonical column of a problem with one value; null otherwise
 * @param value   that value as read, cut to {@value #MAX_VALUE_CHARS} characters; null when it was
 *                blank, and for other problems
 * @param kind    what is wrong, the same for every row with this problem, e.g. {@code column
 *                'quantity' is negative}
 * @param reason  the message without its location: the column, the value and what was expected
 * @param message the whole message, e.g. {@code usage.csv line 3: column 'quantity' value '-2' is
 *                negative (expected a whole number >= 0)}
 */
public record Problem(String file, long line, String column, String value, String kind, String reason,
                      String message) {
    /** Longer values are cut. */
    public static final int MAX_VALUE_CHARS = 200;

    /** @throws InvalidArgumentException if the line is negative or the value too long */
    public Problem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        if (line < 0) {
            throw new InvalidArgumentException("line " + line + " is negative (expected 0 for none, or the line)");
        }
        if (value != null && value.length() > MAX_VALUE_CHARS) {
            throw new InvalidArgumentException("value has " + value.length() + " characters (expected at most "
                    + MAX_VALUE_CHARS + "; cut it with Problem.cut)");
        }
    }

    /** A value cut to {@value #MAX_VALUE_CHARS} characters, for {@link #value}. */
    public static String cut(String value) {
        return value == null || value.length() <= MAX_VALUE_CHARS ? value : value.substring(0, MAX_VALUE_CHARS);
    }
}
