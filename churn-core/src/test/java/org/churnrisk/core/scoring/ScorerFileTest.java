package org.churnrisk.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.core.model.Calibration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A scorer written and read back is the same scorer: same factory arguments, same bits out, same bytes. */
class ScorerFileTest {
    static final int VECTORS = 2_000;

    static Stream<Calibration> calibrations() {
        return ScorerFiles.calibrations().stream();
    }

    /** Tree ensembles of every shape: flat (depth up to 12), too deep to flatten, stumps, lone leaves. */
    static Stream<Arguments> ensembles() {
        List<Arguments> cases = new ArrayList<>();
        for (Calibration c : ScorerFiles.calibrations()) {
            cases.add(Arguments.of("depth 6, 40 trees", ScorerFiles.randomTrees(11, 20, 12, 6, c)));
            // TreeSHAP on depth-14 trees costs milliseconds per vector: this one sees a tenth of the vectors.
            cases.add(Arguments.of("depth 14, node walk", ScorerFiles.randomTrees(12, 4, 6, 14, c)));
            cases.add(Arguments.of("stumps", ScorerFiles.randomTrees(13, 30, 5, 1, c)));
            cases.add(Arguments.of("lone leaves only", ScorerFiles.randomTrees(14, 5, 3, 0, c)));
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("calibrations")
    void aLinearScorerReadBackScoresBitForBitAsTheOneWritten(Calibration calibration) {
        LinearScorer written = ScorerFiles.randomLinear(1, 40, calibration);

        CompiledScorer read = ScorerFile.fromBytes(ScorerFile.toBytes(written), written.schema());

        assertThat(read).isInstanceOf(LinearScorer.class);
        assertThat(differences(written, read, ScorerFiles.vectors(2, VECTORS, 40))).isEmpty();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("ensembles")
    void aTreeEnsembleReadBackScoresBitForBitAsTheOneWritten(String shape, TreeEnsembleScorer written) {
        CompiledScorer read = ScorerFile.fromBytes(ScorerFile.toBytes(written), written.schema());

        assertThat(read).isInstanceOf(TreeEnsembleScorer.class);
        int count = written.depth() > TreeEnsembleScorer.MAX_FLAT_DEPTH ? VECTORS / 10 : VECTORS;
        assertThat(differences(written, read, ScorerFiles.vectors(3, count, written.schema().size()))).isEmpty();
    }

    static Stream<CompiledScorer> tinyScorers() {
        return Stream.of(ScorerFiles.tinyLinear(), ScorerFiles.tinyTrees());
    }

    @ParameterizedTest
    @MethodSource("tinyScorers")
    void theTinyScorersReadBackScoreBitForBit(CompiledScorer written) {
        // Both of f0's ways and its missing value, which the stump sends left.
        double[] vectors = {0.25, 1, 0.5, 1, Double.NaN, 1, 7, Double.NaN};

        CompiledScorer read = ScorerFile.fromBytes(ScorerFile.toBytes(written), written.schema());

        assertThat(differences(written, read, vectors)).isEmpty();
    }

    @Test
    void aScorerWithOneWeightChangedIsSeenToDiffer() {
        LinearScorer s = ScorerFiles.tinyLinear();
        LinearScorer other = LinearScorer.of(s.schema(), new double[] {0.5, Math.nextUp(-1.25)}, s.bias(), s.means(),
                s.calibration());

        assertThat(differences(s, other, new double[] {0.25, 1})).isNotEmpty();
    }

    @Test
    void theEnsemblesAreOfTheShapesTheyAreNamedFor() {
        assertThat(ScorerFiles.randomTrees(12, 4, 6, 14, new Calibration.Identity()).depth())
                .isGreaterThan(TreeEnsembleScorer.MAX_FLAT_DEPTH);
        assertThat(ScorerFiles.randomTrees(13, 30, 5, 1, new Calibration.Identity()).depth()).isEqualTo(1);
        assertThat(ScorerFiles.randomTrees(14, 5, 3, 0, new Calibration.Identity()).depth()).isZero();
    }

    @Test
    void theVectorsHoldMissingValuesAndCompleteRows() {
        double[] x = ScorerFiles.vectors(3, VECTORS, 12);
        int missing = 0;
        for (double v : x) {
            missing += Double.isNaN(v) ? 1 : 0;
        }

        assertThat(missing).isBetween(x.length / 16, x.length / 4);
    }

    @ParameterizedTest
    @MethodSource("calibrations")
    void aLinearScorerReadBackHasTheFactoryArgumentsWritten(Calibration calibration) {
        LinearScorer written = ScorerFiles.randomLinear(4, 17, calibration);

        LinearScorer read = (LinearScorer) ScorerFile.fromBytes(ScorerFile.toBytes(written), written.schema());

        assertThat(read.schema()).isEqualTo(written.schema());
        assertThat(read.calibration()).isEqualTo(written.calibration());
        assertThat(Double.doubleToRawLongBits(read.bias())).isEqualTo(Double.doubleToRawLongBits(written.bias()));
        assertThat(bits(read.weights())).containsExactly(bits(written.weights()));
        assertThat(bits(read.means())).containsExactly(bits(written.means()));
        assertThat(read.algorithm()).isEqualTo("logistic");
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("ensembles")
    void aTreeEnsembleReadBackHasTheFactoryArgumentsWritten(String shape, TreeEnsembleScorer written) {
        TreeEnsembleScorer read = (TreeEnsembleScorer) ScorerFile.fromBytes(ScorerFile.toBytes(written),
                written.schema());

        assertThat(read.schema()).isEqualTo(written.schema());
        assertThat(read.calibration()).isEqualTo(written.calibration());
        assertThat(Float.floatToRawIntBits(read.baseScore())).isEqualTo(Float.floatToRawIntBits(written.baseScore()));
        // DecisionTree equality compares every node array (floats and doubles by their bits).
        assertThat(read.churnTrees()).containsExactlyElementsOf(written.churnTrees());
        assertThat(read.stayTrees()).containsExactlyElementsOf(written.stayTrees());
        assertThat(read.depth()).isEqualTo(written.depth());
        assertThat(read.algorithm()).isEqualTo("xgboost");
    }

    @Test
    void anEnsembleWithoutTreesReadsBack() {
        TreeEnsembleScorer empty = TreeEnsembleScorer.of(ScorerFiles.TWO, new Calibration.Identity(), 0.5f, List.of(),
                List.of());

        TreeEnsembleScorer read = (TreeEnsembleScorer) ScorerFile.fromBytes(ScorerFile.toBytes(empty),
                ScorerFiles.TWO);

        assertThat(read.churnTrees()).isEmpty();
        assertThat(read.stayTrees()).isEmpty();
        assertThat(read.margin(new double[] {1, 2})).isEqualTo(0.0);
    }

    @Test
    void theReadScorerHasTheSchemaTheCallerExpects() {
        FeatureSchema expected = new FeatureSchema("test/1", List.of("f0", "f1"));

        CompiledScorer read = ScorerFile.fromBytes(ScorerFile.toBytes(ScorerFiles.tinyLinear()), expected);

        assertThat(read.schema()).isSameAs(expected);
    }

    @Test
    void theSameScorerAlwaysGivesTheSameBytes() {
        byte[] first = ScorerFile.toBytes(ScorerFiles.randomTrees(21, 30, 10, 6, ScorerFiles.calibrations().get(3)));
        byte[] second = ScorerFile.toBytes(ScorerFiles.randomTrees(21, 30, 10, 6, ScorerFiles.calibrations().get(3)));

        assertThat(second).isEqualTo(first);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("ensembles")
    void aScorerReadBackWritesTheBytesItWasReadFrom(String shape, TreeEnsembleScorer written) {
        byte[] bytes = ScorerFile.toBytes(written);

        assertThat(ScorerFile.toBytes(ScorerFile.fromBytes(bytes, written.schema()))).isEqualTo(bytes);
    }

    @Test
    void streamsCarryTheSameBytes() throws IOException {
        LinearScorer s = ScorerFiles.tinyLinear();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ScorerFile.write(s, out);
        CompiledScorer read = ScorerFile.read(new ByteArrayInputStream(out.toByteArray()), s.schema());

        assertThat(out.toByteArray()).isEqualTo(ScorerFile.toBytes(s));
        assertThat(ScorerFile.toBytes(read)).isEqualTo(out.toByteArray());
    }

    @Test
    void featureNamesInAnyScriptReadBack() {
        FeatureSchema schema = new FeatureSchema("v2 ü", List.of("logins_30d", "Umsatz_€", "日本語", "emoji_\uD83D\uDE00"));
        LinearScorer s = LinearScorer.of(schema, new double[] {1, 2, 3, 4}, 0, new double[4],
                new Calibration.Identity());

        assertThat(ScorerFile.fromBytes(ScorerFile.toBytes(s), schema).schema().names())
                .containsExactlyElementsOf(schema.names());
    }

    @Test
    void writingRefusesAnIsotonicCalibrationWithAValueThatIsNotFinite() {
        // The record allows a NaN value (NaN never compares as falling); no reader could use it.
        Calibration nan = new Calibration.Isotonic(new double[] {0, 0.5}, new double[] {0.1, Double.NaN});
        LinearScorer s = LinearScorer.of(ScorerFiles.TWO, new double[2], 0, new double[2], nan);

        assertThatThrownBy(() -> ScorerFile.toBytes(s)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("cannot write scorer.bin: isotonic calibration step 1 has threshold 0.5 and value NaN"
                        + " (expected finite numbers)");
    }

    @Test
    void writingRefusesAFeatureNameThatIsNotValidUnicode() {
        FeatureSchema schema = new FeatureSchema("test/1", List.of("f0", "broken_\uD83D"));
        LinearScorer s = LinearScorer.of(schema, new double[2], 0, new double[2], new Calibration.Identity());

        assertThatThrownBy(() -> ScorerFile.toBytes(s)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("is not valid Unicode");
    }

    /** Every way the two scorers' outputs differ in a bit, as readable lines; empty when they agree. */
    static List<String> differences(CompiledScorer a, CompiledScorer b, double[] vectors) {
        int n = a.schema().size();
        int count = vectors.length / n;
        List<String> out = new ArrayList<>();
        double[] ca = new double[n];
        double[] cb = new double[n];
        for (int i = 0; i < count; i++) {
            int at = i * n;
            same(out, "vector " + i + " margin", a.margin(vectors, at), b.margin(vectors, at));
            same(out, "vector " + i + " probability", a.probability(vectors, at), b.probability(vectors, at));
            same(out, "vector " + i + " base", a.contributions(vectors, at, ca), b.contributions(vectors, at, cb));
            for (int f = 0; f < n; f++) {
                same(out, "vector " + i + " contribution " + f, ca[f], cb[f]);
            }
        }
        double[] pa = new double[count];
        double[] pb = new double[count];
        a.probabilities(vectors, 0, count, pa, 0);
        b.probabilities(vectors, 0, count, pb, 0);
        for (int i = 0; i < count; i++) {
            same(out, "batch probability " + i, pa[i], pb[i]);
        }
        return out;
    }

    private static void same(List<String> out, String what, double x, double y) {
        if (Double.doubleToRawLongBits(x) != Double.doubleToRawLongBits(y)) {
            out.add(what + ": " + x + " written, " + y + " read");
        }
    }

    static long[] bits(double[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Double.doubleToRawLongBits(values[i]);
        }
        return out;
    }
}
