package org.churnrisk.train.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LiftByDecileTest {

    /**
     * 23 rows with distinct p falling with the row index, so rank = row; churners at ranks
     * 0, 1, 4, 9 and 15. 23 = 10 * 2 + 3: deciles 1-3 hold 3 rows, deciles 4-10 hold 2.
     * <pre>
     * decile  ranks   rows  positives  rate  lift = rate / (5/23)  cumulative recall
     *   1     0-2      3     2 (0,1)   2/3   46/15                 2/5
     *   2     3-5      3     1 (4)     1/3   23/15                 3/5
     *   3     6-8      3     0         0     0                     3/5
     *   4     9-10     2     1 (9)     1/2   23/10                 4/5
     *   5-6   11-14    2     0         0     0                     4/5
     *   7     15-16    2     1 (15)    1/2   23/10                 1
     *   8-10  17-22    2     0         0     0                     1
     * </pre>
     */
    private static List<DecileRow> twentyThreeRows() {
        int n = 23;
        double[] p = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            p[i] = (n - i) / 24.0;
        }
        for (int i : new int[] {0, 1, 4, 9, 15}) {
            y[i] = true;
        }
        return Metrics.liftByDecile(p, y, new double[n]);
    }

    @Test
    void splitsTwentyThreeRowsWithTheExtraRowsAtTheTop() {
        assertThat(twentyThreeRows()).extracting(DecileRow::rows).containsExactly(3, 3, 3, 2, 2, 2, 2, 2, 2, 2);
    }

    @Test
    void numbersTheDecilesFromTheHighestRisk() {
        assertThat(twentyThreeRows()).extracting(DecileRow::decile).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void countsPositivesPerDecile() {
        assertThat(twentyThreeRows()).extracting(DecileRow::positives).containsExactly(2, 1, 0, 1, 0, 0, 1, 0, 0, 0);
    }

    @ParameterizedTest(name = "decile {0}: rate {1}, lift {2}, cumulative recall {3}")
    @CsvSource({
        "1, 0.6666666666666666, 3.0666666666666667, 0.4",
        "2, 0.3333333333333333, 1.5333333333333334, 0.6",
        "3, 0.0, 0.0, 0.6",
        "4, 0.5, 2.3, 0.8",
        "7, 0.5, 2.3, 1.0",
        "10, 0.0, 0.0, 1.0"})
    void computesRateLiftAndCumulativeRecallByHand(int decile, double rate, double lift, double recall) {
        DecileRow row = twentyThreeRows().get(decile - 1);

        assertThat(row.churnRate()).isCloseTo(rate, within(1e-15));
        assertThat(row.lift()).isCloseTo(lift, within(1e-15));
        assertThat(row.cumulativeRecall()).isCloseTo(recall, within(1e-15));
    }

    @Test
    void sizesDifferByAtMostOneWhenTheRowsDivideEvenly() {
        boolean[] y = new boolean[30];
        y[0] = true;

        assertThat(Metrics.liftByDecile(new double[30], y, new double[30]))
                .extracting(DecileRow::rows).containsOnly(3);
    }

    @Test
    void leavesTheLowDecilesEmptyWithFewerThanTenRows() {
        List<DecileRow> deciles = Metrics.liftByDecile(
                new double[] {0.9, 0.5, 0.1}, new boolean[] {true, false, false}, new double[3]);

        assertThat(deciles).extracting(DecileRow::rows).containsExactly(1, 1, 1, 0, 0, 0, 0, 0, 0, 0);
        assertThat(deciles.get(3).churnRate()).isNaN();
        assertThat(deciles.get(3).lift()).isNaN();
        assertThat(deciles.get(3).cumulativeRecall()).isEqualTo(1.0);
    }

    @Test
    void liftIsNaNWhenNobodyChurned() {
        assertThat(Metrics.liftByDecile(new double[12], new boolean[12], new double[12]))
                .allSatisfy(d -> assertThat(d.lift()).isNaN());
    }

    @Test
    void ranksTiedScoresByArrAcrossADecileCut() {
        // Ten rows, one per decile; rows 0 and 1 tie on p, row 1 has more ARR so it is decile 1.
        double[] p = {0.9, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1};
        boolean[] y = {false, true, false, false, false, false, false, false, false, false};
        double[] arr = {10, 20, 0, 0, 0, 0, 0, 0, 0, 0};

        assertThat(Metrics.liftByDecile(p, y, arr).get(0).positives()).isEqualTo(1);
    }
}
