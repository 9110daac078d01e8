package org.churnrisk.features.io.problems;

import org.churnrisk.core.InvalidDataException;

/**
 * Input that breaks the data contract at a known place: a file, and where known a line (or row),
 * a column and a value.
 *
 * <p>The message reads like {@code usage.csv line 1,204: column 'occurred_at' value '2024-13-01'
 * is not a date (expected yyyy-MM-dd)}. {@link #reason()} is the part after the location, which
 * the rejects file records. A problem with one value ({@link #ofValue}) also keeps the column and
 * the value apart, for reports that list them in their own fields.
 */
public class DataProblemException extends InvalidDataException {
    private static final long serialVersionUID = 1L;

    private final String location;
    private final String reason;
    private final String column;
    private final String value;
    private final String expected;

    public DataProblemException(String location, String reason) {
        this(location, reason, null, null, null);
    }

    private DataProblemException(String location, String reason, String column, String value, String expected) {
        super(location + ": " + reason);
        this.location = location;
        this.reason = reason;
        this.column = column;
        this.value = value;
        this.expected = expected;
    }

    /**
     * A problem with the value of one column, worded the same way for every reader:
     * {@code column 'occurred_at' ('Time') value '3/32/2025' is not a timestamp (expected ...)}.
     * The file's own column name is shown where the mapping renames the column; a blank value is
     * left out ({@code column 'account_id' is blank (...)}); a long value is cut in the message.
     *
     * @param location   the file and line, e.g. {@code usage.csv line 17}
     * @param column     the canonical column name
     * @param fileColumn the file's name for the column
     * @param value      the value as read, or null when it is blank
     * @param expected   what is wrong and what was expected, e.g. {@code is negative (expected a number >= 0)}
     */
    public static DataProblemException ofValue(String location, String column, String fileColumn, String value,
                                               String expected) {
        StringBuilder reason = new StringBuilder("column '").append(column).append('\'');
        if (fileColumn != null && !fileColumn.equals(column)) {
            reason.append(" ('").append(fileColumn).append("')");
        }
        if (value != null) {
            reason.append(" value ").append(Texts.quoted(value));
        }
        reason.append(' ').append(expected);
        return new DataProblemException(location, reason.toString(), column, value, expected);
    }

    /** Where: a file, or a file and a line or row. */
    public String location() {
        return location;
    }

    /** What is wrong, without the location. */
    public String reason() {
        return reason;
    }

    /** The canonical column of a problem with one value; null for a problem with a whole row or file. */
    public String column() {
        return column;
    }

    /** The value of a problem with one value, as read (not cut); null when it was blank or there is none. */
    public String value() {
        return value;
    }

    /**
     * The kind of problem, the same for every row that has it: the reason without the value, the
     * file's column name and the explanation in parentheses. For example {@code column 'quantity'
     * is negative} or {@code has 5 columns, the header has 6}.
     */
    public String kind() {
        if (column != null) {
            return "column '" + column + "' " + head(expected);
        }
        return head(reason);
    }

    /**
     * The line (or Parquet row) number of the location, for a problem in {@code fileName}:
     * {@code usage.csv line 1,204} gives 1204; 0 when the location names no line of that file.
     */
    public long lineIn(String fileName) {
        if (fileName == null || !location.startsWith(fileName)) {
            return 0;
        }
        String rest = location.substring(fileName.length());
        for (String word : new String[] {" line ", " row "}) {
            if (rest.startsWith(word)) {
                String number = rest.substring(word.length()).replace(",", "");
                if (!number.isEmpty() && number.length() < 19 && number.chars().allMatch(Character::isDigit)) {
                    return Long.parseLong(number);
                }
            }
        }
        return 0;
    }

    /** The text up to the explanation in parentheses or after a semicolon. */
    private static String head(String text) {
        int cut = text.length();
        for (String mark : new String[] {" (", "; "}) {
            int at = text.indexOf(mark);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return text.substring(0, cut);
    }
}
