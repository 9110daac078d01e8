package org.churnrisk.features.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.core.contract.Source;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.features.AccountHistory;
import org.churnrisk.features.BadRows;
import org.churnrisk.features.ExtractionReport;
import org.churnrisk.features.FeatureConfig;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.features.io.problems.ProblemSink;

/**
 * One extraction: reads the small sources, streams usage, tickets, surveys and touchpoints once
 * through the aggregators, then assembles a table per as-of date. The entry point behind
 * {@link org.churnrisk.features.FeatureExtractor}; not meant to be called directly.
 */
public final class Extraction {
    private Extraction() {
    }

    /** Extracts features from in-memory histories. */
    public static void run(List<AccountHistory> histories, FeatureConfig config, List<LocalDate> asOf,
                           Consumer<FeatureTable> out) {
        try {
            run(new RecordRows(histories, config.zone()), config, asOf, ProgressListener.NONE, out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // in-memory rows do no I/O
        }
    }

    /** Extracts features from a book on disk. */
    public static ExtractionReport run(Path book, ReadOptions options, FeatureConfig config, List<LocalDate> asOf,
                                       Consumer<FeatureTable> out) throws IOException {
        long started = System.nanoTime();
        RejectsFiles rejects = options.badRows() == BadRows.SKIP ? new RejectsFiles(options.rejectsDir()) : null;
        try (rejects) {
            FileRows rows = new FileRows(book, options.mapping(), rejects != null ? rejects : ProblemSink.FAIL,
                    options.progress(), options.hashFiles());
            Result result = run(rows, config, asOf, options.progress(), out);
            List<Path> rejectFiles = List.of();
            if (rejects != null) {
                rejects.close(); // moves the rejects files into place before they are reported
                rejectFiles = rejects.files();
            }
            List<String> notes = new java.util.ArrayList<>();
            for (Source source : Source.values()) {
                if (source.optional() && rows.absent(source)) {
                    notes.add(source.fileStem() + ": no file; " + org.churnrisk.features.SourceNotes.missing(source));
                }
            }
            notes.addAll(rows.notes());
            return new ExtractionReport(rows.stats(), rejectFiles, day(result.usage().minSecond, config),
                    day(result.usage().maxSecond, config), result.book().churnDates(),
                    (System.nanoTime() - started) / 1e9, result.book().infos(),
                    options.hashFiles() ? rows.inputFiles() : List.of(), notes);
        }
    }

    /** See {@link org.churnrisk.features.FeatureExtractor#usageSpan}. */
    public static LocalDate[] usageSpan(Path book, ReadOptions options, FeatureConfig config) throws IOException {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        org.churnrisk.features.io.mapping.SourceMapping mapping = options.mapping().mapping(org.churnrisk.core.contract.Source.USAGE);
        for (Path file : org.churnrisk.features.io.BookSources.files(book, mapping)) {
            try (org.churnrisk.features.io.RecordCursor c = org.churnrisk.features.io.BookSources.open(book, file, mapping)) {
                while (true) {
                    try {
                        if (!c.next()) {
                            break;
                        }
                        long s = c.epochSecond(Col.U_AT);
                        min = Math.min(min, s);
                        max = Math.max(max, s);
                    } catch (org.churnrisk.features.io.problems.DataProblemException e) {
                        // reported by the real pass
                    }
                }
            }
        }
        if (min == Long.MAX_VALUE) {
            throw new org.churnrisk.core.InvalidDataException("book " + book + ": usage has no readable row, so there "
                    + "is no span to take snapshots in");
        }
        return new LocalDate[] {day(min, config), day(max, config)};
    }

    private static LocalDate day(long second, FeatureConfig config) {
        return second == Long.MAX_VALUE || second == Long.MIN_VALUE ? null
                : java.time.Instant.ofEpochSecond(second).atZone(config.zone()).toLocalDate();
    }

    /** What one run leaves behind besides the tables. */
    record Result(AccountBook book, UsageAggregator usage) { }

    /**
     * Extracts the features of a part of a book: the accounts of {@code rows} and every row of
     * theirs, with the facts of the whole book that no part sees alone passed in. The tables' {@code
     * core_depth_vs_tier_median} is against the part's own accounts: collect a {@link TierMedians}
     * per part and date, merge them and {@link TierMedians#apply} the whole book's. {@code rows}
     * must answer {@link BookRows#has} and {@link BookRows#absent} for the whole book.
     *
     * @param usageMinSecond the first usage second of the whole book, from {@link #usageMinSecond}
     *                       of every part (the least); Long.MAX_VALUE when no part has usage
     * @return the part's accounts (names, CSMs) and its last usage second
     */
    public static Part runPart(BookRows rows, FeatureConfig config, List<LocalDate> asOf, long usageMinSecond,
                               Consumer<FeatureTable> out) throws IOException {
        Result r = run(rows, config, asOf, ProgressListener.NONE, usageMinSecond, out);
        return new Part(r.book().infos(), r.usage().maxSecond);
    }

    /**
     * What a part's extraction leaves besides its tables.
     *
     * @param accounts       every account of the part by id, as the report names them
     * @param usageMaxSecond the part's last accepted usage second, Long.MIN_VALUE for none
     */
    public record Part(java.util.Map<String, org.churnrisk.features.AccountInfo> accounts, long usageMaxSecond) {
        public Part {
            accounts = java.util.Map.copyOf(accounts);
        }
    }

    /**
     * The first second of the usage rows of a part of a book that extraction accepts (a usage
     * row of an unknown account, or a bad one, does not count), reading its accounts and usage
     * with the same checks as extraction and aggregating nothing; Long.MAX_VALUE for none.
     */
    public static long usageMinSecond(BookRows rows, FeatureConfig config) throws IOException {
        AccountBook book = BookLoader.accounts(rows);
        EventCatalog catalog = new EventCatalog(config.loginEvent(), config.integrationEvents(), config.exportEvents(),
                config.coreFeatures());
        long[] min = {Long.MAX_VALUE};
        BookLoader.checkUsage(rows, book, catalog, (account, second, user, code, quantity, errors) -> {
            if (second < min[0]) {
                min[0] = second;
            }
        });
        return min[0];
    }

    static Result run(BookRows rows, FeatureConfig config, List<LocalDate> asOf, ProgressListener progress,
                    Consumer<FeatureTable> out) throws IOException {
        return run(rows, config, asOf, progress, Long.MIN_VALUE, out);
    }

    /** @param usageMinSecond the book's first usage second, or Long.MIN_VALUE to take the aggregator's */
    private static Result run(BookRows rows, FeatureConfig config, List<LocalDate> asOf, ProgressListener progress,
                    long usageMinSecond, Consumer<FeatureTable> out) throws IOException {
        Snapshots snaps = new Snapshots(asOf, config.zone());
        progress.update("reading accounts", 0, 1);
        AccountBook book = BookLoader.accounts(rows);
        long[][] tenureSeconds = new long[book.size()][];
        for (int a = 0; a < book.size(); a++) {
            long[] days = book.tenureStarts(a);
            tenureSeconds[a] = new long[days.length];
            for (int i = 0; i < days.length; i++) {
                tenureSeconds[a][i] = days[i] == AccountBook.UNKNOWN_DAY ? Long.MIN_VALUE
                        : snaps.startOf(LocalDate.ofEpochDay(days[i]));
            }
        }
        EventCatalog catalog = new EventCatalog(config.loginEvent(), config.integrationEvents(), config.exportEvents(),
                config.coreFeatures(), List.copyOf(config.adoptionModules().values()));
        UsageAggregator usage = new UsageAggregator(snaps, catalog, book.size(), tenureSeconds);
        BookLoader.usage(rows, book, usage);
        EngagementAggregator engagement = new EngagementAggregator(snaps, book.size());
        BookLoader.engagement(rows, book, engagement);
        // a source the book lacks leaves its part out of the health score, the others reweighted
        org.churnrisk.core.features.HealthScore health = config.healthScore().withoutParts(rows.absent(Source.TICKETS),
                rows.absent(Source.SURVEYS), rows.absent(Source.TOUCHPOINTS));
        FeatureAssembler assembler = new FeatureAssembler(book, snaps, usage, engagement, health,
                List.copyOf(config.adoptionModules().keySet()), !config.modules().isEmpty(),
                usageMinSecond == Long.MIN_VALUE ? usage.minSecond : usageMinSecond);
        for (int k = 0; k < snaps.size(); k++) {
            out.accept(assembler.table(k));
            progress.update("assembling features", k + 1, snaps.size());
        }
        return new Result(book, usage);
    }
}
