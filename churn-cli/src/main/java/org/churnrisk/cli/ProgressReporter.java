package org.churnrisk.cli;

import java.io.PrintWriter;
import org.churnrisk.core.ProgressListener;

/**
 * Shows a library's progress on stderr: a bar redrawn in place on a terminal, otherwise a plain
 * log line at every tenth, so that nightly job logs stay readable.
 */
final class ProgressReporter implements ProgressListener {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;
    private String stage;
    private int lastShown = -1;

    ProgressReporter(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** Whether stderr looks like a terminal a person is watching. */
    static boolean stderrIsTerminal() {
        return System.console() != null && System.getenv("CI") == null;
    }

    @Override
    public void update(String stage, long done, long total) {
        if (!stage.equals(this.stage)) {
            finishLine();
            this.stage = stage;
            lastShown = -1;
        }
        int permille = (int) Math.min(1000, done * 1000 / Math.max(1, total));
        if (terminal) {
            if (permille / 5 != lastShown / 5 || done == total) {
                int filled = permille * WIDTH / 1000;
                err.print("\r" + stage + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                        + permille / 10 + "%");
                err.flush();
                lastShown = permille;
            }
        } else if (done > 0 && (done == total || total >= 10 && permille / 100 > Math.max(0, lastShown) / 100)) {
            // Logs stay short: a line per tenth of a long stage, one line when a short one ends.
            // Small totals are counts a reader knows (days, dates); large ones are bytes: show the share.
            err.println(stage + ": " + (total <= 10_000 ? done + " of " + total + " (" + permille / 10 + "%)"
                    : permille / 10 + "%"));
            err.flush();
            lastShown = permille;
        }
    }

    /** Ends the bar's line, if one is being drawn. */
    void finishLine() {
        if (terminal && stage != null) {
            err.println();
            err.flush();
        }
        stage = null;
    }
}
