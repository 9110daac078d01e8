package org.churnrisk.train.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.train.data.SnapshotDataset;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;

/** 100 accounts, one in ten churned: 10 positives weighing 9 each against 90 negatives weighing 1. */
class TribuoDataTest {
    final SnapshotDataset d = TinySnapshots.of(100, 10);

    @Test
    void churnedRowsWeighNegativesOverPositivesSoBothClassesWeighTheSame() {
        MutableDataset<Label> data = TribuoData.trainingSet(d, TinySnapshots.all(d));

        double churnWeight = 0;
        double stayWeight = 0;
        for (Example<Label> e : data) {
            if (e.getOutput().getLabel().equals(TribuoData.CHURN)) {
                assertThat(e.getWeight()).isEqualTo(9f);
                churnWeight += e.getWeight();
            } else {
                assertThat(e.getWeight()).isEqualTo(1f);
                stayWeight += e.getWeight();
            }
        }
        assertThat(churnWeight).isCloseTo(stayWeight, within(1e-3)).isCloseTo(90.0, within(1e-3));
    }

    @Test
    void theWeightOfAnUnevenSplitStillBalancesTheClasses() {
        float w = TribuoData.positiveWeight(7, 1000);

        assertThat(7.0 * w).isCloseTo(1000.0, within(1e-3));
    }

    @Test
    void labelsAreChurnAndStay() {
        MutableDataset<Label> data = TribuoData.trainingSet(d, TinySnapshots.all(d));

        assertThat(data.getOutputInfo().getDomain()).extracting(Label::getLabel).containsExactlyInAnyOrder("churn", "stay");
        assertThat(data.getOutputInfo().getDomain()).hasSize(2);
    }

    @Test
    void everyFeatureIsCarriedByItsSchemaNameZerosIncluded() {
        MutableDataset<Label> data = TribuoData.trainingSet(d, new int[] {0, 3});
        Example<Label> e = data.getExample(1);

        assertThat(e.size()).isEqualTo(3);
        for (Feature f : e) {
            assertThat(f.getValue()).isEqualTo(d.feature(3, d.schema().indexOf(f.getName())));
        }
        assertThat(data.getFeatureMap().keySet()).containsExactlyInAnyOrder("arr", "logins_30d", "flag");
    }

    @Test
    void theProvenanceNamesTheRowsAndTheSchema() {
        MutableDataset<Label> data = TribuoData.trainingSet(d, TinySnapshots.all(d));

        assertThat(data.getProvenance().getSourceProvenance().toString())
                .contains("100 rows (10 churned weighing 9.000000 each, 90 retained weighing 1)")
                .contains("as of 2025-01-01 to 2025-01-01").contains("120-day horizon").contains("schema tiny-1");
    }

    @Test
    void examplesForPredictionAreUnweightedAndUnlabelled() {
        List<Example<Label>> examples = TribuoData.unlabelled(d, new int[] {0, 5});

        assertThat(examples).hasSize(2);
        assertThat(examples).allSatisfy(e -> {
            assertThat(e.getWeight()).isEqualTo(1f);
            assertThat(e.getOutput()).isEqualTo(LabelFactory.UNKNOWN_LABEL);
            assertThat(e.size()).isEqualTo(3);
        });
    }

    @Test
    void rowsOfOneClassAreRefused() {
        int[] retainedOnly = {1, 2, 3};

        assertThatThrownBy(() -> TribuoData.trainingSet(d, retainedOnly))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("0 churned and 3 retained; a churn model needs both");
    }

    @Test
    void aRowOutOfRangeIsRefused() {
        assertThatThrownBy(() -> TribuoData.unlabelled(d, new int[] {100}))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("row 100 is out of range (the dataset has 100 rows)");
    }
}
