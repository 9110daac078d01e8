package org.churnrisk.train.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbabilityScoresTest {

    @Test
    void brierScoreIsTheMeanSquaredErrorComputedByHand() {
        // EightRows (p - y)^2: 0.01, 0.64, 0.09, 0.49, 0.36, 0.09, 0.09, 0.01 -> sum 1.78, / 8 = 0.2225
        assertThat(Metrics.brierScore(EightRows.P, EightRows.Y)).isCloseTo(0.2225, within(1e-15));
    }

    @ParameterizedTest(name = "p {0}, churned {1}: {2}")
    @CsvSource({"1.0, true, 0.0", "0.0, false, 0.0", "0.0, true, 1.0", "1.0, false, 1.0", "0.25, true, 0.5625"})
    void brierScoreOfOneRow(double p, boolean y, double expected) {
        assertThat(Metrics.brierScore(new double[] {p}, new boolean[] {y})).isEqualTo(expected);
    }

    @Test
    void logLossIsTheMeanCrossEntropyComputedByHand() {
        // EightRows: -(ln 0.9 + ln 0.2 + ln 0.7 + ln 0.3 + ln 0.4 + ln 0.7 + ln 0.7 + ln 0.9) / 8
        //   = (0.10536 + 1.60944 + 0.35667 + 1.20397 + 0.91629 + 0.35667 + 0.35667 + 0.10536) / 8
        //   = 5.01045 / 8 = 0.62631
        double expected = -(2 * Math.log(0.9) + Math.log(0.2) + 3 * Math.log(0.7) + Math.log(0.3) + Math.log(0.4)) / 8;

        assertThat(Metrics.logLoss(EightRows.P, EightRows.Y)).isCloseTo(expected, within(1e-15))
                .isCloseTo(0.62631, within(1e-5));
    }

    @Test
    void logLossClipsACertainMissTo1e15() {
        // -ln(1e-15) = 15 ln 10 = 34.5388
        assertThat(Metrics.logLoss(new double[] {0.0}, new boolean[] {true}))
                .isCloseTo(15 * Math.log(10), within(1e-12));
    }

    @Test
    void logLossClipsACertainHitAwayFromZero() {
        assertThat(Metrics.logLoss(new double[] {1.0}, new boolean[] {true}))
                .isPositive()
                .isCloseTo(1e-15, within(1e-16));
    }
}
