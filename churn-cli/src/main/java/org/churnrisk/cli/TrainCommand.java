package org.churnrisk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.features.io.BookSources;
import org.churnrisk.train.bundle.ModelBundle;
import org.churnrisk.train.data.LabelPolicy;
import org.churnrisk.train.eval.ReportTables;
import org.churnrisk.train.model.Algorithm;
import org.churnrisk.train.pipeline.TrainedBundle;
import org.churnrisk.train.pipeline.Training;
import org.churnrisk.score.ChurnSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code churn train}: backtest, choose and train the 120-day churn model of a book. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Builds monthly snapshots of the book, labels each with whether the account churned within the horizon "
                    + "(censoring windows that run past the data), backtests logistic regression and XGBoost "
                    + "against the composite health score and a base-rate dummy on rolling-origin folds, and "
                    + "trains the final calibrated model.",
            "Writes the model bundle (model.tribuo, scorer.bin, bundle.json) and evaluation.json / evaluation.md to --out."
        },
        footerHeading = "%nExample:%n",
        footer = "  churn train --data sample-data/book --out model/")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    private BookReadOptions book;

    @Option(names = "--out", required = true, paramLabel = "<model-dir>",
            description = "Where to write the bundle; an existing earlier bundle there is replaced.")
    private Path out;

    @Mixin
    private SharedOptions.Training training;

    @Mixin
    private SharedOptions.Capacity capacity;

    @Option(names = "--horizon-days", paramLabel = "<days>", defaultValue = "120",
            description = "Churn within this many days after a snapshot counts (default: ${DEFAULT-VALUE}).")
    private int horizonDays;

    @Option(names = "--snapshot-every", paramLabel = "<interval>", defaultValue = "1m",
            converter = IntervalConverter.class,
            description = "Snapshot dates every 1m (month starts), 2m, 2w, 14d, ... from the first date with 90 days "
                    + "of usage history (default: ${DEFAULT-VALUE}).")
    private java.time.Period snapshotEvery;

    @Override
    public Integer call() throws IOException {
        Path data = book.data();
        BookOptions.requireBook(data);
        Path rejects = out.resolveSibling(out.getFileName() + ".rejects");
        OutputGuard guard = book.outputGuard();
        guard.folder("--out", out, "the model bundle", out);
        guard.folder("--out", out, "its rejects folder", rejects);
        Algorithm chosen = training.algorithm();
        LabelPolicy labels = new LabelPolicy(horizonDays);
        ChurnSettings settings = book.settings();
        BookSources.files(data, settings.mapping().mapping(Source.CHURN), true);
        ProgressReporter progress = book.progress();
        ReadOptions read = book.read(rejects, progress);
        long started = System.nanoTime();
        Training.Options options = new Training.Options(data, read, settings.features(), labels, chosen,
                training.seed(), training.folds(), capacity.capacity(), snapshotEvery, progress);
        Training.Outcome o = Training.run(options);

        TrainedBundle.write(out, options, o, ModelBundle.createdBy(VersionProvider.projectVersion()));
        progress.finishLine();
        for (String warning : o.warnings()) {
            book.err().println("churn: warning: " + warning);
        }

        PrintWriter stdout = book.out();
        stdout.print(o.extraction().summary());
        stdout.printf(Locale.ROOT, "%,d labelled snapshots (%,d churned within %d days), %,d censored%n",
                o.data().size(), o.data().positives(), horizonDays, o.data().censored());
        stdout.println();
        stdout.println("Backtest (calibrated, " + o.backtest().folds().size() + " folds, " + o.backtest().testRows()
                + " test rows):");
        stdout.print(ReportTables.text(o.comparison()));
        if (o.truth().isPresent()) {
            stdout.println("(" + Training.GENERATOR_TRUTH + ": the book's truth.csv on the same rows, the ceiling for any model)");
        }
        stdout.println();
        stdout.println((chosen == null ? "Chose " : "Trained ") + o.chosen().label() + (chosen == null
                ? " (best calibrated ROC AUC in the backtest)" : " (as asked)") + "; final model calibrated with "
                + o.calibration().getClass().getSimpleName().toLowerCase(Locale.ROOT) + " scaling.");
        stdout.printf(Locale.ROOT, "Wrote %s (model.tribuo, scorer.bin, bundle.json, evaluation.json, evaluation.md)"
                + " in %.1f s%n", out, (System.nanoTime() - started) / 1e9);
        stdout.flush();
        return ExitCode.OK.code();
    }
}
