package org.churnrisk.features.io.problems;

import java.io.IOException;
import java.nio.file.Path;
import org.churnrisk.core.InvalidDataException;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.BookSources;
import org.churnrisk.features.io.RecordCursor;

/**
 * Where a read of a book sends what breaks the data contract, and whether it goes on: the rows
 * it cannot accept, and the sources and files it cannot read at all. Failing fast is the sink
 * that throws ({@link #FAIL}); skipping bad rows writes them to rejects files; validating a book
 * collects everything into a report and reads on.
 *
 * <pre>{@code
 * ProblemSink count = (source, cursor, problem) -> badRows++;   // skips bad rows, stops at a bad file
 * }</pre>
 */
@FunctionalInterface
public interface ProblemSink {

    /** Stops the read at the first problem by throwing it. */
    ProblemSink FAIL = (source, cursor, problem) -> {
        throw problem;
    };

    /**
     * A row that breaks the contract; {@code cursor} is on it. Returning skips the row and the read
     * goes on with the next; throwing stops the read.
     *
     * @throws IOException if the row cannot be recorded
     */
    void badRow(Source source, RecordCursor cursor, DataProblemException problem) throws IOException;

    /**
     * A source or file that cannot be read: a required source without a file
     * ({@link BookSources#noFile}), a file that is not in a format churn-risk reads, lacks a
     * required column or cannot be decoded, and {@code accounts} or {@code usage} without a row.
     * Returning goes on with the next file or source. By default the problem is thrown: skipping a
     * whole file would lose its rows without a trace.
     *
     * @param file the file, or null for a problem of the whole source (no file, or no row in several)
     * @throws IOException if the problem cannot be recorded
     */
    default void badFile(Source source, Path file, InvalidDataException problem) throws IOException {
        throw problem;
    }
}
