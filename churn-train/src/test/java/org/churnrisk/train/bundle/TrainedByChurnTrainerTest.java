package org.churnrisk.train.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.core.model.BundleManifest;
import org.churnrisk.core.model.Calibration;
import org.churnrisk.train.data.LabelPolicy;
import org.churnrisk.train.data.SnapshotDataset;
import org.churnrisk.train.model.Algorithm;
import org.churnrisk.train.model.ChurnClassifier;
import org.churnrisk.train.model.ChurnTrainer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The models ChurnTrainer really builds (logistic regression with per-feature standardization,
 * a constant feature among them, and XGBoost) are accepted and predict the same after loading.
 */
class TrainedByChurnTrainerTest {
    static final FeatureSchema SCHEMA = new FeatureSchema("tiny-1", List.of("arr", "logins_30d", "flag"));

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void aTrainedClassifierPredictsTheSameAfterLoading(Algorithm algorithm) throws IOException {
        SnapshotDataset d = snapshots();
        int[] rows = d.rows(t -> true);
        ChurnClassifier classifier = ChurnTrainer.train(d, rows, algorithm, 7);
        BundleManifest manifest = BundleManifest.of("churn-risk test", algorithm.label(), d.policy().horizonDays(),
                d.schema(), new Calibration.Identity());

        ModelBundle.write(tmp.resolve("model"), classifier.tribuoModel(), manifest, Map.of(), Map.of("seed", 7));
        LoadedBundle bundle = ModelBundle.load(tmp.resolve("model"), SCHEMA);

        double[][] vectors = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            vectors[i] = new double[SCHEMA.size()];
            for (int f = 0; f < SCHEMA.size(); f++) {
                vectors[i][f] = d.feature(rows[i], f);
            }
        }
        assertThat(ModelBundleRoundTripTest.bits(bundle.predictProbabilities(vectors)))
                .containsExactly(ModelBundleRoundTripTest.bits(classifier.predict(d, rows)));
    }

    /** 150 accounts at one date; every fifth churns with fewer logins; {@code flag} is always 0. */
    static SnapshotDataset snapshots() {
        SplittableRandom rng = new SplittableRandom(3);
        int accounts = 150;
        List<String> ids = new ArrayList<>();
        double[] values = new double[accounts * SCHEMA.size()];
        Map<String, List<LocalDate>> churns = new TreeMap<>();
        for (int i = 0; i < accounts; i++) {
            String id = String.format("A%04d", i);
            ids.add(id);
            boolean churner = i % 5 == 0;
            values[i * 3] = 10_000 + rng.nextInt(90_000);
            values[i * 3 + 1] = churner ? rng.nextInt(20) : 10 + rng.nextInt(40);
            if (churner) {
                churns.put(id, List.of(LocalDate.of(2025, 2, 1)));
            }
        }
        FeatureTable table = new FeatureTable(SCHEMA, LocalDate.of(2025, 1, 1), ids, values, new double[accounts]);
        return SnapshotDataset.label(List.of(table), churns, LocalDate.of(2025, 12, 31), LabelPolicy.DEFAULT);
    }
}
