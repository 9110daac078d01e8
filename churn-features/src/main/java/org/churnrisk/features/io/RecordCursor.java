package org.churnrisk.features.io;

import java.io.Closeable;
import java.io.IOException;
import org.churnrisk.features.io.mapping.SourceMapping;
import org.churnrisk.features.io.problems.DataProblemException;
import org.churnrisk.features.io.values.Hashing;
import org.churnrisk.features.io.values.ValueFormats;

/**
 * A forward-only view of the rows of one export file, with typed access to the canonical columns
 * of its {@link org.churnrisk.core.contract.Source}.
 *
 * <p>Columns are addressed by their index in {@code Source.columns()}; the cursor has already
 * resolved them to the file's own columns through the {@link SourceMapping}. Values are parsed
 * with the mapping's {@link ValueFormats}. Text values are trimmed.
 *
 * <p>Errors: a value that cannot be read as asked throws {@link DataProblemException} naming the
 * file, line, column, value and what was expected; the cursor stays usable and {@link #next()}
 * moves on to the following row. {@link #next()} itself throws {@link DataProblemException} for a
 * row it cannot split into the file's columns (wrong column count); that row is consumed, so the
 * caller may skip it and go on. Not thread-safe: one thread reads one cursor.
 */
public interface RecordCursor extends Closeable {

    /** Moves to the next row; returns false at the end of the file. */
    boolean next() throws IOException;

    /** The file name as shown in messages, e.g. {@code usage/part-0001.csv.gz}. */
    String fileName();

    /** Where the current row is, e.g. {@code usage.csv line 1,204} or {@code usage.parquet row 1,204}. */
    String location();

    /** Whether the file has the column (an optional column may be absent altogether). */
    boolean present(int column);

    /** Whether the value is missing: the column is absent, the cell is blank or null. */
    boolean isBlank(int column);

    /** The value as trimmed text; null when {@link #isBlank(int)}. */
    String text(int column);

    /**
     * A 64-bit hash of the trimmed value's UTF-8 bytes ({@link Hashing#hash64}), the same for CSV
     * and Parquet; computed without building a String. 0 is never returned for a present value.
     */
    long hash(int column);

    /** A whole number. */
    long integer(int column);

    /** A decimal number. */
    double decimal(int column);

    /** A boolean in one of the mapping's spellings. */
    boolean bool(int column);

    /** A timestamp as seconds since the epoch: an instant, a local date-time or a date, read in the mapping's zone. */
    long epochSecond(int column);

    /** A calendar date as days since the epoch. */
    long epochDay(int column);

    /**
     * Asked before a row problem is reported: whether the file's data as a whole is damaged, so
     * that the row problem may only be a symptom of it (a gzipped CSV whose damage decodes into
     * rows of the wrong shape before the CRC-32 check at the end of its member reports it). A
     * damaged file is a problem of the whole file: none of its rows may be used.
     *
     * @return the whole-file problem, or null when the file is sound or the format cannot tell
     * @throws IOException if the file cannot be read
     */
    default org.churnrisk.core.InvalidDataException damage() throws IOException {
        return null;
    }

    /**
     * Bytes of the file consumed so far (compressed bytes for a gzipped file), for progress
     * reporting; 0 when the format cannot tell.
     */
    default long bytesRead() {
        return 0;
    }

    /**
     * The size and SHA-256 of the file's bytes as stored (the compressed bytes of a gzipped
     * file), for the provenance of a run, from the same open as the rows: the CSV reader, when
     * opened to hash ({@link BookSources#openHashing}), hashes the bytes as it reads them and reads
     * only what it has not read yet (after a stop before the end); the Parquet reader, which seeks,
     * reads the whole file once more through its open channel. Call it after the last {@link #next()} and before {@link #close()}: a cursor may
     * read no further row after it. Null when the rows do not come from a file.
     *
     * @throws IllegalStateException if a CSV cursor was opened without hashing, or is closed
     * @throws IOException           if the file cannot be read
     */
    default FileHash fileHash() throws IOException {
        return null;
    }

    /** The current row as the file holds it, for the rejects file (for Parquet, a CSV rendering). */
    String rawRow();

    /**
     * A problem with the current row's value in {@code column}, ready to throw: it names the
     * location, the column (and the file's own column name where the mapping renames it), the
     * value and {@code expected}.
     */
    DataProblemException problem(int column, String expected);
}
