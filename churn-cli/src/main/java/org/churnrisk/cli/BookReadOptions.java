package org.churnrisk.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.features.BadRows;
import org.churnrisk.features.ReadOptions;
import picocli.CommandLine.Option;

/**
 * {@link BookOptions} and {@code --skip-bad-rows}, for the commands that read a book's rows and may
 * skip the bad ones into rejects files ({@code churn validate} never stops at a bad row, and has
 * no such option).
 */
class BookReadOptions extends BookOptions {
    @Option(names = "--skip-bad-rows", descriptionKey = "skip-bad-rows",
            description = "Skip rows that break the data contract instead of stopping.")
    private boolean skipBadRows;

    /**
     * How to read the book: its mapping, bad rows skipped into {@code rejects} under
     * {@code --skip-bad-rows} (else the first stops the run), progress to {@code progress}.
     *
     * @throws org.churnrisk.core.InvalidArgumentException as {@link #settings()}
     * @throws IOException                                 as {@link #settings()}
     */
    ReadOptions read(Path rejects, ProgressListener progress) throws IOException {
        ReadOptions read = settings().readOptions().withProgress(progress);
        return skipBadRows ? read.withBadRows(BadRows.SKIP, rejects) : read;
    }
}
