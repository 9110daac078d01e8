package org.churnrisk.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TreeSHAP's quadrature needs ceil(depth/2) nodes: four are summed in local variables (trees up to
 * depth 8), more in arrays. Both against brute force, on paths with many distinct features.
 */
class TreeShapDepthTest {
    static final int FEATURES = 9;

    @ParameterizedTest
    @CsvSource({"1, 1", "2, 2", "3, 7", "4, 8", "5, 9", "6, 11"})
    void contributionsAreTheShapleyValuesAtEveryDepth(long seed, int depth) {
        TreeEnsembleScorer s = RandomTrees.ensemble(seed, 2, FEATURES, depth);
        double[] x = RandomTrees.vector(new Random(seed), FEATURES);
        double[] phi = new double[FEATURES];

        s.contributions(x, 0, phi);

        assertThat(phi).containsExactly(TreeShapTest.bruteForce(s, x), within(1e-9));
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 11})
    void quadratureRulesIntegrateTheirPolynomialsExactly(int depth) {
        int n = Shap.lanes(depth);
        double[] u = new double[n];
        double[] w = new double[n];
        Shap.rule(depth, u, w);
        for (int degree = 0; degree < depth; degree++) {
            double sum = 0;
            for (int q = 0; q < n; q++) {
                sum += w[q] * Math.pow(u[q], degree);
            }
            assertThat(sum).as("degree " + degree).isCloseTo(1.0 / (degree + 1), within(1e-14));
        }
    }
}
