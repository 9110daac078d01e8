package org.churnrisk.benchmarks;

import java.io.IOException;
import java.time.LocalDate;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.core.scoring.CompiledScorer;
import org.churnrisk.train.model.Algorithm;
import org.churnrisk.score.ChurnModel;
import org.churnrisk.score.ScoredAccount;
import org.churnrisk.score.ScoredBook;
import org.churnrisk.score.ScoringSettings;
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
 * What the nightly run's scoring costs, and how it grows with the accounts: {@link ChurnModel}'s
 * own {@code score}, with every account's probability, band, drivers and play, as {@code churn
 * score} runs it.
 *
 * <ul>
 *   <li>{@link #scoreTable}: {@code ChurnModel.score(FeatureTable, ...)} of a feature table of
 *       {@code accounts} rows tiled from the real vectors of {@link ScoringModels}' book: scoring
 *       alone, features excluded, on every core;</li>
 *   <li>{@link #scoreBookOnDisk}: {@code ChurnModel.score(Path, LocalDate)} of that book of
 *       {@value ScoringModels#ACCOUNTS} accounts on disk as of the day after its data ends:
 *       reading the exports, extracting the features and scoring, as {@code churn score} does
 *       (without writing the report);</li>
 *   <li>{@link #probabilitiesOnly}, the floor: the batched probabilities of the same table on the
 *       calling thread, without drivers, bands or plays.</li>
 * </ul>
 * The score is time per book; divide by {@code accounts} for time per account. The secondary
 * results {@code cpuMillisPerOp} and {@code cores} ({@link CpuTime.OfProcess}) give the CPU time
 * per book and how many cores the run actually got. Drivers of the 200-tree XGBoost model cost
 * about half a millisecond of CPU per account (TreeSHAP), so a million accounts take minutes per
 * operation: measure that size on its own.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar BookScoringBenchmark -prof gc -p accounts=10000
 * java -jar benchmarks/target/benchmarks.jar 'BookScoringBenchmark.scoreTable' -p accounts=1000000 -p algorithm=logistic
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "--add-modules", "jdk.incubator.vector"})
public class BookScoringBenchmark {

    /** A model of one algorithm, loaded from its bundle as {@code churn score} loads it. */
    @State(Scope.Benchmark)
    public static class Model {
        @Param({"logistic", "xgboost"})
        public String algorithm;

        ScoringModels models;
        ChurnModel churn;

        @Setup(Level.Trial)
        public void load() throws IOException {
            models = ScoringModels.open();
            churn = ChurnModel.load(models.bundle(Algorithm.parse(algorithm)).directory(), ScoringSettings.DEFAULT);
        }
    }

    /** A feature table of {@code accounts} rows, tiled from the book's real vectors. */
    @State(Scope.Benchmark)
    public static class Table {
        @Param({"10000", "100000", "1000000"})
        public int accounts;

        FeatureTable table;
        double[] values;
        double[] out;

        @Setup(Level.Trial)
        public void tile(Model model) {
            ScoringModels models = model.models;
            double[] pool = models.poolVectors();
            int n = models.schema.size();
            int poolRows = pool.length / n;
            values = new double[accounts * n];
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
    }

    @Benchmark
    public List<ScoredAccount> scoreTable(Model model, Table table, CpuTime.OfProcess cpu) {
        cpu.count();
        return model.churn.score(table.table, Map.of(), ProgressListener.NONE);
    }

    @Benchmark
    public ScoredBook scoreBookOnDisk(Model model, CpuTime.OfProcess cpu) throws IOException {
        cpu.count();
        LocalDate asOf = model.models.poolTables.get(model.models.poolTables.size() - 1).asOf();
        return model.churn.score(model.models.book, asOf);
    }

    @Benchmark
    public double[] probabilitiesOnly(Model model, Table table, CpuTime.OfProcess cpu) {
        cpu.count();
        CompiledScorer scorer = model.churn.scorer();
        scorer.probabilities(table.values, 0, table.accounts, table.out, 0);
        return table.out;
    }
}
