package org.churnrisk.train.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopKTest {

    @Test
    void topThreeOfEightRowsComputedByHand() {
        // Ranking 0, 1, 2, 3, ... (row 2 before row 3: both p 0.7, ARR 200 > 10).
        // Top 3 = rows 0 (churned, 100), 1 (not), 2 (churned, 200):
        // precision 2/3, recall 2/3, ARR captured (100 + 200) / 330 = 10/11.
        TopK top = Metrics.topK(EightRows.P, EightRows.Y, EightRows.ARR, 3);

        assertThat(top.k()).isEqualTo(3);
        assertThat(top.positives()).isEqualTo(2);
        assertThat(top.precision()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(top.recall()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(top.arrCaptured()).isCloseTo(10.0 / 11, within(1e-15));
    }

    @Test
    void breaksTiedScoresByHigherArrFirst() {
        // All p tie; ARR 10, 500, 40: the top 1 is row 1 (ARR 500), which churned.
        double[] p = {0.5, 0.5, 0.5};
        boolean[] y = {false, true, false};
        double[] arr = {10, 500, 40};

        TopK top = Metrics.topK(p, y, arr, 1);

        assertThat(top.positives()).isEqualTo(1);
        assertThat(top.arrCaptured()).isEqualTo(1.0);
    }

    @Test
    void breaksTiesOfScoreAndArrByLowerRowIndex() {
        // Rows 0 and 1 tie on p and ARR: row 0 comes first, and it did not churn.
        double[] p = {0.5, 0.5};
        boolean[] y = {false, true};
        double[] arr = {100, 100};

        assertThat(Metrics.topK(p, y, arr, 1).positives()).isZero();
    }

    @Test
    void aHigherScoreOutranksAHigherArr() {
        double[] p = {0.6, 0.5};
        boolean[] y = {true, false};
        double[] arr = {1, 1_000_000};

        assertThat(Metrics.topK(p, y, arr, 1).positives()).isEqualTo(1);
    }

    @Test
    void capsKAtTheNumberOfRows() {
        TopK top = Metrics.topK(EightRows.P, EightRows.Y, EightRows.ARR, 50);

        assertThat(top.k()).isEqualTo(8);
        assertThat(top.precision()).isEqualTo(3.0 / 8);
        assertThat(top.recall()).isEqualTo(1.0);
        assertThat(top.arrCaptured()).isEqualTo(1.0);
    }

    @Test
    void zeroKHasUndefinedPrecisionAndNothingCaptured() {
        TopK top = Metrics.topK(EightRows.P, EightRows.Y, EightRows.ARR, 0);

        assertThat(top.precision()).isNaN();
        assertThat(top.recall()).isZero();
        assertThat(top.arrCaptured()).isZero();
    }

    @Test
    void recallAndArrCapturedAreNaNWithoutAPositive() {
        TopK top = Metrics.topK(new double[] {0.2, 0.9}, new boolean[] {false, false}, new double[] {5, 6}, 1);

        assertThat(top.precision()).isZero();
        assertThat(top.recall()).isNaN();
        assertThat(top.arrCaptured()).isNaN();
    }

    @Test
    void arrCapturedIsNaNWhenTheChurnersHaveNoArr() {
        TopK top = Metrics.topK(new double[] {0.2, 0.9}, new boolean[] {true, false}, new double[] {0, 6}, 1);

        assertThat(top.arrCaptured()).isNaN();
    }

    @ParameterizedTest(name = "{0} rows -> top 10% is {1}")
    @CsvSource({"1, 1", "8, 1", "10, 1", "11, 2", "23, 3", "100, 10", "101, 11"})
    void tenPercentRoundsUp(int rows, int k) {
        assertThat(Metrics.tenPercentOf(rows)).isEqualTo(k);
    }
}
