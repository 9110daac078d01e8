package org.churnrisk.score.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;
import org.churnrisk.core.model.BundleException;
import org.churnrisk.core.model.Calibration;
import org.churnrisk.core.scoring.LinearScorer;
import org.churnrisk.core.scoring.ScorerFile;
import org.churnrisk.features.Feature;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /** Edits bundle.json and writes its digest again, as someone who knows the format would. */
    private void editJson(String from, String to) throws IOException {
        handEdit(from, to);
        Path file = dir.resolve(BundleJson.BUNDLE_JSON);
        Files.writeString(file, resealed(Files.readString(file, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    /** Edits bundle.json and leaves its digest as it was, as someone editing it by hand would. */
    private void handEdit(String from, String to) throws IOException {
        Path file = dir.resolve(BundleJson.BUNDLE_JSON);
        String json = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(json).contains(from);
        Files.writeString(file, json.replace(from, to), StandardCharsets.UTF_8);
    }

    /** The JSON text with its digest computed again from its contents. */
    static String resealed(String json) throws IOException {
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(json);
        return DIGEST_LINE.matcher(json).replaceFirst("\"digest\": \"sha256:" + BundleJson.digest(root) + "\"");
    }

    private static final Pattern DIGEST_LINE = Pattern.compile("\"digest\": \"sha256:[0-9a-f]{64}\"");

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
        editJson("\"format_version\": 3,", "\"format_version\": 1,");

        assertThatThrownBy(() -> ScoringBundle.load(dir, Feature.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "bundle.json: format_version 1 is no longer read: this churn-risk reads format 3,"
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

    @Test
    void aFormatTwoBundleIsRefusedWithAMessageThatSaysToRetrain() throws IOException {
        // A format 2 bundle.json has no digest; the format is read first, so it is refused as such.
        String json = Files.readString(dir.resolve(BundleJson.BUNDLE_JSON), StandardCharsets.UTF_8);
        handEdit(json.substring(json.lastIndexOf(",\n  \"digest\"")), "\n}\n");
        handEdit("\"format_version\": 3,", "\"format_version\": 2,");

        assertThatThrownBy(() -> ScoringBundle.load(dir, Feature.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "bundle.json: format_version 2 is no longer read: this churn-risk reads format 3,"
                        + " whose digest covers the manifest (calibration, horizon, feature schema) as well as"
                        + " scorer.bin and model.tribuo, so that a bundle changed after training is refused (the bundle"
                        + " was created by churn-risk test); retrain with churn train to write the bundle again");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "calibration a     | \"a\": 0.95071248036148,                    | \"a\": 5.0,",
            "calibration type  | \"type\": \"platt\",                          | \"type\": \"identity\", \"x\": 1,",
            "horizon           | \"horizon_days\": 120,                       | \"horizon_days\": 30,",
            "created_by        | \"created_by\": \"churn-risk test\",          | \"created_by\": \"churn-risk tesT\",",
            "a metric          | \"rows\": 4990                               | \"rows\": 4991",
            "an unknown key    | \"horizon_days\": 120,                       | \"horizon_days\": 120, \"extra\": true,",
            "a checksum        | \"model.tribuo\": \"sha256:                    | \"model.tribuo\": \"sha256:0",
    })
    void aBundleJsonEditedByHandIsRefusedAsChangedAfterTraining(String what, String from, String to)
            throws IOException {
        handEdit(from.strip(), to.strip());

        assertThatThrownBy(() -> ScoringBundle.load(dir, Feature.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessageStartingWith(where + "bundle.json was changed after training: its contents (manifest,"
                        + " calibration, checksums, metrics, provenance or references) no longer match its digest (the digest says ")
                .hasMessageEndingWith("); retrain with churn train or restore the bundle");
    }

    @Test
    void aBundleJsonWithoutItsDigestIsRefused() throws IOException {
        String json = Files.readString(dir.resolve(BundleJson.BUNDLE_JSON), StandardCharsets.UTF_8);
        handEdit(json.substring(json.lastIndexOf(",\n  \"digest\"")), "\n}\n");

        assertThatThrownBy(() -> ScoringBundle.load(dir, Feature.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "bundle.json has no digest: it was changed after training (churn train always"
                        + " writes one); retrain with churn train or restore the bundle");
    }

    @Test
    void theDigestCoversTheValuesNotTheLayout() throws IOException {
        Path file = dir.resolve(BundleJson.BUNDLE_JSON);
        String json = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, json.replace("\n", "\r\n").replace("  ", "\t"), StandardCharsets.UTF_8);

        assertThat(ScoringBundle.load(dir, Feature.SCHEMA).manifest().horizonDays()).isEqualTo(120);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "top level   | \"horizon_days\": 120,         | \"horizon_days\": 120, \"horizon\": 30,"
                    + "        | horizon is not a key of bundle.json format 3 (expected format_version, created_by,"
                    + " algorithm, horizon_days, feature_schema, calibration, metrics, provenance, references, checksums, digest)",
            "calibration | \"type\": \"platt\",            | \"type\": \"platt\", \"scale\": 2,"
                    + "      | calibration.scale is not a key of bundle.json format 3 (expected under calibration type,"
                    + " a, b)",
            "schema      | \"version\": \"churn-features/1\", | \"version\": \"churn-features/1\", \"extra\": [],"
                    + " | feature_schema.extra is not a key of bundle.json format 3 (expected under feature_schema"
                    + " version, fingerprint, names)",
            "checksums   | \"checksums\": {                | \"checksums\": { \"evaluation.md\": \"x\","
                    + "       | checksums.evaluation.md is not a key of bundle.json format 3 (expected under checksums"
                    + " model.tribuo, scorer.bin)",
    })
    void anUnknownKeyIsRefusedEvenWithAMatchingDigest(String where_, String from, String to, String message)
            throws IOException {
        editJson(from.strip(), to.strip());

        assertThatThrownBy(() -> ScoringBundle.load(dir, Feature.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "bundle.json: " + message.strip() + "; retrain or restore the bundle");
    }
}
