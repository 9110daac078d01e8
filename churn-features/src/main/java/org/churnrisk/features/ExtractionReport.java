package org.churnrisk.features;

import java.nio.file.Path;
import java.util.List;
import org.churnrisk.features.io.ReadStats;

/**
 * What reading a book found: rows read, accepted and rejected per source, the rejects files
 * written, the span of the usage export, and how long it took.
 *
 * @param usageFirstDay first day with a usage row, or null when there is none
 * @param usageLastDay  last day with a usage row, or null
 */
public record ExtractionReport(ReadStats stats, List<Path> rejectFiles, java.time.LocalDate usageFirstDay,
                               java.time.LocalDate usageLastDay, double seconds) {

    public ExtractionReport {
        rejectFiles = List.copyOf(rejectFiles);
    }
}
