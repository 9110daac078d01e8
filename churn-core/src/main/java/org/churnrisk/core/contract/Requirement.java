package org.churnrisk.core.contract;

/** Whether a book must contain a source, and for which job. Immutable and thread-safe. */
public enum Requirement {
    /** Needed both to score and to train. */
    REQUIRED,
    /** Needed to train (it provides the labels), not to score. */
    TRAINING,
    /** Never needed; used when present. */
    OPTIONAL;

    /** Returns whether scoring fails without the source. */
    public boolean neededToScore() {
        return this == REQUIRED;
    }

    /** Returns whether training fails without the source. */
    public boolean neededToTrain() {
        return this != OPTIONAL;
    }
}
