package org.churnrisk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.BadRows;
import org.churnrisk.features.Feature;
import org.churnrisk.features.FeatureSettings;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.features.io.BookSources;
import org.churnrisk.features.io.mapping.BookConfig;
import org.churnrisk.train.bundle.LoadedBundle;
import org.churnrisk.train.bundle.ModelBundle;
import org.churnrisk.train.eval.ReportTables;
import org.churnrisk.train.pipeline.Evaluating;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code churn evaluate}: the metrics of a trained bundle on a book. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Evaluates a trained model bundle on a book (for example a later period): monthly snapshots "
                + "labelled as in training, the model's calibrated probabilities against the composite health "
                + "score on the same rows.",
        footerHeading = "%nExample:%n",
        footer = "  churn evaluate --data exports/2027-q1 --model model/")
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "<book-dir>", description = "The book (needs churn.csv).")
    private Path data;

    @Option(names = "--model", required = true, paramLabel = "<model-dir>", description = "A bundle written by churn train.")
    private Path model;

    @Option(names = "--capacity", paramLabel = "<accounts>", defaultValue = "50",
            description = "Accounts your CSM team can call per snapshot (default: ${DEFAULT-VALUE}).")
    private int capacity;

    @Option(names = "--config", paramLabel = "<churn.yaml>",
            description = "Mapping file (default: <book-dir>/churn.yaml if present).")
    private Path config;

    @Option(names = "--skip-bad-rows", description = "Skip rows that break the data contract instead of stopping.")
    private boolean skipBadRows;

    @Override
    public Integer call() throws IOException {
        ChurnCli.requireBook(data);
        LoadedBundle bundle = ModelBundle.load(model, Feature.SCHEMA);
        BookConfig mapping = config != null ? BookConfig.load(config) : BookConfig.forBook(data);
        BookSources.files(data, mapping.mapping(Source.CHURN), true);
        PrintWriter err = spec.commandLine().getErr();
        ProgressReporter progress = new ProgressReporter(err, ProgressReporter.stderrIsTerminal());
        Path rejects = data.toAbsolutePath().resolveSibling(data.getFileName() + ".evaluate.rejects");
        ReadOptions read = new ReadOptions(mapping, skipBadRows ? BadRows.SKIP : BadRows.FAIL, rejects, progress);
        Evaluating.Result r = Evaluating.run(data, read, FeatureSettings.forBook(data, config), bundle, capacity);
        progress.finishLine();
        PrintWriter out = spec.commandLine().getOut();
        out.print(r.extraction().stats().table());
        out.printf(Locale.ROOT, "%,d labelled snapshots (%,d churned within %d days), %,d censored, %s to %s%n",
                r.data().size(), r.data().positives(), bundle.manifest().horizonDays(), r.data().censored(),
                r.dates().get(0), r.dates().get(r.dates().size() - 1));
        out.println();
        out.print(ReportTables.text(r.reports()));
        out.flush();
        return ExitCode.OK.code();
    }
}
