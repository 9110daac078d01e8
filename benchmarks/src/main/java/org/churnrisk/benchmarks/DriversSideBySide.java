package org.churnrisk.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.churnrisk.core.scoring.CompiledScorer;
import org.churnrisk.train.model.Algorithm;

/**
 * The TreeSHAP drivers of {@link ScoringModels}' XGBoost model one account at a time and in
 * batched calls of 64, in turn, round after round, in thread CPU time per account: a ratio that
 * holds up on a shared machine, where JMH's wall times do not. Not JMH; {@code TreeBatchBenchmark}
 * has the same two as {@code contributions} and {@code contributionsBatch}.
 *
 * <pre>{@code
 * java -Xmx2g --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     org.churnrisk.benchmarks.DriversSideBySide [rounds]
 * }</pre>
 */
public final class DriversSideBySide {
    private static final int BATCH = 64;

    private DriversSideBySide() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        ScoringModels models = ScoringModels.open();
        CompiledScorer scorer = models.bundle(Algorithm.XGBOOST).scorer();
        double[] vectors = models.poolVectors();
        int n = models.schema.size();
        int rows = vectors.length / n / BATCH * BATCH;
        double[] one = new double[n];
        double[] block = new double[rows * n];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double sink = 0;
        System.out.println("round\tone at a time, us\tbatched, us\tratio");
        for (int round = 0; round < rounds; round++) {
            long c0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < rows; i++) {
                sink += scorer.contributions(vectors, i * n, one) + one[0];
            }
            long c1 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < rows; i += BATCH) {
                sink += scorer.contributions(vectors, i * n, BATCH, block, i * n) + block[i * n];
            }
            long c2 = threads.getCurrentThreadCpuTime();
            System.out.printf("%d\t%.1f\t%.1f\t%.2f%n", round, (c1 - c0) / 1e3 / rows, (c2 - c1) / 1e3 / rows,
                    (double) (c1 - c0) / (c2 - c1));
        }
        System.out.println("# checksum " + sink);
    }
}
