package org.churnrisk.features.extract;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.RecordCursor;
import org.churnrisk.features.io.problems.DataProblemException;
import org.churnrisk.features.io.problems.ProblemSink;
import org.churnrisk.features.io.problems.RejectsWriter;

/**
 * Skips bad rows into {@code <dir>/<source>.rejects.csv}, one {@link RejectsWriter} per source;
 * a file that cannot be read still stops the run. {@link #close()} moves the files into place and
 * removes those an earlier run left for sources without rejects this time, so that a rejects file
 * present always belongs to the latest run. Not thread-safe.
 */
final class RejectsFiles implements ProblemSink, Closeable {
    private final Path dir;
    private final Map<Source, RejectsWriter> writers = new EnumMap<>(Source.class);
    private boolean closed;

    RejectsFiles(Path dir) {
        this.dir = dir;
    }

    @Override
    public void badRow(Source source, RecordCursor cursor, DataProblemException problem) throws IOException {
        writers.computeIfAbsent(source, s -> new RejectsWriter(dir, s)).reject(cursor, problem);
    }

    /** The rejects files written, once closed. */
    List<Path> files() {
        return writers.values().stream().filter(w -> w.count() > 0).map(RejectsWriter::path).toList();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        for (Source source : Source.values()) {
            writers.computeIfAbsent(source, s -> new RejectsWriter(dir, s));
        }
        IOException failure = null;
        for (RejectsWriter w : writers.values()) {
            try {
                w.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
