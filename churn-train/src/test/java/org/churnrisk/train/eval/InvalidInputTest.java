package org.churnrisk.train.eval;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.churnrisk.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InvalidInputTest {

    private static final boolean[] Y = {true, false};
    private static final double[] ARR = {1, 2};

    @ParameterizedTest(name = "p {0}")
    @CsvSource({"1.5, 1.5", "-0.1, -0.1", "Infinity, Infinity", "1.0000001, 1.0000001"})
    void rejectsAProbabilityOutsideZeroToOne(double bad, String shown) {
        assertThatThrownBy(() -> Evaluation.of(new double[] {0.5, bad}, Y, ARR, 1))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("p[1]: value " + shown + " is outside [0, 1] (expected a probability)");
    }

    @Test
    void rejectsANaNProbability() {
        assertThatThrownBy(() -> Metrics.rocAuc(new double[] {Double.NaN, 0.5}, Y))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("p[0]: value NaN is not a number (expected a probability in [0, 1])");
    }

    @Test
    void rejectsLabelsOfADifferentLength() {
        assertThatThrownBy(() -> Evaluation.of(new double[] {0.1, 0.2, 0.3}, Y, new double[3], 1))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("y has 2 rows but p has 3 (expected one label per score)");
    }

    @Test
    void rejectsArrOfADifferentLength() {
        assertThatThrownBy(() -> Evaluation.of(new double[] {0.1, 0.2}, Y, new double[] {1}, 1))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("arr has 1 rows but p has 2 (expected one ARR per score)");
    }

    @Test
    void rejectsGroupKeysOfADifferentLength() {
        assertThatThrownBy(() -> Evaluation.byGroup(new double[] {0.1, 0.2}, Y, ARR, new String[] {"a"}, 1))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("group has 1 rows but p has 2 (expected one group key per score)");
    }

    @Test
    void rejectsAMissingGroupKey() {
        assertThatThrownBy(() -> Evaluation.byGroup(new double[] {0.1, 0.2}, Y, ARR, new String[] {"a", null}, 1))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("group[1]: is required but missing (expected a group key for every row)");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, Integer.MIN_VALUE})
    void rejectsANegativeCapacity(int capacity) {
        assertThatThrownBy(() -> Evaluation.of(new double[] {0.1, 0.2}, Y, ARR, capacity))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("capacity: value " + capacity
                        + " is negative (expected the number of accounts the CSM team can call, >= 0)");
    }

    @Test
    void rejectsANegativeK() {
        assertThatThrownBy(() -> Metrics.topK(new double[] {0.1, 0.2}, Y, ARR, -2))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("k: value -2 is negative (expected a number of rows >= 0)");
    }

    @Test
    void rejectsNegativeArr() {
        assertThatThrownBy(() -> Evaluation.of(new double[] {0.1, 0.2}, Y, new double[] {1, -250}, 1))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("arr[1]: value -250 is negative (expected ARR >= 0)");
    }

    @Test
    void rejectsNonFiniteArr() {
        assertThatThrownBy(() -> Evaluation.of(new double[] {0.1, 0.2}, Y, new double[] {Double.NaN, 1}, 1))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("arr[0]: value NaN is not a finite number (expected ARR >= 0)");
    }

    @Test
    void rejectsNoRows() {
        assertThatThrownBy(() -> Evaluation.of(new double[0], new boolean[0], new double[0], 1))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("no rows to evaluate: p and y are empty (expected at least one scored row)");
    }

    @Test
    void rejectsMissingProbabilities() {
        assertThatThrownBy(() -> Metrics.brierScore(null, Y))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("p: is required but missing (expected one probability per row)");
    }

    @Test
    void rejectsMissingArr() {
        assertThatThrownBy(() -> Evaluation.of(new double[] {0.1, 0.2}, Y, null, 1))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("arr: is required but missing (expected one ARR per row, >= 0)");
    }
}
