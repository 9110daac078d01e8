package org.churnrisk.train.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.churnrisk.core.InvalidArgumentException;

/**
 * Renders evaluation reports as fixed-width text (for the CLI) and Markdown (for evaluation.md).
 *
 * <p>Several reports render side by side, one column per model in the map's iteration order, so
 * pass a {@link java.util.LinkedHashMap} to put models and baselines where they belong. Ratios
 * print with four decimals, counts as integers and undefined values (NaN) as {@code n/a}; the
 * text never depends on the default locale. The output ends with a newline. Stateless and
 * thread-safe.
 *
 * <pre>{@code
 * Map<String, EvaluationReport> reports = new LinkedHashMap<>();
 * reports.put("gbdt", Evaluation.of(p, y, arr, 50));
 * reports.put("health score", Evaluation.of(baseline, y, arr, 50));
 * String cli = ReportTables.text(reports);
 * }</pre>
 */
public final class ReportTables {
    /** What undefined values print as. */
    public static final String NOT_AVAILABLE = "n/a";

    private record Metric(String label, Function<EvaluationReport, String> value) {}

    private static final List<Metric> METRICS = List.of(
            new Metric("rows", r -> Integer.toString(r.rows())),
            new Metric("positives", r -> Integer.toString(r.positives())),
            new Metric("base rate", r -> ratio(r.baseRate())),
            new Metric("ROC AUC", r -> ratio(r.rocAuc())),
            new Metric("average precision", r -> ratio(r.averagePrecision())),
            new Metric("Brier score", r -> ratio(r.brierScore())),
            new Metric("log loss", r -> ratio(r.logLoss())),
            new Metric("ECE", r -> ratio(r.ece())),
            new Metric("k@10%", r -> Integer.toString(r.topTenPercent().k())),
            new Metric("precision@10%", r -> ratio(r.topTenPercent().precision())),
            new Metric("recall@10%", r -> ratio(r.topTenPercent().recall())),
            new Metric("ARR captured@10%", r -> ratio(r.topTenPercent().arrCaptured())),
            new Metric("ARR captured@10% by ARR at risk", r -> ratio(r.topTenPercentByArrAtRisk().arrCaptured())),
            new Metric("k@capacity", r -> Integer.toString(r.atCapacity().k())),
            new Metric("precision@capacity", r -> ratio(r.atCapacity().precision())),
            new Metric("recall@capacity", r -> ratio(r.atCapacity().recall())),
            new Metric("ARR captured@capacity", r -> ratio(r.atCapacity().arrCaptured())),
            new Metric("ARR captured@capacity by ARR at risk", r -> ratio(r.atCapacityByArrAtRisk().arrCaptured())));

    private ReportTables() {}

    /** One report as a two-column text table, metric and value. */
    public static String text(EvaluationReport report) {
        return summary(Map.of("value", required(report))).text();
    }

    /** Several reports side by side as a text table, one column per entry in iteration order. */
    public static String text(Map<String, EvaluationReport> reports) {
        return summary(reports).text();
    }

    /** One report as a two-column Markdown table, metric and value. */
    public static String markdown(EvaluationReport report) {
        return summary(Map.of("value", required(report))).markdown();
    }

    /** Several reports side by side as a Markdown table, one column per entry in iteration order. */
    public static String markdown(Map<String, EvaluationReport> reports) {
        return summary(reports).markdown();
    }

    /** The lift-by-decile table of one report in Markdown, decile 1 (highest risk) first. */
    public static String liftMarkdown(EvaluationReport report) {
        Table t = new Table(List.of("decile", "rows", "positives", "churn rate", "lift", "cumulative recall"));
        for (DecileRow d : required(report).deciles()) {
            t.row(List.of(Integer.toString(d.decile()), Integer.toString(d.rows()), Integer.toString(d.positives()),
                    ratio(d.churnRate()), ratio(d.lift()), ratio(d.cumulativeRecall())));
        }
        return t.markdown();
    }

    /** The reliability table of one report in Markdown, lowest bin first. */
    public static String reliabilityMarkdown(EvaluationReport report) {
        Table t = new Table(List.of("predicted", "count", "mean predicted", "observed rate"));
        List<ReliabilityBin> bins = required(report).reliability().bins();
        for (int b = 0; b < bins.size(); b++) {
            ReliabilityBin bin = bins.get(b);
            String range = String.format(Locale.ROOT, "[%.1f, %.1f%s", bin.lower(), bin.upper(),
                    b == bins.size() - 1 ? "]" : ")");
            t.row(List.of(range, Integer.toString(bin.count()), ratio(bin.meanPredicted()), ratio(bin.observedRate())));
        }
        return t.markdown();
    }

    private static Table summary(Map<String, EvaluationReport> reports) {
        if (reports == null || reports.isEmpty()) {
            throw new InvalidArgumentException("reports: none given (expected at least one model's report)");
        }
        List<String> header = new ArrayList<>();
        header.add("metric");
        reports.forEach((name, report) -> {
            if (name == null || name.isBlank()) {
                throw new InvalidArgumentException("reports: a model name is blank (expected a column title)");
            }
            if (report == null) {
                throw new InvalidArgumentException("reports: model '" + name + "' has no report");
            }
            header.add(name);
        });
        Table t = new Table(header);
        for (Metric m : METRICS) {
            List<String> row = new ArrayList<>();
            row.add(m.label());
            for (EvaluationReport r : reports.values()) {
                row.add(m.value().apply(r));
            }
            t.row(row);
        }
        return t;
    }

    private static EvaluationReport required(EvaluationReport report) {
        if (report == null) {
            throw new InvalidArgumentException("report: is required but missing");
        }
        return report;
    }

    private static String ratio(double v) {
        return Double.isNaN(v) ? NOT_AVAILABLE : String.format(Locale.ROOT, "%.4f", v);
    }
}
