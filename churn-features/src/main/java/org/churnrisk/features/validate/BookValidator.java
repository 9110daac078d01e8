package org.churnrisk.features.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.BookSettings;
import org.churnrisk.features.FeatureConfig;
import org.churnrisk.features.extract.BookCheck;
import org.churnrisk.features.io.BookSources;
import org.churnrisk.features.io.mapping.BookConfig;
import org.churnrisk.features.io.problems.ReadStats;

/**
 * Checks a book against the data contract and its mapping without stopping at the first problem,
 * and without writing anything: every source is read through the same readers, mapping and row
 * checks as feature extraction, and every row that extraction would refuse is counted, by kind,
 * with the first few in full and the same messages.
 *
 * <p>Beyond the rows: required sources without a file, files that cannot be read, {@code accounts}
 * or {@code usage} without rows, and as notes (which do not make a book invalid) optional sources
 * that are missing or empty, event names the feature settings expect but no usage row has, and
 * files of the book that no source reads. Immutable and thread-safe; a run holds its state on the
 * stack.
 *
 * <pre>{@code
 * ValidationReport report = BookValidator.forBook(book).withMaxProblems(20).validate(book);
 * System.out.print(report.table());
 * int exitCode = report.valid() ? 0 : 3;
 * }</pre>
 */
public final class BookValidator {
    /** How many problems each source lists in full unless told otherwise. */
    public static final int DEFAULT_MAX_PROBLEMS = 10;

    private final BookConfig mapping;
    private final FeatureConfig features;
    private final int maxProblems;
    private final ProgressListener progress;

    private BookValidator(BookConfig mapping, FeatureConfig features, int maxProblems, ProgressListener progress) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.features = Objects.requireNonNull(features, "features");
        if (maxProblems < 0) {
            throw new InvalidArgumentException("max problems: " + maxProblems
                    + " is negative (expected 0 to only count problems, or more to list them)");
        }
        this.maxProblems = maxProblems;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** A validator reading with {@code mapping}, checking event names against {@code features}. */
    public static BookValidator create(BookConfig mapping, FeatureConfig features) {
        return new BookValidator(mapping, features, DEFAULT_MAX_PROBLEMS, ProgressListener.NONE);
    }

    /**
     * A validator for a book's own {@code churn.yaml}, or the defaults when it has none.
     *
     * @throws InvalidArgumentException if the mapping file is invalid
     * @throws IOException              if it cannot be read
     */
    public static BookValidator forBook(Path book) throws IOException {
        BookSettings settings = BookSettings.forBook(book, null);
        return create(settings.mapping(), settings.features());
    }

    /**
     * A copy that lists up to {@code max} problems per source in full (all are counted).
     *
     * @throws InvalidArgumentException if {@code max} is negative
     */
    public BookValidator withMaxProblems(int max) {
        return new BookValidator(mapping, features, max, progress);
    }

    /** A copy that reports progress while reading. */
    public BookValidator withProgress(ProgressListener listener) {
        return new BookValidator(mapping, features, maxProblems, listener);
    }

    /**
     * Validates a book. Bad data never throws: it is what the report is about.
     *
     * @throws NotDirectoryException if {@code book} is not a directory
     * @throws IOException           if a file cannot be read
     */
    public ValidationReport validate(Path book) throws IOException {
        long started = System.nanoTime();
        if (!Files.isDirectory(book)) {
            throw new NotDirectoryException(book.toString());
        }
        ProblemCollector problems = new ProblemCollector(book, maxProblems);
        BookCheck.Result result = BookCheck.run(book, mapping, features, problems, progress);
        List<SourceReport> sources = new ArrayList<>();
        for (Source source : Source.values()) {
            List<Path> files = result.files().getOrDefault(source, List.of());
            SourceReport.Status status = files.isEmpty() ? SourceReport.Status.MISSING
                    : result.notChecked().contains(source) ? SourceReport.Status.NOT_CHECKED : SourceReport.Status.READ;
            ReadStats.Counts rows = result.stats().of(source);
            List<String> notes = notes(source, status, rows, problems.problems(source), result);
            sources.add(new SourceReport(source, status, files.stream().map(f -> BookSources.displayName(book, f))
                    .toList(), rows, result.firstDays().get(source), result.lastDays().get(source),
                    problems.problems(source), problems.kinds(source), problems.first(source), notes));
        }
        List<String> notes = new ArrayList<>();
        List<String> unread = unread(book, result);
        if (!unread.isEmpty()) {
            notes.add("not read as any source: " + String.join(", ", unread));
        }
        return new ValidationReport(book.toString(), sources, notes, maxProblems, (System.nanoTime() - started) / 1e9);
    }

    private List<String> notes(Source source, SourceReport.Status status, ReadStats.Counts rows, long problems,
                               BookCheck.Result result) {
        List<String> notes = new ArrayList<>();
        String lookedFor = "no file (looked for " + BookSources.lookedFor(mapping.mapping(source)) + ")";
        switch (status) {
            case MISSING -> {
                switch (source) {
                    case TICKETS, SURVEYS, TOUCHPOINTS, CONTRACTS -> notes.add(lookedFor + "; "
                            + org.churnrisk.features.SourceNotes.missing(source));
                    case CHURN -> notes.add(lookedFor + "; needed to train and evaluate, not to score");
                    default -> { } // a required source: its problem says so
                }
            }
            case NOT_CHECKED -> notes.add("not checked: accounts has no valid row for its rows to refer to");
            case READ -> {
                if (rows.read() == 0 && problems == 0) {
                    notes.add("no rows");
                }
                if (source == Source.CHURN) {
                    // two churn sources that disagree: "churn: ... disagree on 2 accounts ...; churn.csv is used"
                    result.notes().stream().filter(n -> n.startsWith("churn: "))
                            .forEach(n -> notes.add(n.substring("churn: ".length())));
                }
                if (source == Source.USAGE && rows.accepted() > 0) {
                    notes.addAll(eventNotes(result.eventNames()));
                    earlyUsageNote(result.earlyUsage()).ifPresent(notes::add);
                }
            }
        }
        return notes;
    }

    /** Valid usage rows dated before their account's first contract: allowed, but worth a look. */
    private static java.util.Optional<String> earlyUsageNote(BookCheck.EarlyUsage early) {
        if (early.rows() == 0) {
            return java.util.Optional.empty();
        }
        BookCheck.EarlyUsage.Example e = early.example();
        return java.util.Optional.of(String.format(java.util.Locale.ROOT, "%,d %s of %,d %s %s dated before the"
                        + " account's first contract (most: %s, %,d %s from %s, first contract %s); fine for a trial"
                        + " or pilot, otherwise check accounts.contract_start and contracts.start_date, which tenure"
                        + " and onboarding features count from",
                early.rows(), early.rows() == 1 ? "row" : "rows", early.accounts(),
                early.accounts() == 1 ? "account" : "accounts", early.rows() == 1 ? "is" : "are", e.accountId(), e.rows(), e.rows() == 1 ? "row" : "rows",
                e.firstUsage(), e.firstContract()));
    }

    /** The event names the feature settings expect that no valid usage row has. */
    private List<String> eventNotes(List<String> names) {
        Set<String> seen = new HashSet<>();
        names.forEach(n -> seen.add(n.toLowerCase(Locale.ROOT)));
        List<String> notes = new ArrayList<>();
        if (!seen.contains(features.loginEvent().toLowerCase(Locale.ROOT))) {
            notes.add("no row has the login event '" + features.loginEvent() + "' (features.login_event), so every "
                    + "login count is 0; events seen: " + sample(names));
        }
        missing("features.integration_events", features.integrationEvents(), seen).ifPresent(notes::add);
        missing("features.export_events", features.exportEvents(), seen).ifPresent(notes::add);
        missing("features.core_features", features.coreFeatures(), seen).ifPresent(notes::add);
        features.modules().forEach((module, events) ->
                missing("features.modules." + module, events, seen).ifPresent(notes::add));
        return notes;
    }

    private static Optional<String> missing(String key, Set<String> expected, Set<String> seen) {
        Set<String> missing = new LinkedHashSet<>();
        expected.stream().sorted().filter(e -> !seen.contains(e.toLowerCase(Locale.ROOT))).forEach(missing::add);
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(key + " names events no row has: " + String.join(", ", missing));
    }

    private static String sample(List<String> names) {
        int shown = Math.min(names.size(), 10);
        String list = String.join(", ", names.subList(0, shown));
        return names.size() > shown ? list + " and " + (names.size() - shown) + " more" : list;
    }

    /** The files and folders directly in the book that no source reads, except the mapping file and hidden ones. */
    private List<String> unread(Path book, BookCheck.Result result) throws IOException {
        Set<Path> read = new HashSet<>();
        result.files().values().forEach(list -> list.forEach(f -> read.add(f.toAbsolutePath().normalize())));
        org.churnrisk.features.io.LookupTables tables = new org.churnrisk.features.io.LookupTables(book, mapping);
        for (org.churnrisk.features.io.mapping.TableMapping table : mapping.tables().values()) {
            // the tables lookups read are read too (a table without a file is a problem of its lookup)
            tables.files(table).forEach(f -> read.add(f.toAbsolutePath().normalize()));
        }
        List<String> unread = new ArrayList<>();
        try (Stream<Path> entries = Files.list(book)) {
            for (Path entry : entries.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList()) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".") || name.startsWith("_") || name.equals(BookConfig.FILE_NAME)) {
                    continue;
                }
                Path abs = entry.toAbsolutePath().normalize();
                if (read.stream().noneMatch(f -> f.startsWith(abs))) {
                    unread.add(Files.isDirectory(entry) ? name + "/" : name);
                }
            }
        }
        return unread;
    }
}
