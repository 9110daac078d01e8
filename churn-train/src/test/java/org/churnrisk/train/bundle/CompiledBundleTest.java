package org.churnrisk.train.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.core.model.BundleManifest;
import org.churnrisk.core.model.Calibration;
import org.churnrisk.core.scoring.CompiledScorer;
import org.churnrisk.train.model.Algorithm;
import org.churnrisk.train.model.ChurnClassifier;
import org.churnrisk.train.model.SampleBook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A saved bundle's compiled scorer scores exactly as the scorer compiled before saving. */
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

    @Test
    void aBundleCompilesOnce() throws IOException {
        LoadedBundle loaded = saveAndLoad(SampleBook.get().model(Algorithm.LOGISTIC));

        assertThat(loaded.scorer()).isSameAs(loaded.scorer());
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
