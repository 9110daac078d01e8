package org.churnrisk.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TreeShapTest {
    static final int FEATURES = 5;

    /**
     * The Shapley value of each feature by brute force over all subsets, with a left-out feature
     * averaged over both children by cover: the definition path-dependent TreeSHAP computes fast.
     */
    static double[] bruteForce(TreeEnsembleScorer s, double[] x) {
        int m = x.length;
        double[] phi = new double[m];
        double[] factorial = new double[m + 1];
        factorial[0] = 1;
        for (int i = 1; i <= m; i++) {
            factorial[i] = factorial[i - 1] * i;
        }
        for (int i = 0; i < m; i++) {
            for (int set = 0; set < 1 << m; set++) {
                if ((set & 1 << i) != 0) {
                    continue;
                }
                int size = Integer.bitCount(set);
                double weight = factorial[size] * factorial[m - size - 1] / factorial[m];
                phi[i] += weight * (value(s, x, set | 1 << i) - value(s, x, set));
            }
        }
        return phi;
    }

    private static double value(TreeEnsembleScorer s, double[] x, int known) {
        double v = 0;
        for (DecisionTree t : s.churnTrees()) {
            v += expected(t, x, known, 0);
        }
        for (DecisionTree t : s.stayTrees()) {
            v -= expected(t, x, known, 0);
        }
        return v;
    }

    private static double expected(DecisionTree t, double[] x, int known, int node) {
        int f = t.feature()[node];
        if (f < 0) {
            return t.value()[node];
        }
        int l = t.left()[node];
        int r = t.right()[node];
        if ((known & 1 << f) != 0) {
            boolean left = Double.isNaN(x[f]) ? t.defaultLeft()[node] : (float) x[f] < t.threshold()[node];
            return expected(t, x, known, left ? l : r);
        }
        double[] c = t.cover();
        return (c[l] * expected(t, x, known, l) + c[r] * expected(t, x, known, r)) / c[node];
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void contributionsAreTheShapleyValuesOfThePathDependentExpectation(long seed) {
        TreeEnsembleScorer s = RandomTrees.ensemble(seed, 3, FEATURES, 5);
        double[] x = RandomTrees.vector(new Random(seed), FEATURES);
        double[] phi = new double[FEATURES];

        s.contributions(x, 0, phi);

        assertThat(phi).containsExactly(bruteForce(s, x), within(1e-9));
    }

    @Test
    void baseIsTheMarginWithNoFeatureKnown() {
        TreeEnsembleScorer s = RandomTrees.ensemble(6, 4, FEATURES, 4);
        double[] x = RandomTrees.vector(new Random(6), FEATURES);

        double base = s.contributions(x, 0, new double[FEATURES]);

        assertThat(base).isCloseTo(value(s, x, 0), within(1e-9));
    }

    @Test
    void baseAndContributionsAddUpToTheMargin() {
        TreeEnsembleScorer s = RandomTrees.ensemble(8, 50, 8, 6);
        double[] x = RandomTrees.vector(new Random(8), 8);
        double[] phi = new double[8];

        double base = s.contributions(x, 0, phi);

        assertThat(base + java.util.Arrays.stream(phi).sum()).isCloseTo(s.margin(x), within(1e-5));
    }

    @Test
    void missingValuesAreExplainedAlongTheDefaultDirection() {
        TreeEnsembleScorer s = RandomTrees.ensemble(9, 3, FEATURES, 4);
        double[] x = RandomTrees.vector(new Random(9), FEATURES);
        x[2] = Double.NaN;
        double[] phi = new double[FEATURES];

        s.contributions(x, 0, phi);

        assertThat(phi).containsExactly(bruteForce(s, x), within(1e-9));
    }
}
