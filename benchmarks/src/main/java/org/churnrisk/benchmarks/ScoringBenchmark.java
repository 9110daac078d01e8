package org.churnrisk.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.churnrisk.core.scoring.CompiledScorer;
import org.churnrisk.core.scoring.LinearScorer;
import org.churnrisk.train.bundle.LoadedBundle;
import org.churnrisk.train.model.Algorithm;
import org.churnrisk.train.model.TribuoData;
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
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.impl.ArrayExample;

/**
 * What scoring one account costs: Tribuo's {@code predict} against the compiled scorer, on the
 * same model and the same real feature vectors, beside the bound of the bare arithmetic.
 *
 * <ul>
 *   <li>{@link #tribuoPredict}: {@code Model.predict(Example)} on a prebuilt {@link ArrayExample}
 *       (building it would add its own cost), then the churn probability, calibrated.</li>
 *   <li>{@link #compiledScore}: {@link CompiledScorer#probability(double[], int)}, calibrated.</li>
 *   <li>{@link #compiledContributions}: the per-feature drivers of the same account.</li>
 *   <li>{@link #baseline}, per row of a block of {@value #BLOCK}: for logistic regression a plain
 *       one-accumulator dot product of the compiled weights (the arithmetic, no calibration);
 *       for XGBoost, xgboost4j's own batch {@code Booster.predict} on one thread, on a new
 *       {@link DMatrix} of the block each time (XGBoost caches predictions per matrix, so a
 *       reused matrix would not be scored again).</li>
 * </ul>
 * Each invocation takes the next vector of a pool of {@value #POOL} real vectors (every account
 * active at the last four month starts of the book in {@link ScoringModels}), so branches and
 * caches see real data, not one vector over and over. The secondary result
 * {@code cpuNanosPerOp} is the thread's CPU time per operation ({@link CpuTime.OfThread}),
 * which leaves out the time spent waiting for a core on a busy machine. The forks start with
 * {@code --add-modules jdk.incubator.vector}, so linear scoring takes its vector path; replace
 * the fork's arguments ({@code -jvmArgsAppend -Xmx2g}) to measure the scalar one.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar '\.ScoringBenchmark\.' -prof gc
 * java -jar benchmarks/target/benchmarks.jar 'ScoringBenchmark.compiledScore' -p algorithm=xgboost
 * java -jar benchmarks/target/benchmarks.jar 'ScoringBenchmark.compiledScore' -p algorithm=logistic -jvmArgsAppend -Xmx2g
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-modules", "jdk.incubator.vector"})
public class ScoringBenchmark {
    /** Vectors in the pool: a power of two, so the next index is a mask away. */
    static final int POOL = 4096;
    static final int BLOCK = 256;

    @Param({"logistic", "xgboost"})
    public String algorithm;

    private Model<Label> model;
    private CompiledScorer scorer;
    private double[] vectors;
    private int features;
    private List<Example<Label>> examples;
    private double[] weights;
    private Booster booster;
    /** The pool in XGBoost's feature order, as float32. */
    private float[] xgbVectors;
    private int next;
    private double[] contributions;

    @Setup(Level.Trial)
    public void setUp() throws IOException, XGBoostError {
        ScoringModels models = ScoringModels.open();
        LoadedBundle bundle = models.bundle(Algorithm.parse(algorithm));
        model = bundle.model();
        scorer = bundle.scorer();
        features = models.schema.size();
        contributions = new double[features];
        double[] all = models.poolVectors();
        if (all.length < POOL * features) {
            throw new IllegalStateException("the book has " + all.length / features + " vectors, fewer than " + POOL);
        }
        vectors = java.util.Arrays.copyOf(all, POOL * features);
        String[] names = models.schema.names().toArray(new String[0]);
        examples = new ArrayList<>(POOL);
        for (int i = 0; i < POOL; i++) {
            examples.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names,
                    java.util.Arrays.copyOfRange(vectors, i * features, (i + 1) * features)));
        }
        if (scorer instanceof LinearScorer linear) {
            weights = linear.weights();
        } else {
            @SuppressWarnings("unchecked")
            XGBoostModel<Label> xgb = (XGBoostModel<Label>) model;
            booster = xgb.getInnerModels().get(0);
            // One thread, for the baseline and for tribuoPredict alike (they share the booster).
            booster.setParam("nthread", 1);
            xgbVectors = new float[POOL * features];
            for (int f = 0; f < features; f++) {
                int id = xgb.getFeatureIDMap().getID(names[f]);
                for (int i = 0; i < POOL; i++) {
                    xgbVectors[i * features + id] = (float) vectors[i * features + f];
                }
            }
        }
    }

    @Benchmark
    public double tribuoPredict(CpuTime.OfThread cpu) {
        cpu.count(1);
        int i = next++ & (POOL - 1);
        double p = model.predict(examples.get(i)).getOutputScores().get(TribuoData.CHURN).getScore();
        return scorer.calibration().apply(p);
    }

    @Benchmark
    public double compiledScore(CpuTime.OfThread cpu) {
        cpu.count(1);
        int i = next++ & (POOL - 1);
        return scorer.probability(vectors, i * features);
    }

    /**
     * The drivers of one account: {@link CompiledScorer#contributions}, TreeSHAP for XGBoost
     * (its cost grows with trees x leaves x depth squared), weight x (value - mean) for logistic.
     */
    @Benchmark
    public double compiledContributions(CpuTime.OfThread cpu) {
        cpu.count(1);
        int i = next++ & (POOL - 1);
        return scorer.contributions(vectors, i * features, contributions);
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public double baseline(CpuTime.OfThread cpu) throws XGBoostError {
        cpu.count(BLOCK);
        int from = (next += BLOCK) & (POOL - 1);
        if (weights != null) {
            double sum = 0;
            for (int i = from; i < from + BLOCK; i++) {
                double dot = 0;
                for (int f = 0, at = i * features; f < features; f++) {
                    dot += weights[f] * vectors[at + f];
                }
                sum += dot;
            }
            return sum;
        }
        float[] block = java.util.Arrays.copyOfRange(xgbVectors, from * features, (from + BLOCK) * features);
        DMatrix matrix = new DMatrix(block, BLOCK, features, Float.NaN);
        try {
            return booster.predict(matrix)[BLOCK - 1][0];
        } finally {
            matrix.dispose();
        }
    }
}
