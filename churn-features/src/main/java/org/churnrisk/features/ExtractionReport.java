package org.churnrisk.features;

import java.nio.file.Path;
import java.util.List;
import org.churnrisk.features.io.problems.ReadStats;

/**
 * What reading a book found: rows read, accepted and rejected per source, the rejects files
 * written, the span of the usage export, every churn date (which labels need), how long it
 * took, and the files read with their size and SHA-256.
 *
 * @param usageFirstDay first day with a usage row, or null when there is none
 * @param usageLastDay  last day with a usage row, or null
 * @param churnDates    each churned account's churn dates, sorted, by account id
 * @param accounts      every account of the book's {@code accounts} export, by account id (empty
 *                      when the report was built without them)
 * @param inputFiles    every file of every source, in source order and then in the order the
 *                      source's files are read ({@link org.churnrisk.features.io.BookSources#files}),
 *                      hashed while they were read; empty unless {@link ReadOptions#hashFiles()}
 * @param notes         what the read noticed that is not a problem, one line each: an optional
 *                      source the book lacks and what that costs ({@link SourceNotes}), two churn
 *                      sources that disagree; empty for a book with every source
 */
public record ExtractionReport(ReadStats stats, List<Path> rejectFiles, java.time.LocalDate usageFirstDay,
                               java.time.LocalDate usageLastDay, java.util.Map<String, List<java.time.LocalDate>> churnDates,
                               double seconds, java.util.Map<String, AccountInfo> accounts, List<InputFile> inputFiles,
                               List<String> notes) {

    public ExtractionReport {
        notes = List.copyOf(notes);
        rejectFiles = List.copyOf(rejectFiles);
        churnDates = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(churnDates));
        accounts = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(accounts));
        inputFiles = List.copyOf(inputFiles);
    }

    /** A report without notes. */
    public ExtractionReport(ReadStats stats, List<Path> rejectFiles, java.time.LocalDate usageFirstDay,
                            java.time.LocalDate usageLastDay, java.util.Map<String, List<java.time.LocalDate>> churnDates,
                            double seconds, java.util.Map<String, AccountInfo> accounts, List<InputFile> inputFiles) {
        this(stats, rejectFiles, usageFirstDay, usageLastDay, churnDates, seconds, accounts, inputFiles, List.of());
    }

    /**
     * The run summary: the rows table ({@link ReadStats#table()}), then one line per note (a
     * source the book lacks and what that costs, two churn sources that disagree).
     */
    public String summary() {
        StringBuilder out = new StringBuilder(stats.table());
        for (String note : notes) {
            out.append(note).append('\n');
        }
        return out.toString();
    }

    /** A report without the input files. */
    public ExtractionReport(ReadStats stats, List<Path> rejectFiles, java.time.LocalDate usageFirstDay,
                            java.time.LocalDate usageLastDay, java.util.Map<String, List<java.time.LocalDate>> churnDates,
                            double seconds, java.util.Map<String, AccountInfo> accounts) {
        this(stats, rejectFiles, usageFirstDay, usageLastDay, churnDates, seconds, accounts, List.of());
    }

    /** A report without account names and input files. */
    public ExtractionReport(ReadStats stats, List<Path> rejectFiles, java.time.LocalDate usageFirstDay,
                            java.time.LocalDate usageLastDay, java.util.Map<String, List<java.time.LocalDate>> churnDates,
                            double seconds) {
        this(stats, rejectFiles, usageFirstDay, usageLastDay, churnDates, seconds, java.util.Map.of());
    }
}
