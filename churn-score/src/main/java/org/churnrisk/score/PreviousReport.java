package org.churnrisk.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The latest earlier report in a report's folder, for telling which accounts entered the red band:
 * among the {@code *.summary.json} files churn-risk wrote there, the one with the latest as-of date
 * before this run's (ties by file name), whose report is still there.
 *
 * @param report the earlier report
 * @param asOf   its as-of date
 * @param red    the accounts it had in the red band
 * @param health the health scores it had, by account id (empty for a report without the column)
 */
record PreviousReport(Path report, LocalDate asOf, Set<String> red, Map<String, Double> health) {

    PreviousReport {
        red = Set.copyOf(red);
        health = Map.copyOf(health);
    }

    /** What the workflow files compare with. */
    org.churnrisk.score.workflow.Baseline baseline() {
        return new org.churnrisk.score.workflow.Baseline(report.getFileName().toString(), asOf, red, health);
    }

    /**
     * The previous report for a report about to be written to {@code out} as of {@code asOf}, or
     * null when the folder holds none. Summaries that cannot be read, and reports without the
     * columns {@code account_id} and {@code risk_band}, are passed over: an old file must not stop
     * tonight's run.
     */
    static PreviousReport find(Path out, LocalDate asOf) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return null;
        }
        ObjectMapper json = new ObjectMapper();
        Path bestReport = null;
        LocalDate bestDate = null;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + RunSummary.SUFFIX)) {
            for (Path f : files) {
                try {
                    JsonNode s = json.readTree(f.toFile());
                    if (s == null || !RunSummary.FORMAT.equals(s.path("format").asText())) {
                        continue;
                    }
                    LocalDate date = LocalDate.parse(s.path("as_of").asText());
                    Path report = dir.resolve(s.path("report").asText());
                    if (!date.isBefore(asOf) || !Files.isRegularFile(report)
                            || !report.getParent().equals(dir)) {
                        continue;
                    }
                    if (bestDate == null || date.isAfter(bestDate)
                            || date.equals(bestDate) && report.getFileName().toString()
                                    .compareTo(bestReport.getFileName().toString()) > 0) {
                        bestDate = date;
                        bestReport = report;
                    }
                } catch (IOException | DateTimeParseException e) {
                    // not one of ours, or damaged: pass over it
                }
            }
        }
        if (bestReport == null) {
            return null;
        }
        Map<String, Double> health = new HashMap<>();
        Set<String> red = redAccounts(bestReport, health);
        return red == null ? null : new PreviousReport(bestReport, bestDate, red, health);
    }

    /** The red accounts of a report, or null when it is not a report churn-risk can read. */
    private static Set<String> redAccounts(Path report, Map<String, Double> health) throws IOException {
        Set<String> red = new LinkedHashSet<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();
        try (Reader in = Files.newBufferedReader(report, StandardCharsets.UTF_8);
             CSVParser parser = format.parse(in)) {
            if (!parser.getHeaderMap().containsKey("account_id") || !parser.getHeaderMap().containsKey("risk_band")) {
                return null;
            }
            boolean hasHealth = parser.getHeaderMap().containsKey("health_score");
            for (CSVRecord r : parser) {
                String id = unneutralised(r.get("account_id"));
                if ("red".equals(r.get("risk_band"))) {
                    red.add(id);
                }
                if (hasHealth && r.isSet("health_score")) {
                    try {
                        health.put(id, Double.parseDouble(r.get("health_score")));
                    } catch (NumberFormatException e) {
                        // not a number: no baseline for this account's health
                    }
                }
            }
        } catch (IllegalStateException | IllegalArgumentException | java.io.UncheckedIOException e) {
            return null;
        }
        return red;
    }

    /** An id the report writer prefixed with an apostrophe, as it was in the data. */
    private static String unneutralised(String cell) {
        return cell.length() > 1 && cell.charAt(0) == '\'' && "=+-@\t\r".indexOf(cell.charAt(1)) >= 0
                ? cell.substring(1) : cell;
    }
}
