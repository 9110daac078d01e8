package org.churnrisk.core.scoring;

import java.util.Arrays;
import org.churnrisk.core.model.Calibration;

/**
 * A {@link Calibration} applied to a logistic margin instead of a probability:
 * {@code apply(m)} is {@code calibration.apply(Logistic.sigmoid(m))}, mostly without computing the
 * sigmoid, which (one {@code Math.exp} and a division, about 11 ns here) cost more than the
 * rest of a linear score once the dot product was fast.
 *
 * <ul>
 *   <li><b>Isotonic</b>: the steps' thresholds are moved to the margin scale once
 *       ({@code u = log(t / (1 - t))}) and a margin finds its step in a table of equal-width
 *       buckets: one load where the bucket holds no threshold, a short scan where it does; no
 *       {@code exp}, no binary search. The result is exactly the
 *       step {@code calibration.apply(sigmoid(m))} picks. The sigmoid is strictly increasing, and
 *       its computed value is within a few units in the last place of the true one, so outside a
 *       guard band of {@code 1e-7 * (1 + |u|)} around each moved threshold, for margins in
 *       [{@value #FAST_MIN}, {@value #FAST_MAX}] (where {@code 1 - sigmoid} still has about 11
 *       significant digits, so the sigmoid's rounding moves the decision point by at most about
 *       1e-11), the two comparisons cannot disagree; a margin inside a band or outside that range
 *       is computed the original way, sigmoid and binary search.</li>
 *   <li><b>Platt</b>: {@code sigmoid(a * logit(clip(sigmoid(m))) + b)} is
 *       {@code sigmoid(a * clamp(m) + b)}, with the clip moved to the margin scale: one
 *       {@code exp} instead of two and a {@code log}. The original recovers the margin through
 *       {@code logit(p)}, which loses digits as p nears 1 (about 1e-16 / (1 - p)), so the two
 *       differ by up to {@code |a| / 4} times that: this form is used only where that stays
 *       below 2e-13, for margins up to {@value #PLATT_FAST_MAX} and slopes |a| up to
 *       {@value #PLATT_FAST_SLOPE}; elsewhere the original is computed.</li>
 *   <li><b>Identity</b>: the sigmoid itself.</li>
 * </ul>
 * Immutable, thread-safe and allocation-free.
 */
final class MarginCalibration {
    /** Below this margin the fast isotonic path is not used (exp underflows towards subnormals). */
    static final double FAST_MIN = -700;
    /** Above this margin the fast isotonic path is not used: 1 - sigmoid(m) loses digits to rounding. */
    static final double FAST_MAX = 10;
    /** Above this margin Platt scaling is computed the original way (see the class comment). */
    static final double PLATT_FAST_MAX = 5;
    /** Platt slopes steeper than this are computed the original way (see the class comment). */
    static final double PLATT_FAST_SLOPE = 8;
    /** The guard band around a moved threshold, relative to 1 + |u|. */
    static final double GUARD = 1e-7;
    /** At most this many buckets (64 KB of values); sixteen per threshold below that. */
    static final int MAX_BUCKETS = 8192;

    private static final int IDENTITY = 0;
    private static final int PLATT = 1;
    private static final int ISOTONIC = 2;

    private final Calibration calibration;
    private final int kind;
    // Platt.
    private final double a;
    private final double b;
    private final double low;
    // Isotonic: thresholds on the margin scale, their guard bands, the values, and the buckets.
    private final double[] u;
    private final double[] guardBelow;
    private final double[] guardAbove;
    private final double[] values;
    private final int[] bucketStart;
    /**
     * Per bucket, the calibrated value of every margin that can land in it, or NaN where a moved
     * threshold or its guard band reaches into the bucket (the margin is then placed by a scan).
     */
    private final double[] direct;
    private final double bucketsPerUnit;
    /** {@code -lowest * bucketsPerUnit}: a margin's bucket is {@code fma(m, bucketsPerUnit, shift)}. */
    private final double shift;

    private MarginCalibration(Calibration calibration) {
        this.calibration = calibration;
        double pa = 0;
        double pb = 0;
        double lo = 0;
        double[] moved = new double[0];
        double[] below = moved;
        double[] above = moved;
        double[] steps = moved;
        int[] start = new int[0];
        double[] known = new double[0];
        double from = 0;
        double scale = 0;
        if (calibration instanceof Calibration.Platt platt) {
            kind = PLATT;
            pa = platt.a();
            pb = platt.b();
            // The lower clip of p, 1e-6, on the margin scale (the upper one, 1 - 1e-6, lies beyond
            // the margins this form is used for).
            lo = logit(1e-6);
        } else if (calibration instanceof Calibration.Isotonic isotonic) {
            kind = ISOTONIC;
            double[] t = isotonic.thresholds();
            steps = isotonic.values();
            int k = t.length;
            moved = new double[k];
            below = new double[k];
            above = new double[k];
            for (int i = 0; i < k; i++) {
                // A threshold outside (0, 1) moves to an infinity: every finite margin is on one side.
                moved[i] = t[i] <= 0 ? Double.NEGATIVE_INFINITY : t[i] >= 1 ? Double.POSITIVE_INFINITY : logit(t[i]);
                double band = Double.isInfinite(moved[i]) ? 0 : GUARD * (1 + Math.abs(moved[i]));
                below[i] = moved[i] - band;
                above[i] = moved[i] + band;
            }
            // Buckets over the finite moved thresholds inside the fast range.
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : moved) {
                if (v >= FAST_MIN && v <= FAST_MAX) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            int buckets = Math.min(MAX_BUCKETS, Integer.highestOneBit(Math.max(1, 16 * k - 1)) << 1);
            if (min < max) {
                from = min;
                scale = buckets / (max - min);
            }
            start = new int[buckets];
            known = new double[buckets];
            for (int bucket = 0, i = 0, j = 0; bucket < buckets; bucket++) {
                double left = scale == 0 ? from : from + bucket / scale;
                double right = scale == 0 ? from : from + (bucket + 1) / scale;
                // A margin that lands here lies in [left - slack, right + slack]: its bucket is computed
                // with rounding (about 1e-16 of the range), far less than this slack.
                double slack = (scale == 0 ? 0 : 1e-6 / scale) + 1e-12 * (1 + Math.abs(left) + Math.abs(right));
                while (i < k && moved[i] < left) {
                    i++;
                }
                start[bucket] = i;
                while (j < k && moved[j] <= left - slack) {
                    j++;
                }
                boolean clearAbove = j == k || below[j] > right + slack;
                boolean clearBelow = j == 0 || above[j - 1] < left - slack;
                known[bucket] = scale != 0 && clearAbove && clearBelow ? steps[Math.max(0, j - 1)] : Double.NaN;
            }
        } else {
            kind = IDENTITY;
        }
        this.a = pa;
        this.b = pb;
        this.low = lo;
        this.u = moved;
        this.guardBelow = below;
        this.guardAbove = above;
        this.values = steps;
        this.bucketStart = start;
        this.direct = known;
        this.bucketsPerUnit = scale;
        this.shift = -from * scale;
    }

    static MarginCalibration of(Calibration calibration) {
        return new MarginCalibration(calibration);
    }

    /** The calibrated probability of margin m: {@code calibration.apply(Logistic.sigmoid(m))}. */
    double apply(double m) {
        if (kind == ISOTONIC) {
            return isotonic(m);
        }
        if (kind == PLATT) {
            if (m <= PLATT_FAST_MAX && Math.abs(a) <= PLATT_FAST_SLOPE) {
                return Logistic.sigmoid(a * Math.max(low, m) + b);
            }
            return calibration.apply(Logistic.sigmoid(m));
        }
        return Logistic.sigmoid(m);
    }

    private double isotonic(double m) {
        // Most margins land in a bucket with one answer: a multiply-add, a conversion and a load.
        double at = Math.fma(m, bucketsPerUnit, shift);
        if (at >= 0 && at < direct.length) {
            double v = direct[(int) at];
            if (v == v) {
                return v;
            }
        }
        return isotonicScan(m);
    }

    private double isotonicScan(double m) {
        if (!(m >= FAST_MIN && m <= FAST_MAX)) {
            return calibration.apply(Logistic.sigmoid(m));
        }
        final double[] moved = u;
        int k = moved.length;
        double at = Math.fma(m, bucketsPerUnit, shift);
        int last = bucketStart.length - 1;
        int bucket = at < 0 ? 0 : at >= last ? last : (int) at;
        // i becomes the number of moved thresholds at or below m, scanning from the bucket's start.
        int i = bucketStart[bucket];
        while (i < k && moved[i] <= m) {
            i++;
        }
        while (i > 0 && moved[i - 1] > m) {
            i--;
        }
        if ((i > 0 && m <= guardAbove[i - 1]) || (i < k && m >= guardBelow[i])) {
            // Too close to a step for the margin scale to decide: decide on the probability.
            return calibration.apply(Logistic.sigmoid(m));
        }
        return values[Math.max(0, i - 1)];
    }

    static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    @Override
    public String toString() {
        return "MarginCalibration(" + calibration + (kind == ISOTONIC ? ", " + bucketStart.length + " buckets" : "")
                + ")";
    }

    /** For tests: the buckets that answer with one load. */
    int directBuckets() {
        int n = 0;
        for (double v : direct) {
            n += v == v ? 1 : 0;
        }
        return n;
    }

    /** For tests: the thresholds on the margin scale. */
    double[] movedThresholds() {
        return Arrays.copyOf(u, u.length);
    }
}
