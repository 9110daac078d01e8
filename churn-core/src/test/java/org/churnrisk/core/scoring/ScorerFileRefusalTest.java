package org.churnrisk.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.core.model.BundleException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reading refuses every kind of bad file with a {@link BundleException} that says what is wrong
 * and what to do. Most cases change one field of a tiny scorer's bytes at its offset in the
 * layout, and recompute the checksum where the check under test comes after it.
 */
class ScorerFileRefusalTest {
    // Offsets shared by both tiny scorers (schema "test/1": f0, f1).
    static final int VERSION = 8;
    static final int KIND = 12;
    static final int FINGERPRINT = 27;
    static final int FEATURE_COUNT = 43;
    static final int SECOND_NAME = 53;
    static final int CALIBRATION = 59;
    // The tiny linear scorer (Platt).
    static final int PLATT_A = 60;
    static final int BIAS = 76;
    static final int WEIGHTS = 84;
    static final int MEANS = 100;
    // The tiny tree ensemble (isotonic, two steps): the churn stump's nodes, then the stay leaf.
    static final int ISOTONIC_STEPS = 60;
    static final int ISOTONIC_VALUES = 64 + 16;
    static final int CHURN_TREES = 100;
    static final int STUMP_NODES = 108;
    static final int STAY_TREES = 195;
    static final int STAY_NODE_COUNT = 199;

    static final byte[] LINEAR = ScorerFile.toBytes(ScorerFiles.tinyLinear());
    static final byte[] TREES = ScorerFile.toBytes(ScorerFiles.tinyTrees());

    /** Field {@code field} (0 feature, 4 threshold, 8 left, 12 right, 16 default left, 17 value, 21 cover) of a stump node. */
    static int stump(int node, int field) {
        return STUMP_NODES + node * ScorerFile.NODE_BYTES + field;
    }

    static BundleException refusal(byte[] bytes) {
        return refusal(bytes, ScorerFiles.TWO);
    }

    static BundleException refusal(byte[] bytes, FeatureSchema expected) {
        try {
            ScorerFile.fromBytes(bytes, expected);
        } catch (BundleException e) {
            return e;
        }
        throw new AssertionError("the bytes were read without a refusal");
    }

    @Test
    void theOffsetsHereAreTheLayoutsOfTheTinyScorers() {
        assertThat(LINEAR).hasSize(MEANS + 16 + 4);
        assertThat(TREES).hasSize(STAY_NODE_COUNT + 4 + ScorerFile.NODE_BYTES + 4);
        assertThat(new String(LINEAR, SECOND_NAME + 4, 2, StandardCharsets.UTF_8)).isEqualTo("f1");
        assertThat(new String(LINEAR, FINGERPRINT, 16, StandardCharsets.US_ASCII))
                .isEqualTo(ScorerFiles.TWO.fingerprint());
    }

    @Test
    void refusesAnEmptyFile() {
        assertThat(refusal(new byte[0])).hasMessage("scorer.bin is empty: the file was cut short; retrain or restore"
                + " the bundle");
    }

    @Test
    void refusesAFileWithoutTheMagic() {
        byte[] zip = {0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00};

        assertThat(refusal(zip)).hasMessage("scorer.bin is not a churn-risk compiled scorer: it starts with"
                + " 50 4b 03 04 14 00 00 00, not the magic CHURNSCR; retrain or restore the bundle");
    }

    @Test
    void refusesAModelTribuoFileInItsPlace() {
        // A protobuf starts with a field tag, never with "CHURNSCR".
        assertThat(refusal(new byte[] {0x0a, 0x2a, 'o', 'r', 'g'})).hasMessageStartingWith(
                "scorer.bin is not a churn-risk compiled scorer: it starts with 0a 2a 6f 72 67,");
    }

    @Test
    void refusesAnotherFormatVersion() {
        byte[] v2 = LINEAR.clone();
        v2[VERSION + 3] = 2;

        assertThat(refusal(v2)).hasMessage("scorer.bin: format version 2 is not supported: this churn-risk reads"
                + " format 1; load the bundle with the churn-risk that wrote it or retrain with this one");
    }

    static IntStream cuts() {
        return IntStream.range(1, TREES.length);
    }

    @ParameterizedTest
    @MethodSource("cuts")
    void refusesAFileCutShortAtAnyByte(int length) {
        assertThat(refusal(Arrays.copyOf(TREES, length)).getMessage()).startsWith("scorer.bin is truncated: ")
                .contains("but the file ends at byte " + length + "; retrain or restore the bundle");
    }

    @Test
    void namesWhatATruncatedFileLacks() {
        assertThat(refusal(Arrays.copyOf(TREES, stump(1, 0)))).hasMessage("scorer.bin is truncated: churn tree 0 of"
                + " 1's 3 nodes needs 87 bytes at byte 108, but the file ends at byte 137; retrain or restore the"
                + " bundle");
    }

    @Test
    void refusesBytesAfterTheChecksum() {
        byte[] longer = Arrays.copyOf(LINEAR, LINEAR.length + 3);

        assertThat(refusal(longer)).hasMessage("scorer.bin has 3 bytes after its checksum (at byte 120 of 123): the"
                + " file was changed or two files were joined; retrain or restore the bundle");
    }

    @Test
    void refusesTwoFilesJoined() {
        byte[] joined = Arrays.copyOf(LINEAR, 2 * LINEAR.length);
        System.arraycopy(LINEAR, 0, joined, LINEAR.length, LINEAR.length);

        assertThat(refusal(joined)).hasMessageStartingWith("scorer.bin has 120 bytes after its checksum");
    }

    @Test
    void refusesAChangedByte() {
        byte[] changed = LINEAR.clone();
        changed[WEIGHTS + 7] ^= 1;

        assertThat(refusal(changed).getMessage()).matches("scorer\\.bin does not match its checksum \\(stored"
                + " [0-9a-f]{8}, computed [0-9a-f]{8}\\): the file was changed or damaged; retrain or restore the"
                + " bundle");
    }

    @Test
    void refusesAnUnknownScorerKind() {
        assertThat(refusal(ScorerFiles.withByte(LINEAR, KIND, 3))).hasMessage("scorer.bin: the scorer kind is 3"
                + " (expected 1, linear, or 2, tree ensemble): the file is damaged or was not written by churn-risk;"
                + " retrain or restore the bundle");
    }

    @Test
    void refusesAnUnknownCalibrationKind() {
        assertThat(refusal(ScorerFiles.withByte(LINEAR, CALIBRATION, 9))).hasMessage("scorer.bin: the calibration"
                + " kind is 9 (expected 0, identity, 1, Platt, or 2, isotonic): the file is damaged or was not written"
                + " by churn-risk; retrain or restore the bundle");
    }

    @Test
    void refusesAModelTrainedOnAnotherSchemaVersion() {
        FeatureSchema other = new FeatureSchema("test/2", List.of("f0", "f1"));

        assertThat(refusal(LINEAR, other)).hasMessage("scorer.bin: the model was trained on features test/1"
                + " (fingerprint " + ScorerFiles.TWO.fingerprint() + ", 2 features) but this build computes test/2"
                + " (fingerprint " + other.fingerprint() + ", 2 features); retrain with this version");
    }

    @Test
    void refusesAModelTrainedOnOtherFeatureNames() {
        FeatureSchema other = new FeatureSchema("test/1", List.of("f1", "f0"));

        assertThat(refusal(TREES, other)).hasMessageStartingWith("scorer.bin: the model was trained on features"
                + " test/1 (fingerprint " + ScorerFiles.TWO.fingerprint() + ", 2 features) but this build computes"
                + " test/1 (fingerprint " + other.fingerprint() + ", 2 features)");
    }

    @Test
    void refusesAModelTrainedOnMoreFeatures() {
        assertThat(refusal(LINEAR, RandomTrees.schema(3))).hasMessageContaining("2 features) but this build computes"
                + " test/1 (fingerprint " + RandomTrees.schema(3).fingerprint() + ", 3 features); retrain");
    }

    @Test
    void refusesAFingerprintThatDoesNotMatchTheNames() {
        byte[] edited = ScorerFiles.withByte(LINEAR, FINGERPRINT, LINEAR[FINGERPRINT] == '0' ? '1' : '0');

        assertThat(refusal(edited)).hasMessage("scorer.bin: the feature schema's fingerprint "
                + new String(edited, FINGERPRINT, 16, StandardCharsets.US_ASCII) + " does not match its version and"
                + " names (they give " + ScorerFiles.TWO.fingerprint() + "): the file was not written by churn-risk;"
                + " retrain or restore the bundle");
    }

    @Test
    void refusesAFeatureListedTwice() {
        byte[] twice = ScorerFiles.withByte(LINEAR, SECOND_NAME + 5, '0');

        assertThat(refusal(twice)).hasMessage("scorer.bin: feature schema: schema: feature 'f0' is listed twice;"
                + " retrain or restore the bundle");
    }

    @Test
    void refusesANameThatIsNotUtf8() {
        byte[] bad = ScorerFiles.withByte(LINEAR, SECOND_NAME + 5, 0xff);

        assertThat(refusal(bad)).hasMessage("scorer.bin: feature name 2 of 2 at byte 57 is not valid UTF-8: the file"
                + " is damaged or was not written by churn-risk; retrain or restore the bundle");
    }

    @Test
    void refusesANegativeCount() {
        assertThat(refusal(ScorerFiles.withInt(TREES, CHURN_TREES, -1))).hasMessage("scorer.bin: the churn tree count"
                + " is -1 (expected 0 or more): the file is damaged or was not written by churn-risk; retrain or"
                + " restore the bundle");
    }

    @Test
    void aHugeCountIsRefusedBeforeAnythingThatSizeIsAllocated() {
        byte[] huge = ScorerFiles.withInt(TREES, STAY_NODE_COUNT, Integer.MAX_VALUE);

        assertThat(refusal(huge)).hasMessage("scorer.bin is truncated: stay tree 0 of 1's 2147483647 nodes needs"
                + " 62277025763 bytes at byte 203, but the file ends at byte 236; retrain or restore the bundle");
    }

    @Test
    void aHugeFeatureCountIsRefusedAsTruncated() {
        assertThat(refusal(ScorerFiles.withInt(LINEAR, FEATURE_COUNT, 1 << 30)).getMessage())
                .startsWith("scorer.bin is truncated: ");
    }

    @Test
    void refusesADefaultDirectionOtherThanZeroOrOne() {
        assertThat(refusal(ScorerFiles.withByte(TREES, stump(0, 16), 2))).hasMessage("scorer.bin: churn tree 0 of 1,"
                + " node 0: default left is 2 (expected 0 or 1): the file is damaged or was not written by churn-risk;"
                + " retrain or restore the bundle");
    }

    @Test
    void refusesAChildOutsideTheTree() {
        assertThat(refusal(ScorerFiles.withInt(TREES, stump(0, 8), 3))).hasMessage("scorer.bin: churn tree 0: decision"
                + " tree: node 0 has child 3 (expected a node in 1..2 that no other node points to): this churn-risk"
                + " does not accept the scorer the file holds; retrain the model");
    }

    @Test
    void refusesANegativeChildOfAnInternalNode() {
        assertThat(refusal(ScorerFiles.withInt(TREES, stump(0, 12), -7))).hasMessageStartingWith("scorer.bin: churn"
                + " tree 0: decision tree: node 0 has child -7 (expected a node in 1..2");
    }

    @Test
    void refusesAChildThatPointsBackAtTheRoot() {
        assertThat(refusal(ScorerFiles.withInt(TREES, stump(0, 8), 0))).hasMessageStartingWith("scorer.bin: churn"
                + " tree 0: decision tree: node 0 has child 0 (expected a node in 1..2");
    }

    @Test
    void refusesANodeReachedTwice() {
        assertThat(refusal(ScorerFiles.withInt(TREES, stump(0, 12), 1))).hasMessageStartingWith("scorer.bin: churn"
                + " tree 0: decision tree: node 0 has child 1 (expected a node in 1..2 that no other node points to)");
    }

    @Test
    void refusesASplitOnAFeatureOutsideTheSchema() {
        assertThat(refusal(ScorerFiles.withInt(TREES, stump(0, 0), 2))).hasMessage("scorer.bin: churn tree 0, node 0"
                + " splits on feature 2 but the schema has 2 features (0..1): this churn-risk does not accept the"
                + " scorer the file holds; retrain the model");
    }

    @Test
    void refusesALeafValueThatIsNotFinite() {
        assertThat(refusal(ScorerFiles.withFloat(TREES, stump(2, 17), Float.NaN))).hasMessage("scorer.bin: churn tree"
                + " 0: decision tree: leaf 2 has value NaN: this churn-risk does not accept the scorer the file holds;"
                + " retrain the model");
    }

    @Test
    void refusesAThresholdThatIsNotFinite() {
        assertThat(refusal(ScorerFiles.withFloat(TREES, stump(0, 4), Float.POSITIVE_INFINITY)))
                .hasMessageStartingWith("scorer.bin: churn tree 0: decision tree: node 0 has threshold Infinity");
    }

    @Test
    void refusesANegativeCover() {
        assertThat(refusal(ScorerFiles.withDouble(TREES, STAY_NODE_COUNT + 4 + 21, -1))).hasMessageStartingWith(
                "scorer.bin: stay tree 0: decision tree: node 0 has cover -1.0");
    }

    @Test
    void refusesAWeightThatIsNotFinite() {
        assertThat(refusal(ScorerFiles.withDouble(LINEAR, WEIGHTS + 8, Double.NaN))).hasMessage("scorer.bin: linear"
                + " scorer: feature 'f1' has weight NaN and mean 2.0 (expected finite numbers): this churn-risk does"
                + " not accept the scorer the file holds; retrain the model");
    }

    @Test
    void refusesAMeanThatIsNotFinite() {
        assertThat(refusal(ScorerFiles.withDouble(LINEAR, MEANS, Double.NEGATIVE_INFINITY))).hasMessageStartingWith(
                "scorer.bin: linear scorer: feature 'f0' has weight 0.5 and mean -Infinity");
    }

    @Test
    void refusesABiasThatIsNotFinite() {
        assertThat(refusal(ScorerFiles.withDouble(LINEAR, BIAS, Double.POSITIVE_INFINITY))).hasMessageStartingWith(
                "scorer.bin: linear scorer: bias Infinity is not finite");
    }

    @Test
    void refusesAPlattCalibrationThatIsNotFinite() {
        assertThat(refusal(ScorerFiles.withDouble(LINEAR, PLATT_A, Double.NaN))).hasMessage("scorer.bin: Platt"
                + " calibration: NaN is not a finite number: this churn-risk does not accept the scorer the file holds;"
                + " retrain the model");
    }

    @Test
    void refusesAnIsotonicValueThatIsNotFinite() {
        assertThat(refusal(ScorerFiles.withDouble(TREES, ISOTONIC_VALUES + 8, Double.NaN))).hasMessageStartingWith(
                "scorer.bin: isotonic calibration: NaN is not a finite number");
    }

    @Test
    void refusesAnIsotonicCalibrationThatFalls() {
        assertThat(refusal(ScorerFiles.withDouble(TREES, ISOTONIC_VALUES + 8, 0.1))).hasMessage("scorer.bin: isotonic"
                + " calibration: step 1 does not increase (thresholds must rise, values must not fall): this"
                + " churn-risk does not accept the scorer the file holds; retrain the model");
    }

    @Test
    void refusesAnIsotonicCalibrationWithoutSteps() {
        // Zero steps, and the 32 bytes of the two steps cut out.
        byte[] none = new byte[TREES.length - 32];
        System.arraycopy(TREES, 0, none, 0, ISOTONIC_STEPS);
        System.arraycopy(TREES, ISOTONIC_STEPS + 4 + 32, none, ISOTONIC_STEPS + 4, TREES.length - ISOTONIC_STEPS - 36);

        assertThat(refusal(ScorerFiles.resealed(none))).hasMessageStartingWith("scorer.bin: isotonic calibration: 0"
                + " thresholds and 0 values (expected the same number, at least one)");
    }

    @Test
    void everyRefusalSaysWhatToDo() {
        List<byte[]> bad = new ArrayList<>();
        bad.add(new byte[0]);
        bad.add(Arrays.copyOf(LINEAR, 50));
        bad.add(ScorerFiles.withByte(LINEAR, KIND, 0));
        bad.add(ScorerFiles.withInt(TREES, stump(0, 8), 9));
        bad.add(ScorerFiles.withDouble(LINEAR, BIAS, Double.NaN));

        assertThat(bad).extracting(b -> refusal(b).getMessage())
                .allSatisfy(m -> assertThat(m).startsWith("scorer.bin").containsPattern("; retrain"));
    }
}
