package org.churnrisk.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.churnrisk.core.scoring.TreeEnsembleScorer;
import org.churnrisk.train.model.Algorithm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How the compiled tree scorer's cost grows with the trees: the first {@code rounds} boosting
 * rounds (two trees each) of {@link ScoringModels}' XGBoost model, scoring one real vector of the
 * pool per operation ({@link #compiledScore}, as {@link ScoringBenchmark#compiledScore} does with
 * all 100) and {@value #BATCH} consecutive vectors per call ({@link #compiledBatch}, per account).
 * The forks have the Vector API, so these are the vector kernels; {@code -jvmArgsAppend -Xmx2g}
 * measures the flat ones.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar TreeScalingBenchmark
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-modules", "jdk.incubator.vector"})
public class TreeScalingBenchmark {
    static final int BATCH = 256;

    @Param({"10", "25", "50", "100"})
    public int rounds;

    private TreeEnsembleScorer scorer;
    private double[] vectors;
    private int features;
    private int next;
    private final double[] out = new double[BATCH];

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        ScoringModels models = ScoringModels.open();
        TreeEnsembleScorer all = (TreeEnsembleScorer) models.bundle(Algorithm.XGBOOST).scorer();
        scorer = TreeEnsembleScorer.of(all.schema(), all.calibration(), all.baseScore(),
                all.churnTrees().subList(0, rounds), all.stayTrees().subList(0, rounds));
        features = models.schema.size();
        vectors = java.util.Arrays.copyOf(models.poolVectors(), ScoringBenchmark.POOL * features);
    }

    @Benchmark
    public double compiledScore(CpuTime.OfThread cpu) {
        cpu.count(1);
        int i = next++ & (ScoringBenchmark.POOL - 1);
        return scorer.probability(vectors, i * features);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double compiledBatch(CpuTime.OfThread cpu) {
        cpu.count(BATCH);
        int from = (next += BATCH) & (ScoringBenchmark.POOL - 1);
        scorer.probabilities(vectors, from * features, BATCH, out, 0);
        return out[BATCH - 1];
    }
}
