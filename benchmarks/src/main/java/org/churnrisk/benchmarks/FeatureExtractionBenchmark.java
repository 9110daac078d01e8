package org.churnrisk.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.ExtractionReport;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.features.FeatureSettings;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.features.io.BookSources;
import org.churnrisk.features.io.RecordCursor;
import org.churnrisk.features.io.mapping.BookConfig;
import org.churnrisk.features.io.mapping.SourceMapping;
import org.churnrisk.sample.BookGenerator;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * How many usage rows per second a whole feature extraction from a book on disk handles
 * (parsing, mapping, validation, aggregation and assembling the tables), against the bound of
 * only parsing the usage file, from CSV and from Parquet.
 *
 * <p>{@link #extract} runs {@link FeatureExtractor#extract(Path, ReadOptions, List,
 * java.util.function.Consumer)} with the book's own {@code churn.yaml}, for {@code snapshots}
 * monthly as-of dates ending at the export date. {@link #parseUsageBaseline} reads the same usage
 * file with the cursor for its format and nothing else, reading each column the way the usage
 * decoder does (hash, epoch second, hash, hash, integer, integer). The gap between the two is
 * what mapping, validation and aggregation cost, plus the six small files, which are CSV in
 * both formats.
 *
 * <p>Books: the plain-CSV book is generated once per trial into a temp directory under {@code
 * java.io.tmpdir}; for {@code parquet}, a copy of it with {@code usage.csv} converted by {@link
 * UsageParquet} (native types, SNAPPY, dictionary encoding, row groups of a million rows); for
 * {@code jsonl} and {@code jsonl.gz}, a copy with usage as a Mixpanel-style JSON Lines export
 * ({@link UsageJsonl}: nested {@code properties}, epoch seconds, a mapping with dotted paths). Temp
 * books are deleted at the end of the trial. To save the minute this takes, a book already in
 * {@code <java.io.tmpdir>/churn-bench-books/} is used instead and kept: {@code
 * accounts-6000-days-365-seed-42} for csv and the same name with {@code -parquet}, {@code -jsonl}
 * or {@code -jsonl-gz} for the other formats,
 * checked against their {@code generator.json}. Fill the cache with
 * <pre>{@code
 * bin/churn generate --accounts 6000 --days 365 --truth-samples 0 --out /tmp/churn-bench-books/accounts-6000-days-365-seed-42
 * java -cp benchmarks/target/benchmarks.jar org.churnrisk.benchmarks.UsageParquet \
 *     /tmp/churn-bench-books/accounts-6000-days-365-seed-42 /tmp/churn-bench-books/accounts-6000-days-365-seed-42-parquet
 * }</pre>
 *
 * <p>The mode is throughput: the primary score is extractions (or file reads) per second, the
 * {@code usageRows} counter ({@link UsageRows}) is usage rows per second, and {@code cpuMillis}
 * is the CPU the JVM used per second (2,000 when both cores of a 2-core machine are busy), which
 * tells a slow result from a starved one on a shared machine.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar FeatureExtractionBenchmark -prof gc
 * java -jar benchmarks/target/benchmarks.jar FeatureExtractionBenchmark.extract -p snapshots=24 -p format=csv
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// An extraction of the default book takes two to five seconds, so an iteration holds two or three;
// six benchmarks of 1 + 4 iterations of 6 s take about 4 minutes with the cached books, 5 without.
@Warmup(iterations = 1, time = 6)
@Measurement(iterations = 4, time = 6)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class FeatureExtractionBenchmark {
    private static final long SEED = 42;

    /** 6,000 accounts over 365 days make 10,844,329 usage rows (459 MB of CSV). */
    @Param({"6000"})
    public int accounts;

    @Param({"365"})
    public int days;

    /**
     * How usage is stored: {@code csv} (or {@code csv.gz}, the same file gzipped at the default
     * level), {@code parquet} as {@link UsageParquet} writes it, or a Mixpanel-style JSON Lines
     * export as {@link UsageJsonl} writes it ({@code jsonl}, {@code jsonl.gz}).
     */
    @Param({"csv", "parquet", "jsonl"})
    public String format;

    /**
     * Whether {@link #extract} hashes the files as it reads them ({@link ReadOptions#hashFiles()}),
     * as scoring and training do for their provenance; {@code -p hashFiles=false,true} compares.
     */
    @Param({"false"})
    public boolean hashFiles;

    private Path book;
    private Path usageFile;
    /** The book's usage mapping: the defaults, or the dotted paths of the JSON Lines books. */
    private SourceMapping usageMapping;
    /** The temp directory to delete at the end; null when the books are cached ones. */
    private Path tempDir;
    private FeatureExtractor extractor;
    private ReadOptions options;
    private BookManifest manifest;
    private long usageRows;

    /** The as-of dates, a parameter of {@link #extract} only (the baseline does not use them). */
    @State(Scope.Benchmark)
    public static class Dates {
        /** Monthly as-of dates ending at the export date. */
        @Param({"1", "12"})
        public int snapshots;

        List<LocalDate> asOf;

        @Setup(Level.Trial)
        public void setUp(FeatureExtractionBenchmark bench) {
            asOf = bench.manifest.asOfDates(snapshots, 0);
        }
    }

    /**
     * Counts usage rows and CPU time; JMH divides both by the iteration's time, so it reports
     * usage rows per second and CPU milliseconds per second (1,000 per core kept busy).
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class UsageRows {
        /** Usage rows handled in the current iteration (JMH resets it per iteration). */
        public long usageRows;
        /**
         * CPU time of the whole JVM (every thread: both of the extraction's, GC, JIT) in the
         * current iteration, in milliseconds. On a shared machine it shows how much CPU the
         * benchmark got: usageRows / cpuMillis * 1000 is usage rows per CPU-second.
         */
        public long cpuMillis;

        void add(long rows, long cpuNanosBefore) {
            usageRows += rows;
            cpuMillis += (processCpuNanos() - cpuNanosBefore) / 1_000_000;
        }
    }

    /** CPU time of this JVM so far, in nanoseconds. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Finds the cached book or makes one, and counts its usage rows once with the cursor. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (!List.of("csv", "csv.gz", "parquet", "jsonl", "jsonl.gz").contains(format)) {
            throw new IllegalArgumentException("format '" + format
                    + "' is not one of csv, csv.gz, parquet, jsonl, jsonl.gz");
        }
        GeneratorConfig config = GeneratorConfig.builder().accounts(accounts).days(days).seed(SEED).truthSamples(0)
                .usageLayout(UsageLayout.CSV).build();
        BookManifest wanted = new BookManifest(accounts, days, config.end(), SEED, "csv");
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "churn-bench-books");
        String name = "accounts-" + accounts + "-days-" + days + "-seed-" + SEED;
        Path cachedCsv = cache.resolve(name);
        Path cachedParquet = cache.resolve(name + "-parquet");
        Path cachedJsonl = cache.resolve(name + "-" + format.replace('.', '-'));
        long generatedRows = 0;
        if (format.equals("parquet") && isBook(cachedParquet, wanted, "usage.parquet")) {
            book = cachedParquet;
        } else if (!format.equals("csv") && isBook(cachedJsonl, wanted, "usage." + format)) {
            book = cachedJsonl;
        } else {
            Path csvBook = cachedCsv;
            if (!isBook(cachedCsv, wanted, "usage.csv")) {
                tempDir = Files.createTempDirectory("churn-extraction-bench-");
                csvBook = tempDir.resolve("book");
                generatedRows = BookGenerator.generate(config, csvBook, false, ProgressListener.NONE).usageRows();
            }
            book = csvBook;
            if (format.equals("parquet")) {
                if (tempDir == null) {
                    tempDir = Files.createTempDirectory("churn-extraction-bench-");
                }
                book = tempDir.resolve("book-parquet");
                UsageParquet.convertBook(csvBook, book);
            } else if (format.startsWith("jsonl")) {
                if (tempDir == null) {
                    tempDir = Files.createTempDirectory("churn-extraction-bench-");
                }
                book = tempDir.resolve("book-jsonl");
                UsageJsonl.convertBook(csvBook, book, format.endsWith(".gz"));
            } else if (format.equals("csv.gz")) {
                if (tempDir == null) {
                    tempDir = Files.createTempDirectory("churn-extraction-bench-");
                }
                book = tempDir.resolve("book-csv-gz");
                gzipUsage(csvBook, book);
            }
        }
        manifest = BookManifest.read(book);
        usageMapping = BookConfig.forBook(book).mapping(Source.USAGE);
        usageFile = BookSources.files(book, usageMapping).get(0);
        long counted = countRows(usageFile, usageMapping);
        if (generatedRows != 0 && generatedRows != counted) {
            throw new IllegalStateException(usageFile + " has " + counted + " rows, the generator wrote " + generatedRows);
        }
        usageRows = counted;
        extractor = FeatureExtractor.create(FeatureSettings.forBook(book, null));
        options = ReadOptions.forBook(book).withFileHashes(hashFiles);
    }

    /** Copies {@code csvBook} to {@code target} with {@code usage.csv} gzipped as {@code usage.csv.gz}. */
    static void gzipUsage(Path csvBook, Path target) throws IOException {
        Files.createDirectories(target);
        try (var files = Files.list(csvBook)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String fileName = f.getFileName().toString();
                if (!Files.isRegularFile(f)) {
                    continue;
                }
                if (fileName.equals("usage.csv")) {
                    try (var in = Files.newInputStream(f);
                         var out = new java.util.zip.GZIPOutputStream(
                                 Files.newOutputStream(target.resolve("usage.csv.gz")), 1 << 16)) {
                        in.transferTo(out);
                    }
                } else {
                    Files.copy(f, target.resolve(fileName));
                }
            }
        }
    }

    private static boolean isBook(Path dir, BookManifest wanted, String usageFileName) throws IOException {
        return wanted.equals(BookManifest.read(dir)) && Files.isRegularFile(dir.resolve(usageFileName));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (tempDir != null) {
            org.churnrisk.core.AtomicFiles.deleteTree(tempDir);
        }
    }

    /** Extracts features for every as-of date in one pass over the book; each table goes to the blackhole. */
    @Benchmark
    public ExtractionReport extract(Dates dates, UsageRows counter, Blackhole blackhole) throws IOException {
        long cpu = processCpuNanos();
        ExtractionReport report = extractor.extract(book, options, dates.asOf, blackhole::consume);
        if (hashFiles && report.inputFiles().isEmpty()) {
            throw new IllegalStateException("the extraction hashed no file");
        }
        long read = report.stats().of(Source.USAGE).read();
        if (read != usageRows) {
            throw new IllegalStateException("extraction read " + read + " usage rows, the file has " + usageRows);
        }
        counter.add(read, cpu);
        return report;
    }

    /** Reads every usage row with the format's cursor, each column as the usage decoder reads it. */
    @Benchmark
    public long parseUsageBaseline(UsageRows counter) throws IOException {
        long cpu = processCpuNanos();
        long check = 0;
        long rows = 0;
        // Column order of Source.USAGE: account_id, occurred_at, user_id, event, quantity, errors.
        try (RecordCursor c = BookSources.open(usageFile, usageMapping)) {
            while (c.next()) {
                check += c.hash(0) ^ c.epochSecond(1) ^ c.hash(2) ^ c.hash(3)
                        ^ (c.isBlank(4) ? 1 : c.integer(4)) ^ (c.isBlank(5) ? 0 : c.integer(5));
                rows++;
            }
        }
        if (rows != usageRows) {
            throw new IllegalStateException("read " + rows + " usage rows, the file has " + usageRows);
        }
        counter.add(rows, cpu);
        return check;
    }

    /**
     * DuckDB, the peer: the same usage file, the same as-of dates, the windowed usage aggregates
     * of {@link DuckDbUsage}. The trial's setup runs the query once and compares it with the
     * extractor's features for those dates, and fails the benchmark if one value differs.
     */
    @State(Scope.Benchmark)
    public static class DuckDb {
        /** DuckDB's worker threads: 1, or 0 for DuckDB's default (one per core). */
        @Param({"1", "0"})
        public int threads;

        DuckDbUsage duck;
        String sql;

        @Setup(Level.Trial)
        public void setUp(FeatureExtractionBenchmark bench, Dates dates) throws Exception {
            duck = new DuckDbUsage(threads);
            sql = DuckDbUsage.sql(bench.usageFile, dates.asOf, bench.extractor.config());
            List<org.churnrisk.core.features.FeatureTable> tables = new java.util.ArrayList<>();
            bench.extractor.extract(bench.book, bench.options, dates.asOf, tables::add);
            List<String> problems = DuckDbUsage.check(tables, duck.run(sql));
            if (!problems.isEmpty()) {
                throw new IllegalStateException("DuckDB's aggregates differ from the extractor's features:\n"
                        + String.join("\n", problems));
            }
            System.out.println("DuckDB " + duck.version() + ", threads " + duck.threads() + ": "
                    + tables.stream().mapToInt(org.churnrisk.core.features.FeatureTable::rows).sum()
                    + " account rows x " + DuckDbUsage.AGGREGATES.size()
                    + " aggregates agree with the extractor's features");
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            System.out.println("peak resident memory of this JVM (DuckDB included): " + ProcessMemory.peakRss());
            duck.close();
        }
    }

    /** DuckDB computes the usage aggregates of every account and as-of date from the usage file. */
    @Benchmark
    public int duckdb(DuckDb duck, UsageRows counter) throws Exception {
        long cpu = processCpuNanos();
        int rows = duck.duck.run(duck.sql).size();
        counter.add(usageRows, cpu);
        return rows;
    }

    private static long countRows(Path file, SourceMapping mapping) throws IOException {
        long rows = 0;
        try (RecordCursor c = BookSources.open(file, mapping)) {
            while (c.next()) {
                rows++;
            }
        }
        return rows;
    }
}
