package org.churnrisk.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.churnrisk.core.AtomicFiles;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.InvalidDataException;
import org.churnrisk.score.history.HistoryEntry;
import org.churnrisk.score.history.RunHistory;
import org.churnrisk.score.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code churn report}: rebuilds {@code report.html} of a report folder from its run history. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Rebuilds report.html in a folder of at-risk reports from its run history (history/<as-of>.json.gz,"
                    + " which every churn score writes beside its report): tiles, ARR at risk by tier and band, the"
                    + " trends over the runs, the top accounts, the model card and data quality.",
            "The page of the latest run, or of --as-of. See docs/scoring.md."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  churn report --reports reports/", "  churn report --reports reports/ --as-of 2026-11-01"})
final class ReportCommand implements Callable<Integer> {
    @Mixin
    private Console console;

    @Option(names = "--reports", required = true, paramLabel = "<reports-dir>",
            description = "The folder of the reports, with the history/ folder churn score writes.")
    private Path reports;

    @Option(names = "--as-of", paramLabel = "<yyyy-MM-dd>", converter = IsoDateConverter.class,
            description = "The run to show (default: the latest in the history).")
    private LocalDate asOf;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(reports)) {
            throw new InvalidArgumentException("--reports " + reports + ": is not a directory (expected the folder"
                    + " churn score writes its reports into)");
        }
        Path folder = reports.resolve(RunHistory.FOLDER);
        List<HistoryEntry> history = RunHistory.read(folder, true);
        if (history.isEmpty()) {
            throw new InvalidDataException("--reports " + reports + ": no run history in " + folder
                    + " (churn score writes one entry per run beside its report)");
        }
        LocalDate date = asOf != null ? asOf : history.get(history.size() - 1).asOf();
        if (history.stream().noneMatch(e -> e.asOf().equals(date))) {
            throw new InvalidArgumentException("--as-of " + date + ": the history has no run of that date (it has "
                    + history.get(0).asOf() + " to " + history.get(history.size() - 1).asOf() + ")");
        }
        Path file = HtmlReport.fileOf(reports);
        Path tmp = AtomicFiles.createSibling(file);
        try {
            Files.writeString(tmp, HtmlReport.render(history, date), java.nio.charset.StandardCharsets.UTF_8);
            AtomicFiles.moveIntoPlace(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
        console.out().printf("Wrote %s (as of %s, %d runs in the history)%n", file, date, history.size());
        console.out().flush();
        return ExitCode.OK.code();
    }
}
