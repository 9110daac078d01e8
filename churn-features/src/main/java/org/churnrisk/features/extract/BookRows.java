package org.churnrisk.features.extract;

import java.io.IOException;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.RecordCursor;

/**
 * Feeds every row of a source to a handler, whatever files and formats hold it, and deals with
 * bad rows by the run's policy: stop at the first, send it to the rejects file and go on, or
 * collect it for a validation report and go on.
 *
 * <p>Public for engines that feed a part of a book's rows to {@link Extraction#runPart} (churn-spark);
 * the extractor's own implementations read files or in-memory records.
 */
public interface BookRows {

    /** Handles one row; throws {@link org.churnrisk.features.io.problems.DataProblemException} for a bad one. */
    @FunctionalInterface
    interface RowHandler {
        void row(RecordCursor cursor);
    }

    /** Whether the book has a file for the source. */
    boolean has(Source source) throws IOException;

    /**
     * Whether the book lacks the source altogether (no file), as opposed to holding none of its
     * rows for some account. Records a service passes in never lack a source: an empty list is
     * an account without such records.
     */
    default boolean absent(Source source) throws IOException {
        return false;
    }

    /** Reads every row of the source; a source without files reads nothing. */
    void read(Source source, RowHandler handler) throws IOException;
}
