package org.churnrisk.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.churnrisk.core.AtomicFiles;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.sample.BookGenerator;
import org.churnrisk.sample.GenerationReport;
import org.churnrisk.sample.GeneratorConfig;
import org.churnrisk.sample.UsageLayout;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How many usage rows per second the sample-data generator writes, against the bound set by
 * writing the same bytes without simulating anything.
 *
 * <p>{@link #generateBook} makes a whole book ({@code truthSamples} 0, so {@code truth.csv}'s
 * separate cost is left out) into a temp directory, replacing the previous one. {@link
 * #writeRowsBaseline} writes as many bytes of real {@code usage.csv} rows, 64 KiB at a time,
 * through the same stream stack the generator uses for the layout: a {@link BufferedOutputStream}
 * for {@code csv}, gzip at the default level for the gzipped layouts (one file, not monthly
 * parts). The gap between the two is the cost of the simulation itself. Files go under {@code
 * java.io.tmpdir} (pass {@code -jvmArgsAppend -Djava.io.tmpdir=<dir>} to measure another disk)
 * and are deleted at the end of each trial.
 *
 * <p>The mode is throughput: the primary score is books per second, and the {@code usageRows}
 * counter ({@link UsageRows}) is usage rows per second. An iteration ends after the book that
 * crosses its time, and JMH divides by the time actually taken, so long books are counted right.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar GeneratorBenchmark -prof gc
 * java -jar benchmarks/target/benchmarks.jar GeneratorBenchmark -p accounts=10000 -p layout=csv
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// At the default sizes a csv book takes about a second and a gzipped one four. An iteration runs at
// least one whole book, so these settings keep the whole run near two minutes.
@Warmup(iterations = 1, time = 4)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class GeneratorBenchmark {
    private static final long SEED = 42;
    /** The write size of the generator's CSV writer, and so of the baseline. */
    private static final int CHUNK = 1 << 16;
    /** The most of the reference usage.csv kept in memory; the baseline cycles through it. */
    private static final int BLOCK_BYTES = 8 << 20;

    @Param({"2000"})
    public int accounts;

    @Param({"365"})
    public int days;

    /** A {@link UsageLayout} label: csv, csv.gz or monthly-csv.gz. */
    @Param({"csv", "csv.gz"})
    public String layout;

    private GeneratorConfig config;
    private Path dir;
    private Path book;
    private Path baselineFile;
    /** Usage rows (header excluded) and bytes of the same book written as plain CSV. */
    private long referenceRows;
    private long referenceBytes;
    /** Whole rows from the start of the reference usage.csv. */
    private byte[] block;

    /** Counts usage rows; JMH divides the count by the iteration's time and reports rows/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class UsageRows {
        /** Usage rows written in the current iteration (JMH resets it per iteration). */
        public long usageRows;
    }

    /**
     * Makes the temp directory and one reference book in plain CSV, whose row count checks every
     * generated book and whose usage.csv gives the baseline its bytes.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        config = GeneratorConfig.builder().accounts(accounts).days(days).seed(SEED).truthSamples(0)
                .usageLayout(UsageLayout.parse(layout)).build();
        dir = Files.createTempDirectory("churn-generator-bench-");
        book = dir.resolve("book");
        baselineFile = dir.resolve(config.usageLayout() == UsageLayout.CSV ? "baseline.csv" : "baseline.csv.gz");

        Path reference = dir.resolve("reference");
        GenerationReport report = BookGenerator.generate(config.toBuilder().usageLayout(UsageLayout.CSV).build(),
                reference, false, ProgressListener.NONE);
        Path usage = reference.resolve("usage.csv");
        referenceRows = report.usageRows();
        referenceBytes = Files.size(usage);
        block = wholeRows(usage, BLOCK_BYTES);
        AtomicFiles.deleteTree(reference);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (dir != null) {
            AtomicFiles.deleteTree(dir);
        }
    }

    /** Generates the whole book, replacing the one the previous invocation wrote. */
    @Benchmark
    public GenerationReport generateBook(UsageRows counter) throws IOException {
        GenerationReport report = BookGenerator.generate(config, book, true, ProgressListener.NONE);
        if (report.usageRows() != referenceRows) {
            // The layout must not change what is simulated; if it did, the rows/s would not compare.
            throw new IllegalStateException("book has " + report.usageRows() + " usage rows, the reference "
                    + referenceRows + "; the generator is no longer deterministic across layouts");
        }
        counter.usageRows += report.usageRows();
        return report;
    }

    /** Writes the reference usage.csv's byte count of pre-built rows, counting its rows. */
    @Benchmark
    public long writeRowsBaseline(UsageRows counter) throws IOException {
        try (OutputStream out = open(baselineFile)) {
            // Not a repetition loop: this is the file being written, in the generator's write size.
            int pos = 0;
            for (long left = referenceBytes; left > 0; ) {
                int n = (int) Math.min(Math.min(CHUNK, left), block.length - pos);
                out.write(block, pos, n);
                pos = (pos + n) % block.length;
                left -= n;
            }
        }
        counter.usageRows += referenceRows;
        return referenceBytes;
    }

    private OutputStream open(Path file) throws IOException {
        OutputStream raw = Files.newOutputStream(file);
        if (config.usageLayout() == UsageLayout.CSV) {
            return new BufferedOutputStream(raw, CHUNK);
        }
        // Gzip at the default level over a 64 KiB buffer: BookSimulation's stack, kept in step by hand.
        return new GZIPOutputStream(new BufferedOutputStream(raw, CHUNK), CHUNK);
    }

    /** Up to {@code limit} bytes from the start of a CSV file, cut after the last complete row. */
    private static byte[] wholeRows(Path csv, int limit) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(csv)) {
            head = in.readNBytes(limit);
        }
        int end = head.length;
        while (end > 0 && head[end - 1] != '\n') {
            end--;
        }
        if (end == 0) {
            throw new IllegalStateException(csv + " has no complete row in its first " + limit + " bytes");
        }
        return Arrays.copyOf(head, end);
    }
}
