package org.churnrisk.train.backtest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.churnrisk.core.ChurnException;
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

    /**
     * Results: pooled reports per model, uncalibrated reports for comparison, the folds, and the
     * dataset rows that were tested, in the order of the pooled predictions.
     */
    public record Result(List<Fold> folds, Map<String, EvaluationReport> calibrated,
                         Map<String, EvaluationReport> uncalibrated, int testRows, int[] testedRows) {
        public Result {
            folds = List.copyOf(folds);
            calibrated = Collections.unmodifiableMap(new LinkedHashMap<>(calibrated));
            uncalibrated = Collections.unmodifiableMap(new LinkedHashMap<>(uncalibrated));
            testedRows = testedRows.clone();
        }

        @Override
        public int[] testedRows() {
            return testedRows.clone();
        }
    }

    /** What one fold predicted for its test rows, raw and calibrated, per model name. */
    private record FoldResult(int[] testRows, Map<String, double[]> raw, Map<String, double[]> calibrated) {
    }

    /**
     * Runs every fold. Folds are independent, so they train in parallel, one per core (XGBoost
     * itself trains on one thread); predictions are pooled in fold order, so the result does not
     * depend on the number of threads.
     */
    public static Result run(SnapshotDataset d, List<Algorithm> algorithms, int folds, int capacity, long seed,
                             ProgressListener progress) {
        List<Fold> plan = RollingOrigin.folds(d.dates(), d.policy().horizonDays(), folds, CALIBRATION_DATES + 3);
        List<String> names = new ArrayList<>();
        algorithms.forEach(a -> names.add(a.label()));
        names.add(HEALTH_SCORE);
        names.add(DUMMY);

        List<FoldResult> results = runFolds(plan, fold -> fold(d, fold, algorithms, seed), progress);

        int total = results.stream().mapToInt(r -> r.testRows().length).sum();
        int[] tested = new int[total];
        boolean[] y = new boolean[total];
        double[] a = new double[total];
        int at = 0;
        for (FoldResult r : results) {
            for (int row : r.testRows()) {
                tested[at] = row;
                y[at] = d.churned(row);
                a[at] = d.arr(row);
                at++;
            }
        }
        Map<String, EvaluationReport> calibratedReports = new LinkedHashMap<>();
        Map<String, EvaluationReport> rawReports = new LinkedHashMap<>();
        for (String n : names) {
            calibratedReports.put(n, Evaluation.of(pooled(results, n, true, total), y, a, capacity));
            rawReports.put(n, Evaluation.of(pooled(results, n, false, total), y, a, capacity));
        }
        return new Result(plan, calibratedReports, rawReports, total, tested);
    }

    private static FoldResult fold(SnapshotDataset d, Fold fold, List<Algorithm> algorithms, long seed) {
        List<LocalDate> train = fold.trainDates();
        Set<LocalDate> fitDates = new HashSet<>(train.subList(0, train.size() - CALIBRATION_DATES));
        Set<LocalDate> calibrationDates = new HashSet<>(train.subList(train.size() - CALIBRATION_DATES, train.size()));
        int[] fitRows = d.rows(fitDates::contains);
        int[] calibrationRows = d.rows(calibrationDates::contains);
        int[] testRows = d.rows(fold.testDate()::equals);
        boolean[] calibrationY = labels(d, calibrationRows);
        Map<String, double[]> raw = new LinkedHashMap<>();
        Map<String, double[]> calibrated = new LinkedHashMap<>();
        for (Algorithm algorithm : algorithms) {
            ChurnClassifier model = ChurnTrainer.train(d, fitRows, algorithm, seed);
            Calibration c = Calibrators.fit(model.predict(d, calibrationRows), calibrationY);
            put(raw, calibrated, algorithm.label(), model.predict(d, testRows), c);
        }
        Calibration healthCalibration = Calibrators.fit(health(d, calibrationRows), calibrationY);
        put(raw, calibrated, HEALTH_SCORE, health(d, testRows), healthCalibration);
        double[] constant = new double[testRows.length];
        Arrays.fill(constant, rate(d, fitRows));
        put(raw, calibrated, DUMMY, constant, new Calibration.Identity());
        return new FoldResult(testRows, raw, calibrated);
    }

    /** Runs {@code work} on every fold, in parallel on up to two threads, results in fold order. */
    private static List<FoldResult> runFolds(List<Fold> plan, Function<Fold, FoldResult> work,
                                             ProgressListener progress) {
        int threads = Math.max(1, Math.min(plan.size(), Math.min(2, Runtime.getRuntime().availableProcessors())));
        if (threads == 1) {
            List<FoldResult> results = new ArrayList<>();
            for (Fold fold : plan) {
                results.add(work.apply(fold));
                progress.update("backtesting folds", results.size(), plan.size());
            }
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "churn-backtest");
            t.setDaemon(true);
            return t;
        });
        try {
            AtomicInteger done = new AtomicInteger();
            List<Future<FoldResult>> futures = new ArrayList<>();
            for (Fold fold : plan) {
                futures.add(pool.submit(() -> {
                    FoldResult r = work.apply(fold);
                    int n = done.incrementAndGet();
                    synchronized (progress) {
                        progress.update("backtesting folds", n, plan.size());
                    }
                    return r;
                }));
            }
            List<FoldResult> results = new ArrayList<>();
            for (Future<FoldResult> f : futures) {
                results.add(join(f));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static FoldResult join(Future<FoldResult> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChurnException("backtest interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new ChurnException("backtest fold failed: " + e.getCause(), e.getCause());
        }
    }

    private static void put(Map<String, double[]> raw, Map<String, double[]> calibrated, String name, double[] p,
                            Calibration c) {
        double[] q = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            q[i] = c.apply(p[i]);
        }
        raw.put(name, p);
        calibrated.put(name, q);
    }

    private static double[] pooled(List<FoldResult> results, String name, boolean calibrated, int total) {
        double[] out = new double[total];
        int at = 0;
        for (FoldResult r : results) {
            double[] p = (calibrated ? r.calibrated() : r.raw()).get(name);
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
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
}
