package org.churnrisk.features;

import java.nio.file.Path;
import java.util.Objects;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.features.io.mapping.BookConfig;

/**
 * How to read a book from disk: the mapping, what to do with bad rows and where their rejects
 * files go, and who hears about progress. Immutable.
 *
 * @param mapping    how the book's files and columns are named and values spelled
 * @param badRows    stop at the first bad row, or skip it into a rejects file
 * @param rejectsDir where {@code <source>.rejects.csv} files go under {@link BadRows#SKIP}
 * @param progress   receives progress while reading
 */
public record ReadOptions(BookConfig mapping, BadRows badRows, Path rejectsDir, ProgressListener progress) {

    public ReadOptions {
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(badRows, "badRows");
        Objects.requireNonNull(progress, "progress");
        if (badRows == BadRows.SKIP) {
            Objects.requireNonNull(rejectsDir, "rejectsDir is needed to skip bad rows");
        }
    }

    /**
     * The book's own {@code churn.yaml} (or the defaults), failing at the first bad row, silently;
     * the same as {@code BookSettings.forBook(book, null).readOptions()}.
     */
    public static ReadOptions forBook(Path book) throws java.io.IOException {
        return BookSettings.forBook(book, null).readOptions();
    }

    public ReadOptions withBadRows(BadRows badRows, Path rejectsDir) {
        return new ReadOptions(mapping, badRows, rejectsDir, progress);
    }

    public ReadOptions withProgress(ProgressListener progress) {
        return new ReadOptions(mapping, badRows, rejectsDir, progress);
    }
}
