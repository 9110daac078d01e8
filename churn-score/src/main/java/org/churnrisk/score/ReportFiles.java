package org.churnrisk.score;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.churnrisk.core.AtomicFiles;

/**
 * Writes a scored book as the at-risk report and its run summary, so that a nightly job never
 * leaves half a report: both files are written in full to hidden siblings first, then moved into
 * place, the report before its summary. A run that fails before that leaves the previous report and
 * summary as they were. The report's bytes depend only on the scored accounts; the summary also
 * records the run's duration.
 *
 * <p>Two runs writing the same report at once (two processes, or two threads) each write their own
 * temporary files; the two moves of a run happen under an exclusive lock on the hidden sibling
 * {@code .<report>.lock}, which stays beside the report, so that the report and summary left in
 * place always come from the same run. Temporary files of runs that were killed are removed by
 * the next run ({@link AtomicFiles#removeStalePartials}).
 *
 * <pre>{@code
 * ScoredBook book = model.score(Path.of("exports"), LocalDate.parse("2026-11-01"));
 * RunSummary summary = ReportFiles.write(Path.of("reports/at-risk.csv"), book, model.settings(), book.seconds());
 * }</pre>
 */
public final class ReportFiles {
    private ReportFiles() {
    }

    /**
     * Writes {@code report} and {@code <report>.summary.json}, comparing with the latest earlier
     * report in the same folder for the accounts that entered the red band; then the run's entry
     * in {@code history/} and {@code report.html} beside the report ({@link LeaderFiles}). With a
     * {@code scoring.holdout}, the accounts held out get no play and {@code holdout} in the
     * report's last column.
     *
     * @param seconds the run's duration, for the summary
     * @throws IOException if a file cannot be written; the previous files are then unchanged
     */
    public static RunSummary write(Path report, ScoredBook book, ScoringSettings settings, double seconds)
            throws IOException {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(book, "book");
        PreviousReport previous = PreviousReport.find(report, book.asOf());
        LeaderFiles leaders = LeaderFiles.prepare(report, book, settings);
        book = leaders.shown();
        RunSummary summary = RunSummary.of(report, book, settings, previous, seconds);
        Path summaryFile = RunSummary.fileOf(report);
        Path reportTmp = AtomicFiles.createSibling(report);
        Path summaryTmp = null;
        try {
            Files.writeString(reportTmp, ReportCsv.write(book.accounts(), leaders::heldOut), StandardCharsets.UTF_8);
            summaryTmp = AtomicFiles.createSibling(summaryFile);
            Files.writeString(summaryTmp, summary.json(), StandardCharsets.UTF_8);
            moveBoth(reportTmp, report, summaryTmp, summaryFile);
        } finally {
            Files.deleteIfExists(reportTmp);
            if (summaryTmp != null) {
                Files.deleteIfExists(summaryTmp);
            }
        }
        leaders.write(summary);
        return summary;
    }

    // The file lock keeps other processes out; within one JVM the lock is the JVM's (a second
    // FileChannel.lock would throw), so threads take the monitor first.
    private static final Object MOVES = new Object();

    private static void moveBoth(Path reportTmp, Path report, Path summaryTmp, Path summaryFile) throws IOException {
        Path lockFile = report.toAbsolutePath().resolveSibling("." + report.getFileName() + ".lock");
        synchronized (MOVES) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                AtomicFiles.moveIntoPlace(reportTmp, report);
                AtomicFiles.moveIntoPlace(summaryTmp, summaryFile);
            }
        }
    }
}
