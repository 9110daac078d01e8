package org.churnrisk.train.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.core.model.BundleException;
import org.churnrisk.core.model.BundleManifest;
import org.churnrisk.core.model.Calibration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing refuses what loading would refuse, and never leaves a half-written bundle or deletes files it did not write. */
class ModelBundleWriteTest {
    @TempDir
    Path tmp;

    @Test
    void aBundleIsThreeFilesAndNothingIsLeftBeside() throws IOException {
        TinyModels.write(tmp.resolve("model"), TinyModels.logistic());

        assertThat(list(tmp)).containsExactly("model");
        assertThat(list(tmp.resolve("model"))).containsExactly("bundle.json", "model.tribuo", "scorer.bin");
    }

    @Test
    void anEarlierBundleIsReplaced() throws IOException {
        Path dir = TinyModels.write(tmp.resolve("model"), TinyModels.logistic());
        Calibration newer = new Calibration.Platt(2, 1);

        ModelBundle.write(dir, TinyModels.standardizedLogistic(), TinyModels.manifest("logistic", newer), Map.of(),
                Map.of());

        assertThat(ModelBundle.load(dir, TinyModels.SCHEMA).calibration()).isEqualTo(newer);
        assertThat(list(tmp)).containsExactly("model");
    }

    @Test
    void anEmptyDirectoryIsFilled() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("model"));

        TinyModels.write(dir, TinyModels.logistic());

        assertThat(list(dir)).containsExactly("bundle.json", "model.tribuo", "scorer.bin");
    }

    @Test
    void aDirectoryWithOtherFilesIsRefusedAndKept() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("model"));
        Files.writeString(dir.resolve("notes.txt"), "mine");

        assertThatThrownBy(() -> TinyModels.write(dir, TinyModels.logistic()))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("model directory " + dir + " holds files that are not part of a model bundle (notes.txt);"
                        + " choose an empty or new directory");
        assertThat(list(dir)).containsExactly("notes.txt");
        assertThat(list(tmp)).containsExactly("model");
    }

    @Test
    void aFileIsRefused() throws IOException {
        Path file = Files.writeString(tmp.resolve("model"), "x");

        assertThatThrownBy(() -> TinyModels.write(file, TinyModels.logistic()))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("model directory " + file + " is a file; choose a directory");
    }

    @Test
    void aModelChurnRiskWouldNotLoadIsNotWritten() {
        assertThatThrownBy(() -> TinyModels.write(tmp.resolve("model"), TinyModels.dummy()))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("cannot write a bundle that churn-risk would refuse to load: the model is a"
                        + " org.tribuo.classification.baseline.DummyClassifierModel (expected one of"
                        + " org.tribuo.transform.TransformedModel, org.tribuo.classification.sgd.linear.LinearSGDModel,"
                        + " org.tribuo.common.xgboost.XGBoostModel)");
        assertThat(Files.exists(tmp.resolve("model"))).isFalse();
    }

    @Test
    void aWrapperAroundAnotherModelIsNotWritten() {
        assertThatThrownBy(() -> TinyModels.write(tmp.resolve("model"), TinyModels.standardizedDummy()))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("cannot write a bundle that churn-risk would refuse to load: model.tribuo holds a"
                        + " org.tribuo.transform.TransformedModel around a"
                        + " org.tribuo.classification.baseline.DummyClassifierModel");
    }

    @Test
    void aModelOverFeaturesTheManifestLacksIsNotWritten() {
        FeatureSchema narrow = new FeatureSchema("tiny-features/1", List.of("logins_30d", "tickets_90d"));
        BundleManifest manifest = BundleManifest.of("churn-risk test", "logistic", 120, narrow,
                new Calibration.Identity());

        assertThatThrownBy(() -> ModelBundle.write(tmp.resolve("model"), TinyModels.logistic(), manifest, Map.of(),
                Map.of()))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("cannot write a bundle that churn-risk would refuse to load: model.tribuo uses features that"
                        + " are not in the feature schema of bundle.json (seat_utilisation): the files come from"
                        + " different trainings; retrain");
    }

    @Test
    void anAlgorithmThatIsNotTheModelsIsNotWritten() {
        assertThatThrownBy(() -> ModelBundle.write(tmp.resolve("model"), TinyModels.logistic(),
                TinyModels.manifest("xgboost", new Calibration.Identity()), Map.of(), Map.of()))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("model.tribuo holds a logistic model");
    }

    @Test
    void anAlgorithmIsWrittenByItsLabel() {
        assertThatThrownBy(() -> ModelBundle.write(tmp.resolve("model"), TinyModels.logistic(),
                TinyModels.manifest("Logistic", new Calibration.Identity()), Map.of(), Map.of()))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("algorithm: 'Logistic' must be written as its label 'logistic'");
    }

    @Test
    void aManifestThatDoesNotValidateIsNotWritten() {
        BundleManifest edited = new BundleManifest(BundleManifest.FORMAT_VERSION, "churn-risk test", "logistic", 120, "tiny-features/1",
                "0123456789abcdef", TinyModels.SCHEMA.names(), new Calibration.Identity());

        assertThatThrownBy(() -> ModelBundle.write(tmp.resolve("model"), TinyModels.logistic(), edited, Map.of(),
                Map.of()))
                .isInstanceOf(BundleException.class)
                .hasMessageStartingWith("feature_schema.fingerprint 0123456789abcdef does not match");
    }

    @Test
    void theRuntimeKeyIsTheWritersOwn() {
        assertThatThrownBy(() -> ModelBundle.write(tmp.resolve("model"), TinyModels.logistic(), TinyModels.manifest(),
                Map.of(), Map.of("runtime", "mine")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("provenance: key 'runtime' is filled in by the bundle writer; use another key");
    }

    @Test
    void aValueJsonCannotCarryIsRefusedByItsPath() {
        Map<String, Object> metrics = Map.of("folds", List.of(Map.of("model", new Object())));

        assertThatThrownBy(() -> ModelBundle.write(tmp.resolve("model"), TinyModels.logistic(), TinyModels.manifest(),
                metrics, Map.of()))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("metrics.folds[0].model: a java.lang.Object cannot be written to bundle.json (expected a"
                        + " string, number, boolean, map, list or array)");
    }

    @Test
    void aSetWithoutOrderIsRefused() {
        Map<String, Object> provenance = Map.of("files", new HashSet<>(List.of("a.csv", "b.csv")));

        assertThatThrownBy(() -> ModelBundle.write(tmp.resolve("model"), TinyModels.logistic(), TinyModels.manifest(),
                Map.of(), provenance))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("provenance.files: a HashSet has no stable order (expected a List, LinkedHashSet or"
                        + " SortedSet)");
    }

    @Test
    void anInputFileIsDescribedByNameHashAndRows() throws IOException {
        Path file = Files.writeString(tmp.resolve("accounts.csv"), "abc");

        assertThat(ModelBundle.inputFile(file, 2)).containsExactly(Map.entry("file", "accounts.csv"),
                Map.entry("sha256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                Map.entry("rows", 2L));
    }

    @Test
    void theCreatorFallsBackToTheGivenVersionOutsideAJar() {
        assertThat(ModelBundle.createdBy("0.1.0-SNAPSHOT")).isEqualTo("churn-risk 0.1.0-SNAPSHOT");
    }

    static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
