package org.churnrisk.train.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.core.model.BundleManifest;
import org.churnrisk.core.model.Calibration;
import org.churnrisk.core.scoring.CompiledScorer;
import org.churnrisk.core.scoring.ScorerFile;
import org.churnrisk.train.model.Algorithm;
import org.churnrisk.train.model.ChurnClassifier;
import org.churnrisk.train.model.SampleBook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A saved bundle's compiled scorer (scorer.bin, read back) scores exactly as the scorer compiled
 * before saving, and as Tribuo does within the bounds of {@code CompiledParityTest}: 1e-12 for
 * logistic regression, 1e-6 for XGBoost.
 */
class CompiledBundleTest {
    static final Calibration PLATT = new Calibration.Platt(1.3, -0.9);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void theScorerOfALoadedBundleScoresAsBeforeSaving(Algorithm algorithm) throws IOException {
        SampleBook book = SampleBook.get();
        ChurnClassifier classifier = book.model(algorithm);
        CompiledScorer before = classifier.compile(PLATT);
        LoadedBundle loaded = saveAndLoad(classifier);
        FeatureTable table = book.scored.get(1);

        CompiledScorer after = loaded.scorer();

        assertThat(after.algorithm()).isEqualTo(algorithm.label());
        assertThat(after.calibration()).isEqualTo(PLATT);
        assertThat(ModelBundleRoundTripTest.bits(probabilities(after, table)))
                .containsExactly(ModelBundleRoundTripTest.bits(probabilities(before, table)));
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void theScorerOfALoadedBundleScoresAsTribuo(Algorithm algorithm) throws IOException {
        SampleBook book = SampleBook.get();
        LoadedBundle loaded = saveAndLoad(book.model(algorithm));
        double tolerance = algorithm == Algorithm.LOGISTIC ? 1e-12 : 1e-6;

        for (FeatureTable table : book.scored) {
            double[] tribuo = loaded.predictProbabilities(table);
            double[] compiled = probabilities(loaded.scorer(), table);
            for (int r = 0; r < table.rows(); r++) {
                assertThat(Math.abs(compiled[r] - tribuo[r])).as(table.accountIds().get(r)).isLessThanOrEqualTo(tolerance);
            }
        }
    }

    @Test
    void theScorerIsTheOneScorerBinHolds() throws IOException {
        LoadedBundle loaded = saveAndLoad(SampleBook.get().model(Algorithm.LOGISTIC));
        CompiledScorer file = ScorerFile.fromBytes(java.nio.file.Files.readAllBytes(
                loaded.directory().resolve(ModelBundle.SCORER_FILE)), loaded.schema());
        FeatureTable table = SampleBook.get().scored.get(0);

        assertThat(loaded.scorer()).isSameAs(loaded.scorer());
        assertThat(ModelBundleRoundTripTest.bits(probabilities(loaded.scorer(), table)))
                .containsExactly(ModelBundleRoundTripTest.bits(probabilities(file, table)));
    }

    static double[] probabilities(CompiledScorer scorer, FeatureTable table) {
        double[] vectors = new double[table.rows() * table.schema().size()];
        table.copyRows(0, table.rows(), vectors, 0);
        double[] p = new double[table.rows()];
        scorer.probabilities(vectors, 0, table.rows(), p, 0);
        return p;
    }

    private LoadedBundle saveAndLoad(ChurnClassifier classifier) throws IOException {
        BundleManifest manifest = BundleManifest.of("churn-risk test", classifier.algorithm().label(), 120,
                classifier.schema(), PLATT);
        Path dir = tmp.resolve("model-" + classifier.algorithm().label());
        ModelBundle.write(dir, classifier.tribuoModel(), manifest, Map.of(), Map.of());
        return ModelBundle.load(dir, classifier.schema());
    }
}
