package org.churnrisk.features.extract;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.churnrisk.core.InvalidDataException;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.BadRows;
import org.churnrisk.features.io.BookConfig;
import org.churnrisk.features.io.BookSources;
import org.churnrisk.features.io.DataProblemException;
import org.churnrisk.features.io.ReadStats;
import org.churnrisk.features.io.RecordCursor;
import org.churnrisk.features.io.RejectsWriter;

/**
 * Rows from the files of a book on disk, through the mapping, with every row accounted for:
 * each is accepted or, under {@link BadRows#SKIP}, written to its source's rejects file.
 */
final class FileRows implements BookRows, Closeable {
    private final Path book;
    private final BookConfig config;
    private final BadRows policy;
    private final Path rejectsDir;
    private final ProgressListener progress;
    private final ReadStats.Builder stats = ReadStats.builder();
    private final Map<Source, RejectsWriter> rejects = new EnumMap<>(Source.class);
    private boolean closed;

    FileRows(Path book, BookConfig config, BadRows policy, Path rejectsDir, ProgressListener progress) {
        this.book = book;
        this.config = config;
        this.policy = policy;
        this.rejectsDir = rejectsDir;
        this.progress = progress;
    }

    @Override
    public boolean has(Source source) throws IOException {
        return !BookSources.files(book, config.mapping(source), false).isEmpty();
    }

    @Override
    public void read(Source source, RowHandler handler) throws IOException {
        List<Path> files = BookSources.files(book, config.mapping(source));
        long accepted = 0;
        long rejected = 0;
        long totalBytes = 0;
        for (Path file : files) {
            totalBytes += Files.size(file);
        }
        long doneBytes = 0;
        String stage = "reading " + source.fileStem();
        for (Path file : files) {
            try (RecordCursor cursor = BookSources.open(book, file, config.mapping(source))) {
                long rows = 0;
                while (true) {
                    try {
                        if (!cursor.next()) {
                            break;
                        }
                        handler.row(cursor);
                        accepted++;
                    } catch (DataProblemException e) {
                        reject(source, cursor, e);
                        rejected++;
                    }
                    if ((++rows & 0xFFFF) == 0) {
                        progress.update(stage, Math.min(totalBytes, doneBytes + cursor.bytesRead()), totalBytes);
                    }
                }
            }
            doneBytes += Files.size(file);
            progress.update(stage, doneBytes, Math.max(1, totalBytes));
        }
        if (!files.isEmpty() && accepted + rejected == 0 && (source == Source.ACCOUNTS || source == Source.USAGE)) {
            throw new InvalidDataException(source.fileStem() + ": " + (files.size() == 1 ? files.get(0).getFileName()
                    + " has a header but no rows" : "the files have headers but no rows")
                    + " (expected at least one " + (source == Source.ACCOUNTS ? "account" : "usage row") + ")");
        }
        stats.add(source, accepted, rejected);
    }

    private void reject(Source source, RecordCursor cursor, DataProblemException problem) throws IOException {
        if (policy == BadRows.FAIL) {
            throw problem;
        }
        RejectsWriter writer = rejects.get(source);
        if (writer == null) {
            writer = new RejectsWriter(rejectsDir, source);
            rejects.put(source, writer);
        }
        writer.reject(cursor, problem);
    }

    ReadStats stats() {
        return stats.build();
    }

    /** Rejects files written so far. */
    List<Path> rejectFiles() {
        return rejects.values().stream().filter(w -> w.count() > 0).map(RejectsWriter::path).toList();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (policy == BadRows.SKIP) {
            // A rejects file present must belong to this run: clear those an earlier run left.
            for (Source source : Source.values()) {
                rejects.computeIfAbsent(source, s -> new RejectsWriter(rejectsDir, s));
            }
        }
        IOException failure = null;
        for (RejectsWriter w : rejects.values()) {
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
