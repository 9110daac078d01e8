package org.churnrisk.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.churnrisk.core.model.Calibration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link VectorShap} (the batched drivers when the Vector API is there, as in this module's tests)
 * gives every account the bits {@link Shap} gives it alone: trees of depth 1 to 6 (the vector
 * kernel's range) and 7 (explained by {@link Shap} alone), inputs that are missing, infinite, of
 * either zero, on a threshold or one float32 step either side of it, doubles that round to a
 * threshold, and batch sizes that leave every possible partial block.
 */
class VectorShapParityTest {

    @ParameterizedTest
    @CsvSource({"11, 1, 3", "12, 2, 5", "13, 4, 9", "14, 5, 16", "15, 6, 24", "16, 6, 85", "17, 7, 12"})
    void batchedDriversAreTheBitsOfOneAccountAtATime(long seed, int depth, int features) {
        Random rnd = new Random(seed);
        List<DecisionTree> churn = RandomTrees.trees(rnd, 12, features, depth);
        List<DecisionTree> stay = RandomTrees.trees(rnd, 12, features, depth);
        TreeEnsembleScorer s = TreeEnsembleScorer.of(RandomTrees.schema(features), new Calibration.Identity(), 0.5f,
                churn, stay);
        float[] thresholds = thresholds(churn, stay);
        int count = 3 * VectorShap.LANES + 5;
        double[] vectors = new double[count * features];
        for (int i = 0; i < count; i++) {
            for (int f = 0; f < features; f++) {
                vectors[i * features + f] = awkward(rnd, thresholds);
            }
        }
        double[] one = new double[features];
        for (int batch = 1; batch <= count; batch += batch < 2 * VectorShap.LANES + 2 ? 1 : 7) {
            double[] out = new double[batch * features];
            double base = s.contributions(vectors, (count - batch) * features, batch, out, 0);
            for (int i = 0; i < batch; i++) {
                int offset = (count - batch + i) * features;
                assertThat(s.contributions(vectors, offset, one)).isEqualTo(base);
                for (int f = 0; f < features; f++) {
                    assertThat(Double.doubleToRawLongBits(out[i * features + f]))
                            .as("batch %d, account %d, feature %d: %s against %s (x = %s)", batch, i, f,
                                    out[i * features + f], one[f], vectors[offset + f])
                            .isEqualTo(Double.doubleToRawLongBits(one[f]));
                }
            }
        }
    }

    /** The same once the JIT has compiled both kernels: 4,000 blocks first, then every account compared. */
    @org.junit.jupiter.api.Test
    void compiledKernelsGiveTheSameBits() {
        int features = 30;
        Random rnd = new Random(99);
        List<DecisionTree> churn = RandomTrees.trees(rnd, 20, features, 6);
        List<DecisionTree> stay = RandomTrees.trees(rnd, 20, features, 6);
        TreeEnsembleScorer s = TreeEnsembleScorer.of(RandomTrees.schema(features), new Calibration.Identity(), 0.5f,
                churn, stay);
        float[] thresholds = thresholds(churn, stay);
        int count = 4 * VectorShap.LANES;
        double[] vectors = new double[count * features];
        double[] out = new double[count * features];
        double[] one = new double[features];
        for (int round = 0; round < 1000; round++) {
            for (int at = 0; at < vectors.length; at++) {
                vectors[at] = awkward(rnd, thresholds);
            }
            s.contributions(vectors, 0, count, out, 0);
            if (round % 100 != 99) {
                continue;
            }
            for (int i = 0; i < count; i++) {
                s.contributions(vectors, i * features, one);
                for (int f = 0; f < features; f++) {
                    assertThat(Double.doubleToRawLongBits(out[i * features + f])).as("round %d account %d feature %d",
                            round, i, f).isEqualTo(Double.doubleToRawLongBits(one[f]));
                }
            }
        }
    }

    private static float[] thresholds(List<DecisionTree> churn, List<DecisionTree> stay) {
        List<DecisionTree> all = new ArrayList<>(churn);
        all.addAll(stay);
        float[] out = new float[0];
        for (DecisionTree t : all) {
            for (int node = 0; node < t.size(); node++) {
                if (t.feature()[node] >= 0) {
                    out = Arrays.copyOf(out, out.length + 1);
                    out[out.length - 1] = t.threshold()[node];
                }
            }
        }
        return out;
    }

    /** A value from the places where kernels go wrong, or an ordinary one. */
    private static double awkward(Random rnd, float[] thresholds) {
        float t = thresholds.length == 0 ? 1f : thresholds[rnd.nextInt(thresholds.length)];
        switch (rnd.nextInt(12)) {
            case 0:
                return Double.NaN;
            case 1:
                return rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            case 2:
                return rnd.nextBoolean() ? 0.0 : -0.0;
            case 3:
                return t;
            case 4:
                return Math.nextUp(t);
            case 5:
                return Math.nextDown(t);
            case 6:
                return t + Math.ulp(t) * 0.25; // a double that rounds to the threshold as float32
            case 7:
                return rnd.nextBoolean() ? 1e300 : -1e300; // finite, infinite as float32
            default:
                return rnd.nextDouble() * 10;
        }
    }
}
