package org.churnrisk.train.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.churnrisk.train.data.SnapshotDataset;
import org.churnrisk.train.eval.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's own 120-day churn probability (truth.csv, from 32 simulated paths per account
 * and month start) beside both models and the health score, on the same out-of-time rows. The
 * AUCs are printed for the record; only the join is asserted.
 */
class TruthComparisonTest {
    @Test
    void everyTestRowHasATruthToCompareWith(@TempDir Path tmp) throws IOException {
        GeneratedBook book = GeneratedBook.generate(tmp.resolve("book"), 32);
        Map<String, Double> truth = book.truth();
        SnapshotDataset d = book.data();
        int[] test = book.test();
        double[] truthP = new double[test.length];
        int missing = 0;
        for (int i = 0; i < test.length; i++) {
            Double p = truth.get(d.account(test[i]) + "|" + d.asOf(test[i]));
            missing += p == null ? 1 : 0;
            truthP[i] = p == null ? 0 : p;
        }
        assertThat(missing).as("test rows without a truth row").isZero();

        boolean[] y = book.churned(test);
        for (Algorithm a : Algorithm.values()) {
            double[] p = ChurnTrainer.train(d, book.train(), a, ChurnTrainerTest.SEED).predict(d, test);
            System.out.printf("truth book: %-8s AUC %.4f%n", a, Metrics.rocAuc(p, y));
        }
        System.out.printf("truth book: health   AUC %.4f%n", Metrics.rocAuc(book.healthRisk(test), y));
        System.out.printf("truth book: truth    AUC %.4f on %d rows (%d churned)%n", Metrics.rocAuc(truthP, y),
                test.length, count(y));
    }

    private static int count(boolean[] y) {
        int n = 0;
        for (boolean b : y) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
