package org.churnrisk.features.validate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.churnrisk.core.AtomicFiles;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.contract.Source;

/**
 * What validating a book found: per source its files, row counts, date range and problems, and
 * notes on the whole book. Immutable.
 *
 * <pre>{@code
 * ValidationReport report = BookValidator.forBook(book).validate(book);
 * System.out.print(report.table());
 * if (!report.valid()) {
 *     report.writeJson(Path.of("validation.json"));
 * }
 * }</pre>
 *
 * @param book        the book as it was given
 * @param sources     one report per source, in the order of {@link Source}
 * @param notes       notes on the whole book, such as files no source reads
 * @param maxProblems how many problems each source lists at most
 * @param seconds     how long validating took
 */
public record ValidationReport(String book, List<SourceReport> sources, List<String> notes, int maxProblems,
                               double seconds) {

    /** The version of the {@link #toJson()} layout; raised when a field changes meaning or goes away. */
    public static final int JSON_FORMAT_VERSION = 1;

    /** @throws InvalidArgumentException unless there is one report per source, in source order */
    public ValidationReport {
        Objects.requireNonNull(book, "book");
        sources = List.copyOf(sources);
        notes = List.copyOf(notes);
        List<Source> order = sources.stream().map(SourceReport::source).toList();
        if (!order.equals(List.of(Source.values()))) {
            throw new InvalidArgumentException("a validation report needs one source report per source, in the order "
                    + List.of(Source.values()) + ", not " + order);
        }
        if (maxProblems < 0) {
            throw new InvalidArgumentException("maxProblems " + maxProblems + " is negative");
        }
    }

    /** Whether no source has a problem; notes do not count. */
    public boolean valid() {
        return problems() == 0;
    }

    /** The problems of all sources. */
    public long problems() {
        return sources.stream().mapToLong(SourceReport::problems).sum();
    }

    /** The invalid rows of all sources. */
    public long invalidRows() {
        return sources.stream().mapToLong(s -> s.rows().rejected()).sum();
    }

    /** The rows read from all sources. */
    public long rowsRead() {
        return sources.stream().mapToLong(s -> s.rows().read()).sum();
    }

    /** The report of one source. */
    public SourceReport source(Source source) {
        return sources.get(source.ordinal());
    }

    /**
     * The report for people: a table of the sources, then each source's problems by kind with the
     * first ones in full, the notes, and a last line saying whether the book is valid. Each line
     * ends in a newline.
     */
    public String table() {
        return ReportText.render(this);
    }

    /** The report for machines, as JSON with snake_case keys; see docs/data-contract.md. */
    public String toJson() {
        return ReportJson.render(this);
    }

    /**
     * Writes {@link #toJson()} to {@code file}, through a temporary sibling moved into place, so
     * that a reader never sees half a report.
     *
     * @throws IOException if the file cannot be written
     */
    public void writeJson(Path file) throws IOException {
        Path temp = AtomicFiles.createSibling(file);
        try {
            Files.writeString(temp, toJson(), StandardCharsets.UTF_8);
            AtomicFiles.moveIntoPlace(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
