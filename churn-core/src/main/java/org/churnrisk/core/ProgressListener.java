package org.churnrisk.core;

/**
 * Receives progress of long work (generating a book, reading exports, training), so that a
 * caller can draw a progress bar or log lines without the library printing anything.
 *
 * <p>Implementations are called from the working thread and must be cheap; the library calls
 * them at most a few hundred times per stage.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores every update. */
    ProgressListener NONE = (stage, done, total) -> { };

    /**
     * Reports that {@code done} of {@code total} units of {@code stage} are finished.
     *
     * @param stage a short lower-case name such as "simulating days"
     * @param done  units finished, from 0 to {@code total}
     * @param total units in the stage, at least 1
     */
    void update(String stage, long done, long total);
}
