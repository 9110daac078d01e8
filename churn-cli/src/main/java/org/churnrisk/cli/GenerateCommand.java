package org.churnrisk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.churnrisk.sample.BookGenerator;
import org.churnrisk.sample.GenerationReport;
import org.churnrisk.sample.GeneratorConfig;
import org.churnrisk.sample.UsageLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code churn generate}: writes a simulated customer book for demos, tests and benchmarks. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Writes a simulated B2B SaaS customer book in the data contract's format: accounts, contracts, "
                    + "usage, tickets, surveys, touchpoints and churn, plus truth.csv (the simulation's own churn "
                    + "probabilities, which readers ignore).",
            "The same options always give the same bytes."
        },
        footerHeading = "%nExample:%n",
        footer = "  churn generate --accounts 10000 --days 730 --seed 7 --out /tmp/book10k")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "<dir>",
            description = "Directory to write the book to; it must not exist or be empty (see --overwrite).")
    private Path out;

    @Option(names = "--accounts", paramLabel = "<n>", defaultValue = "500",
            description = "Accounts in the CRM: customers, churned ones and new logos (default: ${DEFAULT-VALUE}).")
    private int accounts;

    @Option(names = "--days", paramLabel = "<n>", defaultValue = "730",
            description = "Days of activity the exports cover, ending the day before --end (default: ${DEFAULT-VALUE}).")
    private int days;

    @Mixin
    private SharedOptions.Seed seed;

    @Option(names = "--end", paramLabel = "<yyyy-MM-dd>", defaultValue = "2026-11-01",
            converter = IsoDateConverter.class,
            description = "Export date: the first day the data does not cover (default: ${DEFAULT-VALUE}).")
    private LocalDate end;

    @Option(names = "--usage-layout", paramLabel = "<layout>", defaultValue = "csv",
            converter = UsageLayoutConverter.class,
            description = "csv (usage.csv), csv.gz (usage.csv.gz) or monthly-csv.gz (usage/part-YYYY-MM.csv.gz)"
                    + " (default: ${DEFAULT-VALUE}).")
    private UsageLayout usageLayout;

    @Option(names = "--truth-samples", paramLabel = "<n>", defaultValue = "64",
            description = "Simulated paths per account and month behind truth.csv; 0 writes no truth.csv"
                    + " (default: ${DEFAULT-VALUE}).")
    private int truthSamples;

    @Option(names = "--overwrite",
            description = "Replace --out if it holds a book made by this command (never other content).")
    private boolean overwrite;

    @Mixin
    private Console console;

    @Override
    public Integer call() throws IOException {
        GeneratorConfig config = GeneratorConfig.builder().accounts(accounts).days(days).seed(seed.seed()).end(end)
                .usageLayout(usageLayout).truthSamples(truthSamples).build();
        ProgressReporter progress = console.progress();
        GenerationReport report = BookGenerator.generate(config, out, overwrite, progress);
        progress.finishLine();
        PrintWriter stdout = console.out();
        stdout.printf(Locale.ROOT, "Wrote a book of %,d accounts from %s to %s (exclusive) to %s%n",
                report.accountRows(), config.start(), config.end(), out);
        stdout.printf(Locale.ROOT, "  %-16s %,12d rows%n", "accounts", report.accountRows());
        stdout.printf(Locale.ROOT, "  %-16s %,12d rows%n", "contracts", report.contractRows());
        stdout.printf(Locale.ROOT, "  %-16s %,12d rows%n", "usage", report.usageRows());
        stdout.printf(Locale.ROOT, "  %-16s %,12d rows%n", "tickets", report.ticketRows());
        stdout.printf(Locale.ROOT, "  %-16s %,12d rows%n", "surveys", report.surveyRows());
        stdout.printf(Locale.ROOT, "  %-16s %,12d rows%n", "touchpoints", report.touchpointRows());
        stdout.printf(Locale.ROOT, "  %-16s %,12d rows%n", "churn", report.churnRows());
        if (report.truthRows() > 0) {
            stdout.printf(Locale.ROOT, "  %-16s %,12d rows%n", "truth", report.truthRows());
        }
        stdout.printf(Locale.ROOT, "Simulated in %.1f s (%,.0f usage rows/s)%n", report.seconds(),
                report.usageRowsPerSecond());
        stdout.flush();
        return ExitCode.OK.code();
    }

    /** Parses a usage layout, naming the accepted ones when it fails. */
    static final class UsageLayoutConverter implements picocli.CommandLine.ITypeConverter<UsageLayout> {
        @Override
        public UsageLayout convert(String value) {
            try {
                return UsageLayout.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
