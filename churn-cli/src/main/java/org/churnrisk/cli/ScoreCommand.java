package org.churnrisk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.features.BadRows;
import org.churnrisk.features.FeatureConfig;
import org.churnrisk.features.FeatureSettings;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.features.io.mapping.BookConfig;
import org.churnrisk.score.ChurnModel;
import org.churnrisk.score.ReportFiles;
import org.churnrisk.score.RunSummary;
import org.churnrisk.score.ScoredBook;
import org.churnrisk.score.ScoringSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
    @Spec
    private CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "<book-dir>",
            description = "Tonight's exports: a directory with accounts, usage, tickets, surveys, ...")
    private Path data;

    @Option(names = "--model", required = true, paramLabel = "<model-dir>", description = "A bundle written by churn train.")
    private Path model;

    @Option(names = "--as-of", paramLabel = "<yyyy-MM-dd>", converter = IsoDateConverter.class,
            description = "Score as of this date, from what happened before it (default: today in the book's zone).")
    private LocalDate asOf;

    @Option(names = "--out", required = true, paramLabel = "<report.csv>", description = "Where to write the report.")
    private Path out;

    @Option(names = "--top", paramLabel = "<n>", defaultValue = "10",
            description = "Riskiest accounts to print (default: ${DEFAULT-VALUE}; 0 for none).")
    private int top;

    @Option(names = "--config", paramLabel = "<churn.yaml>",
            description = "Mapping file, with the scoring: section for bands and plays (default: <book-dir>/churn.yaml if present).")
    private Path config;

    @Option(names = "--skip-bad-rows",
            description = "Skip rows that break the data contract into <report>.rejects/ instead of stopping.")
    private boolean skipBadRows;

    @Override
    public Integer call() throws IOException {
        long started = System.nanoTime();
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            throw new InvalidArgumentException("--out " + out + ": expected a .csv file");
        }
        if (top < 0) {
            throw new InvalidArgumentException("--top " + top + ": expected 0 or more accounts");
        }
        Inputs in = Inputs.of(data, config, skipBadRows, out.resolveSibling(out.getFileName() + ".rejects"),
                spec.commandLine().getErr());
        ChurnModel churn = ChurnModel.load(model, in.scoring());
        LocalDate date = asOf != null ? asOf : LocalDate.now(in.features().zone());
        ScoredBook book = churn.score(data, in.read(), in.features(), date);
        RunSummary summary = ReportFiles.write(out, book, in.scoring(), (System.nanoTime() - started) / 1e9);
        in.progress().finishLine();

        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(book.extraction().stats().table());
        for (Path r : book.extraction().rejectFiles()) {
            stdout.println("rejected rows: " + r);
        }
        stdout.print(summary.text());
        if (top > 0) {
            stdout.println();
            TopAccounts.print(stdout, book.ranked(), top);
            stdout.println();
        }
        StringBuilder stages = new StringBuilder();
        book.stages().forEach((stage, s) -> stages.append(stages.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.1f s", stage, s)));
        stdout.printf(Locale.ROOT, "Wrote %s and %s in %.1f s (%s)%n", out, RunSummary.fileOf(out),
                (System.nanoTime() - started) / 1e9, stages);
        stdout.flush();
        return ExitCode.OK.code();
    }

    /** How to read a book for scoring: mapping, feature and scoring settings, bad rows, progress. */
    record Inputs(ReadOptions read, FeatureConfig features, ScoringSettings scoring, ProgressReporter progress) {
        static Inputs of(Path data, Path config, boolean skipBadRows, Path rejects, PrintWriter err) throws IOException {
            ChurnCli.requireBook(data);
            BookConfig mapping = config != null ? BookConfig.load(config) : BookConfig.forBook(data);
            ProgressReporter progress = new ProgressReporter(err, ProgressReporter.stderrIsTerminal());
            ReadOptions read = new ReadOptions(mapping, skipBadRows ? BadRows.SKIP : BadRows.FAIL, rejects, progress);
            return new Inputs(read, FeatureSettings.forBook(data, config), ScoringSettings.forBook(data, config),
                    progress);
        }
    }
}
