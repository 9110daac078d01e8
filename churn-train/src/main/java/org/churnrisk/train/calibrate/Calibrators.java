package org.churnrisk.train.calibrate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.model.Calibration;

/**
 * Fits a {@link Calibration} on held-out predictions and outcomes. Deterministic.
 *
 * <p>{@link #fit} chooses isotonic regression when the held-out slice has at least
 * {@link #ISOTONIC_MIN_POSITIVES} positives and as many negatives (enough rows for a step function
 * not to overfit), Platt scaling otherwise.
 */
public final class Calibrators {
    /** Positives (and negatives) needed before isotonic regression is used. */
    public static final int ISOTONIC_MIN_POSITIVES = 500;

    private Calibrators() {
    }

    public static Calibration fit(double[] p, boolean[] y) {
        int positives = 0;
        for (boolean b : y) {
            positives += b ? 1 : 0;
        }
        if (positives >= ISOTONIC_MIN_POSITIVES && y.length - positives >= ISOTONIC_MIN_POSITIVES) {
            return isotonic(p, y);
        }
        return platt(p, y);
    }

    /**
     * Platt scaling by Newton's method on the log-likelihood, with Platt's target smoothing
     * ((positives + 1) / (positives + 2) and 1 / (negatives + 2)) against overconfidence.
     */
    public static Calibration.Platt platt(double[] p, boolean[] y) {
        check(p, y);
        int n = p.length;
        int positives = 0;
        for (boolean b : y) {
            positives += b ? 1 : 0;
        }
        double hi = (positives + 1.0) / (positives + 2.0);
        double lo = 1.0 / (n - positives + 2.0);
        double[] x = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            double q = Math.min(1 - 1e-6, Math.max(1e-6, p[i]));
            x[i] = Math.log(q / (1 - q));
            t[i] = y[i] ? hi : lo;
        }
        double a = 1;
        double b = 0;
        for (int iter = 0; iter < 100; iter++) {
            double g1 = 0;
            double g2 = 0;
            double h11 = 1e-12;
            double h12 = 0;
            double h22 = 1e-12;
            for (int i = 0; i < n; i++) {
                double f = 1 / (1 + Math.exp(-(a * x[i] + b)));
                double d = f - t[i];
                double w = f * (1 - f);
                g1 += d * x[i];
                g2 += d;
                h11 += w * x[i] * x[i];
                h12 += w * x[i];
                h22 += w;
            }
            double det = h11 * h22 - h12 * h12;
            if (det <= 0) {
                break;
            }
            double da = (h22 * g1 - h12 * g2) / det;
            double db = (h11 * g2 - h12 * g1) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) {
                break;
            }
        }
        return new Calibration.Platt(a, b);
    }

    /** Isotonic regression by pool-adjacent-violators over predictions sorted ascending. */
    public static Calibration.Isotonic isotonic(double[] p, boolean[] y) {
        check(p, y);
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Double.compare(p[i], p[j]));
        List<double[]> blocks = new ArrayList<>(); // {first p, sum y, count}
        int i = 0;
        while (i < order.length) {
            double value = p[order[i]];
            double sum = 0;
            int count = 0;
            while (i < order.length && p[order[i]] == value) {
                sum += y[order[i]] ? 1 : 0;
                count++;
                i++;
            }
            blocks.add(new double[] {value, sum, count});
            while (blocks.size() > 1) {
                double[] last = blocks.get(blocks.size() - 1);
                double[] before = blocks.get(blocks.size() - 2);
                // Equal means merge too: the step function is the same, with far fewer steps
                // (runs of all-retained blocks would otherwise each keep a step at 0).
                if (before[1] / before[2] < last[1] / last[2]) {
                    break;
                }
                before[1] += last[1];
                before[2] += last[2];
                blocks.remove(blocks.size() - 1);
            }
        }
        double[] thresholds = new double[blocks.size()];
        double[] values = new double[blocks.size()];
        for (int b = 0; b < blocks.size(); b++) {
            thresholds[b] = blocks.get(b)[0];
            values[b] = blocks.get(b)[1] / blocks.get(b)[2];
        }
        return new Calibration.Isotonic(thresholds, values);
    }

    private static void check(double[] p, boolean[] y) {
        if (p.length != y.length || p.length == 0) {
            throw new InvalidArgumentException("calibration: " + p.length + " predictions and " + y.length
                    + " outcomes (expected the same number, at least one)");
        }
    }
}
