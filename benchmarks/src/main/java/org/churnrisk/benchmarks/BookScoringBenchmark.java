package org.churnrisk.benchmarks;

import java.io.IOException;
import java.util.AbstractList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.core.scoring.CompiledScorer;
import org.churnrisk.train.model.Algorithm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What scoring a whole book costs, and how it grows with the accounts: the compiled scorer on a
 * feature table of {@code accounts} rows, tiled from the real vectors of {@link ScoringModels}'
 * book.
 *
 * <ul>
 *   <li>{@link #scoreBook}: {@link CompiledScorer#probabilities(FeatureTable, double[])}, which
 *       splits large tables over a parallel stream (both cores here), into a reused array;</li>
 *   <li>{@link #scoreBookAllocating}: {@link CompiledScorer#probabilities(FeatureTable)}, the
 *       same with a new result array (8 bytes per account);</li>
 *   <li>{@link #scoreBookOneThread}, the baseline: every row on the calling thread.</li>
 * </ul>
 * The score is time per book; divide by {@code accounts} for time per account. The secondary
 * results {@code cpuMillisPerOp} and {@code cores} ({@link CpuTime.OfProcess}) give the CPU time
 * per book and how many cores the run actually got.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar BookScoringBenchmark -prof gc
 * java -jar benchmarks/target/benchmarks.jar BookScoringBenchmark -p accounts=1000000 -p algorithm=xgboost
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "--add-modules", "jdk.incubator.vector"})
public class BookScoringBenchmark {
    @Param({"10000", "100000", "1000000"})
    public int accounts;

    @Param({"logistic", "xgboost"})
    public String algorithm;

    private CompiledScorer scorer;
    private FeatureTable table;
    private double[] out;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        ScoringModels models = ScoringModels.open();
        scorer = models.bundle(Algorithm.parse(algorithm)).scorer();
        double[] pool = models.poolVectors();
        int n = models.schema.size();
        int poolRows = pool.length / n;
        double[] values = new double[accounts * n];
        for (int r = 0; r < accounts; r++) {
            System.arraycopy(pool, (r % poolRows) * n, values, r * n, n);
        }
        List<String> ids = new AbstractList<>() {
            @Override
            public String get(int i) {
                return String.format("acct-%07d", i);
            }

            @Override
            public int size() {
                return accounts;
            }
        };
        table = FeatureTable.ofOwnedArrays(models.schema, models.poolTables.get(0).asOf(), ids, values,
                new double[accounts]);
        out = new double[accounts];
    }

    @Benchmark
    public double[] scoreBook(CpuTime.OfProcess cpu) {
        cpu.count();
        scorer.probabilities(table, out);
        return out;
    }

    @Benchmark
    public double[] scoreBookAllocating(CpuTime.OfProcess cpu) {
        cpu.count();
        return scorer.probabilities(table);
    }

    @Benchmark
    public double[] scoreBookOneThread(CpuTime.OfProcess cpu) {
        cpu.count();
        table.scoreRows(scorer, 0, accounts, out);
        return out;
    }
}
