package org.churnrisk.score.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.churnrisk.core.model.BundleException;
import org.churnrisk.core.model.Calibration;
import org.churnrisk.core.scoring.LinearScorer;
import org.churnrisk.core.scoring.ScorerFile;
import org.churnrisk.features.Feature;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a bundle for scoring, on a copy of the committed logistic bundle: what it reads, and
 * each way it refuses a bundle, with a message that names the problem and what to do. The
 * refusals that need the Tribuo model are churn-train's ({@code ModelBundleLoadRefusalTest}).
 */
class ScoringBundleTest {
    static final Path COMMITTED = Path.of(System.getProperty("basedir", "."), "src/test/resources/bundles/logistic");

    @TempDir
    Path tmp;
    Path dir;
    String where;

    @BeforeEach
    void copyTheCommittedBundle() throws IOException {
        dir = Files.createDirectory(tmp.resolve("model"));
        for (String f : new String[] {BundleJson.BUNDLE_JSON, BundleJson.MODEL_FILE, BundleJson.SCORER_FILE}) {
            Files.copy(COMMITTED.resolve(f), dir.resolve(f));
        }
        where = "model bundle " + dir + ": ";
    }

    private void editJson(String from, String to) throws IOException {
        Path file = dir.resolve(BundleJson.BUNDLE_JSON);
        String json = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(json).contains(from);
        Files.writeString(file, json.replace(from, to), StandardCharsets.UTF_8);
    }

    @Test
    void aBundleIsReadWithItsScorerAndChecksums() throws IOException {
        ScoringBundle bundle = ScoringBundle.load(dir, Feature.SCHEMA);

        assertThat(bundle.manifest().algorithm()).isEqualTo("logistic");
        assertThat(bundle.scorer()).isInstanceOf(LinearScorer.class);
        assertThat(bundle.scorer().calibration()).isEqualTo(bundle.manifest().calibration());
        assertThat(bundle.scorerSha256()).isEqualTo(ScoringBundle.sha256(Files.readAllBytes(dir.resolve("scorer.bin"))));
        assertThat(bundle.modelSha256()).isEqualTo(ScoringBundle.sha256(Files.readAllBytes(dir.resolve("model.tribuo"))));
        assertThat(bundle.provenance()).containsKey("seed");
    }

    @Test
    void scoringDoesNotReadTheTribuoModel() throws IOException {
        Files.delete(dir.resolve(BundleJson.MODEL_FILE));

        assertThat(ScoringBundle.load(dir, Feature.SCHEMA).scorer().algorithm()).isEqualTo("logistic");
    }

    @Test
    void aFormatOneBundleIsRefusedWithAMessageThatSaysToRetrain() throws IOException {
        editJson("\"format_version\": 2,", "\"format_version\": 1,");

        assertThatThrownBy(() -> ScoringBundle.load(dir, Feature.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "bundle.json: format_version 1 is no longer read: this churn-risk reads format 2,"
                        + " which holds the compiled scorer (scorer.bin) that scoring reads without Tribuo (the bundle"
                        + " was created by churn-risk test); retrain with churn train to write the bundle again");
    }

    @Test
    void aMissingDirectory() {
        Path missing = tmp.resolve("nowhere");

        assertThatThrownBy(() -> ScoringBundle.load(missing, Feature.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage("model bundle " + missing + ": does not exist; train a model first, or pass the directory"
                        + " that holds bundle.json and model.tribuo");
    }

    @Test
    void aMissingScorer() throws IOException {
        Files.delete(dir.resolve(BundleJson.SCORER_FILE));

        assertThatThrownBy(() -> ScoringBundle.load(dir, Feature.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "scorer.bin is missing: the directory is not a complete model bundle; retrain or"
                        + " restore it");
    }

    @Test
    void aChangedScorer() throws IOException {
        Path scorer = dir.resolve(BundleJson.SCORER_FILE);
        byte[] bytes = Files.readAllBytes(scorer);
        bytes[bytes.length - 9] ^= 0x01;
        Files.write(scorer, bytes);

        assertThatThrownBy(() -> ScoringBundle.load(dir, Feature.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "scorer.bin does not match the checksum in bundle.json: the bundle was changed or"
                        + " truncated; retrain or restore it");
    }

    @Test
    void aMissingScorerChecksum() throws IOException {
        String json = Files.readString(dir.resolve(BundleJson.BUNDLE_JSON), StandardCharsets.UTF_8);
        editJson(json.substring(json.indexOf(",\n    \"scorer.bin\""), json.lastIndexOf("\n  }")), "");

        assertThatThrownBy(() -> ScoringBundle.load(dir, Feature.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "bundle.json: checksums.scorer.bin is missing (expected a string); retrain or"
                        + " restore the bundle");
    }

    @Test
    void aScorerOfAnotherAlgorithm() throws IOException {
        editJson("\"algorithm\": \"logistic\"", "\"algorithm\": \"xgboost\"");

        assertThatThrownBy(() -> ScoringBundle.load(dir, Feature.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "scorer.bin holds a logistic scorer but bundle.json says the algorithm is xgboost:"
                        + " the files come from different trainings; retrain");
    }

    @Test
    void anUnknownAlgorithm() throws IOException {
        editJson("\"algorithm\": \"logistic\"", "\"algorithm\": \"forest\"");

        assertThatThrownBy(() -> ScoringBundle.load(dir, Feature.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "bundle.json: algorithm: 'forest' is not known (expected one of logistic, xgboost);"
                        + " retrain with this version");
    }

    @Test
    void aScorerWithAnotherCalibration() throws IOException {
        LinearScorer original = (LinearScorer) ScoringBundle.load(dir, Feature.SCHEMA).scorer();
        byte[] other = ScorerFile.toBytes(LinearScorer.of(Feature.SCHEMA, original.weights(), original.bias(),
                original.means(), new Calibration.Identity()));
        Path scorer = dir.resolve(BundleJson.SCORER_FILE);
        editJson(ScoringBundle.sha256(Files.readAllBytes(scorer)), ScoringBundle.sha256(other));
        Files.write(scorer, other);

        assertThatThrownBy(() -> ScoringBundle.load(dir, Feature.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessageStartingWith(where + "scorer.bin is calibrated with Identity[] but bundle.json says Platt[")
                .hasMessageEndingWith(": the files come from different trainings; retrain");
    }
}
