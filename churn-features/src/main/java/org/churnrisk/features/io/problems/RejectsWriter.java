package org.churnrisk.features.io.problems;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.churnrisk.core.AtomicFiles;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.RecordCursor;
import org.churnrisk.features.output.Csv;

/**
 * Records the rows of one source that were skipped as bad, in {@code <dir>/<source>.rejects.csv}
 * with the columns {@code file,line,reason,row}: the file, the line (or Parquet row) where the row
 * starts, what was wrong ({@link DataProblemException#reason()}) and the row as the file holds it.
 * Every cell goes through the spreadsheet-formula guard of {@link Csv}, as in every other CSV file
 * churn-risk writes: a rejected row {@code =HYPERLINK(...),...} is written {@code '=HYPERLINK(...),...}.
 *
 * <p>The file is created on the first reject, written under a temporary name and moved into
 * place by {@link #close()}, so a reader never sees half a file. When there was no reject,
 * {@link #close()} removes a rejects file left by an earlier run, and the temporary files of earlier
 * runs that were killed before they finished ({@link AtomicFiles#removeStalePartials}), so that a
 * file present always belongs to the latest run. Not thread-safe.
 *
 * <pre>{@code
 * try (RejectsWriter rejects = new RejectsWriter(outDir, Source.USAGE)) {
 *     ... catch (DataProblemException e) { rejects.reject(cursor, e); }
 * }
 * }</pre>
 */
public final class RejectsWriter implements Closeable {
    /** The file's columns. */
    public static final List<String> HEADER = List.of("file", "line", "reason", "row");

    private final Path target;
    private Path temp;
    private Writer printer;
    private long count;
    private boolean closed;

    /** A writer for {@code <dir>/<source>.rejects.csv}; nothing is written until the first reject. */
    public RejectsWriter(Path dir, Source source) {
        this.target = dir.resolve(source.fileStem() + ".rejects.csv");
    }

    /** The file this writer produces. */
    public Path path() {
        return target;
    }

    /** The rejects recorded so far. */
    public long count() {
        return count;
    }

    /**
     * Records the cursor's current row as rejected for {@code problem}.
     *
     * @throws IOException if the file cannot be written
     */
    public void reject(RecordCursor cursor, DataProblemException problem) throws IOException {
        long line = problem.lineIn(cursor.fileName());
        reject(cursor.fileName(), line > 0 ? Long.toString(line) : "", problem.reason(), cursor.rawRow());
    }

    /**
     * Records one rejected row.
     *
     * @param line the line or row number as text, blank when unknown
     * @throws IOException if the file cannot be written
     */
    public void reject(String file, String line, String reason, String row) throws IOException {
        if (closed) {
            throw new IllegalStateException("the rejects file " + target + " is closed");
        }
        if (printer == null) {
            temp = AtomicFiles.createSibling(target);
            Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
            printer = writer;
            printer.write(String.join(",", HEADER) + "\n");
        }
        StringBuilder record = new StringBuilder();
        Csv.appendText(record, Objects.toString(file, ""));
        record.append(',');
        Csv.appendText(record, Objects.toString(line, ""));
        record.append(',');
        Csv.appendText(record, Objects.toString(reason, ""));
        record.append(',');
        Csv.appendText(record, Objects.toString(row, ""));
        printer.write(record.append('\n').toString());
        count++;
    }

    /**
     * Moves the file into place, or, with no reject, removes a stale one.
     *
     * @throws IOException if the file cannot be written or moved
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (printer == null) {
            Files.deleteIfExists(target);
            AtomicFiles.removeStalePartials(target);
            return;
        }
        try {
            printer.close();
            AtomicFiles.moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
