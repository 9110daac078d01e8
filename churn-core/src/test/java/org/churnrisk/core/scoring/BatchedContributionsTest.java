package org.churnrisk.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.model.Calibration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The batched {@link CompiledScorer#contributions(double[], int, int, double[], int)} gives, bit
 * for bit, what the one-vector call gives each vector: for tree ensembles of several depths (whose
 * blocks explain tree by tree), counts below, at and across the block size, offsets on both sides,
 * and missing values; and it leaves the places outside its output range alone.
 */
class BatchedContributionsTest {

    @ParameterizedTest
    @CsvSource({"1, 0, 4, 1", "2, 3, 7, 31", "3, 6, 12, 32", "4, 6, 12, 33", "5, 8, 9, 70", "6, 2, 30, 100"})
    void treesGiveTheBitsOfOneVectorAtATime(long seed, int depth, int features, int count) {
        TreeEnsembleScorer s = RandomTrees.ensemble(seed, 15, features, depth);
        assertBatchedEqualsOneByOne(s, features, count, new Random(seed * 7));
    }

    @Test
    void linearGivesTheBitsOfOneVectorAtATime() {
        LinearScorer s = LinearScorer.of(LinearScorerTest.SCHEMA, LinearScorerTest.WEIGHTS, -0.75,
                LinearScorerTest.MEANS, new Calibration.Identity());
        assertBatchedEqualsOneByOne(s, 5, 40, new Random(3));
    }

    private static void assertBatchedEqualsOneByOne(CompiledScorer s, int features, int count, Random rnd) {
        int offset = 2 * features + 1;
        int outOffset = 3;
        double[] vectors = new double[offset + count * features + 5];
        for (int i = 0; i < count; i++) {
            double[] x = RandomTrees.vector(rnd, features);
            if (i % 4 == 1) {
                x[rnd.nextInt(features)] = Double.NaN;
            }
            System.arraycopy(x, 0, vectors, offset + i * features, features);
        }
        double[] out = new double[outOffset + count * features + 4];
        Arrays.fill(out, -7.5);

        double base = s.contributions(vectors, offset, count, out, outOffset);

        double[] one = new double[features];
        for (int i = 0; i < count; i++) {
            double expectedBase = s.contributions(vectors, offset + i * features, one);
            assertThat(base).isEqualTo(expectedBase);
            double[] batched = Arrays.copyOfRange(out, outOffset + i * features, outOffset + (i + 1) * features);
            for (int f = 0; f < features; f++) {
                assertThat(Double.doubleToRawLongBits(batched[f])).as("vector %d feature %d: %s against %s", i, f,
                        batched[f], one[f]).isEqualTo(Double.doubleToRawLongBits(one[f]));
            }
        }
        for (int at = 0; at < outOffset; at++) {
            assertThat(out[at]).isEqualTo(-7.5);
        }
        for (int at = outOffset + count * features; at < out.length; at++) {
            assertThat(out[at]).isEqualTo(-7.5);
        }
    }

    @Test
    void rangesThatDoNotFitAreRefused() {
        TreeEnsembleScorer s = RandomTrees.ensemble(9, 3, 4, 3);
        double[] vectors = new double[4 * 10];

        assertThatThrownBy(() -> s.contributions(vectors, 1, 10, new double[40], 0))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("do not fit");
        assertThatThrownBy(() -> s.contributions(vectors, 0, 10, new double[39], 0))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("do not fit");
        assertThatThrownBy(() -> s.contributions(vectors, 0, -1, new double[40], 0))
                .isInstanceOf(InvalidArgumentException.class);
        assertThat(s.contributions(vectors, 0, 0, new double[0], 0)).isEqualTo(s.contributions(vectors, 0, new double[4]));
    }
}
