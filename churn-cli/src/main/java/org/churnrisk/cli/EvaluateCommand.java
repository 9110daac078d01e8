package org.churnrisk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.Feature;
import org.churnrisk.features.io.BookSources;
import org.churnrisk.train.bundle.LoadedBundle;
import org.churnrisk.train.bundle.ModelBundle;
import org.churnrisk.train.eval.ReportTables;
import org.churnrisk.train.pipeline.Evaluating;
import org.churnrisk.score.ChurnSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
    @Mixin
    private BundleOptions book;

    @Mixin
    private SharedOptions.Capacity capacity;

    @Override
    public Integer call() throws IOException {
        Path data = book.data();
        BookOptions.requireBook(data);
        Path rejects = data.toAbsolutePath().resolveSibling(data.getFileName() + ".evaluate.rejects");
        book.outputGuard().folder("--skip-bad-rows", data, "the rejects folder", rejects);
        ChurnSettings settings = book.settings();
        LoadedBundle bundle = ModelBundle.load(book.modelDir(), Feature.SCHEMA);
        BookSources.files(data, settings.mapping().mapping(Source.CHURN), true);
        ProgressReporter progress = book.progress();
        Evaluating.Result r = Evaluating.run(data, book.read(rejects, progress), settings.features(), bundle,
                capacity.capacity());
        progress.finishLine();
        PrintWriter out = book.out();
        out.print(r.extraction().summary());
        out.printf(Locale.ROOT, "%,d labelled snapshots (%,d churned within %d days), %,d censored, %s to %s%n",
                r.data().size(), r.data().positives(), bundle.manifest().horizonDays(), r.data().censored(),
                r.dates().get(0), r.dates().get(r.dates().size() - 1));
        out.println();
        out.print(ReportTables.text(r.reports()));
        out.flush();
        return ExitCode.OK.code();
    }
}
