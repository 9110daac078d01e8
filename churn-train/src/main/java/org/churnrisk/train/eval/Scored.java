package org.churnrisk.train.eval;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import org.churnrisk.core.InvalidArgumentException;

/**
 * Validated copies of scored rows, their risk rankings and their groups of tied scores.
 *
 * <p>{@link #byRisk} is the ranking the report publishes: probability descending, then ARR
 * descending, then row index ascending. {@link #byArrAtRisk} is the order of a worklist ranked by
 * expected ARR lost ({@code rank_by: arr_at_risk} in churn-score): {@code p x ARR} descending, then
 * probability descending, then ARR descending, then row index ascending. The tie groups ({@link #tieP}, {@link #tieRows},
 * {@link #tiePositives}) hold each distinct probability, highest first, with its row and positive
 * counts; metrics that ignore ARR are computed from them alone, so they treat tied scores as one
 * threshold and give bit-identical results under any permutation of the input. Immutable after
 * construction.
 */
final class Scored {
    final double[] p;
    final boolean[] y;
    final double[] arr;
    final int positives;
    final int[] byRisk;
    final int[] byArrAtRisk;
    final double[] tieP;
    final int[] tieRows;
    final int[] tiePositives;

    private Scored(double[] p, boolean[] y, double[] arr) {
        this.p = p;
        this.y = y;
        this.arr = arr;
        int pos = 0;
        for (boolean label : y) {
            pos += label ? 1 : 0;
        }
        this.positives = pos;
        Comparator<Integer> risk = (a, b) -> {
            int c = Double.compare(p[b], p[a]);
            return c != 0 ? c : Double.compare(arr[b], arr[a]);
        };
        this.byRisk = sorted(risk.thenComparingInt(i -> i));
        Comparator<Integer> expectedLoss = (a, b) -> Double.compare(p[b] * arr[b], p[a] * arr[a]);
        this.byArrAtRisk = sorted(expectedLoss.thenComparing(risk).thenComparingInt(i -> i));

        int groups = 0;
        for (int r = 0; r < byRisk.length; r++) {
            if (r == 0 || p[byRisk[r]] != p[byRisk[r - 1]]) {
                groups++;
            }
        }
        tieP = new double[groups];
        tieRows = new int[groups];
        tiePositives = new int[groups];
        int g = -1;
        for (int r = 0; r < byRisk.length; r++) {
            int i = byRisk[r];
            if (r == 0 || p[i] != p[byRisk[r - 1]]) {
                tieP[++g] = p[i];
            }
            tieRows[g]++;
            tiePositives[g] += y[i] ? 1 : 0;
        }
    }

    int rows() {
        return p.length;
    }

    int negatives() {
        return p.length - positives;
    }

    /** Validates and copies the rows; ARR defaults to zero for metrics that ignore it. */
    static Scored of(double[] p, boolean[] y, double[] arr) {
        if (p == null) {
            throw new InvalidArgumentException("p: is required but missing (expected one probability per row)");
        }
        if (y == null) {
            throw new InvalidArgumentException("y: is required but missing (expected one label per row)");
        }
        if (y.length != p.length) {
            throw new InvalidArgumentException("y has " + y.length + " rows but p has " + p.length
                    + " (expected one label per score)");
        }
        if (arr != null && arr.length != p.length) {
            throw new InvalidArgumentException("arr has " + arr.length + " rows but p has " + p.length
                    + " (expected one ARR per score)");
        }
        if (p.length == 0) {
            throw new InvalidArgumentException("no rows to evaluate: p and y are empty (expected at least one scored row)");
        }
        double[] pc = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double v = p[i];
            if (Double.isNaN(v)) {
                throw new InvalidArgumentException("p[" + i + "]: value NaN is not a number (expected a probability in [0, 1])");
            }
            if (v < 0 || v > 1) {
                throw new InvalidArgumentException("p[" + i + "]: value " + plain(v)
                        + " is outside [0, 1] (expected a probability)");
            }
            // -0.0 + 0.0 is 0.0, so a negative zero never forms its own threshold.
            pc[i] = v + 0.0;
        }
        double[] ac = new double[p.length];
        if (arr != null) {
            for (int i = 0; i < arr.length; i++) {
                double v = arr[i];
                if (!Double.isFinite(v)) {
                    throw new InvalidArgumentException("arr[" + i + "]: value " + v
                            + " is not a finite number (expected ARR >= 0)");
                }
                if (v < 0) {
                    throw new InvalidArgumentException("arr[" + i + "]: value " + plain(v)
                            + " is negative (expected ARR >= 0)");
                }
                ac[i] = v + 0.0;
            }
        }
        return new Scored(pc, y.clone(), ac);
    }

    /** Rejects a negative capacity; a capacity above the row count is allowed and means every row. */
    static int checkCapacity(int capacity) {
        if (capacity < 0) {
            throw new InvalidArgumentException("capacity: value " + capacity
                    + " is negative (expected the number of accounts the CSM team can call, >= 0)");
        }
        return capacity;
    }

    private int[] sorted(Comparator<Integer> order) {
        Integer[] idx = new Integer[p.length];
        Arrays.setAll(idx, i -> i);
        Arrays.sort(idx, order);
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

    private static String plain(double v) {
        return Double.isInfinite(v) ? Double.toString(v) : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
