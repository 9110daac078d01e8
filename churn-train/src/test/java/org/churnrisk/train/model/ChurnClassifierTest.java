package org.churnrisk.train.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.train.data.SnapshotDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Scoring with models trained on 300 hand-made rows, one in five churned. */
class ChurnClassifierTest {
    final SnapshotDataset d = TinySnapshots.of(300, 5);

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void rowsAreScoredInTheOrderGivenAcrossBatches(Algorithm algorithm) {
        ChurnClassifier model = ChurnTrainer.train(d, TinySnapshots.all(d), algorithm, 1);
        int[] rows = new int[ChurnClassifier.BATCH + 7];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (i * 31) % d.size();
        }

        double[] many = model.predict(d, rows);

        assertThat(many).hasSize(rows.length);
        for (int i : new int[] {0, ChurnClassifier.BATCH - 1, ChurnClassifier.BATCH, rows.length - 1}) {
            assertThat(many[i]).isEqualTo(model.predict(d, new int[] {rows[i]})[0]);
        }
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void aModelRanksChurnersAboveStayersOnSeparableRows(Algorithm algorithm) {
        ChurnClassifier model = ChurnTrainer.train(d, TinySnapshots.all(d), algorithm, 1);
        int[] rows = TinySnapshots.all(d);
        double[] p = model.predict(d, rows);
        boolean[] y = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = d.churned(rows[i]);
        }

        assertThat(org.churnrisk.train.eval.Metrics.rocAuc(p, y)).isGreaterThan(0.8);
        assertThat(model.algorithm()).isEqualTo(algorithm);
        assertThat(model.tribuoModel().generatesProbabilities()).isTrue();
    }

    @Test
    void noRowsGiveNoPredictions() {
        ChurnClassifier model = ChurnTrainer.train(d, TinySnapshots.all(d), Algorithm.LOGISTIC, 1);

        assertThat(model.predict(d, new int[0])).isEmpty();
    }

    @Test
    void snapshotsOfAnotherSchemaAreRefused() {
        ChurnClassifier model = ChurnTrainer.train(d, TinySnapshots.all(d), Algorithm.LOGISTIC, 1);
        SnapshotDataset other = TinySnapshots.of(new FeatureSchema("tiny-2", List.of("arr", "logins_30d", "flag")), 10, 5);

        assertThatThrownBy(() -> model.predict(other, new int[] {0}))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("snapshots have schema tiny-2")
                .hasMessageContaining("the model was trained on tiny-1");
    }

    @Test
    void aFeatureConstantInTrainingCannotMoveTheLogisticScore() {
        ChurnClassifier model = ChurnTrainer.train(d, TinySnapshots.all(d), Algorithm.LOGISTIC, 1);
        FeatureSchema s = TinySnapshots.SCHEMA;
        double[] values = {50_000, 12, 0, 50_000, 12, 1_000_000};
        SnapshotDataset probe = SnapshotDataset.label(List.of(new org.churnrisk.core.features.FeatureTable(s,
                        TinySnapshots.AS_OF, List.of("P1", "P2"), values, new double[] {50, 50})),
                java.util.Map.of(), java.time.LocalDate.of(2025, 12, 31), org.churnrisk.train.data.LabelPolicy.DEFAULT);

        double[] p = model.predict(probe, new int[] {0, 1});

        assertThat(p[0]).isEqualTo(p[1]);
    }
}
