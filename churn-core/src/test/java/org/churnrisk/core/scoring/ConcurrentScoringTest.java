package org.churnrisk.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrentScoringTest {
    @Test
    void threadsScoringTheSameVectorsAgreeWithOneThread() throws Exception {
        TreeEnsembleScorer s = RandomTrees.ensemble(21, 60, 8, 6);
        Random rnd = new Random(21);
        double[][] vectors = new double[2000][];
        double[] expected = new double[vectors.length];
        double[] expectedPhi = new double[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = RandomTrees.vector(rnd, 8);
            expected[i] = s.probability(vectors[i]);
            // TreeSHAP is thousands of times slower than scoring: explain every tenth vector.
            expectedPhi[i] = i % 10 == 0 ? s.contributions(vectors[i], 0, new double[8]) : 0;
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<double[]>> tasks = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                tasks.add(() -> {
                    double[] got = new double[vectors.length * 2];
                    double[] phi = new double[8];
                    for (int i = 0; i < vectors.length; i++) {
                        got[2 * i] = s.probability(vectors[i]);
                        got[2 * i + 1] = i % 10 == 0 ? s.contributions(vectors[i], 0, phi) : 0;
                    }
                    return got;
                });
            }
            double[] want = new double[vectors.length * 2];
            for (int i = 0; i < vectors.length; i++) {
                want[2 * i] = expected[i];
                want[2 * i + 1] = expectedPhi[i];
            }
            for (Future<double[]> f : pool.invokeAll(tasks)) {
                assertThat(f.get()).containsExactly(want);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
