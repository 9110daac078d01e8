package org.churnrisk.train.backtest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.core.model.Calibration;
import org.churnrisk.train.calibrate.Calibrators;
import org.churnrisk.train.data.SnapshotDataset;
import org.churnrisk.train.eval.Evaluation;
import org.churnrisk.train.eval.EvaluationReport;
import org.churnrisk.train.model.Algorithm;
import org.churnrisk.train.model.ChurnClassifier;
import org.churnrisk.train.model.ChurnTrainer;

/**
 * The honest backtest: rolling-origin folds, each model and both baselines scored on the same
 * test rows, every probability calibrated on a held-out slice of the fold's training period.
 *
 * <p>In each fold the latest {@link #CALIBRATION_DATES} training dates are held out: the model is
 * fitted on the earlier ones and calibrated on them. Test predictions of every fold are pooled
 * (each test date belongs to one fold) and evaluated together. Baselines: the composite health
 * score (as {@code 1 - score / 100}, calibrated the same way) and a dummy that predicts the
 * training churn rate for everyone. Deterministic for a seed.
 */
public final class Backtest {
    /** Training dates held out per fold to fit calibration. */
    public static final int CALIBRATION_DATES = 2;
    public static final String HEALTH_SCORE = "health score";
    public static final String DUMMY = "dummy (base rate)";

    private Backtest() {
    }

    /** Results: pooled reports per model, uncalibrated reports for comparison, and the folds. */
    public record Result(List<Fold> folds, Map<String, EvaluationReport> calibrated,
                         Map<String, EvaluationReport> uncalibrated, int testRows) {
    }

    public static Result run(SnapshotDataset d, List<Algorithm> algorithms, int folds, int capacity, long seed,
                             ProgressListener progress) {
        List<Fold> plan = RollingOrigin.folds(d.dates(), d.policy().horizonDays(), folds, CALIBRATION_DATES + 3);
        Map<String, List<Double>> raw = new LinkedHashMap<>();
        Map<String, List<Double>> calibrated = new LinkedHashMap<>();
        List<Boolean> labels = new ArrayList<>();
        List<Double> arr = new ArrayList<>();
        List<String> names = new ArrayList<>();
        algorithms.forEach(a -> names.add(a.label()));
        names.add(HEALTH_SCORE);
        names.add(DUMMY);
        for (String n : names) {
            raw.put(n, new ArrayList<>());
            calibrated.put(n, new ArrayList<>());
        }
        int done = 0;
        for (Fold fold : plan) {
            List<LocalDate> train = fold.trainDates();
            Set<LocalDate> fitDates = new HashSet<>(train.subList(0, train.size() - CALIBRATION_DATES));
            Set<LocalDate> calibrationDates = new HashSet<>(train.subList(train.size() - CALIBRATION_DATES, train.size()));
            int[] fitRows = d.rows(fitDates::contains);
            int[] calibrationRows = d.rows(calibrationDates::contains);
            int[] testRows = d.rows(fold.testDate()::equals);
            boolean[] calibrationY = labels(d, calibrationRows);
            for (Algorithm algorithm : algorithms) {
                ChurnClassifier model = ChurnTrainer.train(d, fitRows, algorithm, seed);
                Calibration c = Calibrators.fit(model.predict(d, calibrationRows), calibrationY);
                add(raw.get(algorithm.label()), calibrated.get(algorithm.label()), model.predict(d, testRows), c);
            }
            Calibration healthCalibration = Calibrators.fit(health(d, calibrationRows), calibrationY);
            add(raw.get(HEALTH_SCORE), calibrated.get(HEALTH_SCORE), health(d, testRows), healthCalibration);
            double baseRate = rate(d, fitRows);
            double[] constant = new double[testRows.length];
            java.util.Arrays.fill(constant, baseRate);
            add(raw.get(DUMMY), calibrated.get(DUMMY), constant, new Calibration.Identity());
            for (int row : testRows) {
                labels.add(d.churned(row));
                arr.add(d.arr(row));
            }
            progress.update("backtesting folds", ++done, plan.size());
        }
        boolean[] y = new boolean[labels.size()];
        double[] a = new double[labels.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.get(i);
            a[i] = arr.get(i);
        }
        Map<String, EvaluationReport> calibratedReports = new LinkedHashMap<>();
        Map<String, EvaluationReport> rawReports = new LinkedHashMap<>();
        for (String n : names) {
            calibratedReports.put(n, Evaluation.of(array(calibrated.get(n)), y, a, capacity));
            rawReports.put(n, Evaluation.of(array(raw.get(n)), y, a, capacity));
        }
        return new Result(plan, calibratedReports, rawReports, y.length);
    }

    private static void add(List<Double> raw, List<Double> calibrated, double[] p, Calibration c) {
        for (double v : p) {
            raw.add(v);
            calibrated.add(c.apply(v));
        }
    }

    /** The health score as a churn score in [0, 1]: low health, high risk. */
    static double[] health(SnapshotDataset d, int[] rows) {
        double[] p = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            p[i] = Math.max(0, Math.min(1, 1 - d.healthScore(rows[i]) / 100));
        }
        return p;
    }

    private static boolean[] labels(SnapshotDataset d, int[] rows) {
        boolean[] y = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = d.churned(rows[i]);
        }
        return y;
    }

    private static double rate(SnapshotDataset d, int[] rows) {
        int p = 0;
        for (int r : rows) {
            p += d.churned(r) ? 1 : 0;
        }
        return rows.length == 0 ? 0 : (double) p / rows.length;
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
