package org.churnrisk.train.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Churned ARR captured when the rows are ranked by expected ARR lost ({@code p x ARR}) instead of
 * by probability, on six rows where the two orders differ, computed by hand.
 *
 * <pre>
 *  row    p    y    ARR   p x ARR   rank by p   rank by p x ARR
 *   0    0.9   1     10      9         1             5
 *   1    0.6   0    100     60         2             4
 *   2    0.5   1    200    100         3             2   tie at 100: p 0.5 > 0.4
 *   3    0.2   1   1000    200         5             1
 *   4    0.1   0     50      5         6             6
 *   5    0.4   0    250    100         4             3
 * </pre>
 * Churned ARR 10 + 200 + 1000 = 1210.
 */
class ArrAtRiskOrderTest {
    static final double[] P = {0.9, 0.6, 0.5, 0.2, 0.1, 0.4};
    static final boolean[] Y = {true, false, true, true, false, false};
    static final double[] ARR = {10, 100, 200, 1000, 50, 250};

    @Test
    void theProbabilityOrderCapturesTheSmallChurnerAtTheTop() {
        // top 2 by p: rows 0 (churned, 10) and 1 (not)
        TopK top = Metrics.topK(P, Y, ARR, 2);

        assertThat(top.positives()).isEqualTo(1);
        assertThat(top.arrCaptured()).isCloseTo(10.0 / 1210, within(1e-15));
    }

    @Test
    void theArrAtRiskOrderCapturesTheLargeChurnersAndBreaksTiesByProbability() {
        // top 2 by p x ARR: row 3 (200), then row 2 before row 5 (both 100; p 0.5 > 0.4), both churned
        TopK top = Metrics.topKByArrAtRisk(P, Y, ARR, 2);

        assertThat(top.k()).isEqualTo(2);
        assertThat(top.positives()).isEqualTo(2);
        assertThat(top.precision()).isEqualTo(1.0);
        assertThat(top.recall()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(top.arrCaptured()).isCloseTo(1200.0 / 1210, within(1e-15));
    }

    @Test
    void theReportHoldsBothOrdersAtCapacityAndInTheTopTenPercent() {
        EvaluationReport r = Evaluation.of(P, Y, ARR, 2);

        // ceil(6 / 10) = 1 row: row 0 (10) by p, row 3 (1000) by p x ARR
        assertThat(r.topTenPercent().arrCaptured()).isCloseTo(10.0 / 1210, within(1e-15));
        assertThat(r.topTenPercentByArrAtRisk().arrCaptured()).isCloseTo(1000.0 / 1210, within(1e-15));
        assertThat(r.atCapacity().arrCaptured()).isCloseTo(10.0 / 1210, within(1e-15));
        assertThat(r.atCapacityByArrAtRisk()).isEqualTo(Metrics.topKByArrAtRisk(P, Y, ARR, 2));
    }

    @Test
    void aConstantProbabilityRanksByArrEitherWay() {
        double[] constant = {0.3, 0.3, 0.3, 0.3, 0.3, 0.3};

        assertThat(Metrics.topKByArrAtRisk(constant, Y, ARR, 3)).isEqualTo(Metrics.topK(constant, Y, ARR, 3));
    }
}
