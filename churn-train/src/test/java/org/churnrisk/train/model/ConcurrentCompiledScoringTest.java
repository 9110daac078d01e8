package org.churnrisk.train.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.core.model.Calibration;
import org.churnrisk.core.scoring.CompiledScorer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One compiled scorer shared by several threads scores exactly as it does on one thread. */
class ConcurrentCompiledScoringTest {
    static final int THREADS = 4;
    static final int ROUNDS = 5;
    /** TreeSHAP costs about a millisecond a row for 200 trees: explain every tenth row only. */
    static final int EXPLAIN_EVERY = 10;

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void threadsSharingAScorerGetTheSingleThreadScores(Algorithm algorithm) throws Exception {
        SampleBook book = SampleBook.get();
        CompiledScorer scorer = book.model(algorithm).compile(new Calibration.Platt(1.1, -0.7));
        FeatureTable table = book.scored.get(0);
        int n = scorer.schema().size();
        double[] expected = scores(scorer, table, n);

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<double[]> results = new ArrayList<>();
        try {
            List<Callable<double[]>> tasks = new ArrayList<>();
            for (int k = 0; k < THREADS * 2; k++) {
                tasks.add(() -> {
                    double[] last = null;
                    for (int round = 0; round < ROUNDS; round++) {
                        last = scores(scorer, table, n);
                    }
                    return last;
                });
            }
            for (Future<double[]> f : pool.invokeAll(tasks)) {
                results.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(results).hasSize(THREADS * 2).allSatisfy(r -> assertThat(r).containsExactly(expected));
    }

    /** Per row: the probability, the margin, and (every tenth row) the contributions' base and first value. */
    private static double[] scores(CompiledScorer scorer, FeatureTable table, int n) {
        double[] out = new double[table.rows() * 4];
        double[] phi = new double[n];
        for (int r = 0; r < table.rows(); r++) {
            double[] x = table.row(r);
            out[4 * r] = scorer.probability(x);
            out[4 * r + 1] = scorer.margin(x);
            if (r % EXPLAIN_EVERY == 0) {
                out[4 * r + 2] = scorer.contributions(x, 0, phi);
                out[4 * r + 3] = phi[0];
            }
        }
        return out;
    }
}
