package org.churnrisk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.score.ChurnModel;
import org.churnrisk.score.ChurnSettings;
import org.churnrisk.score.ReportFiles;
import org.churnrisk.score.RunSummary;
import org.churnrisk.score.ScoredBook;
import org.churnrisk.score.workflow.Workflow;
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
            "Writes beside it: <report>.summary.json (counts, ARR at risk, what changed, every file below); "
                    + "worklists/<csm>.csv (each named Enterprise CSM's accounts, highest risk first, up to the weekly "
                    + "capacity, the rest marked overflow); worklists/growth-queue.csv (red and yellow Growth accounts "
                    + "with the SLA due time in business hours); digital-journey.csv (every Starter account and the "
                    + "automated sequence to trigger); alerts.csv (accounts that entered red or whose health score fell "
                    + "below 50 since the previous report in the folder, with the play, the task due date and the "
                    + "account executive; on a first run every red and low-health account, marked as having no "
                    + "baseline); onboarding.csv (accounts in their first 90 days: milestones, days since the last "
                    + "login, the check-in due); adoption.csv (per account and product module of features.modules: "
                    + "events per licensed seat in 30 days against the tier's median, red/yellow/green, and the module "
                    + "most below its cohort as the expansion or training conversation to open).",
            "Every file is written to a temporary file and renamed into place, so a failed run leaves the previous "
                    + "files as they were. Ranking key, capacity, SLA, holidays and triggers: scoring.workflow in "
                    + "churn.yaml. Columns, drivers, plays and bands: docs/scoring.md."
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
        guard.folder("--out", out, "its worklists folder", out.resolveSibling(Workflow.WORKLISTS));
        for (String file : List.of(Workflow.DIGITAL_JOURNEY, Workflow.ALERTS, Workflow.ONBOARDING)) {
            guard.file("--out", out, file, out.resolveSibling(file));
        }
        ChurnSettings settings = book.settings();
        ProgressReporter progress = book.progress();
        ReadOptions read = book.read(rejects, progress);
        ChurnModel churn = book.model();
        ScoredBook scored = churn.score(book.data(), read, settings.features(), book.asOf());
        RunSummary summary = ReportFiles.write(out, scored, settings.scoring(), settings.workflow(), a -> true,
                (System.nanoTime() - started) / 1e9);
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
        stdout.printf(Locale.ROOT, "Wrote %s, %s and the workflow files beside them in %.1f s (%s)%n", out,
                RunSummary.fileOf(out), (System.nanoTime() - started) / 1e9, stages);
        stdout.flush();
        return ExitCode.OK.code();
    }
}
