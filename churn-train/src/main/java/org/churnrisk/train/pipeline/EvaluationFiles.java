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
