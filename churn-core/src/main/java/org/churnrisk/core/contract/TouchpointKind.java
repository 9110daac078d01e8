package org.churnrisk.core.contract;

import org.churnrisk.core.InvalidDataException;

/**
 * The kind of contact a customer-success team had with an account, written {@code call},
 * {@code email}, {@code meeting}, {@code qbr} (quarterly business review) or {@code ebr}
 * (executive business review) in files. Immutable and thread-safe.
 */
public enum TouchpointKind {
    CALL,
    EMAIL,
    MEETING,
    QBR,
    EBR;

    /**
     * Returns the kind whose {@link #label()} is {@code value}, ignoring case and surrounding spaces.
     *
     * @throws InvalidDataException if {@code value} is blank or not a kind; the message lists the
     *     allowed values
     */
    public static TouchpointKind parse(String value) {
        return Labels.parse(TouchpointKind.class, TouchpointKind::label, "kind", value);
    }

    /** Returns the lowercase name used in files, such as {@code qbr}. */
    public String label() {
        return Labels.of(this);
    }
}
