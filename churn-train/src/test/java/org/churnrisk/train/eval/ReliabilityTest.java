package org.churnrisk.train.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ReliabilityTest {

    /**
     * EightRows by bin:
     * <pre>
     * bin         rows                 count  mean p  observed  |mean - observed|
     * [0.1,0.2)   0.1 (no)             1      0.1     0         0.1
     * [0.3,0.4)   0.3 (no), 0.3 (no)   2      0.3     0         0.3
     * [0.4,0.5)   0.4 (yes)            1      0.4     1         0.6
     * [0.7,0.8)   0.7 (yes), 0.7 (no)  2      0.7     1/2       0.2
     * [0.8,0.9)   0.8 (no)             1      0.8     0         0.8
     * [0.9,1.0]   0.9 (yes)            1      0.9     1         0.1
     * ECE = (1*0.1 + 2*0.3 + 1*0.6 + 2*0.2 + 1*0.8 + 1*0.1) / 8 = 2.6 / 8 = 0.325
     * </pre>
     */
    private static Reliability eightRows() {
        return Metrics.reliability(EightRows.P, EightRows.Y);
    }

    @Test
    void countsRowsPerBin() {
        assertThat(eightRows().bins()).extracting(ReliabilityBin::count).containsExactly(0, 1, 0, 2, 1, 0, 0, 2, 1, 1);
    }

    @ParameterizedTest(name = "bin {0}: mean {1}, observed {2}")
    @CsvSource({"1, 0.1, 0.0", "3, 0.3, 0.0", "4, 0.4, 1.0", "7, 0.7, 0.5", "8, 0.8, 0.0", "9, 0.9, 1.0"})
    void givesMeanPredictedAndObservedRateByHand(int bin, double mean, double observed) {
        ReliabilityBin b = eightRows().bins().get(bin);

        assertThat(b.meanPredicted()).isCloseTo(mean, within(1e-15));
        assertThat(b.observedRate()).isEqualTo(observed);
    }

    @Test
    void emptyBinsHaveNaNMeans() {
        ReliabilityBin empty = eightRows().bins().get(0);

        assertThat(empty.meanPredicted()).isNaN();
        assertThat(empty.observedRate()).isNaN();
    }

    @Test
    void expectedCalibrationErrorIsTheCountWeightedGapByHand() {
        assertThat(eightRows().ece()).isCloseTo(0.325, within(1e-15));
    }

    @Test
    void eceIsZeroWhenEachBinIsPerfectlyCalibrated() {
        // Bin [0.5, 0.6): mean 0.5, observed 1 of 2.
        assertThat(Metrics.reliability(new double[] {0.5, 0.5}, new boolean[] {true, false}).ece()).isZero();
    }

    @Test
    void binEdgesAreTenthsWithTheLastBinClosed() {
        List<ReliabilityBin> bins = eightRows().bins();

        assertThat(bins).extracting(ReliabilityBin::lower)
                .containsExactly(0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9);
        assertThat(bins).extracting(ReliabilityBin::upper)
                .containsExactly(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0);
    }

    @Test
    void probabilityExactlyOneTenthGoesToTheSecondBin() {
        Reliability r = Metrics.reliability(new double[] {0.1}, new boolean[] {false});

        assertThat(r.bins().get(0).count()).isZero();
        assertThat(r.bins().get(1).count()).isEqualTo(1);
    }

    @Test
    void probabilityOneGoesToTheLastBin() {
        Reliability r = Metrics.reliability(new double[] {1.0}, new boolean[] {true});

        assertThat(r.bins().get(9).count()).isEqualTo(1);
    }

    static Stream<Arguments> edges() {
        return Stream.of(
                Arguments.of(0.0, 0),
                Arguments.of(Math.nextDown(0.1), 0),
                Arguments.of(0.1, 1),
                Arguments.of(Math.nextDown(0.3), 2),
                Arguments.of(0.3, 3),
                Arguments.of(Math.nextDown(0.7), 6),
                Arguments.of(0.7, 7),
                Arguments.of(Math.nextDown(0.9), 8),
                Arguments.of(0.9, 9),
                Arguments.of(1.0, 9));
    }

    @ParameterizedTest(name = "p {0} -> bin {1}")
    @MethodSource("edges")
    void placesValuesAtAndJustBelowEachEdgeInTheRightBin(double p, int bin) {
        assertThat(Metrics.bin(p)).isEqualTo(bin);
    }

    @Test
    void everyTenthIsTheLowerEdgeOfItsOwnBin() {
        // The loop-free check of all ten edges: bin(b / 10.0) == b for every b.
        assertThat(Stream.iterate(0, b -> b + 1).limit(10).map(b -> Metrics.bin(b / 10.0)))
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }
}
