package org.churnrisk.sample;

/**
 * What one run of the generator wrote: data rows per file (headers excluded) and how long the
 * simulation took.
 */
public record GenerationReport(GeneratorConfig config, long accountRows, long usageRows, long ticketRows,
                               long surveyRows, long touchpointRows, long contractRows, long churnRows,
                               long truthRows, double seconds) {

    /** Usage rows written per second of simulation. */
    public double usageRowsPerSecond() {
        return seconds > 0 ? usageRows / seconds : 0;
    }
}
