package org.churnrisk.train.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.churnrisk.core.model.BundleManifest;
import org.churnrisk.core.model.Calibration;
import org.churnrisk.score.bundle.ScoringBundle;
import org.churnrisk.train.calibrate.Calibrators;
import org.churnrisk.train.data.SnapshotDataset;
import org.churnrisk.train.model.Algorithm;
import org.churnrisk.train.model.ChurnClassifier;
import org.churnrisk.train.model.ChurnTrainer;
import org.churnrisk.train.model.SampleBook;
import org.churnrisk.train.pipeline.TrainedBundle;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The two bundles churn-score's tests load, committed under
 * {@code churn-score/src/test/resources/bundles/<algorithm>/} because churn-score cannot depend on
 * this module to train them: a logistic model and a small XGBoost model (20 rounds of depth 3),
 * trained on the committed sample book with seed 42 and calibrated by {@link Calibrators#fit}, with
 * the references of the training rows ({@link TrainedBundle#references(SnapshotDataset, int[])}).
 * This test trains them again and checks that the committed {@code scorer.bin} is what training
 * writes now, so that a change to training or to the scorer format fails here rather than leaving
 * churn-score's tests on a stale bundle.
 *
 * <p>To write them again (after a change of the feature schema, the scorer format or training):
 * <pre>
 * ./mvnw -B -q -pl churn-train -am verify -Dtest=ScoringTestBundlesTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dchurn.golden.update=true
 * git diff --stat churn-score/src/test/resources/bundles/
 * </pre>
 */
class ScoringTestBundlesTest {
    static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    static final Path BUNDLES = MODULE.resolve("../churn-score/src/test/resources/bundles").normalize();
    static final ChurnTrainer.Boosting SMALL = new ChurnTrainer.Boosting(20, 3, 0.3, 0.8, 1.0);
    static final long SEED = 42;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void theCommittedBundleIsWhatTrainingWritesNow(Algorithm algorithm) throws IOException {
        Path dir = tmp.resolve(algorithm.label());
        write(algorithm, dir);
        Path committed = BUNDLES.resolve(algorithm.label());
        if (Boolean.getBoolean("churn.golden.update")) {
            Files.createDirectories(committed.getParent());
            for (String file : new String[] {ModelBundle.MANIFEST_FILE, ModelBundle.MODEL_FILE, ModelBundle.SCORER_FILE}) {
                Files.createDirectories(committed);
                Files.copy(dir.resolve(file), committed.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }

        assertThat(Files.readAllBytes(committed.resolve(ModelBundle.SCORER_FILE)))
                .as("%s differs from what training writes now; see this class's comment to write it again",
                        committed.resolve(ModelBundle.SCORER_FILE))
                .isEqualTo(Files.readAllBytes(dir.resolve(ModelBundle.SCORER_FILE)));
        assertThat(ScoringBundle.load(committed, SampleBook.get().scored.get(0).schema()).references())
                .as("the references in %s differ from what training writes now", committed)
                .isNotEmpty()
                .isEqualTo(ScoringBundle.load(dir, SampleBook.get().scored.get(0).schema()).references());
        assertThat(ModelBundle.load(committed, SampleBook.get().scored.get(0).schema()).manifest().algorithm())
                .isEqualTo(algorithm.label());
        assertThat(Files.size(committed.resolve(ModelBundle.MODEL_FILE)) + Files.size(committed.resolve(
                ModelBundle.SCORER_FILE))).as("a small test resource").isLessThan(400_000);
    }

    static void write(Algorithm algorithm, Path dir) throws IOException {
        SampleBook book = SampleBook.get();
        ChurnClassifier model = algorithm == Algorithm.XGBOOST
                ? ChurnTrainer.trainXGBoost(book.data, book.train, SMALL, SEED)
                : book.model(Algorithm.LOGISTIC);
        boolean[] churned = new boolean[book.train.length];
        for (int i = 0; i < churned.length; i++) {
            churned[i] = book.data.churned(book.train[i]);
        }
        Calibration calibration = Calibrators.fit(model.predict(book.data, book.train), churned);
        BundleManifest manifest = BundleManifest.of("churn-risk test", algorithm.label(), book.data.policy()
                .horizonDays(), model.schema(), calibration);
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("trained_on", "sample-data/book, by churn-train's ScoringTestBundlesTest");
        provenance.put("snapshot_dates", book.data.dates());
        provenance.put("seed", SEED);
        provenance.put("boosting", algorithm == Algorithm.XGBOOST ? SMALL.toString() : "none");
        ModelBundle.write(dir, model.tribuoModel(), manifest, Map.of("rows", book.train.length), provenance,
                TrainedBundle.references(book.data, book.train), Map.of());
    }
}
