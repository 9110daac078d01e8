package org.churnrisk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.InvalidDataException;
import org.churnrisk.features.ExtractionReport;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.score.history.HistoryEntry;
import org.churnrisk.score.history.RunHistory;
import org.churnrisk.score.outcomes.Outcomes;
import org.churnrisk.score.outcomes.OutcomesFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code churn outcomes}: what happened after past runs, from a newer book. */
@Command(
        name = "outcomes",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Joins the run history of a report folder with a newer book: for each past run, predicted against"
                    + " realised churn by band and decile, realised AUC, ARR churned from each band and the accounts"
                    + " that churned while green; with a scoring.holdout, the rescue rate of treated against held-out"
                    + " accounts with 95%% intervals, ARR saved and a power line.",
            "Writes outcomes.md and outcomes.json into --reports. See docs/outcomes.md."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  churn outcomes --reports reports/ --data exports/"})
final class OutcomesCommand implements Callable<Integer> {
    @Mixin
    private BookReadOptions book;

    @Option(names = "--reports", required = true, paramLabel = "<reports-dir>",
            description = "The folder of the reports, with the history/ folder churn score writes.")
    private Path reports;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(reports)) {
            throw new InvalidArgumentException("--reports " + reports + ": is not a directory (expected the folder"
                    + " churn score writes its reports into)");
        }
        OutputGuard guard = book.outputGuard();
        guard.file("--reports", reports, "outcomes.md", reports.resolve(OutcomesFiles.MARKDOWN));
        guard.file("--reports", reports, "outcomes.json", reports.resolve(OutcomesFiles.JSON));
        Path rejects = reports.resolve("outcomes.rejects");
        guard.folder("--reports", reports, "its rejects folder", rejects);
        List<HistoryEntry> history = RunHistory.read(reports.resolve(RunHistory.FOLDER), true);
        if (history.isEmpty()) {
            throw new InvalidDataException("--reports " + reports + ": no run history in "
                    + reports.resolve(RunHistory.FOLDER) + " (churn score writes one entry per run beside its report)");
        }
        ProgressReporter progress = book.progress();
        ReadOptions read = book.read(rejects, progress);
        FeatureExtractor extractor = FeatureExtractor.create(book.settings().features());
        LocalDate[] span = extractor.usageSpan(book.data(), read);
        ExtractionReport extraction = extractor.extract(book.data(), read, List.of(span[1].plusDays(1)), t -> { });
        progress.finishLine();
        if (extraction.churnDates().isEmpty()) {
            throw new InvalidDataException("--data " + book.data() + ": the book has no churn (outcomes need the churn"
                    + " export, or churn from the account list: docs/mapping.md)");
        }
        Map<String, Object> outcomes = Outcomes.of(history, extraction.churnDates(), extraction.usageLastDay());
        OutcomesFiles.write(reports, outcomes);
        PrintWriter out = book.out();
        out.print(OutcomesFiles.markdown(outcomes));
        out.printf("%nWrote %s and %s%n", reports.resolve(OutcomesFiles.MARKDOWN), reports.resolve(OutcomesFiles.JSON));
        out.flush();
        return ExitCode.OK.code();
    }
}
