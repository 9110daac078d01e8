package org.churnrisk.train.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AveragePrecisionTest {

    @Test
    void matchesScikitLearnsDocumentedExample() {
        // sklearn's docstring: average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) = 0.83...
        // threshold 0.8:  TP 1 of 1 seen, P = 1,   R = 1/2, (1/2 - 0) * 1     = 1/2
        // threshold 0.4:  TP 1 of 2 seen, P = 1/2, R = 1/2, (1/2 - 1/2) * 1/2 = 0
        // threshold 0.35: TP 2 of 3 seen, P = 2/3, R = 1,   (1 - 1/2) * 2/3   = 1/3
        // threshold 0.1:  TP 2 of 4 seen, P = 1/2, R = 1,   0
        // AP = 1/2 + 1/3 = 5/6
        double[] p = {0.1, 0.4, 0.35, 0.8};
        boolean[] y = {false, false, true, true};

        assertThat(Metrics.averagePrecision(p, y)).isCloseTo(5.0 / 6, within(1e-15));
    }

    @Test
    void groupsTiedScoresIntoOneThreshold() {
        // EightRows, thresholds highest first:
        // 0.9: TP 1 of 1 seen, P = 1,   R = 1/3, (1/3 - 0)   * 1   = 1/3
        // 0.8: TP 1 of 2 seen, P = 1/2, R = 1/3, 0
        // 0.7: TP 2 of 4 seen, P = 1/2, R = 2/3, (2/3 - 1/3) * 1/2 = 1/6   (both tied rows at once)
        // 0.4: TP 3 of 5 seen, P = 3/5, R = 1,   (1 - 2/3)   * 3/5 = 1/5
        // 0.3, 0.1: R stays 1, 0
        // AP = 1/3 + 1/6 + 1/5 = 21/30 = 0.7 (sklearn gives the same)
        assertThat(Metrics.averagePrecision(EightRows.P, EightRows.Y)).isCloseTo(0.7, within(1e-15));
    }

    @Test
    void equalsTheBaseRateWhenEveryScoreIsTied() {
        // One threshold with P = 2/4 and R going from 0 to 1: AP = 1 * 1/2.
        double[] p = {0.5, 0.5, 0.5, 0.5};
        boolean[] y = {true, false, true, false};

        assertThat(Metrics.averagePrecision(p, y)).isEqualTo(0.5);
    }

    @Test
    void isOneWhenEveryPositiveOutranksEveryNegative() {
        double[] p = {0.9, 0.1, 0.8, 0.2};
        boolean[] y = {true, false, true, false};

        assertThat(Metrics.averagePrecision(p, y)).isEqualTo(1.0);
    }

    @Test
    void isNaNWithoutAPositive() {
        assertThat(Metrics.averagePrecision(new double[] {0.3, 0.6}, new boolean[] {false, false})).isNaN();
    }
}
