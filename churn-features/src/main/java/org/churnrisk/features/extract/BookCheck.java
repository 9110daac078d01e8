package org.churnrisk.features.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.core.contract.ColumnType;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.FeatureConfig;
import org.churnrisk.features.io.mapping.BookConfig;
import org.churnrisk.features.io.problems.ProblemSink;
import org.churnrisk.features.io.problems.ReadStats;

/**
 * Reads every row of a book through the same readers, mapping and row checks as an extraction,
 * computing no features: what a row breaks goes to a {@link ProblemSink}, which decides whether the
 * read goes on. Keeps only what a validation report needs: row counts, the first and last date of
 * each source and the usage event names. The entry point behind
 * {@link org.churnrisk.features.validate.BookValidator}; not meant to be called directly.
 *
 * <p>When {@code accounts} yields no valid row, the sources that join on it are not read (every
 * one of their rows would be refused as an unknown account); their files are still looked for, so
 * that a missing required source is reported. Writes nothing. Not thread-safe; each run is
 * independent.
 */
public final class BookCheck {
    private static final Map<Source, Integer> DATED_BY = Map.of(
            Source.ACCOUNTS, Col.ACC_START, Source.USAGE, Col.U_AT, Source.TICKETS, Col.T_CREATED,
            Source.SURVEYS, Col.S_AT, Source.TOUCHPOINTS, Col.P_AT, Source.CONTRACTS, Col.C_START,
            Source.CHURN, Col.X_AT);

    private BookCheck() {
    }

    /**
     * What a check of a book saw, besides its problems.
     *
     * @param files      the files of each source, in reading order (empty for a source without)
     * @param stats      rows read, accepted and refused per source that was read
     * @param firstDays  per source with accepted rows and a date in them, the earliest date in its
     *                   {@link #datedBy} column (a timestamp's date in the source's zone)
     * @param lastDays   the latest such date
     * @param notChecked sources whose rows were not read because {@code accounts} has no valid row
     * @param eventNames the usage event names in order of first appearance, as first spelled
     * @param earlyUsage the valid usage rows dated before their account's first contract
     * @param notes      what the read noticed that is not a problem, by source (two churn sources that disagree)
     */
    public record Result(Map<Source, List<Path>> files, ReadStats stats, Map<Source, LocalDate> firstDays, Map<Source, LocalDate> lastDays,
                         Set<Source> notChecked, List<String> eventNames, EarlyUsage earlyUsage, List<String> notes) {
        public Result {
            Map<Source, List<Path>> lists = new EnumMap<>(Source.class);
            files.forEach((source, list) -> lists.put(source, List.copyOf(list)));
            files = Collections.unmodifiableMap(lists);
            firstDays = copy(firstDays);
            lastDays = copy(lastDays);
            Set<Source> sources = EnumSet.noneOf(Source.class);
            sources.addAll(notChecked);
            notChecked = Collections.unmodifiableSet(sources);
            eventNames = List.copyOf(eventNames);
            notes = List.copyOf(notes);
        }

        private static Map<Source, LocalDate> copy(Map<Source, LocalDate> days) {
            Map<Source, LocalDate> copy = new EnumMap<>(Source.class);
            copy.putAll(days);
            return Collections.unmodifiableMap(copy);
        }
    }

    /**
     * Valid usage rows dated before the first day their account was a customer (its first
     * contract's {@code start_date}, or {@code accounts.contract_start} without contracts): allowed,
     * as a trial or pilot, but often a sign of a wrong {@code contract_start}, which moves tenure
     * and onboarding features. A {@code validate} note, not a problem.
     *
     * @param rows     how many rows
     * @param accounts of how many accounts
     * @param example  the account with the most such rows, its earliest such usage day and its first contract day,
     *                 or null when there are none
     */
    public record EarlyUsage(long rows, int accounts, Example example) {
        /** One account's early usage, for the note. */
        public record Example(String accountId, LocalDate firstUsage, LocalDate firstContract, long rows) { }

        static final EarlyUsage NONE = new EarlyUsage(0, 0, null);
    }

    /**
     * The column that dates the rows of a source in a report: {@code contract_start} for accounts,
     * {@code occurred_at} for usage and touchpoints, {@code created_at} for tickets,
     * {@code responded_at} for surveys, {@code start_date} for contracts, {@code churned_at} for churn.
     */
    public static String datedBy(Source source) {
        return source.columnNames().get(DATED_BY.get(source));
    }

    /**
     * Reads the book.
     *
     * @param features the feature settings, for the event names the usage rows are sorted by
     * @param problems receives every bad row, file and missing source; if it throws, the check stops
     * @throws IOException if a file cannot be read, or {@code problems} cannot record a problem
     */
    public static Result run(Path book, BookConfig mapping, FeatureConfig features, ProblemSink problems,
                             ProgressListener progress) throws IOException {
        FileRows files = new FileRows(book, mapping, problems, progress, false);
        DatedRows rows = new DatedRows(files, mapping);
        AccountBook accounts = BookLoader.accounts(rows);
        EventCatalog catalog = new EventCatalog(features.loginEvent(), features.integrationEvents(),
                features.exportEvents(), features.coreFeatures());
        EarlyUsageCounter early = new EarlyUsageCounter(accounts, mapping.mapping(Source.USAGE).formats().zone());
        BookLoader.checkUsage(rows, accounts, catalog, early);
        BookLoader.engagement(rows, accounts, BookLoader.EngagementTarget.NONE);
        return new Result(files.listed(), files.stats(), rows.days(true), rows.days(false), rows.notChecked, catalog.names(),
                early.result(), files.notes());
    }

    /** Counts the valid usage rows dated before the start of their account's first contract day. */
    private static final class EarlyUsageCounter implements BookLoader.UsageTarget {
        private final AccountBook book;
        private final ZoneId zone;
        private final long[] firstSecond;
        private final long[] rows;
        private final long[] earliest;

        EarlyUsageCounter(AccountBook book, ZoneId zone) {
            this.book = book;
            this.zone = zone;
            int n = book.size();
            firstSecond = new long[n];
            rows = new long[n];
            earliest = new long[n];
            java.util.Arrays.fill(earliest, Long.MAX_VALUE);
            for (int a = 0; a < n; a++) {
                long[] starts = book.tenureStarts(a);
                firstSecond[a] = starts.length == 0 || starts[0] == AccountBook.UNKNOWN_DAY ? Long.MIN_VALUE
                        : LocalDate.ofEpochDay(starts[0]).atStartOfDay(zone).toEpochSecond();
            }
        }

        @Override
        public void add(int account, long second, long user, int code, long quantity, long errors) {
            if (second < firstSecond[account]) {
                rows[account]++;
                if (second < earliest[account]) {
                    earliest[account] = second;
                }
            }
        }

        EarlyUsage result() {
            long total = 0;
            int accounts = 0;
            int most = -1;
            for (int a = 0; a < rows.length; a++) {
                if (rows[a] > 0) {
                    total += rows[a];
                    accounts++;
                    if (most < 0 || rows[a] > rows[most]) {
                        most = a;
                    }
                }
            }
            if (most < 0) {
                return EarlyUsage.NONE;
            }
            return new EarlyUsage(total, accounts, new EarlyUsage.Example(book.id(most),
                    Instant.ofEpochSecond(earliest[most]).atZone(zone).toLocalDate(),
                    LocalDate.ofEpochDay(book.tenureStarts(most)[0]), rows[most]));
        }
    }

    /**
     * Passes rows through to the file reader, noting the date of every accepted row, and leaves the
     * sources that join on accounts unread when no account was accepted.
     */
    private static final class DatedRows implements BookRows {
        private final FileRows files;
        private final BookConfig mapping;
        private final long[] min = new long[Source.values().length];
        private final long[] max = new long[Source.values().length];
        private final Set<Source> notChecked = EnumSet.noneOf(Source.class);
        private long accounts;

        DatedRows(FileRows files, BookConfig mapping) {
            this.files = files;
            this.mapping = mapping;
            java.util.Arrays.fill(min, Long.MAX_VALUE);
            java.util.Arrays.fill(max, Long.MIN_VALUE);
        }

        @Override
        public boolean has(Source source) throws IOException {
            return files.has(source);
        }

        @Override
        public void read(Source source, RowHandler handler) throws IOException {
            if (source != Source.ACCOUNTS && accounts == 0) {
                files.files(source);
                notChecked.add(source);
                return;
            }
            int column = DATED_BY.get(source);
            boolean timestamp = source.columns().get(column).type() == ColumnType.TIMESTAMP;
            int s = source.ordinal();
            files.read(source, c -> {
                handler.row(c);
                if (source == Source.ACCOUNTS) {
                    accounts++;
                }
                if (!c.isBlank(column)) {
                    long v = timestamp ? c.epochSecond(column) : c.epochDay(column);
                    min[s] = Math.min(min[s], v);
                    max[s] = Math.max(max[s], v);
                }
            });
        }

        Map<Source, LocalDate> days(boolean first) {
            Map<Source, LocalDate> days = new EnumMap<>(Source.class);
            for (Source source : Source.values()) {
                int s = source.ordinal();
                if (min[s] == Long.MAX_VALUE) {
                    continue;
                }
                long v = first ? min[s] : max[s];
                boolean timestamp = source.columns().get(DATED_BY.get(source)).type() == ColumnType.TIMESTAMP;
                ZoneId zone = mapping.mapping(source).formats().zone();
                days.put(source, timestamp ? Instant.ofEpochSecond(v).atZone(zone).toLocalDate() : LocalDate.ofEpochDay(v));
            }
            return days;
        }
    }
}
