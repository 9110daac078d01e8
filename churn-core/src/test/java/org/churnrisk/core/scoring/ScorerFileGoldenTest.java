package org.churnrisk.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The bytes of format 1, held fixed: a change to the layout (or to how a scorer hands back its
 * factory's arguments) fails here loudly, and files written by earlier builds of format 1 still
 * read. A deliberate layout change bumps {@link ScorerFile#VERSION} and replaces these.
 */
class ScorerFileGoldenTest {
    /** {@link ScorerFiles#tinyLinear()}, the example dissected in docs/model-bundle.md. */
    static final String TINY_LINEAR = "434855524e534352" + "00000001" + "01"
            + "00000006" + "746573742f31" + "00000010" + "65616436613064613235633730373061"
            + "00000002" + "00000002" + "6630" + "00000002" + "6631"
            + "01" + "3ff8000000000000" + "bfe0000000000000"
            + "3fd0000000000000" + "3fe0000000000000" + "bff4000000000000" + "3ff0000000000000" + "4000000000000000"
            + "f6e70f6f";

    /** {@link ScorerFiles#tinyTrees()}: a stump that sends missing values left, a lone leaf, isotonic. */
    static final String TINY_TREES = "434855524e534352" + "00000001" + "02"
            + "00000006" + "746573742f31" + "00000010" + "65616436613064613235633730373061"
            + "00000002" + "00000002" + "6630" + "00000002" + "6631"
            + "02" + "00000002" + "0000000000000000" + "3fe0000000000000" + "3fc999999999999a" + "3fe6666666666666"
            + "3f000000"
            + "00000001" + "00000003"
            + "00000000" + "3f000000" + "00000001" + "00000002" + "01" + "00000000" + "4024000000000000"
            + "ffffffff" + "00000000" + "ffffffff" + "ffffffff" + "00" + "be800000" + "4018000000000000"
            + "ffffffff" + "00000000" + "ffffffff" + "ffffffff" + "00" + "3f000000" + "4010000000000000"
            + "00000001" + "00000001"
            + "ffffffff" + "00000000" + "ffffffff" + "ffffffff" + "00" + "3e000000" + "4024000000000000"
            + "96e1e683";

    @Test
    void aTinyLinearScorerIsWrittenAsDocumented() {
        assertThat(hex(ScorerFile.toBytes(ScorerFiles.tinyLinear()))).isEqualTo(TINY_LINEAR);
    }

    @Test
    void aTinyTreeEnsembleIsWrittenAsDocumented() {
        assertThat(hex(ScorerFile.toBytes(ScorerFiles.tinyTrees()))).isEqualTo(TINY_TREES);
    }

    @Test
    void aRandomTreeEnsembleKeepsItsBytes() throws NoSuchAlgorithmException {
        byte[] bytes = ScorerFile.toBytes(ScorerFiles.randomTrees(31, 25, 20, 6, ScorerFiles.calibrations().get(3)));

        assertThat(bytes).hasSize(63_010);
        assertThat(sha256(bytes)).isEqualTo("f1ab2ed0382b153338e6b70fd27f389bfbc76a7beab05ae409fc680a1ca0d01d");
    }

    @Test
    void aRandomLinearScorerKeepsItsBytes() throws NoSuchAlgorithmException {
        byte[] bytes = ScorerFile.toBytes(ScorerFiles.randomLinear(32, 85, ScorerFiles.calibrations().get(1)));

        assertThat(bytes).hasSize(2_021);
        assertThat(sha256(bytes)).isEqualTo("ceb977a499a326938c5a6f3e5b35b15ed8b96664e49802a3b0af75fe0a4b60a1");
    }

    @Test
    void theGoldenLinearBytesScoreAsTheirNumbersSay() {
        CompiledScorer s = ScorerFile.fromBytes(HexFormat.of().parseHex(TINY_LINEAR), ScorerFiles.TWO);

        // 0.25 + 0.5 * 3 - 1.25 * -2; Platt(1.5, -0.5) of it.
        assertThat(s.margin(new double[] {3, -2})).isEqualTo(4.25);
        assertThat(s.probability(new double[] {3, -2})).isEqualTo(1 / (1 + Math.exp(-(1.5 * 4.25 - 0.5))));
    }

    @Test
    void theGoldenTreeBytesScoreAsTheirNumbersSay() {
        CompiledScorer s = ScorerFile.fromBytes(HexFormat.of().parseHex(TINY_TREES), ScorerFiles.TWO);

        // (0.5 + 0.5) - (0.5 + 0.125) at or above 0.5; (0.5 - 0.25) - (0.5 + 0.125) below it or missing.
        assertThat(s.margin(new double[] {3, 0})).isEqualTo(0.375);
        assertThat(s.margin(new double[] {0.25, 0})).isEqualTo(-0.375);
        assertThat(s.margin(new double[] {Double.NaN, 0})).isEqualTo(-0.375);
        // Isotonic: sigmoid(0.375) is at or above 0.5, sigmoid(-0.375) below.
        assertThat(s.probability(new double[] {3, 0})).isEqualTo(0.7);
        assertThat(s.probability(new double[] {Double.NaN, 0})).isEqualTo(0.2);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return hex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
