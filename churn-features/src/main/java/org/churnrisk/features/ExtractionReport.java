package org.churnrisk.features;

import java.nio.file.Path;
import java.util.List;
import org.churnrisk.features.io.problems.ReadStats;

/**
 * What reading a book found: rows read, accepted and rejected per source, the rejects files
 * written, the span of the usage export, every churn date (which labels need), and how long it
 * took.
 *
 * @param usageFirstDay first day with a usage row, or null when there is none
 * @param usageLastDay  last day with a usage row, or null
 * @param churnDates    each churned account's churn dates, sorted, by account id
 * @param accounts      every account of the book's {@code accounts} export, by account id (empty
 *                      when the report was built without them)
 */
public record ExtractionReport(ReadStats stats, List<Path> rejectFiles, java.time.LocalDate usageFirstDay,
                               java.time.LocalDate usageLastDay, java.util.Map<String, List<java.time.LocalDate>> churnDates,
                               double seconds, java.util.Map<String, AccountInfo> accounts) {

    public ExtractionReport {
        rejectFiles = List.copyOf(rejectFiles);
        churnDates = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(churnDates));
        accounts = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(accounts));
    }

    /** A report without account names. */
    public ExtractionReport(ReadStats stats, List<Path> rejectFiles, java.time.LocalDate usageFirstDay,
                            java.time.LocalDate usageLastDay, java.util.Map<String, List<java.time.LocalDate>> churnDates,
                            double seconds) {
        this(stats, rejectFiles, usageFirstDay, usageLastDay, churnDates, seconds, java.util.Map.of());
    }
}
