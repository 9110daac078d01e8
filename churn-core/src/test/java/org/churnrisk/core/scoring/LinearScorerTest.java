package org.churnrisk.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.core.model.Calibration;
import org.junit.jupiter.api.Test;

class LinearScorerTest {
    static final FeatureSchema SCHEMA = RandomTrees.schema(5);
    static final double[] WEIGHTS = {0.5, -1.25, 2, 0, 0.001};
    static final double[] MEANS = {1, 2, 3, 4, 5000};
    static final LinearScorer SCORER = LinearScorer.of(SCHEMA, WEIGHTS, -0.75, MEANS, new Calibration.Identity());

    @Test
    void marginIsBiasPlusTheWeightedSum() {
        double[] x = {2, 1, 0.5, 7, 3000};

        assertThat(SCORER.margin(x)).isCloseTo(-0.75 + 1 - 1.25 + 1 + 0 + 3, within(1e-15));
    }

    @Test
    void probabilityIsTheCalibratedSigmoidOfTheMargin() {
        Calibration platt = new Calibration.Platt(1.2, -0.3);
        LinearScorer s = LinearScorer.of(SCHEMA, WEIGHTS, -0.75, MEANS, platt);
        double[] x = {2, 1, 0.5, 7, 3000};

        assertThat(s.probability(x)).isCloseTo(platt.apply(1 / (1 + Math.exp(-s.margin(x)))), within(1e-15));
    }

    @Test
    void largeNegativeMarginsKeepTheirPrecision() {
        LinearScorer s = LinearScorer.of(SCHEMA, new double[5], -40, MEANS, new Calibration.Identity());

        assertThat(s.probability(new double[5])).isCloseTo(Math.exp(-40), within(1e-30));
    }

    @Test
    void contributionsMeasureEachFeatureFromItsTrainingMean() {
        double[] out = new double[5];

        SCORER.contributions(new double[] {2, 1, 0.5, 7, 3000}, 0, out);

        assertThat(out).containsExactly(0.5, 1.25, -5, 0, -2);
    }

    @Test
    void baseIsTheMarginAtTheMeans() {
        double base = SCORER.contributions(new double[] {2, 1, 0.5, 7, 3000}, 0, new double[5]);

        assertThat(base).isEqualTo(SCORER.margin(MEANS));
    }

    @Test
    void baseAndContributionsAddUpToTheMargin() {
        double[] x = {2, 1, 0.5, 7, 3000};
        double[] out = new double[5];

        double base = SCORER.contributions(x, 0, out);

        assertThat(base + java.util.Arrays.stream(out).sum()).isCloseTo(SCORER.margin(x), within(1e-12));
    }

    @Test
    void scoresFromAnOffsetInALongerArray() {
        double[] padded = {9, 2, 1, 0.5, 7, 3000, 9};

        assertThat(SCORER.margin(padded, 1)).isEqualTo(SCORER.margin(new double[] {2, 1, 0.5, 7, 3000}));
    }

    @Test
    void refusesAVectorTooShortForTheSchema() {
        assertThatThrownBy(() -> SCORER.margin(new double[] {1, 2, 3, 4, 5}, 2))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("vector of 5 values from offset 2 does not hold 5 features");
    }

    @Test
    void refusesWeightsThatDoNotMatchTheSchema() {
        assertThatThrownBy(() -> LinearScorer.of(SCHEMA, new double[4], 0, MEANS, new Calibration.Identity()))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("linear scorer: 4 weights and 5 means for 5 features (expected one of each per feature)");
    }

    @Test
    void weightsAreCopiedIn() {
        double[] w = WEIGHTS.clone();
        LinearScorer s = LinearScorer.of(SCHEMA, w, 0, MEANS, new Calibration.Identity());
        w[0] = 100;

        assertThat(s.weights()).containsExactly(WEIGHTS);
    }

    @Test
    void probabilitiesOfABatchEqualThoseOfEachVector() {
        int n = SCHEMA.size();
        int count = 1000;
        double[] vectors = vectors(count, 21, 3);
        double[] expected = new double[count];
        for (int i = 0; i < count; i++) {
            expected[i] = SCORER.probability(vectors, 3 + i * n);
        }
        double[] out = new double[count + 2];

        SCORER.probabilities(vectors, 3, count, out, 2);

        assertThat(java.util.Arrays.copyOfRange(out, 2, count + 2)).containsExactly(expected);
    }

    @Test
    void refusesABatchThatDoesNotFit() {
        assertThatThrownBy(() -> SCORER.probabilities(new double[12], 0, 3, new double[3], 0))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("3 vectors of 5 values from offset 0 in 12 values, into 3 places from 0, do not fit");
    }

    /** {@code count} random vectors one after another, from {@code offset}. */
    static double[] vectors(int count, long seed, int offset) {
        Random rnd = new Random(seed);
        double[] values = new double[offset + count * SCHEMA.size()];
        for (int i = offset; i < values.length; i++) {
            values[i] = rnd.nextDouble() * 10;
        }
        return values;
    }
}
