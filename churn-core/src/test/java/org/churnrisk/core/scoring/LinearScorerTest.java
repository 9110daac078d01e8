package org.churnrisk.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.core.features.FeatureTable;
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
    void probabilitiesOfALargeTableEqualThoseOfEachRow() {
        FeatureTable table = table(LinearScorer.MIN_PARALLEL_ROWS * 3 + 7, 21);
        double[] expected = new double[table.rows()];
        for (int r = 0; r < table.rows(); r++) {
            expected[r] = SCORER.probability(table.row(r));
        }

        assertThat(SCORER.probabilities(table)).containsExactly(expected);
    }

    @Test
    void refusesATableOfAnotherSchema() {
        FeatureTable other = new FeatureTable(new FeatureSchema("other/1", SCHEMA.names()), LocalDate.of(2026, 1, 1),
                List.of("a"), new double[5], new double[1]);

        assertThatThrownBy(() -> SCORER.probabilities(other))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("the feature table has schema other/1");
    }

    static FeatureTable table(int rows, long seed) {
        Random rnd = new Random(seed);
        List<String> ids = new ArrayList<>();
        double[] values = new double[rows * SCHEMA.size()];
        for (int r = 0; r < rows; r++) {
            ids.add(String.format("acct-%07d", r));
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = rnd.nextDouble() * 10;
        }
        return new FeatureTable(SCHEMA, LocalDate.of(2026, 1, 1), ids, values, new double[rows]);
    }
}
