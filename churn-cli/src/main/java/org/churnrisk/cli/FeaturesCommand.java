package org.churnrisk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.features.ExtractionReport;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.features.output.FeatureOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code churn features}: the feature table of a book as of one or more dates. */
@Command(
        name = "features",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Computes point-in-time features for every account that was a customer on the day before each "
                    + "as-of date, from what happened before that date only, with the composite health score. "
                    + "Writes one row per account and date, sorted by account_id, as CSV or Parquet.",
            "Features are defined in docs/features.md."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  churn features --data sample-data/book --as-of 2026-10-01 --out features.csv",
            "  churn features --data exports/ --as-of 2026-01-01,2026-02-01 --out f.csv",
            "  churn features --data exports/ --as-of 2026-02-01 --skip-bad-rows --out f.csv"
        })
final class FeaturesCommand implements Callable<Integer> {
    @Mixin
    private BookReadOptions book;

    @Option(names = "--as-of", required = true, split = ",", paramLabel = "<yyyy-MM-dd>",
            converter = IsoDateConverter.class,
            description = "As-of date(s); features use only what happened before each. Repeat or separate with commas.")
    private List<LocalDate> asOf;

    @Option(names = "--out", required = true, paramLabel = "<file.csv|file.parquet>",
            description = "Where to write the table, CSV or Parquet by the extension; written to a temporary file "
                    + "and renamed into place.")
    private Path out;

    @Override
    public Integer call() throws IOException {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".csv") && !name.endsWith(".parquet")) {
            throw new InvalidArgumentException("--out " + out + ": expected a .csv or .parquet file");
        }
        Path rejects = out.resolveSibling(out.getFileName() + ".rejects");
        OutputGuard guard = book.outputGuard();
        guard.file("--out", out, "the feature table", out);
        guard.folder("--out", out, "its rejects folder", rejects);
        ProgressReporter progress = book.progress();
        ReadOptions options = book.read(rejects, progress);
        FeatureExtractor extractor = FeatureExtractor.create(book.settings().features());
        List<String> counts = new ArrayList<>();
        ExtractionReport report;
        try (FeatureOutput writer = FeatureOutput.open(out, extractor.config().healthScore())) {
            report = extractor.extract(book.data(), options, asOf, table -> {
                writer.write(table);
                counts.add(String.format(Locale.ROOT, "as of %s: %,d active accounts", table.asOf(), table.rows()));
            });
            writer.commit();
        }
        progress.finishLine();

        PrintWriter stdout = book.out();
        stdout.print(report.summary());
        counts.forEach(stdout::println);
        for (Path r : report.rejectFiles()) {
            stdout.println("rejected rows: " + r);
        }
        stdout.printf(Locale.ROOT, "Wrote %s (%d features per account) in %.1f s%n", out,
                org.churnrisk.features.Feature.SCHEMA.size(), report.seconds());
        stdout.flush();
        return ExitCode.OK.code();
    }
}
