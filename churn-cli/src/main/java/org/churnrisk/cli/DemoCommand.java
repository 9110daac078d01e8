package org.churnrisk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.train.backtest.Backtest;
import org.churnrisk.train.data.LabelPolicy;
import org.churnrisk.train.eval.EvaluationReport;
import org.churnrisk.train.model.Algorithm;
import org.churnrisk.train.bundle.ModelBundle;
import org.churnrisk.train.pipeline.TrainedBundle;
import org.churnrisk.train.pipeline.Training;
import org.churnrisk.score.ChurnModel;
import org.churnrisk.score.ChurnSettings;
import org.churnrisk.score.ReportFiles;
import org.churnrisk.score.RunSummary;
import org.churnrisk.score.ScoredBook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code churn demo}: train on the sample book, score it, show the riskiest accounts. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Shows churn-risk end to end on the committed sample book: trains a model (backtested against the "
                    + "health score), scores every account as of the day after the book's data ends, writes the "
                    + "report, and prints the ten riskiest accounts and where the files are.",
            "Takes about half a minute; bin/churn builds the tool first if needed."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  churn demo",
            "  churn demo --data exports/ --out /tmp/demo --algorithm logistic"
        })
final class DemoCommand implements Callable<Integer> {
    /** Set by bin/churn to the repository it runs from. */
    static final String HOME_VARIABLE = "CHURN_HOME";

    @Option(names = "--data", paramLabel = "<book-dir>",
            description = "The book to learn from and score (default: the sample book, sample-data/book).")
    private Path data;

    @Option(names = "--out", paramLabel = "<dir>",
            description = "Where to write model/ and at-risk.csv (default: target/demo in the repository).")
    private Path out;

    @Mixin
    private SharedOptions.Training training;

    @Mixin
    private Console console;

    @Override
    public Integer call() throws IOException {
        long started = System.nanoTime();
        Path home = home();
        Path book = data != null ? data : home.resolve("sample-data").resolve("book");
        Path dir = out != null ? out : home.resolve("target").resolve("demo");
        if (!Files.isDirectory(book)) {
            throw new InvalidArgumentException("--data " + book + ": is not a directory (run from the repository, or"
                    + " pass --data with a book of exports)");
        }
        Algorithm chosen = training.algorithm();
        Path modelDir = dir.resolve("model");
        Path report = dir.resolve("at-risk.csv");
        OutputGuard guard = new OutputGuard().readsFolder("the book --data", book);
        guard.folder("--out", dir, "the model bundle", modelDir);
        guard.file("--out", dir, "the report", report);
        guard.file("--out", dir, "its summary", RunSummary.fileOf(report));
        ChurnSettings settings = ChurnSettings.forBook(book, null);
        ProgressReporter progress = console.progress();
        ReadOptions read = settings.readOptions().withProgress(progress);
        PrintWriter stdout = console.out();
        stdout.println("Training on " + book + " ...");
        stdout.flush();
        Training.Options options = new Training.Options(book, read, settings.features(), LabelPolicy.DEFAULT,
                chosen, training.seed(), training.folds(), 50, progress);
        Training.Outcome o = Training.run(options);
        TrainedBundle.write(modelDir, options, o, ModelBundle.createdBy(VersionProvider.projectVersion()));
        progress.finishLine();
        EvaluationReport model = o.chosenReport();
        EvaluationReport health = o.backtest().calibrated().get(Backtest.HEALTH_SCORE);
        stdout.printf(Locale.ROOT, "Trained %s on %,d labelled snapshots; backtest ROC AUC %.3f against the health"
                        + " score's %.3f (%d folds).%n", o.chosen().label(), o.data().size(), model.rocAuc(),
                health == null ? Double.NaN : health.rocAuc(), o.backtest().folds().size());

        LocalDate asOf = o.extraction().usageLastDay().plusDays(1);
        ChurnModel churn = ChurnModel.load(modelDir, settings.scoring());
        ScoredBook scored = churn.score(book, read, settings.features(), asOf);
        RunSummary summary = ReportFiles.write(report, scored, settings.scoring(), (System.nanoTime() - started) / 1e9);
        progress.finishLine();
        stdout.println();
        stdout.print(summary.text());
        stdout.println();
        stdout.println("The ten riskiest accounts:");
        TopAccounts.print(stdout, scored.ranked(), 10);
        stdout.println();
        stdout.println("Files:");
        stdout.println("  model bundle       " + modelDir + " (evaluation.md: the backtest against the health score)");
        stdout.println("  at-risk report     " + report);
        stdout.println("  run summary        " + RunSummary.fileOf(report));
        stdout.println("Next: churn explain --data " + book + " --model " + modelDir + " --as-of " + asOf
                + " --account " + (scored.ranked().isEmpty() ? "<id>" : scored.ranked().get(0).accountId()));
        stdout.printf(Locale.ROOT, "Done in %.1f s%n", (System.nanoTime() - started) / 1e9);
        stdout.flush();
        return ExitCode.OK.code();
    }

    /** The repository bin/churn runs from, else the working directory. */
    private static Path home() {
        String home = System.getenv(HOME_VARIABLE);
        return home == null || home.isBlank() ? Path.of("") : Path.of(home);
    }
}
