package org.churnrisk.score.outcomes;

/**
 * The statistics of the outcomes report: Wilson score intervals for a proportion, Newcombe's
 * hybrid score interval for a difference of two, the rank AUC, and the accounts per arm needed to
 * detect a difference. 95% intervals, two-sided. Stateless.
 */
public final class Stats {
    /** z for a two-sided 95% interval. */
    static final double Z = 1.959963984540054;
    /** z for 80% power. */
    static final double Z_POWER = 0.8416212335729143;

    private Stats() {
    }

    /** The Wilson score interval {lower, upper} of {@code k} successes in {@code n}; {0, 1} for n = 0. */
    public static double[] wilson(long k, long n) {
        if (n == 0) {
            return new double[] {0, 1};
        }
        double p = k / (double) n;
        double z2 = Z * Z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /**
     * Newcombe's hybrid score interval (his method 10) for {@code k1/n1 - k2/n2}, from the Wilson
     * intervals of each.
     */
    public static double[] newcombe(long k1, long n1, long k2, long n2) {
        double p1 = n1 == 0 ? 0 : k1 / (double) n1;
        double p2 = n2 == 0 ? 0 : k2 / (double) n2;
        double[] w1 = wilson(k1, n1);
        double[] w2 = wilson(k2, n2);
        double d = p1 - p2;
        double lower = d - Math.sqrt(sq(p1 - w1[0]) + sq(w2[1] - p2));
        double upper = d + Math.sqrt(sq(w1[1] - p1) + sq(p2 - w2[0]));
        return new double[] {Math.max(-1, lower), Math.min(1, upper)};
    }

    /**
     * Accounts per arm for a two-sided 5% test of two proportions to detect {@code p1} against
     * {@code p2} with 80% power (the normal approximation with the pooled variance under the null).
     */
    public static long perArm(double p1, double p2) {
        double pBar = (p1 + p2) / 2;
        double a = Z * Math.sqrt(2 * pBar * (1 - pBar)) + Z_POWER * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
        return (long) Math.ceil(a * a / sq(p1 - p2));
    }

    /**
     * The probability that a random positive scores above a random negative (ties count half);
     * NaN when either class is empty.
     */
    public static double auc(double[] scores, boolean[] positive) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        long pos = 0;
        double rankSum = 0;
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1; // ties share their mean rank
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    pos++;
                    rankSum += rank;
                }
            }
            i = j + 1;
        }
        long neg = scores.length - pos;
        return pos == 0 || neg == 0 ? Double.NaN : (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    private static double sq(double v) {
        return v * v;
    }
}
