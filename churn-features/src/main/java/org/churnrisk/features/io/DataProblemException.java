package org.churnrisk.features.io;

import org.churnrisk.core.InvalidDataException;

/**
 * Input that breaks the data contract at a known place: a file, and where known a line (or row),
 * a column and a value.
 *
 * <p>The message reads like {@code usage.csv line 1,204: column 'occurred_at' value '2024-13-01'
 * is not a date (expected yyyy-MM-dd)}. {@link #reason()} is the part after the location, which
 * the rejects file records.
 */
public class DataProblemException extends InvalidDataException {
    private static final long serialVersionUID = 1L;

    private final String location;
    private final String reason;

    public DataProblemException(String location, String reason) {
        super(location + ": " + reason);
        this.location = location;
        this.reason = reason;
    }

    /** Where: a file, or a file and a line or row. */
    public String location() {
        return location;
    }

    /** What is wrong, without the location. */
    public String reason() {
        return reason;
    }
}
