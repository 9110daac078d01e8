package org.churnrisk.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TreeSHAP from the tables per leaf and agreement pattern gives the bits of the closed form,
 * which {@link TreeShapTest} holds to the brute-force Shapley values and churn-train's tests to
 * xgboost4j's {@code predictContrib}.
 */
class TreeShapTableTest {
    static final int FEATURES = 9;

    /** Depths beyond 6 have leaves of 7 or more distinct path features, which the closed form explains. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9})
    void tablesGiveTheBitsOfTheClosedForm(int depth) {
        TreeEnsembleScorer s = RandomTrees.ensemble(500 + depth, 25, FEATURES, depth);
        double[] vectors = TreeKernelParityTest.vectors(s, new Random(depth), 300);
        double[] tabled = new double[FEATURES];
        double[] closed = new double[FEATURES];
        for (int i = 0; i < 300; i++) {
            double base = s.contributions(vectors, i * FEATURES, tabled);
            double closedBase = s.contributionsClosedForm(vectors, i * FEATURES, closed);

            assertThat(tabled).as("vector %d", i).containsExactly(closed);
            assertThat(base).isEqualTo(closedBase);
        }
    }

    /** A budget too small for every leaf: the first leaves get tables, the rest the closed form. */
    @ParameterizedTest
    @CsvSource({"0", "1000", "20000"})
    void leavesBeyondTheBudgetUseTheClosedForm(long budget) {
        TreeEnsembleScorer s = RandomTrees.ensemble(600, 20, FEATURES, 6);
        int trees = s.churnTrees().size() + s.stayTrees().size();
        int[] starts = new int[trees];
        for (int t = 1; t < trees; t++) {
            starts[t] = starts[t - 1] + TreeKernelParityTest.all(s).get(t - 1).size();
        }
        Shap.Layout[] layouts = Shap.layouts(s, starts, trees, s.depth(), s.churnTrees().size(), budget);
        long used = 0;
        for (Shap.Layout layout : layouts) {
            used += layout.table.length - Shap.MAX_TABLE_FEATURES;
        }
        Shap.Scratch scratch = new Shap.Scratch(s.depth());
        double[] vectors = TreeKernelParityTest.vectors(s, new Random(600), 200);
        double[] tabled = new double[FEATURES];
        double[] closed = new double[FEATURES];
        for (int i = 0; i < 200; i++) {
            java.util.Arrays.fill(tabled, 0);
            java.util.Arrays.fill(closed, 0);
            for (int t = 0; t < trees; t++) {
                double sign = t < s.churnTrees().size() ? 1 : -1;
                Shap.tabled(layouts[t], vectors, i * FEATURES, tabled, sign, scratch, true);
                Shap.tree(s, layouts[t], vectors, i * FEATURES, closed, sign, scratch);
            }

            assertThat(tabled).as("vector %d", i).containsExactly(closed);
        }
        assertThat(used).isLessThanOrEqualTo(budget);
    }
}
