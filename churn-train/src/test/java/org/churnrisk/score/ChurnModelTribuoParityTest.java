package org.churnrisk.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.features.Feature;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.features.FeatureSettings;
import org.churnrisk.train.bundle.ModelBundle;
import org.junit.jupiter.api.Test;

/**
 * What churn-score's ChurnModel reports for a book equals what Tribuo predicts from the same bundle:
 * the test that needs churn-train (training, and Tribuo's predictions), so it lives here.
 */
class ChurnModelTribuoParityTest {
    @Test
    void probabilitiesMatchTheBundlesOwnPredictions() throws IOException {
        TrainedBook trained = TrainedBook.get();
        ScoredBook scored = ChurnModel.load(trained.model()).score(trained.book(), trained.asOf());
        FeatureTable table = FeatureExtractor.create(FeatureSettings.forBook(trained.book(), null))
                .extract(trained.book(), trained.asOf());
        double[] expected = ModelBundle.load(trained.model(), Feature.SCHEMA).predictProbabilities(table);

        for (int r = 0; r < table.rows(); r++) {
            ScoredAccount a = scored.account(table.accountIds().get(r));
            if (a.scored()) {
                assertThat(a.probability()).as(a.accountId()).isCloseTo(expected[r],
                        org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }
}
