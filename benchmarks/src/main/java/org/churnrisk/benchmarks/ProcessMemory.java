package org.churnrisk.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The peak resident memory of this process, native memory (DuckDB's) included; Linux only. */
final class ProcessMemory {
    private ProcessMemory() {
    }

    /** {@code VmHWM} of {@code /proc/self/status}, e.g. {@code "2,345 MB"}, or "unknown" where there is none. */
    static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(java.util.Locale.ROOT, "%,d MB", kb / 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no procfs: the figure is optional
        }
        return "unknown";
    }
}
