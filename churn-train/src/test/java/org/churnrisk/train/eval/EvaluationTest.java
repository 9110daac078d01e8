package org.churnrisk.train.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    private static EvaluationReport eightRows(int capacity) {
        return Evaluation.of(EightRows.P, EightRows.Y, EightRows.ARR, capacity);
    }

    @Test
    void countsRowsPositivesAndBaseRate() {
        EvaluationReport r = eightRows(3);

        assertThat(r.rows()).isEqualTo(8);
        assertThat(r.positives()).isEqualTo(3);
        assertThat(r.baseRate()).isEqualTo(3.0 / 8);
    }

    @Test
    void holdsTheSameValuesAsEachMetricAlone() {
        EvaluationReport r = eightRows(3);

        assertThat(r.rocAuc()).isEqualTo(Metrics.rocAuc(EightRows.P, EightRows.Y));
        assertThat(r.averagePrecision()).isEqualTo(Metrics.averagePrecision(EightRows.P, EightRows.Y));
        assertThat(r.brierScore()).isEqualTo(Metrics.brierScore(EightRows.P, EightRows.Y));
        assertThat(r.logLoss()).isEqualTo(Metrics.logLoss(EightRows.P, EightRows.Y));
        assertThat(r.atCapacity()).isEqualTo(Metrics.topK(EightRows.P, EightRows.Y, EightRows.ARR, 3));
        assertThat(r.deciles()).isEqualTo(Metrics.liftByDecile(EightRows.P, EightRows.Y, EightRows.ARR));
        assertThat(r.reliability()).isEqualTo(Metrics.reliability(EightRows.P, EightRows.Y));
    }

    @Test
    void topTenPercentOfEightRowsIsTheSingleHighestRow() {
        // ceil(8 / 10) = 1: row 0 (p 0.9) churned with ARR 100 of 330.
        TopK top = eightRows(3).topTenPercent();

        assertThat(top.k()).isEqualTo(1);
        assertThat(top.precision()).isEqualTo(1.0);
        assertThat(top.recall()).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(top.arrCaptured()).isCloseTo(100.0 / 330, within(1e-15));
    }

    @Test
    void keepsTheRequestedCapacityAndCapsItsK() {
        EvaluationReport r = eightRows(20);

        assertThat(r.capacity()).isEqualTo(20);
        assertThat(r.atCapacity().k()).isEqualTo(8);
    }

    @Test
    void eceIsTheReliabilityTablesEce() {
        assertThat(eightRows(3).ece()).isCloseTo(0.325, within(1e-15));
    }

    @Test
    void shufflingTheRowsChangesNothing() {
        // 200 rows with many tied scores (p in steps of 0.05) and distinct ARR, so the ranking
        // never falls back on the row index.
        Random random = new Random(42);
        int n = 200;
        double[] p = new double[n];
        boolean[] y = new boolean[n];
        double[] arr = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = random.nextInt(21) / 20.0;
            y[i] = random.nextDouble() < p[i];
            arr[i] = 1_000 + 37.5 * i;
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        double[] sp = new double[n];
        boolean[] sy = new boolean[n];
        double[] sa = new double[n];
        for (int i = 0; i < n; i++) {
            sp[i] = p[perm[i]];
            sy[i] = y[perm[i]];
            sa[i] = arr[perm[i]];
        }

        assertThat(Evaluation.of(sp, sy, sa, 17)).isEqualTo(Evaluation.of(p, y, arr, 17));
    }

    @Test
    void reversingRowsThatTieOnScoreAndArrKeepsTheMetricsThatIgnoreArr() {
        // Rows tie on p and ARR, so the ranking depends on the index; AUC, AP, Brier, log loss and
        // reliability must not.
        double[] p = {0.5, 0.5, 0.5, 0.2};
        boolean[] y = {true, false, true, false};
        double[] arr = {10, 10, 10, 10};
        double[] rp = {0.2, 0.5, 0.5, 0.5};
        boolean[] ry = {false, true, false, true};

        EvaluationReport a = Evaluation.of(p, y, arr, 1);
        EvaluationReport b = Evaluation.of(rp, ry, arr, 1);

        assertThat(b.rocAuc()).isEqualTo(a.rocAuc());
        assertThat(b.averagePrecision()).isEqualTo(a.averagePrecision());
        assertThat(b.brierScore()).isEqualTo(a.brierScore());
        assertThat(b.logLoss()).isEqualTo(a.logLoss());
        assertThat(b.reliability()).isEqualTo(a.reliability());
    }

    @Test
    void leavesTheCallersArraysUnchanged() {
        double[] p = EightRows.P.clone();
        double[] arr = EightRows.ARR.clone();

        Evaluation.of(p, EightRows.Y, arr, 3);

        assertThat(p).containsExactly(EightRows.P);
        assertThat(arr).containsExactly(EightRows.ARR);
    }

    @Test
    void evaluatesEachGroupOnItsOwnInKeyOrder() {
        // Rows 0-3 in "2025-06-30", rows 4-7 in "2025-03-31".
        String[] group = {"2025-06-30", "2025-06-30", "2025-06-30", "2025-06-30",
                          "2025-03-31", "2025-03-31", "2025-03-31", "2025-03-31"};

        Map<String, EvaluationReport> byGroup = Evaluation.byGroup(EightRows.P, EightRows.Y, EightRows.ARR, group, 2);

        assertThat(byGroup).containsOnlyKeys("2025-03-31", "2025-06-30");
        assertThat(byGroup.keySet()).containsExactly("2025-03-31", "2025-06-30");
        assertThat(byGroup.get("2025-06-30")).isEqualTo(Evaluation.of(
                new double[] {0.9, 0.8, 0.7, 0.7}, new boolean[] {true, false, true, false},
                new double[] {100, 50, 200, 10}, 2));
        assertThat(byGroup.get("2025-03-31")).isEqualTo(Evaluation.of(
                new double[] {0.4, 0.3, 0.3, 0.1}, new boolean[] {true, false, false, false},
                new double[] {30, 60, 70, 80}, 2));
    }

    @Test
    void aGroupWithOneClassHasNaNAuc() {
        String[] group = {"a", "a", "a", "a", "a", "b", "b", "b"};

        Map<String, EvaluationReport> byGroup = Evaluation.byGroup(EightRows.P, EightRows.Y, EightRows.ARR, group, 2);

        assertThat(byGroup.get("b").rocAuc()).isNaN();
        assertThat(byGroup.get("a").rocAuc()).isNotNaN();
    }

    @Test
    void reportsWithNaNInTheSamePlacesAreEqual() {
        boolean[] none = new boolean[3];
        double[] p = {0.1, 0.2, 0.3};

        assertThat(Evaluation.of(p, none, new double[3], 1)).isEqualTo(Evaluation.of(p, none, new double[3], 1));
    }
}
