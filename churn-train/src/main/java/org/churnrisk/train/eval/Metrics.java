package org.churnrisk.train.eval;

import java.util.ArrayList;
import java.util.List;
import org.churnrisk.core.InvalidArgumentException;

/**
 * The evaluation metrics of a churn model, one static method each, over rows given as parallel
 * arrays: predicted probability {@code p} in [0, 1], label {@code y} (churned within the horizon)
 * and, where the metric uses it, ARR (>= 0).
 *
 * <p>Ties: metrics that ignore ARR (AUC, average precision, Brier, log loss, reliability) treat
 * equal probabilities as one threshold and depend only on the multiset of rows, so any permutation
 * of the input gives bit-identical results. Metrics over a ranking (top k, deciles) rank by
 * probability descending, then ARR descending, then row index ascending; only rows tied on both
 * probability and ARR across a cut can change places when the input is reordered.
 *
 * <p>Undefined values are NaN, never an exception: a NaN says "this number does not exist for
 * these rows", which a zero would hide. Invalid input (NaN or out-of-range probabilities,
 * negative or non-finite ARR, arrays of different lengths, no rows, negative k) throws
 * {@link InvalidArgumentException} naming the array, the row and the value. The arrays are copied
 * and never changed. Stateless and thread-safe.
 *
 * <pre>{@code
 * double auc = Metrics.rocAuc(new double[] {0.9, 0.2, 0.6}, new boolean[] {true, false, false}); // 1.0
 * }</pre>
 */
public final class Metrics {
    /** Log loss clips probabilities to {@code [LOG_LOSS_EPS, 1 - LOG_LOSS_EPS]}. */
    public static final double LOG_LOSS_EPS = 1e-15;

    private Metrics() {}

    /**
     * ROC AUC by the rank-sum (Mann-Whitney) formula: rank all rows by {@code p} ascending, giving
     * tied rows the mean of their ranks, then {@code (R+ - n+ (n+ + 1) / 2) / (n+ n-)} where
     * {@code R+} is the sum of the positives' ranks. A positive tied with a negative thus counts
     * half a correctly ordered pair. Constant scores give 0.5.
     *
     * @return the AUC in [0, 1], or NaN when only one class is present
     */
    public static double rocAuc(double[] p, boolean[] y) {
        return rocAuc(Scored.of(p, y, null));
    }

    /**
     * Average precision as scikit-learn's {@code average_precision_score} defines it: with each
     * distinct score taken as a threshold, highest first, {@code sum (R_n - R_(n-1)) P_n} where
     * {@code P_n} and {@code R_n} are the precision and recall of the rows scoring at least that
     * threshold, and {@code R_0 = 0}. Tied scores form one threshold. No interpolation.
     *
     * @return the AP in [0, 1], or NaN when no row is positive (scikit-learn warns and returns 0)
     */
    public static double averagePrecision(double[] p, boolean[] y) {
        return averagePrecision(Scored.of(p, y, null));
    }

    /** The Brier score: the mean of {@code (p - y)^2} with {@code y} as 0 or 1; 0 is perfect. */
    public static double brierScore(double[] p, boolean[] y) {
        return brierScore(Scored.of(p, y, null));
    }

    /**
     * Log loss (binary cross-entropy, natural log): the mean of {@code -(y ln q + (1 - y) ln(1 - q))}
     * where {@code q} is {@code p} clipped to {@code [1e-15, 1 - 1e-15]}, so a confident miss costs
     * about 34.5 instead of infinity.
     */
    public static double logLoss(double[] p, boolean[] y) {
        return logLoss(Scored.of(p, y, null));
    }

    /**
     * Precision, recall and share of churned ARR captured in the {@code k} highest-risk rows,
     * ranked by {@code p} descending, then ARR descending, then row index ascending. A {@code k}
     * above the row count takes every row.
     *
     * @throws InvalidArgumentException also when {@code k} is negative
     */
    public static TopK topK(double[] p, boolean[] y, double[] arr, int k) {
        if (k < 0) {
            throw new InvalidArgumentException("k: value " + k + " is negative (expected a number of rows >= 0)");
        }
        return topK(Scored.of(p, y, requireArr(arr)), k);
    }

    /**
     * As {@link #topK}, but with the rows ranked by expected ARR lost, {@code p x ARR} descending,
     * then probability descending, then ARR descending, then row index ascending: the order of a
     * worklist ranked by ARR at risk. The share of churned ARR it captures is what a team that
     * works by revenue gets from the same model.
     *
     * @throws InvalidArgumentException also when {@code k} is negative
     */
    public static TopK topKByArrAtRisk(double[] p, boolean[] y, double[] arr, int k) {
        if (k < 0) {
            throw new InvalidArgumentException("k: value " + k + " is negative (expected a number of rows >= 0)");
        }
        return topK(Scored.of(p, y, requireArr(arr)), k, true);
    }

    /** The number of rows in the top 10%: {@code ceil(rows / 10)}, at least 1 for any row. */
    public static int tenPercentOf(int rows) {
        if (rows < 0) {
            throw new InvalidArgumentException("rows: value " + rows + " is negative");
        }
        return rows / 10 + (rows % 10 == 0 ? 0 : 1);
    }

    /**
     * Lift by decile: the rows ranked as for {@link #topK} and cut into ten consecutive bins,
     * decile 1 holding the highest risk. With {@code n = 10q + r} rows, deciles 1 to {@code r}
     * hold {@code q + 1} rows and the rest {@code q} (numpy's {@code array_split} rule), so sizes
     * differ by at most one and the extra rows sit at the top. Rows with tied scores may fall on
     * both sides of a cut; the ranking's tie-break decides.
     *
     * @return ten rows, decile 1 first
     */
    public static List<DecileRow> liftByDecile(double[] p, boolean[] y, double[] arr) {
        return liftByDecile(Scored.of(p, y, requireArr(arr)));
    }

    /**
     * A reliability table of ten fixed-width bins {@code [0, 0.1), [0.1, 0.2), ..., [0.9, 1.0]},
     * whose edges are the doubles {@code b / 10.0}: {@code p = 0.1} falls in the second bin and
     * {@code p = 1.0} in the last. Also the expected calibration error weighted by bin count.
     */
    public static Reliability reliability(double[] p, boolean[] y) {
        return reliability(Scored.of(p, y, null));
    }

    // ---- implementations over validated rows ----

    static double rocAuc(Scored s) {
        long pos = s.positives;
        long neg = s.negatives();
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        long n = s.rows();
        // Twice the rank sum keeps mid-ranks integral: a group at descending positions
        // [start, end] has ascending ranks n - end .. n - start, twice their mean 2n - start - end.
        long twiceRankSum = 0;
        long start = 0;
        for (int g = 0; g < s.tieP.length; g++) {
            long end = start + s.tieRows[g] - 1;
            twiceRankSum += s.tiePositives[g] * (2 * n - start - end);
            start = end + 1;
        }
        long twiceU = twiceRankSum - pos * (pos + 1);
        return twiceU / (2.0 * pos * neg);
    }

    static double averagePrecision(Scored s) {
        if (s.positives == 0) {
            return Double.NaN;
        }
        long tp = 0;
        long seen = 0;
        double sum = 0;
        for (int g = 0; g < s.tieP.length; g++) {
            tp += s.tiePositives[g];
            seen += s.tieRows[g];
            if (s.tiePositives[g] > 0) {
                // (R_n - R_(n-1)) P_n = (newTp / P) (tp / seen); divide by P once at the end.
                sum += (double) (s.tiePositives[g] * tp) / seen;
            }
        }
        return sum / s.positives;
    }

    static double brierScore(Scored s) {
        double sum = 0;
        for (int g = 0; g < s.tieP.length; g++) {
            double v = s.tieP[g];
            int pos = s.tiePositives[g];
            int neg = s.tieRows[g] - pos;
            sum += pos * (1 - v) * (1 - v) + neg * v * v;
        }
        return sum / s.rows();
    }

    static double logLoss(Scored s) {
        double sum = 0;
        for (int g = 0; g < s.tieP.length; g++) {
            double q = Math.min(Math.max(s.tieP[g], LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
            int pos = s.tiePositives[g];
            int neg = s.tieRows[g] - pos;
            if (pos > 0) {
                sum -= pos * Math.log(q);
            }
            if (neg > 0) {
                sum -= neg * Math.log(1 - q);
            }
        }
        return sum / s.rows();
    }

    static TopK topK(Scored s, int requested) {
        return topK(s, requested, false);
    }

    static TopK topK(Scored s, int requested, boolean byArrAtRisk) {
        int[] order = byArrAtRisk ? s.byArrAtRisk : s.byRisk;
        int k = Math.min(requested, s.rows());
        int hits = 0;
        double hitArr = 0;
        for (int r = 0; r < k; r++) {
            int i = order[r];
            if (s.y[i]) {
                hits++;
                hitArr += s.arr[i];
            }
        }
        double churnedArr = 0;
        for (int i : s.byRisk) {
            if (s.y[i]) {
                churnedArr += s.arr[i];
            }
        }
        double precision = k == 0 ? Double.NaN : (double) hits / k;
        double recall = s.positives == 0 ? Double.NaN : (double) hits / s.positives;
        double captured = churnedArr == 0 ? Double.NaN : hitArr / churnedArr;
        return new TopK(k, hits, precision, recall, captured);
    }

    static List<DecileRow> liftByDecile(Scored s) {
        int n = s.rows();
        long total = s.positives;
        int q = n / 10;
        int extra = n % 10;
        List<DecileRow> out = new ArrayList<>(10);
        int r = 0;
        long cumulative = 0;
        for (int d = 0; d < 10; d++) {
            int size = q + (d < extra ? 1 : 0);
            int hits = 0;
            for (int end = r + size; r < end; r++) {
                hits += s.y[s.byRisk[r]] ? 1 : 0;
            }
            cumulative += hits;
            double rate = size == 0 ? Double.NaN : (double) hits / size;
            // (hits / size) / (total / n) rounded once.
            double lift = size == 0 || total == 0 ? Double.NaN : (double) (hits * (long) n) / ((long) size * total);
            double recall = total == 0 ? Double.NaN : (double) cumulative / total;
            out.add(new DecileRow(d + 1, size, hits, rate, lift, recall));
        }
        return List.copyOf(out);
    }

    static Reliability reliability(Scored s) {
        int[] count = new int[10];
        int[] pos = new int[10];
        double[] sumP = new double[10];
        for (int g = 0; g < s.tieP.length; g++) {
            int b = bin(s.tieP[g]);
            count[b] += s.tieRows[g];
            pos[b] += s.tiePositives[g];
            sumP[b] += s.tieRows[g] * s.tieP[g];
        }
        List<ReliabilityBin> bins = new ArrayList<>(10);
        double ece = 0;
        for (int b = 0; b < 10; b++) {
            double mean = count[b] == 0 ? Double.NaN : sumP[b] / count[b];
            double rate = count[b] == 0 ? Double.NaN : (double) pos[b] / count[b];
            if (count[b] > 0) {
                ece += (double) count[b] / s.rows() * Math.abs(mean - rate);
            }
            bins.add(new ReliabilityBin(b / 10.0, (b + 1) / 10.0, count[b], mean, rate));
        }
        return new Reliability(bins, ece);
    }

    /** The reliability bin of {@code v}, with edges exactly the doubles {@code b / 10.0}. */
    static int bin(double v) {
        int b = Math.min((int) (v * 10), 9);
        // v * 10 rounds, so a value just below an edge can land one bin too high, or just above one too low.
        if (b > 0 && v < b / 10.0) {
            b--;
        } else if (b < 9 && v >= (b + 1) / 10.0) {
            b++;
        }
        return b;
    }

    private static double[] requireArr(double[] arr) {
        if (arr == null) {
            throw new InvalidArgumentException("arr: is required but missing (expected one ARR per row, >= 0)");
        }
        return arr;
    }
}
