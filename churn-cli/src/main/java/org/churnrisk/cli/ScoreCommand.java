package org.churnrisk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.score.ChurnModel;
import org.churnrisk.score.ChurnSettings;
import org.churnrisk.score.ReportFiles;
import org.churnrisk.score.RunSummary;
import org.churnrisk.score.ScoredBook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code churn score}: the ranked at-risk report of a book as of a date. */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Scores every account that was a customer on the day before the as-of date with a trained model and "
                    + "writes the ranked at-risk report, highest churn risk first: probability, risk band, ARR at "
                    + "risk, the three drivers that push the risk up most, and a suggested play.",
            "Writes <report>.summary.json beside it. Both are written to temporary files and renamed into place, "
                    + "so a failed run leaves the previous report as it was. Columns, drivers, plays and bands: "
                    + "docs/scoring.md."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  churn score --data exports/ --model model/ --out reports/at-risk.csv",
            "  churn score --data book/ --model model/ --as-of 2026-11-01 --out at-risk.csv"
        })
final class ScoreCommand implements Callable<Integer> {
    @Mixin
    private ScoringOptions book;

    @Option(names = "--out", required = true, paramLabel = "<report.csv>", description = "Where to write the report.")
    private Path out;

    @Option(names = "--top", paramLabel = "<n>", defaultValue = "10",
            description = "Riskiest accounts to print (default: ${DEFAULT-VALUE}; 0 for none).")
    private int top;

    @Override
    public Integer call() throws IOException {
        long started = System.nanoTime();
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            throw new InvalidArgumentException("--out " + out + ": expected a .csv file");
        }
        if (top < 0) {
            throw new InvalidArgumentException("--top " + top + ": expected 0 or more accounts");
        }
        Path rejects = out.resolveSibling(out.getFileName() + ".rejects");
        OutputGuard guard = book.outputGuard();
        guard.file("--out", out, "the report", out);
        guard.file("--out", out, "its summary", RunSummary.fileOf(out));
        guard.folder("--out", out, "its rejects folder", rejects);
        ChurnSettings settings = book.settings();
        ProgressReporter progress = book.progress();
        ReadOptions read = book.read(rejects, progress);
        ChurnModel churn = book.model();
        ScoredBook scored = churn.score(book.data(), read, settings.features(), book.asOf());
        RunSummary summary = ReportFiles.write(out, scored, settings.scoring(), (System.nanoTime() - started) / 1e9);
        progress.finishLine();

        PrintWriter stdout = book.out();
        stdout.print(scored.extraction().summary());
        for (Path r : scored.extraction().rejectFiles()) {
            stdout.println("rejected rows: " + r);
        }
        stdout.print(summary.text());
        if (top > 0) {
            stdout.println();
            TopAccounts.print(stdout, scored.ranked(), top);
            stdout.println();
        }
        StringBuilder stages = new StringBuilder();
        scored.stages().forEach((stage, s) -> stages.append(stages.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.1f s", stage, s)));
        stdout.printf(Locale.ROOT, "Wrote %s and %s in %.1f s (%s)%n", out, RunSummary.fileOf(out),
                (System.nanoTime() - started) / 1e9, stages);
        stdout.flush();
        return ExitCode.OK.code();
    }
}
