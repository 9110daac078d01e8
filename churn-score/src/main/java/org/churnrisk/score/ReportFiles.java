package org.churnrisk.score;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.DirectoryStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.churnrisk.core.AtomicFiles;
import org.churnrisk.score.workflow.Workflow;
import org.churnrisk.score.workflow.WorkflowSettings;

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
        return write(report, book, settings, null, a -> true, seconds);
    }

    /**
     * Writes the report, its summary and the workflow files beside it ({@link Workflow}: {@code
     * worklists/<csm>.csv}, {@code worklists/growth-queue.csv}, {@code digital-journey.csv},
     * {@code alerts.csv}, {@code onboarding.csv}). Every file is written to a hidden sibling first;
     * all are moved into place under the report's lock, the report first and its summary last, so a
     * summary always describes the files beside it. CSV files left in {@code worklists/} by an
     * earlier run for a CSM who has no list tonight are removed after the moves.
     *
     * @param workflow  the workflow settings, or null to write the report and summary only
     * @param getsAPlay which accounts are given work in the workflow files (all, for {@code a -> true})
     * @throws IOException if a file cannot be written; files not yet moved are then unchanged
     */
    public static RunSummary write(Path report, ScoredBook book, ScoringSettings settings, WorkflowSettings workflow,
                                   Predicate<ScoredAccount> getsAPlay, double seconds) throws IOException {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(book, "book");
        PreviousReport previous = PreviousReport.find(report, book.asOf());
        LeaderFiles leaders = LeaderFiles.prepare(report, book, settings);
        book = leaders.shown();
        // Holdout accounts get no play: they stay in the ranked report but leave the workflow files.
        Predicate<ScoredAccount> plays = getsAPlay.and(a -> !leaders.heldOut(a));
        Workflow files = workflow == null ? null
                : Workflow.of(book, workflow, plays, previous == null ? null : previous.baseline());
        RunSummary summary = RunSummary.of(report, book, settings, previous, files, seconds);
        Path summaryFile = RunSummary.fileOf(report);
        List<Path[]> moves = new ArrayList<>();
        try {
            moves.add(written(report, ReportCsv.write(book.accounts(), leaders::heldOut)));
            if (files != null) {
                Files.createDirectories(report.toAbsolutePath().resolveSibling(Workflow.WORKLISTS));
                for (Map.Entry<String, String> f : files.files().entrySet()) {
                    moves.add(written(report.resolveSibling(f.getKey()), f.getValue()));
                }
            }
            moves.add(written(summaryFile, summary.json()));
            moveAll(report, moves);
        } finally {
            for (Path[] m : moves) {
                Files.deleteIfExists(m[0]);
            }
        }
        if (files != null) {
            removeStaleWorklists(report.toAbsolutePath().resolveSibling(Workflow.WORKLISTS), files);
        }
        leaders.write(summary);
        return summary;
    }

    private static Path[] written(Path target, String text) throws IOException {
        Path tmp = AtomicFiles.createSibling(target);
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        return new Path[] {tmp, target};
    }

    private static void removeStaleWorklists(Path dir, Workflow files) throws IOException {
        try (DirectoryStream<Path> csvs = Files.newDirectoryStream(dir, "*.csv")) {
            for (Path f : csvs) {
                if (!files.files().containsKey(Workflow.WORKLISTS + "/" + f.getFileName()) && Files.isRegularFile(f)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    // The file lock keeps other processes out; within one JVM the lock is the JVM's (a second
    // FileChannel.lock would throw), so threads take the monitor first.
    private static final Object MOVES = new Object();

    private static void moveAll(Path report, List<Path[]> moves) throws IOException {
        Path lockFile = report.toAbsolutePath().resolveSibling("." + report.getFileName() + ".lock");
        synchronized (MOVES) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                for (Path[] m : moves) {
                    AtomicFiles.moveIntoPlace(m[0], m[1]);
                }
            }
        }
    }
}
