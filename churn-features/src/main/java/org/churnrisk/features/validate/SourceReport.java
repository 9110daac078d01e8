package org.churnrisk.features.validate;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.extract.BookCheck;
import org.churnrisk.features.io.problems.ReadStats;

/**
 * What validating found in one source of a book. Immutable.
 *
 * @param source        the source
 * @param status        whether its rows were read
 * @param files         its files as messages name them, in reading order
 * @param rows          rows read, valid (accepted) and invalid (rejected)
 * @param firstDay      the earliest date in its {@link #datedBy()} column among the valid rows;
 *                      null when there is none
 * @param lastDay       the latest; null when there is none
 * @param problems      every problem: the invalid rows, and the files (or the source) that could not
 *                      be read
 * @param problemKinds  how many problems of each kind, the most frequent first
 * @param firstProblems the first problems, in the order they were found
 * @param notes         what is allowed but worth knowing, such as an optional source that is missing
 */
public record SourceReport(Source source, Status status, List<String> files, ReadStats.Counts rows,
                           LocalDate firstDay, LocalDate lastDay, long problems, Map<String, Long> problemKinds,
                           List<Problem> firstProblems, List<String> notes) {

    /** Whether the rows of a source were read. */
    public enum Status {
        /** Its files were read (some may have been unreadable: see the problems). */
        READ,
        /** It has no file. A problem for a required source, a note for the others. */
        MISSING,
        /** Not read, because {@code accounts} has no valid row for its rows to refer to. */
        NOT_CHECKED
    }

    /**
     * Copies the collections, keeping the order of {@code problemKinds}.
     *
     * @throws InvalidArgumentException if the counts do not add up
     */
    public SourceReport {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(rows, "rows");
        files = List.copyOf(files);
        problemKinds = Collections.unmodifiableMap(new LinkedHashMap<>(problemKinds));
        firstProblems = List.copyOf(firstProblems);
        notes = List.copyOf(notes);
        if (problems < rows.rejected() || firstProblems.size() > problems) {
            throw new InvalidArgumentException(source.fileStem() + ": " + problems + " problems cannot be fewer than "
                    + rows.rejected() + " invalid rows or " + firstProblems.size() + " problems listed");
        }
        long kinds = problemKinds.values().stream().mapToLong(Long::longValue).sum();
        if (kinds != problems) {
            throw new InvalidArgumentException(source.fileStem() + ": the problem kinds add up to " + kinds
                    + ", not " + problems);
        }
    }

    /** Whether the source has no problem. */
    public boolean valid() {
        return problems == 0;
    }

    /** The column whose dates {@link #firstDay} and {@link #lastDay} are, e.g. {@code occurred_at}. */
    public String datedBy() {
        return BookCheck.datedBy(source);
    }
}
