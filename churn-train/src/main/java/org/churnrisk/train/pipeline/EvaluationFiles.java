package org.churnrisk.train.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.churnrisk.train.backtest.Backtest;
import org.churnrisk.train.backtest.Fold;
import org.churnrisk.train.eval.EvaluationReport;
import org.churnrisk.train.eval.ReportTables;

/**
 * Writes a training run's evaluation for machines ({@code evaluation.json}) and people
 * ({@code evaluation.md}). Same run, same bytes: no timestamps, fixed key order.
 */
public final class EvaluationFiles {
    private EvaluationFiles() {
    }

    /** The evaluation as plain maps and lists, also stored in the model bundle. */
    public static Map<String, Object> summary(Training.Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chosen_algorithm", o.chosen().label());
        m.put("horizon_days", o.data().policy().horizonDays());
        m.put("snapshot_dates", o.dates().stream().map(Object::toString).toList());
        m.put("data_end", o.data().dataEnd().toString());
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("labelled", o.data().size());
        rows.put("positives", o.data().positives());
        rows.put("censored", o.data().censored());
        rows.put("churned_on_snapshot_date", o.data().churnedOnDate());
        m.put("snapshots", rows);
        m.put("folds", o.backtest().folds().stream().map(EvaluationFiles::fold).toList());
        m.put("backtest_calibrated", reports(o.backtest().calibrated()));
        m.put("backtest_uncalibrated", reports(o.backtest().uncalibrated()));
        o.truth().ifPresent(t -> m.put("generator_truth", report(t)));
        return m;
    }

    private static Map<String, Object> fold(Fold f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("test_date", f.testDate().toString());
        m.put("train_from", f.trainDates().get(0).toString());
        m.put("train_to", f.trainDates().get(f.trainDates().size() - 1).toString());
        return m;
    }

    private static Map<String, Object> reports(Map<String, EvaluationReport> reports) {
        Map<String, Object> m = new LinkedHashMap<>();
        reports.forEach((name, r) -> m.put(name, report(r)));
        return m;
    }

    private static Map<String, Object> report(EvaluationReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", r.rows());
        m.put("positives", r.positives());
        m.put("base_rate", number(r.baseRate()));
        m.put("roc_auc", number(r.rocAuc()));
        m.put("average_precision", number(r.averagePrecision()));
        m.put("brier_score", number(r.brierScore()));
        m.put("log_loss", number(r.logLoss()));
        m.put("ece", number(r.ece()));
        m.put("top_10_percent", topK(r.topTenPercent()));
        m.put("capacity", r.capacity());
        m.put("at_capacity", topK(r.atCapacity()));
        // the same cuts with the rows ranked by expected ARR lost (p x ARR), as rank_by: arr_at_risk does
        Map<String, Object> byArrAtRisk = new LinkedHashMap<>();
        byArrAtRisk.put("top_10_percent", topK(r.topTenPercentByArrAtRisk()));
        byArrAtRisk.put("at_capacity", topK(r.atCapacityByArrAtRisk()));
        m.put("ranked_by_arr_at_risk", byArrAtRisk);
        m.put("lift_by_decile", r.deciles().stream().map(d -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("decile", d.decile());
            x.put("rows", d.rows());
            x.put("positives", d.positives());
            x.put("churn_rate", number(d.churnRate()));
            x.put("lift", number(d.lift()));
            x.put("cumulative_recall", number(d.cumulativeRecall()));
            return x;
        }).toList());
        m.put("reliability", r.reliability().bins().stream().map(b -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("from", b.lower());
            x.put("to", b.upper());
            x.put("count", b.count());
            x.put("mean_predicted", number(b.meanPredicted()));
            x.put("observed_rate", number(b.observedRate()));
            return x;
        }).toList());
        return m;
    }

    private static Map<String, Object> topK(org.churnrisk.train.eval.TopK t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", t.k());
        m.put("positives", t.positives());
        m.put("precision", number(t.precision()));
        m.put("recall", number(t.recall()));
        m.put("churned_arr_captured", number(t.arrCaptured()));
        return m;
    }

    /** JSON has no NaN: undefined values are written as null. Values keep 6 decimals. */
    private static Object number(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e6) / 1e6 : null;
    }

    /** {@code evaluation.json} and {@code evaluation.md} by name, to write beside the model. */
    public static Map<String, String> files(Training.Outcome o) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("evaluation.json", json.writeValueAsString(summary(o)).replace("\r\n", "\n") + "\n");
        files.put("evaluation.md", markdown(o));
        return files;
    }

    /**
     * The paragraph under the calibrated table that says which order of the accounts captures the
     * most churned ARR at capacity and in the top 10%: the model's probability or its expected ARR
     * lost ({@code p x ARR}, the order of the scoring report's {@code rank_by: arr_at_risk}), and
     * the health score's own order or its expected ARR lost. Computed from the reports, so it says
     * what this book shows; empty when the test rows hold no churned ARR.
     */
    static String capturedArr(String model, EvaluationReport chosen, EvaluationReport health) {
        if (health == null || !Double.isFinite(chosen.atCapacity().arrCaptured())) {
            return "";
        }
        List<String> orders = List.of(model + "'s probability order", model + "'s expected-ARR-lost order",
                "the health score's own order", "the health score's expected-ARR-lost order");
        double[] capacity = {chosen.atCapacity().arrCaptured(), chosen.atCapacityByArrAtRisk().arrCaptured(),
                health.atCapacity().arrCaptured(), health.atCapacityByArrAtRisk().arrCaptured()};
        double[] tenPercent = {chosen.topTenPercent().arrCaptured(), chosen.topTenPercentByArrAtRisk().arrCaptured(),
                health.topTenPercent().arrCaptured(), health.topTenPercentByArrAtRisk().arrCaptured()};
        String atCapacity = most(orders, capacity);
        String inTopTen = most(orders, tenPercent);
        String winners = atCapacity.equals(inTopTen) ? atCapacity + " at capacity and in the top 10%"
                : atCapacity + " at capacity, and " + inTopTen + " in the top 10%";
        return "Churned ARR captured at capacity (the top " + accounts(chosen.atCapacity().k()) + "): " + model + " "
                + ratio(capacity[0]) + " by probability and " + ratio(capacity[1]) + " by expected ARR lost "
                + "(probability x ARR, the order of `rank_by: arr_at_risk`), the health score " + ratio(capacity[2])
                + " by its own order and " + ratio(capacity[3]) + " by expected ARR lost (its calibrated "
                + "probability x ARR); in the top 10% (" + accounts(chosen.topTenPercent().k()) + ") "
                + ratio(tenPercent[0]) + ", " + ratio(tenPercent[1]) + ", " + ratio(tenPercent[2]) + " and "
                + ratio(tenPercent[3]) + ". On this book " + winners + "; " + model + "'s expected-ARR-lost order "
                + modelOrders(compared(capacity[1], capacity[0]), compared(tenPercent[1], tenPercent[0])) + ".\n\n";
    }

    /** "X captures the most", or "X and Y capture the same, the most" when they are equal. */
    private static String most(List<String> orders, double[] captured) {
        double best = Double.NEGATIVE_INFINITY;
        for (double v : captured) {
            best = Math.max(best, v);
        }
        List<String> top = new java.util.ArrayList<>();
        for (int i = 0; i < captured.length; i++) {
            if (captured[i] == best) {
                top.add(orders.get(i));
            }
        }
        return top.size() == 1 ? top.get(0) + " captures the most"
                : String.join(" and ", top) + " capture the same, the most,";
    }

    /** How the model's expected-ARR-lost order compares with its probability order at both cuts. */
    private static String modelOrders(String atCapacity, String inTopTen) {
        String first = "captures " + atCapacity + (atCapacity.equals("as much") ? " as" : " than")
                + " its probability order at capacity";
        return atCapacity.equals(inTopTen) ? first + " and in the top 10%" : first + " and " + inTopTen
                + " in the top 10%";
    }

    private static String accounts(int k) {
        return k == 1 ? "1 account" : k + " accounts";
    }

    private static String compared(double a, double b) {
        return a > b ? "more" : a < b ? "less" : "as much";
    }

    private static String ratio(double v) {
        return Double.isFinite(v) ? String.format(java.util.Locale.ROOT, "%.4f", v) : "n/a";
    }

    static String markdown(Training.Outcome o) {
        StringBuilder sb = new StringBuilder();
        EvaluationReport chosen = o.chosenReport();
        List<Fold> folds = o.backtest().folds();
        sb.append("# Model evaluation\n\n");
        sb.append("Chosen algorithm: **").append(o.chosen().label()).append("**. Horizon: ")
                .append(o.data().policy().horizonDays()).append(" days. Data end: ").append(o.data().dataEnd())
                .append(".\n\n");
        sb.append("Snapshots: ").append(o.data().size()).append(" labelled (").append(o.data().positives())
                .append(" churned within the horizon), ").append(o.data().censored())
                .append(" censored (their window runs past the data), ").append(o.data().churnedOnDate())
                .append(" dropped (churned on the snapshot date).\n\n");
        if (!o.extraction().notes().isEmpty()) {
            // sources the book lacks and what that costs, two churn sources that disagree
            sb.append("Sources:\n\n");
            o.extraction().notes().forEach(note -> sb.append("- ").append(note).append('\n'));
            sb.append('\n');
        }
        sb.append("## Backtest\n\n").append(folds.size()).append(" rolling-origin folds, test dates ")
                .append(folds.get(0).testDate()).append(" to ").append(folds.get(folds.size() - 1).testDate())
                .append("; each trains on snapshots whose label window closed by its test date, holds out the latest ")
                .append(Backtest.CALIBRATION_DATES).append(" of them for calibration, and is compared with the ")
                .append("composite health score and a base-rate dummy on the same ")
                .append(o.backtest().testRows()).append(" test rows.\n\n");
        sb.append("### Calibrated\n\n").append(ReportTables.markdown(o.comparison())).append('\n');
        sb.append(capturedArr(o.chosen().label(), chosen, o.backtest().calibrated().get(Backtest.HEALTH_SCORE)));
        if (o.truth().isPresent()) {
            sb.append("The `").append(Training.GENERATOR_TRUTH).append("` column scores the same rows with the ")
                    .append("probabilities the book's simulation knew (`truth.csv`, from its hidden state): the ")
                    .append("ceiling for a model of the observable data.\n\n");
        }
        sb.append("### Before calibration\n\n").append(ReportTables.markdown(o.backtest().uncalibrated())).append('\n');
        sb.append("## Lift by decile (").append(o.chosen().label()).append(", calibrated)\n\n")
                .append(ReportTables.liftMarkdown(chosen)).append('\n');
        sb.append("## Reliability (").append(o.chosen().label()).append(")\n\nAfter calibration:\n\n")
                .append(ReportTables.reliabilityMarkdown(chosen)).append("\nBefore calibration:\n\n")
                .append(ReportTables.reliabilityMarkdown(o.backtest().uncalibrated().get(o.chosen().label())));
        return sb.toString();
    }
}
