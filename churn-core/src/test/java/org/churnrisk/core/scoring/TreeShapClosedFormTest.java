package org.churnrisk.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The edge-wise TreeSHAP of {@link Shap} against the closed form per leaf it replaced
 * ({@link ClosedFormShap}), on random ensembles: uneven trees of depth 0 to 8, features repeated
 * along paths, inputs on thresholds and missing values. Both round differently, so they agree to
 * within 1e-12 of the size of the largest contribution.
 */
class TreeShapClosedFormTest {

    @ParameterizedTest
    @CsvSource({"1, 0, 4", "2, 1, 3", "3, 2, 5", "4, 3, 4", "5, 4, 6", "6, 5, 8", "7, 6, 5", "8, 6, 20",
            "9, 7, 6", "10, 8, 7", "11, 8, 30", "12, 6, 3"})
    void contributionsAreThoseOfTheClosedForm(long seed, int depth, int features) {
        TreeEnsembleScorer s = RandomTrees.ensemble(seed, 20, features, depth);
        Random rnd = new Random(seed * 31);
        double[] phi = new double[features];
        double[] expected = new double[features];
        for (int account = 0; account < 50; account++) {
            double[] x = RandomTrees.vector(rnd, features);
            if (account % 5 == 1) {
                x[rnd.nextInt(features)] = Double.NaN;
            }
            if (account % 7 == 2) {
                onThresholds(s, x, rnd);
            }
            s.contributions(x, 0, phi);
            ClosedFormShap.contributions(s, x, 0, expected);

            double scale = 0;
            for (double e : expected) {
                scale = Math.max(scale, Math.abs(e));
            }
            for (int f = 0; f < features; f++) {
                assertThat(Math.abs(phi[f] - expected[f])).as("account %d feature %d: %s against %s", account, f,
                        phi[f], expected[f]).isLessThanOrEqualTo(1e-12 * Math.max(scale, 1e-300));
            }
        }
    }

    /** Sets some of x's values to thresholds its trees split on, so that ties decide the paths. */
    private static void onThresholds(TreeEnsembleScorer s, double[] x, Random rnd) {
        for (DecisionTree t : s.churnTrees()) {
            int node = rnd.nextInt(t.size());
            if (t.feature()[node] >= 0 && rnd.nextBoolean()) {
                x[t.feature()[node]] = t.threshold()[node];
            }
        }
    }
}
