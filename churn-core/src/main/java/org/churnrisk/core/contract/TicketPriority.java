package org.churnrisk.core.contract;

import org.churnrisk.core.InvalidDataException;

/**
 * How urgent a support ticket is, written {@code low}, {@code normal}, {@code high} or
 * {@code urgent} in files. Immutable and thread-safe.
 */
public enum TicketPriority {
    LOW,
    NORMAL,
    HIGH,
    URGENT;

    /**
     * Returns the priority whose {@link #label()} is {@code value}, ignoring case and surrounding
     * spaces.
     *
     * @throws InvalidDataException if {@code value} is blank or not a priority; the message lists
     *     the allowed values
     */
    public static TicketPriority parse(String value) {
        return Labels.parse(TicketPriority.class, TicketPriority::label, "priority", value);
    }

    /** Returns the lowercase name used in files, such as {@code urgent}. */
    public String label() {
        return Labels.of(this);
    }
}
