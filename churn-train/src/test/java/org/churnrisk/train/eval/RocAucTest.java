package org.churnrisk.train.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RocAucTest {

    @Test
    void matchesTheRankSumComputedByHand() {
        // Ascending p with mid-ranks: 0.1 -> 1, 0.3 0.3 -> 2.5 2.5, 0.4 -> 4, 0.7 0.7 -> 5.5 5.5, 0.8 -> 7, 0.9 -> 8.
        // Positives (0.9, 0.7, 0.4) rank 8 + 5.5 + 4 = 17.5; U = 17.5 - 3*4/2 = 11.5; AUC = 11.5 / (3*5) = 23/30.
        assertThat(Metrics.rocAuc(EightRows.P, EightRows.Y)).isCloseTo(23.0 / 30, within(1e-15));
    }

    @Test
    void countsAPositiveTiedWithANegativeAsHalfAPair() {
        // Pairs: 0.8 beats both negatives (2); the positive at 0.5 ties the negative at 0.5 (0.5)
        // and beats 0.2 (1). 3.5 of 4 pairs.
        double[] p = {0.8, 0.5, 0.5, 0.2};
        boolean[] y = {true, true, false, false};

        assertThat(Metrics.rocAuc(p, y)).isEqualTo(0.875);
    }

    static Stream<Arguments> referenceRankings() {
        boolean[] y = {true, false, true, false, false, true};
        return Stream.of(
                Arguments.of("constant scores", new double[] {0.4, 0.4, 0.4, 0.4, 0.4, 0.4}, y, 0.5),
                Arguments.of("perfect ranking", new double[] {0.9, 0.1, 0.8, 0.2, 0.3, 0.7}, y, 1.0),
                Arguments.of("reversed ranking", new double[] {0.1, 0.9, 0.2, 0.8, 0.7, 0.3}, y, 0.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceRankings")
    void givesTheKnownValueOfAReferenceRanking(String name, double[] p, boolean[] y, double expected) {
        assertThat(Metrics.rocAuc(p, y)).isEqualTo(expected);
    }

    static Stream<boolean[]> singleClass() {
        return Stream.of(new boolean[] {true, true, true}, new boolean[] {false, false, false});
    }

    @ParameterizedTest
    @MethodSource("singleClass")
    void isNaNWhenOnlyOneClassIsPresent(boolean[] y) {
        assertThat(Metrics.rocAuc(new double[] {0.2, 0.5, 0.9}, y)).isNaN();
    }
}
