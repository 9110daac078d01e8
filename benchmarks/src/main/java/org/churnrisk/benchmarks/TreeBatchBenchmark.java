package org.churnrisk.benchmarks;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.churnrisk.core.scoring.CompiledScorer;
import org.churnrisk.train.bundle.LoadedBundle;
import org.churnrisk.train.model.Algorithm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;

/**
 * The tree kernels side by side in one run, on {@link ScoringModels}' XGBoost model (200 trees of
 * depth 6) and the same pool of real vectors as {@link ScoringBenchmark}: the vector kernels the
 * scorer uses when the JVM has the Vector API, the flat kernels before them (the same code, in
 * forks started with {@code -Dchurn.trees=flat}; also what runs without the Vector API), and
 * xgboost4j on one thread as the peer. Times are per account.
 *
 * <ul>
 *   <li>{@link #scoreOne}, {@link #scoreOneFlat}: {@code probability}, one account per call.</li>
 *   <li>{@link #scoreBatch}, {@link #scoreBatchFlat}: {@code probabilities} over {@value #BATCH}
 *       consecutive vectors of the pool, on the calling thread.</li>
 *   <li>{@link #xgboostBatch}: xgboost4j's {@code Booster.predict} on a new {@link DMatrix} of
 *       the same {@value #BATCH} vectors (as float32, in XGBoost's feature order), one thread.</li>
 *   <li>{@link #contributions}: the exact TreeSHAP drivers of one account (edge-wise TreeSHAP;
 *       the same kernel either way).</li>
 *   <li>{@link #contributionsBatch}: the same drivers of {@value #SHAP_ROWS} consecutive vectors in
 *       one batched call, as the report's scoring calls it (with the Vector API, blocks of one
 *       account per lane through each tree).</li>
 *   <li>{@link #contributionsBatchScalar}, {@link #contributionsBatch256}: the same batched call in forks
 *       started with {@code -Dchurn.shap=scalar} (the kernel one account at a time that runs without
 *       the Vector API or for trees deeper than 6) and {@code -Dchurn.shap.bits=256} (4 lanes, as on
 *       a processor with AVX2 but not AVX-512).</li>
 *   <li>{@link #xgboostContributions}: xgboost4j's {@code predictContrib} on {@value #CONTRIBUTION_ROWS}
 *       vectors, one thread.</li>
 * </ul>
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar TreeBatchBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-modules", "jdk.incubator.vector"})
public class TreeBatchBenchmark {
    static final int POOL = ScoringBenchmark.POOL;
    static final int BATCH = 256;
    static final int CONTRIBUTION_ROWS = 16;
    static final int SHAP_ROWS = 64;

    private CompiledScorer scorer;
    private double[] vectors;
    private int features;
    private Booster booster;
    /** The pool in XGBoost's feature order, as float32. */
    private float[] xgbVectors;
    private double[] out;
    private double[] contributions;
    private double[] contributionBlock;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException, XGBoostError {
        ScoringModels models = ScoringModels.open();
        LoadedBundle bundle = models.bundle(Algorithm.XGBOOST);
        scorer = bundle.scorer();
        features = models.schema.size();
        vectors = Arrays.copyOf(models.poolVectors(), POOL * features);
        out = new double[BATCH];
        contributions = new double[features];
        contributionBlock = new double[SHAP_ROWS * features];
        @SuppressWarnings("unchecked")
        XGBoostModel<Label> xgb = (XGBoostModel<Label>) bundle.model();
        booster = xgb.getInnerModels().get(0);
        booster.setParam("nthread", 1);
        String[] names = models.schema.names().toArray(new String[0]);
        xgbVectors = new float[POOL * features];
        for (int f = 0; f < features; f++) {
            int id = xgb.getFeatureIDMap().getID(names[f]);
            for (int i = 0; i < POOL; i++) {
                xgbVectors[i * features + id] = (float) vectors[i * features + f];
            }
        }
    }

    @Benchmark
    public double scoreOne(CpuTime.OfThread cpu) {
        cpu.count(1);
        return scorer.probability(vectors, (next++ & (POOL - 1)) * features);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-modules", "jdk.incubator.vector", "-Dchurn.trees=flat"})
    public double scoreOneFlat(CpuTime.OfThread cpu) {
        return scoreOne(cpu);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double scoreBatch(CpuTime.OfThread cpu) {
        cpu.count(BATCH);
        int from = (next += BATCH) & (POOL - 1);
        scorer.probabilities(vectors, from * features, BATCH, out, 0);
        return out[BATCH - 1];
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    @Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-modules", "jdk.incubator.vector", "-Dchurn.trees=flat"})
    public double scoreBatchFlat(CpuTime.OfThread cpu) {
        return scoreBatch(cpu);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double xgboostBatch(CpuTime.OfThread cpu) throws XGBoostError {
        cpu.count(BATCH);
        int from = (next += BATCH) & (POOL - 1);
        float[] block = Arrays.copyOfRange(xgbVectors, from * features, (from + BATCH) * features);
        DMatrix matrix = new DMatrix(block, BATCH, features, Float.NaN);
        try {
            return booster.predict(matrix)[BATCH - 1][0];
        } finally {
            matrix.dispose();
        }
    }

    @Benchmark
    public double contributions(CpuTime.OfThread cpu) {
        cpu.count(1);
        return scorer.contributions(vectors, (next++ & (POOL - 1)) * features, contributions);
    }

    @Benchmark
    @OperationsPerInvocation(SHAP_ROWS)
    public double contributionsBatch(CpuTime.OfThread cpu) {
        cpu.count(SHAP_ROWS);
        int from = (next += SHAP_ROWS) & (POOL - 1);
        return scorer.contributions(vectors, from * features, SHAP_ROWS, contributionBlock, 0);
    }

    @Benchmark
    @OperationsPerInvocation(SHAP_ROWS)
    @Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-modules", "jdk.incubator.vector", "-Dchurn.shap=scalar"})
    public double contributionsBatchScalar(CpuTime.OfThread cpu) {
        return contributionsBatch(cpu);
    }

    @Benchmark
    @OperationsPerInvocation(SHAP_ROWS)
    @Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-modules", "jdk.incubator.vector", "-Dchurn.shap.bits=256"})
    public double contributionsBatch256(CpuTime.OfThread cpu) {
        return contributionsBatch(cpu);
    }

    @Benchmark
    @OperationsPerInvocation(CONTRIBUTION_ROWS)
    public double xgboostContributions(CpuTime.OfThread cpu) throws XGBoostError {
        cpu.count(CONTRIBUTION_ROWS);
        int from = (next += CONTRIBUTION_ROWS) & (POOL - 1);
        float[] block = Arrays.copyOfRange(xgbVectors, from * features, (from + CONTRIBUTION_ROWS) * features);
        DMatrix matrix = new DMatrix(block, CONTRIBUTION_ROWS, features, Float.NaN);
        try {
            return booster.predictContrib(matrix, 0)[CONTRIBUTION_ROWS - 1][0];
        } finally {
            matrix.dispose();
        }
    }
}
