package org.churnrisk.train.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.model.Calibration;
import org.churnrisk.core.scoring.TreeEnsembleScorer;
import org.churnrisk.train.eval.Metrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real training on a generated book (400 accounts, two years), tested out of time on its last
 * four snapshot dates. Each algorithm is trained once up front; the AUCs and training times are
 * printed for the record, not asserted beyond beating the health score.
 */
class ChurnTrainerTest {
    static final long SEED = 42;
    @TempDir
    static Path tmp;
    static GeneratedBook book;
    static final Map<Algorithm, double[]> predictions = new EnumMap<>(Algorithm.class);

    @BeforeAll
    static void trainEachAlgorithm() throws IOException {
        long started = System.nanoTime();
        book = GeneratedBook.generate(tmp.resolve("book"), 0);
        System.out.printf("book: %.1f s; %d train rows (%d churned), %d test rows (%d churned) from %s%n",
                (System.nanoTime() - started) / 1e9, book.train().length, count(book.churned(book.train())),
                book.test().length, count(book.churned(book.test())), book.firstTest());
        for (Algorithm a : Algorithm.values()) {
            long t0 = System.nanoTime();
            ChurnClassifier model = ChurnTrainer.train(book.data(), book.train(), a, SEED);
            long t1 = System.nanoTime();
            double[] p = model.predict(book.data(), book.test());
            long t2 = System.nanoTime();
            predictions.put(a, p);
            System.out.printf("%-8s train %.2f s, predict %.3f s, out-of-time AUC %.4f%n", a, (t1 - t0) / 1e9,
                    (t2 - t1) / 1e9, Metrics.rocAuc(p, book.churned(book.test())));
        }
        System.out.printf("health   out-of-time AUC %.4f%n",
                Metrics.rocAuc(book.healthRisk(book.test()), book.churned(book.test())));
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void predictionsAreProbabilitiesOnePerTestRow(Algorithm algorithm) {
        double[] p = predictions.get(algorithm);

        assertThat(p).hasSize(book.test().length);
        assertThat(Arrays.stream(p).boxed().toList()).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void theOutOfTimeAucBeatsTheHealthScore(Algorithm algorithm) {
        boolean[] y = book.churned(book.test());

        double model = Metrics.rocAuc(predictions.get(algorithm), y);
        double health = Metrics.rocAuc(book.healthRisk(book.test()), y);

        assertThat(model).isGreaterThan(health);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void theSameSeedGivesTheSamePredictions(Algorithm algorithm) {
        double[] again = ChurnTrainer.train(book.data(), book.train(), algorithm, SEED).predict(book.data(), book.test());

        assertThat(again).containsExactly(predictions.get(algorithm));
    }

    @Test
    void aChosenBoostingShapeGivesThatManyTreesOfAtMostThatDepth() {
        ChurnTrainer.Boosting shape = new ChurnTrainer.Boosting(7, 2, 0.3, 1.0, 1.0);

        ChurnClassifier model = ChurnTrainer.trainXGBoost(book.data(), book.train(), shape, SEED);
        TreeEnsembleScorer trees = (TreeEnsembleScorer) model.compile(new Calibration.Identity());

        assertThat(model.algorithm()).isEqualTo(Algorithm.XGBOOST);
        assertThat(trees.churnTrees()).hasSize(7);
        assertThat(trees.stayTrees()).hasSize(7);
        assertThat(trees.depth()).isBetween(1, 2);
    }

    @Test
    void aBoostingShapeOutsideItsRangeIsRefusedWithTheValues() {
        assertThatThrownBy(() -> new ChurnTrainer.Boosting(0, 6, 0.1, 0.8, 1.0))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("0 rounds");
        assertThatThrownBy(() -> new ChurnTrainer.Boosting(100, 6, 0.1, 1.5, 1.0))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("subsample 1.5");
    }

    @Test
    void noTrainingLabelWindowReachesIntoTheTestPeriod() {
        int horizon = book.data().policy().horizonDays();

        assertThat(Arrays.stream(book.train()).mapToObj(r -> book.data().asOf(r).plusDays(horizon)).toList())
                .isNotEmpty().allSatisfy(windowEnd -> assertThat(windowEnd).isBeforeOrEqualTo(book.firstTest()));
        assertThat(Arrays.stream(book.test()).mapToObj(r -> book.data().asOf(r)).distinct())
                .hasSize(GeneratedBook.TEST_DATES);
    }

    private static int count(boolean[] y) {
        int n = 0;
        for (boolean b : y) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
