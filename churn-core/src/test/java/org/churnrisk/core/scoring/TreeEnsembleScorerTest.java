package org.churnrisk.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.core.model.Calibration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TreeEnsembleScorerTest {
    static final FeatureSchema TWO = RandomTrees.schema(2);

    /** A stump on feature 0 at 0.5: -0.2 below, 0.3 at or above, missing goes right. */
    static DecisionTree stump(int feature, float threshold, float below, float above) {
        return new DecisionTree(new int[] {feature, -1, -1}, new float[] {threshold, 0, 0}, new int[] {1, -1, -1},
                new int[] {2, -1, -1}, new boolean[] {false, false, false}, new float[] {0, below, above},
                new double[] {10, 6, 4});
    }

    @Test
    void marginIsChurnScoreMinusStayScore() {
        TreeEnsembleScorer s = TreeEnsembleScorer.of(TWO, new Calibration.Identity(), 0.5f,
                List.of(stump(0, 0.5f, -0.2f, 0.3f)), List.of(stump(1, 2f, 0.1f, -0.4f)));

        assertThat(s.margin(new double[] {1, 1})).isEqualTo((double) (0.5f + 0.3f) - (double) (0.5f + 0.1f));
        assertThat(s.margin(new double[] {0, 3})).isEqualTo((double) (0.5f - 0.2f) - (double) (0.5f - 0.4f));
    }

    @Test
    void aValueEqualToTheThresholdGoesRight() {
        TreeEnsembleScorer s = TreeEnsembleScorer.of(TWO, new Calibration.Identity(), 0f,
                List.of(stump(0, 0.5f, -1f, 1f)), List.of());

        assertThat(s.margin(new double[] {0.5, 0})).isEqualTo(1.0);
    }

    @Test
    void valuesAreComparedAfterRoundingToFloat() {
        // 0.1f is 0.100000001490116..., above the double 0.1; but 0.1 rounds to 0.1f, so XGBoost sends it right.
        TreeEnsembleScorer s = TreeEnsembleScorer.of(TWO, new Calibration.Identity(), 0f,
                List.of(stump(0, 0.1f, -1f, 1f)), List.of());

        assertThat(0.1 < (double) 0.1f).isTrue();
        assertThat(s.margin(new double[] {0.1, 0})).isEqualTo(1.0);
    }

    @Test
    void lastLeftSplitsDoublesExactlyWhereFloatRoundingDoes() {
        Random rnd = new Random(7);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            float t = switch (i % 4) {
                case 0 -> (float) (rnd.nextGaussian() * 1000);
                case 1 -> Float.intBitsToFloat(rnd.nextInt());
                case 2 -> (float) rnd.nextInt(100);
                default -> i % 8 == 3 ? 0f : -0f;
            };
            if (!Float.isFinite(t)) {
                continue;
            }
            double s = TreeEnsembleScorer.lastLeft(t);
            double mid = ((double) t + (double) Math.nextDown(t)) / 2;
            for (double x : new double[] {s, Math.nextUp(s), Math.nextDown(s), mid, Math.nextUp(mid),
                    Math.nextDown(mid), t, Math.nextUp((double) t), Math.nextDown((double) t)}) {
                if (((float) x < t) != (x <= s)) {
                    mismatches.add("t=" + t + " x=" + x);
                }
            }
        }

        assertThat(mismatches).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 6, 9})
    void flatLayoutScoresAsWalkingTheNodes(int maxDepth) {
        TreeEnsembleScorer s = RandomTrees.ensemble(maxDepth, 23, 8, maxDepth);
        Random rnd = new Random(11);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            double[] x = RandomTrees.vector(rnd, 8);
            if (s.margin(x) != RandomTrees.referenceMargin(s, x)) {
                mismatches.add(java.util.Arrays.toString(x));
            }
        }

        assertThat(mismatches).isEmpty();
    }

    @Test
    void aMissingValueTakesEachNodesDefaultDirection() {
        DecisionTree defaultLeft = new DecisionTree(new int[] {0, -1, -1}, new float[] {0.5f, 0, 0},
                new int[] {1, -1, -1}, new int[] {2, -1, -1}, new boolean[] {true, false, false},
                new float[] {0, -1f, 1f}, new double[] {10, 6, 4});
        TreeEnsembleScorer s = TreeEnsembleScorer.of(TWO, new Calibration.Identity(), 0f,
                List.of(defaultLeft), List.of(stump(0, 0.5f, 2f, 4f)));

        assertThat(s.margin(new double[] {Double.NaN, 0})).isEqualTo(-1.0 - 4.0);
    }

    @Test
    void vectorsWithMissingValuesScoreAsWalkingTheNodes() {
        TreeEnsembleScorer s = RandomTrees.ensemble(5, 20, 6, 6);
        Random rnd = new Random(13);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            double[] x = RandomTrees.vector(rnd, 6);
            x[rnd.nextInt(6)] = Double.NaN;
            if (s.margin(x) != RandomTrees.referenceMargin(s, x)) {
                mismatches.add(java.util.Arrays.toString(x));
            }
        }

        assertThat(mismatches).isEmpty();
    }

    @Test
    void probabilityIsTheFloat32SoftmaxOfTheClassScores() {
        TreeEnsembleScorer s = TreeEnsembleScorer.of(TWO, new Calibration.Identity(), 0.5f,
                List.of(stump(0, 0.5f, -0.2f, 1.3f)), List.of(stump(1, 2f, 0.1f, -0.4f)));
        double[] x = {1, 3};
        float churn = 0.5f + 1.3f;
        float stay = 0.5f - 0.4f;
        float eStay = (float) Math.exp(stay - churn);

        assertThat(s.probability(x)).isEqualTo((double) (1f / (float) (1.0 + eStay)))
                .isCloseTo(1 / (1 + Math.exp(-s.margin(x))), within(1e-7));
    }

    @Test
    void probabilityIsCalibrated() {
        Calibration platt = new Calibration.Platt(0.8, -1.5);
        TreeEnsembleScorer raw = RandomTrees.ensemble(3, 10, 4, 4);
        TreeEnsembleScorer calibrated = TreeEnsembleScorer.of(raw.schema(), platt, raw.baseScore(), raw.churnTrees(),
                raw.stayTrees());
        double[] x = {1, 2, 3, 4};

        assertThat(calibrated.probability(x)).isEqualTo(platt.apply(raw.probability(x)));
    }

    @Test
    void scoresFromAnOffsetInALongerArray() {
        TreeEnsembleScorer s = RandomTrees.ensemble(3, 10, 4, 5);
        double[] x = {1, 2, 3, 4};
        double[] padded = {9, 9, 9, 1, 2, 3, 4, 9};

        assertThat(s.probability(padded, 3)).isEqualTo(s.probability(x));
        assertThat(s.margin(padded, 3)).isEqualTo(s.margin(x));
    }

    @Test
    void refusesAVectorTooShortForTheSchema() {
        TreeEnsembleScorer s = RandomTrees.ensemble(3, 10, 4, 5);

        assertThatThrownBy(() -> s.probability(new double[] {1, 2, 3, 4}, 1))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("vector of 4 values from offset 1 does not hold 4 features");
    }

    @Test
    void refusesATreeSplittingOnAFeatureOutsideTheSchema() {
        assertThatThrownBy(() -> TreeEnsembleScorer.of(TWO, new Calibration.Identity(), 0.5f,
                List.of(stump(2, 1f, 0f, 1f)), List.of()))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("tree ensemble: tree 0 splits on feature 2 but the schema has 2 features");
    }

    @Test
    void aBatchScoresAsEachVectorAlone() {
        TreeEnsembleScorer s = RandomTrees.ensemble(31, 37, 6, 6);
        Random rnd = new Random(31);
        int count = 3 * TreeEnsembleScorer.BLOCK + 5;
        double[] vectors = new double[2 + count * 6];
        for (int i = 0; i < count; i++) {
            System.arraycopy(RandomTrees.vector(rnd, 6), 0, vectors, 2 + i * 6, 6);
        }
        vectors[2 + TreeEnsembleScorer.BLOCK * 6 + 3] = Double.NaN;
        double[] expected = new double[count];
        for (int i = 0; i < count; i++) {
            expected[i] = s.probability(vectors, 2 + i * 6);
        }
        double[] out = new double[count + 1];

        s.probabilities(vectors, 2, count, out, 1);

        assertThat(java.util.Arrays.copyOfRange(out, 1, count + 1)).containsExactly(expected);
    }

    @Test
    void refusesABatchThatDoesNotFit() {
        TreeEnsembleScorer s = RandomTrees.ensemble(3, 10, 4, 5);

        assertThatThrownBy(() -> s.probabilities(new double[8], 0, 3, new double[3], 0))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("3 vectors of 4 values from offset 0 in 8 values, into 3 places from 0, do not fit");
    }

    @Test
    void deepEnsemblesAreScoredOnTheNodeArrays() {
        TreeEnsembleScorer s = RandomTrees.ensemble(17, 4, 5, TreeEnsembleScorer.MAX_FLAT_DEPTH + 3);
        Random rnd = new Random(3);
        double[] x = RandomTrees.vector(rnd, 5);

        assertThat(s.depth()).isGreaterThan(TreeEnsembleScorer.MAX_FLAT_DEPTH);
        assertThat(s.margin(x)).isEqualTo(RandomTrees.referenceMargin(s, x));
    }
}
