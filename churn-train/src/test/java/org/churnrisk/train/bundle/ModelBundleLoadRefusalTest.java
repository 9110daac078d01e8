package org.churnrisk.train.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.churnrisk.core.InvalidDataException;
import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.core.model.BundleException;
import org.junit.jupiter.api.Test;

/** Each way a bundle can be broken is refused with a message that names it and says what to do. */
class ModelBundleLoadRefusalTest extends FreshBundle {
    static final String CHANGED = "model.tribuo does not match the checksum in bundle.json: the bundle was changed"
            + " or truncated; retrain or restore it";

    @Test
    void aBundleThatLoadsIsTheBaseline() throws IOException {
        assertThat(ModelBundle.load(dir, TinyModels.SCHEMA).manifest()).isEqualTo(TinyModels.manifest());
    }

    @Test
    void aHandEditedCalibrationIsRefusedAsChangedAfterTraining() throws IOException {
        // The calibration in bundle.json is covered by no file's checksum, only by the digest.
        TinyModels.handEdit(dir, "\"a\": 1.25,", "\"a\": 5.0,");

        assertThatThrownBy(() -> ModelBundle.load(dir, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(where + "bundle.json was changed after training: its contents (manifest,"
                        + " calibration, checksums, metrics, provenance or references) no longer match its digest")
                .hasMessageEndingWith("; retrain with churn train or restore the bundle");
    }

    @Test
    void anUnknownKeyIsRefused() throws IOException {
        TinyModels.editJson(dir, "\"horizon_days\": 120,", "\"horizon_days\": 120,\n  \"note\": \"edited\",");

        assertThatThrownBy(() -> ModelBundle.load(dir, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessageStartingWith(where + "bundle.json: note is not a key of bundle.json format 3 (expected");
    }

    @Test
    void aMissingDirectory() {
        Path missing = tmp.resolve("nowhere");

        assertThatThrownBy(() -> ModelBundle.load(missing, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("model bundle " + missing + ": does not exist; train a model first, or pass the directory"
                        + " that holds bundle.json and model.tribuo");
    }

    @Test
    void aFileInsteadOfADirectory() throws IOException {
        Path file = Files.writeString(tmp.resolve("model.txt"), "x");

        assertThatThrownBy(() -> ModelBundle.load(file, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessageStartingWith("model bundle " + file + ": is not a directory;");
    }

    @Test
    void aMissingModelFile() throws IOException {
        Files.delete(dir.resolve("model.tribuo"));

        assertThatThrownBy(() -> ModelBundle.load(dir, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "model.tribuo is missing: the directory is not a complete model bundle; retrain or"
                        + " restore it");
    }

    @Test
    void aMissingManifest() throws IOException {
        Files.delete(dir.resolve("bundle.json"));

        assertThatThrownBy(() -> ModelBundle.load(dir, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "bundle.json is missing: the directory is not a complete model bundle; retrain or"
                        + " restore it");
    }

    @Test
    void aFlippedByteInTheModel() throws IOException {
        Path model = dir.resolve("model.tribuo");
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(model, bytes);

        assertThatThrownBy(() -> ModelBundle.load(dir, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + CHANGED);
    }

    @Test
    void aTruncatedModel() throws IOException {
        Path model = dir.resolve("model.tribuo");
        byte[] bytes = Files.readAllBytes(model);
        Files.write(model, Arrays.copyOf(bytes, bytes.length - 100));

        assertThatThrownBy(() -> ModelBundle.load(dir, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + CHANGED);
    }

    @Test
    void garbageJsonIsReportedWithItsLine() throws IOException {
        Files.writeString(dir.resolve("bundle.json"), "{\n  \"format_version\": 3,\n  oops\n}\n");

        assertThatThrownBy(() -> ModelBundle.load(dir, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessageStartingWith(where + "bundle.json line 3, column 3 is not valid JSON (Unexpected character")
                .hasMessageEndingWith("; retrain or restore the bundle");
    }

    @Test
    void aTruncatedManifestIsReportedWithItsLastLine() throws IOException {
        String json = TinyModels.json(dir);
        String truncated = json.substring(0, json.indexOf("\"calibration\""));
        Files.writeString(dir.resolve("bundle.json"), truncated);
        long lines = truncated.lines().count();

        assertThatThrownBy(() -> ModelBundle.load(dir, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("bundle.json line " + lines + ", column 3 is not valid JSON (Unexpected"
                        + " end-of-input");
    }

    @Test
    void anEmptyManifest() throws IOException {
        Files.writeString(dir.resolve("bundle.json"), "");

        assertThatThrownBy(() -> ModelBundle.load(dir, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "bundle.json is empty; retrain or restore the bundle");
    }

    @Test
    void aDuplicateKeyIsRefused() throws IOException {
        TinyModels.editJson(dir, "\"horizon_days\": 120,", "\"horizon_days\": 120,\n  \"horizon_days\": 90,");

        assertThatThrownBy(() -> ModelBundle.load(dir, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("bundle.json line 6, column 17 is not valid JSON (Duplicate field 'horizon_days')");
    }

    @Test
    void anUnknownFormatVersion() throws IOException {
        TinyModels.editJson(dir, "\"format_version\": 3,", "\"format_version\": 4,");

        assertThatThrownBy(() -> ModelBundle.load(dir, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "bundle.json: format_version 4 is not supported: this churn-risk reads format 3 (the"
                        + " bundle was created by churn-risk test); load it with that version or retrain with this one");
    }

    @Test
    void aFormatOneBundleIsRefusedWithAMessageThatSaysToRetrain() throws IOException {
        TinyModels.editJson(dir, "\"format_version\": 3,", "\"format_version\": 1,");

        assertThatThrownBy(() -> ModelBundle.load(dir, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "bundle.json: format_version 1 is no longer read: this churn-risk reads format 3,"
                        + " which holds the compiled scorer (scorer.bin) that scoring reads without Tribuo (the bundle"
                        + " was created by churn-risk test); retrain with churn train to write the bundle again");
    }

    @Test
    void aMissingField() throws IOException {
        TinyModels.editJson(dir, "  \"horizon_days\": 120,\n", "");

        assertThatThrownBy(() -> ModelBundle.load(dir, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "bundle.json: horizon_days is missing (expected a whole number); retrain or"
                        + " restore the bundle");
    }

    @Test
    void aFieldOfTheWrongType() throws IOException {
        TinyModels.editJson(dir, "\"horizon_days\": 120,", "\"horizon_days\": \"120 days\",");

        assertThatThrownBy(() -> ModelBundle.load(dir, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "bundle.json: horizon_days is the string \"120 days\" (expected a whole number);"
                        + " retrain or restore the bundle");
    }

    @Test
    void aValueTheManifestRefuses() throws IOException {
        TinyModels.editJson(dir, "\"horizon_days\": 120,", "\"horizon_days\": 0,");

        assertThatThrownBy(() -> ModelBundle.load(dir, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "bundle.json: horizon_days is 0 (expected a positive number of days); retrain or"
                        + " restore the bundle");
    }

    @Test
    void anEditedSchemaFingerprint() throws IOException {
        String fingerprint = TinyModels.SCHEMA.fingerprint();
        TinyModels.editJson(dir, fingerprint, "0123456789abcdef");

        assertThatThrownBy(() -> ModelBundle.load(dir, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "feature_schema.fingerprint 0123456789abcdef does not match its version and names"
                        + " (they give " + fingerprint + "): the manifest was edited; retrain or restore the bundle");
    }

    @Test
    void aModelTrainedOnAnotherSchemaVersion() throws IOException {
        FeatureSchema thisBuild = new FeatureSchema("tiny-features/2", TinyModels.SCHEMA.names());

        assertThatThrownBy(() -> ModelBundle.load(dir, thisBuild))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "the model was trained on features tiny-features/1 (fingerprint "
                        + TinyModels.SCHEMA.fingerprint() + ") but this build computes tiny-features/2 (fingerprint "
                        + thisBuild.fingerprint() + "); retrain with this version");
    }

    @Test
    void aModelTrainedOnOtherFeaturesOfTheSameVersion() {
        FeatureSchema thisBuild = new FeatureSchema("tiny-features/1", List.of("logins_30d", "tickets_90d"));

        assertThatThrownBy(() -> ModelBundle.load(dir, thisBuild))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("the model was trained on features tiny-features/1 (fingerprint "
                        + TinyModels.SCHEMA.fingerprint() + ") but this build computes tiny-features/1 (fingerprint "
                        + thisBuild.fingerprint() + ")");
    }

    @Test
    void anUnknownAlgorithm() throws IOException {
        TinyModels.editJson(dir, "\"algorithm\": \"logistic\"", "\"algorithm\": \"forest\"");

        assertThatThrownBy(() -> ModelBundle.load(dir, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "bundle.json: algorithm: 'forest' is not known (expected one of logistic, xgboost);"
                        + " retrain with this version");
    }

    @Test
    void anAlgorithmThatIsNotTheScorers() throws IOException {
        TinyModels.editJson(dir, "\"algorithm\": \"logistic\"", "\"algorithm\": \"xgboost\"");

        assertThatThrownBy(() -> ModelBundle.load(dir, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "scorer.bin holds a logistic scorer but bundle.json says the algorithm is xgboost:"
                        + " the files come from different trainings; retrain");
    }

    @Test
    void anAlgorithmThatIsNotTheModels() throws IOException {
        TinyModels.editJson(dir, "\"algorithm\": \"logistic\"", "\"algorithm\": \"xgboost\"");
        TinyModels.replaceScorer(dir, TinyModels.stumps(TinyModels.SCHEMA, TinyModels.manifest().calibration()));

        assertThatThrownBy(() -> ModelBundle.load(dir, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "model.tribuo holds a logistic model (org.tribuo.transform.TransformedModel) but"
                        + " bundle.json says the algorithm is xgboost: the files come from different trainings;"
                        + " retrain");
    }

    @Test
    void aMissingScorerFile() throws IOException {
        Files.delete(dir.resolve("scorer.bin"));

        assertThatThrownBy(() -> ModelBundle.load(dir, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "scorer.bin is missing: the directory is not a complete model bundle; retrain or"
                        + " restore it");
    }

    @Test
    void aFlippedByteInTheScorer() throws IOException {
        Path scorer = dir.resolve("scorer.bin");
        byte[] bytes = Files.readAllBytes(scorer);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(scorer, bytes);

        assertThatThrownBy(() -> ModelBundle.load(dir, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "scorer.bin does not match the checksum in bundle.json: the bundle was changed or"
                        + " truncated; retrain or restore it");
    }

    @Test
    void aModelFileThatIsNotProtobuf() throws IOException {
        TinyModels.replaceModel(dir, "this is not a Tribuo model".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> ModelBundle.load(dir, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessageStartingWith(where + "model.tribuo is not a model Tribuo " + org.tribuo.Tribuo.VERSION + " can read (")
                .hasMessageEndingWith("); retrain or restore the bundle");
    }

    @Test
    void aModelOfAnAllowedClassThatTribuoCannotRead() throws IOException {
        byte[] broken = org.tribuo.protos.core.ModelProto.newBuilder()
                .setVersion(0)
                .setClassName(AllowedModels.LINEAR_SGD)
                .setSerializedData(com.google.protobuf.Any.pack(
                        org.tribuo.classification.sgd.protos.ClassificationLinearSGDProto.getDefaultInstance()))
                .build().toByteArray();
        TinyModels.replaceModel(dir, broken);

        assertThatThrownBy(() -> ModelBundle.load(dir, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessageStartingWith(where + "model.tribuo is not a model Tribuo " + org.tribuo.Tribuo.VERSION
                        + " can read (")
                .hasMessageEndingWith("); retrain or restore the bundle");
    }

    @Test
    void aModelWithFeaturesOutsideTheSchema() throws IOException {
        Path other = tmp.resolve("wider");
        ModelBundle.write(other, TinyModels.logistic(), TinyModels.manifest(), TinyModels.metrics(),
                TinyModels.provenance());
        // A bundle.json that claims a narrower schema than the model: train on 3, claim 2.
        FeatureSchema narrow = new FeatureSchema("tiny-features/1", List.of("logins_30d", "tickets_90d"));
        TinyModels.editJson(other, "\"names\": [ \"logins_30d\", \"tickets_90d\", \"seat_utilisation\" ]",
                "\"names\": [ \"logins_30d\", \"tickets_90d\" ]");
        TinyModels.editJson(other, TinyModels.SCHEMA.fingerprint(), narrow.fingerprint());
        TinyModels.replaceScorer(other, TinyModels.linear(narrow, TinyModels.manifest().calibration()));

        assertThatThrownBy(() -> ModelBundle.load(other, narrow))
                .isInstanceOf(BundleException.class)
                .hasMessage("model bundle " + other + ": model.tribuo uses features that are not in the feature schema"
                        + " of bundle.json (seat_utilisation): the files come from different trainings; retrain");
    }
}
