package org.churnrisk.train.eval;

/**
 * The eight-row book most tests compute by hand, with ties in p at 0.7 (one churner, one not) and
 * at 0.3 (two non-churners).
 *
 * <pre>
 *  row    p     y   ARR   rank (p desc, ARR desc, row asc)
 *   0    0.9   1   100   1
 *   1    0.8   0    50   2
 *   2    0.7   1   200   3   tie at 0.7: ARR 200 > 10
 *   3    0.7   0    10   4
 *   4    0.4   1    30   5
 *   5    0.3   0    60   7   tie at 0.3: ARR 70 > 60
 *   6    0.3   0    70   6
 *   7    0.1   0    80   8
 * </pre>
 * 3 positives, 5 negatives, churned ARR 100 + 200 + 30 = 330.
 */
final class EightRows {
    static final double[] P = {0.9, 0.8, 0.7, 0.7, 0.4, 0.3, 0.3, 0.1};
    static final boolean[] Y = {true, false, true, false, true, false, false, false};
    static final double[] ARR = {100, 50, 200, 10, 30, 60, 70, 80};

    private EightRows() {}
}
