package org.churnrisk.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.churnrisk.cli.ChurnCli;
import org.churnrisk.core.AtomicFiles;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.sample.BookGenerator;
import org.churnrisk.sample.GeneratorConfig;
import org.churnrisk.sample.UsageLayout;
import org.churnrisk.train.model.Algorithm;

/**
 * The nightly path end to end (issue 15): {@code churn score} of generated books of several
 * sizes, each in a fresh JVM as the nightly job runs it, with its wall time and the process's CPU
 * time, split by stage, so that one can see how each grows with accounts and with days of usage.
 *
 * <p>Not a JMH benchmark: one run is a minute of work over gigabytes of exports, and what matters
 * is the cold run. For each book this harness
 * <ol>
 *   <li>generates it (plain CSV, seed 42, no truth samples) under {@code
 *       <java.io.tmpdir>/churn-nightly-books/}, or reuses one there with the same {@code
 *       generator.json}, and deletes it afterwards unless {@code --keep} is given;</li>
 *   <li>scores it with the XGBoost model of {@link ScoringModels} (200 trees of depth 6, trained
 *       once on a 2,000-account book and cached under {@code java.io.tmpdir}), as of its export date,
 *       in a child JVM that runs {@code churn score --top 0} through {@link ChurnCli#run} and reads
 *       its own progress lines on stderr: when {@code assembling features} and then {@code scoring
 *       accounts} reach 100% it notes the wall time and the process CPU time
 *       ({@code OperatingSystemMXBean.getProcessCpuTime}: every thread, GC and JIT too);</li>
 *   <li>prints one line per book: rows, accounts, and wall and CPU seconds of JVM start-up,
 *       features (the model's loading, reading and hashing the exports, computing the features),
 *       scoring (probabilities, drivers and plays), the report (writing the CSV and the summary)
 *       and in all, with the stage seconds of {@code report.summary.json} and the peak RSS.</li>
 * </ol>
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar org.churnrisk.benchmarks.NightlyBenchmark \
 *     --accounts 10000,30000,100000 --days 180 --out /tmp/nightly.tsv
 * java -cp benchmarks/target/benchmarks.jar org.churnrisk.benchmarks.NightlyBenchmark \
 *     --accounts 10000 --days 90,180,365 --jvm "--add-modules jdk.incubator.vector"
 * }</pre>
 * A 100,000-account book over 180 days is about 100M usage rows and 4.3 GB: check {@code df -h}.
 */
public final class NightlyBenchmark {
    private static final long SEED = 42;
    private static final String MARK = "NIGHTLY ";

    private NightlyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("child")) {
            child(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        List<Integer> accounts = List.of(10_000);
        List<Integer> days = List.of(180);
        List<String> jvm = List.of();
        Path out = null;
        boolean keep = false;
        int repeats = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--accounts" -> accounts = ints(args[++i]);
                case "--days" -> days = ints(args[++i]);
                case "--jvm" -> jvm = List.of(args[++i].trim().split("\\s+"));
                case "--out" -> out = Path.of(args[++i]);
                case "--keep" -> keep = true;
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (expected --accounts N,N --days N,N --jvm OPTS --out FILE --keep --repeats N)");
            }
        }
        Path model = ScoringModels.open().bundle(Algorithm.XGBOOST).directory();
        System.out.println("model: " + model);
        List<String> lines = new ArrayList<>();
        lines.add(String.join("\t", "accounts", "days", "usage_rows", "scored", "jvm_wall", "features_wall",
                "features_cpu", "scoring_wall", "scoring_cpu", "report_wall", "report_cpu", "total_wall", "total_cpu",
                "summary_features", "summary_scoring", "summary_duration", "peak_rss_mb"));
        System.out.println(lines.get(0));
        for (int a : accounts) {
            for (int d : days) {
                Path book = book(a, d);
                try {
                    for (int r = 0; r < repeats; r++) {
                        String line = a + "\t" + d + "\t" + score(book, model, jvm);
                        System.out.println(line);
                        lines.add(line);
                        if (out != null) {
                            Files.write(out, lines, StandardCharsets.UTF_8);
                        }
                    }
                } finally {
                    if (!keep) {
                        AtomicFiles.deleteTree(book);
                    }
                }
            }
        }
    }

    private static List<Integer> ints(String s) {
        return Arrays.stream(s.split(",")).map(String::trim).map(Integer::parseInt).toList();
    }

    /** The cached book of these settings, generated first if there is none. */
    private static Path book(int accounts, int days) throws IOException {
        GeneratorConfig config = GeneratorConfig.builder().accounts(accounts).days(days).seed(SEED).truthSamples(0)
                .usageLayout(UsageLayout.CSV).build();
        BookManifest wanted = new BookManifest(accounts, days, config.end(), SEED, "csv");
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "churn-nightly-books");
        Path book = dir.resolve("accounts-" + accounts + "-days-" + days + "-seed-" + SEED);
        if (wanted.equals(BookManifest.read(book)) && Files.isRegularFile(book.resolve("usage.csv"))) {
            return book;
        }
        Files.createDirectories(dir);
        Path partial = Files.createTempDirectory(dir, book.getFileName() + "-partial-");
        long started = System.nanoTime();
        long rows = BookGenerator.generate(config, partial.resolve("book"), false, ProgressListener.NONE).usageRows();
        System.out.printf(Locale.ROOT, "generated %s: %,d usage rows in %.1f s%n", book, rows,
                (System.nanoTime() - started) / 1e9);
        if (Files.exists(book)) {
            AtomicFiles.deleteTree(book);
        }
        Files.move(partial.resolve("book"), book, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.deleteTree(partial);
        return book;
    }

    /** Runs {@code churn score} of the book in a child JVM; returns the tab-separated figures after accounts and days. */
    private static String score(Path book, Path model, List<String> jvmOptions) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("churn-nightly-");
        try {
            Path report = work.resolve("report.csv");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classPath = System.getProperty("java.class.path");
            List<String> command = new ArrayList<>();
            command.add(java);
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", classPath, NightlyBenchmark.class.getName(), "child", "score",
                    "--data", book.toString(), "--model", model.toString(),
                    "--as-of", BookManifest.read(book).end().toString(), "--out", report.toString(), "--top", "0"));
            Path log = work.resolve("child.log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int exit = p.waitFor();
            List<String> output = Files.readAllLines(log, StandardCharsets.UTF_8);
            String figures = output.stream().filter(l -> l.startsWith(MARK)).reduce((x, y) -> y).orElse(null);
            if (exit != 0 || figures == null) {
                throw new IllegalStateException("churn score of " + book + " exited with " + exit + ":\n"
                        + String.join("\n", output));
            }
            Map<String, String> f = new LinkedHashMap<>();
            for (String kv : figures.substring(MARK.length()).split(" ")) {
                f.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
            JsonNode summary = new ObjectMapper().readTree(work.resolve("report.summary.json").toFile());
            long usageRows = summary.path("rows").path("usage").path("read").asLong();
            long scored = Files.lines(report).count() - 1;
            return String.join("\t", Long.toString(usageRows), Long.toString(scored), f.get("jvm_wall"),
                    f.get("features_wall"), f.get("features_cpu"), f.get("scoring_wall"), f.get("scoring_cpu"),
                    f.get("report_wall"), f.get("report_cpu"), f.get("total_wall"), f.get("total_cpu"),
                    summary.path("stage_seconds").path("features").asText(),
                    summary.path("stage_seconds").path("scoring").asText(),
                    summary.path("duration_seconds").asText(), f.get("peak_rss_mb"));
        } finally {
            AtomicFiles.deleteTree(work);
        }
    }

    /** The child: {@code churn ARGS} in this JVM, timing its stages from its own progress lines. */
    private static void child(String[] args) {
        long jvmMillis = ManagementFactory.getRuntimeMXBean().getUptime();
        long cpu0 = FeatureExtractionBenchmark.processCpuNanos();
        long wall0 = System.nanoTime();
        StageClock clock = new StageClock(System.err);
        System.setErr(new PrintStream(clock, true, StandardCharsets.UTF_8));
        int exit = ChurnCli.run(args);
        long wall = System.nanoTime();
        long cpu = FeatureExtractionBenchmark.processCpuNanos();
        System.err.flush();
        if (exit != 0 || clock.featuresWall == 0 || clock.scoringWall == 0) {
            System.out.println("churn exited with " + exit + (exit == 0 ? " but its progress lines were not seen" : ""));
            System.out.flush();
            System.exit(exit == 0 ? 1 : exit);
        }
        String mem = ProcessMemory.peakRss().replaceAll("[^0-9]", "");
        System.out.println(MARK + String.format(Locale.ROOT,
                "jvm_wall=%.2f features_wall=%.2f features_cpu=%.2f scoring_wall=%.2f scoring_cpu=%.2f "
                        + "report_wall=%.2f report_cpu=%.2f total_wall=%.2f total_cpu=%.2f peak_rss_mb=%s",
                jvmMillis / 1e3, s(clock.featuresWall - wall0), s(clock.featuresCpu - cpu0),
                s(clock.scoringWall - clock.featuresWall), s(clock.scoringCpu - clock.featuresCpu),
                s(wall - clock.scoringWall), s(cpu - clock.scoringCpu),
                jvmMillis / 1e3 + s(wall - wall0), s(cpu), mem.isEmpty() ? "-" : mem));
        System.out.flush();
    }

    private static double s(long nanos) {
        return nanos / 1e9;
    }

    /**
     * Passes stderr through and notes the wall and CPU time at the first line of {@code assembling
     * features} and then of {@code scoring accounts} that says 100%.
     */
    private static final class StageClock extends OutputStream {
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        long featuresWall;
        long featuresCpu;
        long scoringWall;
        long scoringCpu;

        StageClock(PrintStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            target.write(b);
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                boolean done = text.contains("(100%)") || text.endsWith(": 100%");
                if (done && text.startsWith("assembling features") && featuresWall == 0) {
                    featuresWall = System.nanoTime();
                    featuresCpu = FeatureExtractionBenchmark.processCpuNanos();
                } else if (done && text.startsWith("scoring accounts") && featuresWall != 0 && scoringWall == 0) {
                    scoringWall = System.nanoTime();
                    scoringCpu = FeatureExtractionBenchmark.processCpuNanos();
                }
            } else if (b != '\r') {
                line.write(b);
            }
        }

        @Override
        public void flush() {
            target.flush();
        }
    }
}
