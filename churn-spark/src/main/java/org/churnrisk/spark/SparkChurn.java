package org.churnrisk.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.Partitioner;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.churnrisk.core.AtomicFiles;
import org.churnrisk.core.ChurnException;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.core.contract.Source;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.features.AccountInfo;
import org.churnrisk.features.BookSettings;
import org.churnrisk.features.ExtractionReport;
import org.churnrisk.features.Feature;
import org.churnrisk.features.FeatureConfig;
import org.churnrisk.features.SourceNotes;
import org.churnrisk.features.extract.ChurnComparison;
import org.churnrisk.features.extract.Extraction;
import org.churnrisk.features.extract.TierMedians;
import org.churnrisk.features.io.mapping.YamlTree;
import org.churnrisk.features.io.problems.ReadStats;
import org.churnrisk.features.output.FeatureOutput;
import org.churnrisk.score.ChurnModel;
import org.churnrisk.score.ChurnSettings;
import org.churnrisk.score.ReportFiles;
import org.churnrisk.score.RunSummary;
import org.churnrisk.score.ScoredAccount;
import org.churnrisk.score.ScoredBook;
import org.churnrisk.score.ScoringSettings;
import org.churnrisk.score.bundle.BundleJson;
import org.churnrisk.score.bundle.ScoringBundle;

/**
 * The library entry point of churn-spark: the feature tables and the at-risk report of a book on
 * any Hadoop file system, computed on a Spark cluster with the single-machine code.
 *
 * <pre>{@code
 * SparkChurn churn = new SparkChurn(spark, 64);
 * List<FeatureTable> tables = churn.features("s3a://exports/book", List.of(LocalDate.parse("2026-11-01")));
 * churn.score("s3a://exports/book", Path.of("model"), LocalDate.parse("2026-11-01"), "s3a://reports/at-risk.csv");
 * }</pre>
 *
 * <p>How: every row of every source is keyed by a 64-bit hash of its trimmed {@code account_id}
 * (the extractor's own id hash) and shuffled to {@code partitions} partitions, so an account and all
 * its rows meet in one. Each partition puts its rows back in file order and runs churn-features'
 * extraction on them ({@link Extraction#runPart}); the two quantities no partition knows alone are
 * computed across partitions exactly as one machine computes them: the first usage day of the
 * book (a pass with {@link Extraction#usageMinSecond} first) and the tier cohorts of {@code
 * core_depth_vs_tier_median} ({@link TierMedians}, merged on the driver and applied to each part).
 * The driver collects the finished tables, sorted by account id (the feature output and the workflow
 * files read them). To score, the parts stay on the executors: each task loads churn-score's {@link
 * ChurnModel} from the broadcast bundle and scores its own accounts (probabilities, drivers, plays);
 * the driver sorts the scored accounts and writes through {@link ReportFiles}, so the report and
 * summary have the CLI's bytes; files reach the target file system through a temporary name and a
 * rename.
 * Thread-safe as far as the Spark session is.
 */
public final class SparkChurn {
    private final SparkSession spark;
    private final int partitions;

    /** @param partitions how many partitions the accounts are split into (at least 1) */
    public SparkChurn(SparkSession spark, int partitions) {
        if (partitions < 1) {
            throw new org.churnrisk.core.InvalidArgumentException("partitions " + partitions + ": expected 1 or more");
        }
        this.spark = spark;
        this.partitions = partitions;
    }

    /**
     * One extraction's outcome on the driver: the finished tables, and each partition's part of
     * them still on the executors ({@code parts}, kept until {@link #close}) to be scored there.
     *
     * @param cohorts      per as-of date, the tier cohorts of the whole book, which each part needs
     * @param lookupTables the lookups' tables sent to the tasks, kept while the parts may be recomputed
     */
    record Extracted(List<FeatureTable> tables, ExtractionReport report, ChurnSettings settings, SparkBook book,
                     List<LocalDate> dates, List<TierMedians> cohorts, JavaRDD<PartOut> parts,
                     Broadcast<?> lookupTables) implements AutoCloseable {
        @Override
        public void close() {
            parts.unpersist(false);
            lookupTables.destroy();
        }
    }

    /**
     * The feature tables of a book as of each date, in date order, the same as {@code
     * FeatureExtractor.extract} gives on one machine.
     *
     * @throws org.churnrisk.core.InvalidDataException for the first bad row or file, with its message
     * @throws IOException if the book cannot be listed or read
     */
    public List<FeatureTable> features(String book, List<LocalDate> asOf) throws IOException {
        try (Extracted e = extract(book, asOf)) {
            return e.tables();
        }
    }

    Extracted extract(String bookUri, List<LocalDate> asOf) throws IOException {
        long started = System.nanoTime();
        List<LocalDate> dates = asOf.stream().sorted().distinct().toList();
        SparkBook book = SparkBook.open(spark, bookUri);
        String yaml = book.yaml;
        ChurnSettings settings = ChurnSettings.of(bookSettings(yaml));
        book.list(spark, settings.mapping());
        Set<Source> present = book.present();
        Map<Source, boolean[]> columns = book.columns;
        Broadcast<Map<String, Map<String, String>>> tables = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(new java.util.HashMap<>(book.lookups));
        JavaRDD<scala.Tuple2<Integer, Rec>> keyed = book.rows(spark, settings.mapping(), partitions, tables);
        JavaRDD<Rec> parts = JavaPairRDD.fromJavaRDD(keyed).partitionBy(new ByKey(partitions)).values()
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            // columns is filled while the reads are planned, so it is complete here
            Map<Source, boolean[]> cols = new java.util.EnumMap<>(columns);
            long usageMin = unwrap(() -> parts.mapPartitions((Iterator<Rec> it) -> {
                PartRows rows = new PartRows(list(it), present, cols, bookSettings(yaml).mapping(), tables.value());
                return List.of(Extraction.usageMinSecond(rows, bookSettings(yaml).features())).iterator();
            }).reduce((a, b) -> Math.min(a, b)));
            JavaRDD<PartOut> extracted = parts.mapPartitions((Iterator<Rec> it) -> {
                BookSettings s = bookSettings(yaml);
                PartRows rows = new PartRows(list(it), present, cols, s.mapping(), tables.value());
                List<String[]> ids = new ArrayList<>();
                List<double[]> values = new ArrayList<>();
                List<double[]> health = new ArrayList<>();
                List<TierMedians> medians = new ArrayList<>();
                List<org.churnrisk.core.features.ModuleUsage> modules = new ArrayList<>();
                List<long[]> moduleEvents = new ArrayList<>();
                Extraction.Part part = Extraction.runPart(rows, s.features(), dates, usageMin, t -> {
                    ids.add(t.accountIds().toArray(String[]::new));
                    double[] v = new double[t.rows() * t.schema().size()];
                    t.copyRows(0, t.rows(), v, 0);
                    values.add(v);
                    double[] h = new double[t.rows()];
                    for (int r = 0; r < h.length; r++) {
                        h[r] = t.healthScore(r);
                    }
                    health.add(h);
                    medians.add(TierMedians.of(t));
                    modules.add(t.moduleUsage());
                    moduleEvents.add(t.moduleUsage() == null ? null : t.moduleUsage().events30d());
                });
                long[] accepted = new long[Source.values().length];
                ReadStats stats = rows.stats();
                for (Source src : Source.values()) {
                    accepted[src.ordinal()] = stats.counts().containsKey(src) ? stats.of(src).accepted() : -1;
                }
                List<String[]> accounts = new ArrayList<>();
                part.accounts().forEach((id, a) -> accounts.add(new String[] {id, a.name(), a.csm(), a.ae()}));
                PartOut out = new PartOut(accepted, ids, values, health, medians, accounts, part.usageMaxSecond(),
                        modules.isEmpty() || modules.get(0) == null ? null
                                : modules.get(0).modules().toArray(String[]::new),
                        !modules.isEmpty() && modules.get(0) != null && modules.get(0).configured(), moduleEvents);
                out.churnFromFile = new java.util.TreeMap<>(rows.churnFromFile());
                out.churnFromAccounts = new java.util.TreeMap<>(rows.churnFromAccounts());
                return List.of(out).iterator();
            }).persist(StorageLevel.MEMORY_AND_DISK());
            try {
                return assemble(book, settings, dates, unwrap(extracted::collect), usageMin, started, extracted, tables);
            } catch (RuntimeException | IOException ex) {
                extracted.unpersist(false);
                tables.destroy();
                throw ex;
            }
        } finally {
            parts.unpersist(false);
        }
    }

    private Extracted assemble(SparkBook book, ChurnSettings settings, List<LocalDate> dates, List<PartOut> outs,
                               long usageMin, long started, JavaRDD<PartOut> parts, Broadcast<?> lookupTables)
            throws IOException {
        FeatureConfig features = settings.features();
        int n = Feature.SCHEMA.size();
        List<FeatureTable> tables = new ArrayList<>();
        List<TierMedians> merged = new ArrayList<>();
        for (int k = 0; k < dates.size(); k++) {
            TierMedians cohorts = new TierMedians();
            for (PartOut o : outs) {
                cohorts.merge(o.medians.get(k));
            }
            merged.add(cohorts);
            TreeMap<String, double[]> rows = new TreeMap<>();
            TreeMap<String, long[]> moduleRows = new TreeMap<>();
            PartOut anyModules = null;
            for (PartOut o : outs) {
                String[] ids = o.ids.get(k);
                long[] events = o.moduleNames == null ? null : o.moduleEvents.get(k);
                if (events != null) {
                    anyModules = o;
                    int m = o.moduleNames.length;
                    for (int r = 0; r < ids.length; r++) {
                        moduleRows.put(ids[r], Arrays.copyOfRange(events, r * m, (r + 1) * m));
                    }
                }
                FeatureTable part = cohorts.apply(FeatureTable.ofOwnedArrays(Feature.SCHEMA, dates.get(k),
                        Arrays.asList(ids), o.values.get(k), o.health.get(k)));
                for (int r = 0; r < ids.length; r++) {
                    double[] row = Arrays.copyOf(part.row(r), n + 1);
                    row[n] = part.healthScore(r);
                    rows.put(ids[r], row);
                }
            }
            double[] values = new double[rows.size() * n];
            double[] health = new double[rows.size()];
            int r = 0;
            for (double[] row : rows.values()) {
                System.arraycopy(row, 0, values, r * n, n);
                health[r++] = row[n];
            }
            FeatureTable table = FeatureTable.ofOwnedArrays(Feature.SCHEMA, dates.get(k), new ArrayList<>(rows.keySet()),
                    values, health);
            if (anyModules != null) {
                // every partition counts the same modules; accounts in id order, as the rows
                int m = anyModules.moduleNames.length;
                long[] events = new long[rows.size() * m];
                int at = 0;
                for (String id : rows.keySet()) {
                    long[] counts = moduleRows.get(id);
                    if (counts != null) {
                        System.arraycopy(counts, 0, events, at * m, m);
                    }
                    at++;
                }
                table = table.withModuleUsage(new org.churnrisk.core.features.ModuleUsage(
                        List.of(anyModules.moduleNames), anyModules.modulesConfigured, events));
            }
            tables.add(table);
        }
        ReadStats.Builder stats = ReadStats.builder();
        Map<String, AccountInfo> accounts = new TreeMap<>();
        long usageMax = Long.MIN_VALUE;
        for (PartOut o : outs) {
            for (Source s : Source.values()) {
                if (o.accepted[s.ordinal()] >= 0) {
                    stats.add(s, o.accepted[s.ordinal()], 0);
                }
            }
            for (String[] a : o.accounts) {
                accounts.put(a[0], new AccountInfo(a[0], a[1], a[2], a[3]));
            }
            usageMax = Math.max(usageMax, o.usageMaxSecond);
        }
        List<String> notes = new ArrayList<>();
        if (settings.mapping().churnFromAccounts() != null && book.present().contains(Source.CHURN)) {
            Map<String, Long> fromFile = new TreeMap<>();
            Map<String, Long> fromAccounts = new TreeMap<>();
            for (PartOut o : outs) {
                o.churnFromFile.forEach((id, day) -> fromFile.merge(id, day, Math::max));
                o.churnFromAccounts.forEach((id, day) -> fromAccounts.merge(id, day, Math::max));
            }
            List<FileStatus> churnFiles = book.files.get(Source.CHURN);
            ChurnComparison.note(fromFile, fromAccounts, churnFiles.size() == 1
                    ? book.relative(churnFiles.get(0).getPath()) : "the churn files",
                    settings.mapping().churnFromAccounts()).ifPresent(notes::add);
        }
        for (Source source : Source.values()) {
            if (source.optional() && !book.present().contains(source)) {
                notes.add(source.fileStem() + ": no file; " + SourceNotes.missing(source));
            }
        }
        ExtractionReport report = new ExtractionReport(stats.build(), List.of(), day(usageMin, features.zone()),
                day(usageMax, features.zone()), Map.of(), (System.nanoTime() - started) / 1e9, accounts, List.of(),
                notes);
        return new Extracted(tables, report, settings, book, dates, merged, parts, lookupTables);
    }

    /**
     * Writes the feature tables of a book as of the dates to {@code out} (CSV, or Parquet by the
     * extension), as {@code churn features} writes them.
     */
    public void writeFeatures(String book, List<LocalDate> asOf, String out) throws IOException {
        try (Extracted e = extract(book, asOf)) {
            writeFeatures(e, out);
        }
    }

    /** Writes the tables of one extraction, as {@link #writeFeatures(String, List, String)}. */
    void writeFeatures(Extracted e, String out) throws IOException {
        java.nio.file.Path staging = Files.createTempDirectory("churn-spark-");
        try {
            java.nio.file.Path local = staging.resolve(new Path(out).getName());
            try (FeatureOutput writer = FeatureOutput.open(local, e.settings().features().healthScore())) {
                e.tables().forEach(writer::write);
                writer.commit();
            }
            publish(staging, List.of(local), new Path(out).getParent());
        } finally {
            AtomicFiles.deleteTree(staging);
        }
    }

    /**
     * Scores a book as of a date with a model bundle (on the driver's file system) and writes the
     * report, its summary and the workflow files beside {@code out}, as {@code churn score} does.
     *
     * @return the summary, as written
     */
    public RunSummary score(String book, java.nio.file.Path model, LocalDate asOf, String out) throws IOException {
        long started = System.nanoTime();
        try (Extracted e = extract(book, List.of(asOf))) {
            return score(e, model, asOf, out, started);
        }
    }

    /** Scores the table as of {@code asOf} of one extraction, as {@link #score(String, java.nio.file.Path, LocalDate, String)}. */
    RunSummary score(Extracted e, java.nio.file.Path model, LocalDate asOf, String out, long started)
            throws IOException {
        String book = e.book().uri;
        Map<String, Double> stages = new LinkedHashMap<>();
        stages.put("features", (System.nanoTime() - started) / 1e9);
        long scoring = System.nanoTime();
        ChurnModel churn = ChurnModel.load(model, e.settings().scoring());
        FeatureTable table = e.tables().stream().filter(t -> t.asOf().equals(asOf)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table as of " + asOf));
        churn.checkScorable(book, e.report(), table, asOf);
        List<ScoredAccount> accounts = scoreParts(e, model, asOf);
        stages.put("scoring", (System.nanoTime() - scoring) / 1e9);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("book", e.book().root.toString());
        data.put("usage_first_day", e.report().usageFirstDay() == null ? null : e.report().usageFirstDay().toString());
        data.put("usage_last_day", e.report().usageLastDay() == null ? null : e.report().usageLastDay().toString());
        List<Object> files = new ArrayList<>();
        for (Map.Entry<Source, List<FileStatus>> s : e.book().files.entrySet()) {
            for (FileStatus f : s.getValue()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("source", s.getKey().fileStem());
                entry.put("file", e.book().relative(f.getPath()));
                entry.put("bytes", f.getLen());
                files.add(entry);
            }
        }
        data.put("files", files);
        ScoredBook scored = new ScoredBook(asOf, accounts, e.report(), churn.provenance(), data, stages, table);
        java.nio.file.Path staging = Files.createTempDirectory("churn-spark-");
        try {
            Path target = new Path(out);
            java.nio.file.Path local = staging.resolve(target.getName());
            RunSummary summary = ReportFiles.write(local, scored, e.settings().scoring(), e.settings().workflow(),
                    a -> true, (System.nanoTime() - started) / 1e9);
            List<java.nio.file.Path> written = new ArrayList<>();
            written.add(local);
            try (var walk = Files.walk(staging)) {
                walk.filter(Files::isRegularFile).filter(p -> !p.equals(local))
                        .filter(p -> !p.equals(RunSummary.fileOf(local)))
                        .filter(p -> !staging.relativize(p).toString().startsWith("history"))
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .filter(p -> !p.getFileName().toString().endsWith(".html"))
                        .sorted().forEach(written::add);
            }
            written.add(RunSummary.fileOf(local)); // the summary last: it describes the files beside it
            publish(staging, written, target.getParent());
            return summary;
        } finally {
            AtomicFiles.deleteTree(staging);
        }
    }

    /**
     * Scores each partition's accounts as of {@code asOf} where they are: the bundle's files are
     * broadcast, each task loads them with the book's scoring settings and runs {@link
     * ChurnModel#score(FeatureTable, Map, ProgressListener)} (probabilities, drivers, plays) on
     * its part of the table, the tier cohorts of the whole book applied first; the driver only
     * puts the parts' accounts in {@linkplain ChurnModel#REPORT_ORDER report order}, a total
     * order, so the list is the one scoring the whole table gives.
     */
    private List<ScoredAccount> scoreParts(Extracted e, java.nio.file.Path model, LocalDate asOf) throws IOException {
        int k = e.dates().indexOf(asOf);
        if (k < 0) {
            throw new IllegalArgumentException("no table as of " + asOf);
        }
        TierMedians cohorts = e.cohorts().get(k);
        String yaml = e.book().yaml;
        // Only these two files are read to score (model.tribuo is the training's copy).
        Map<String, byte[]> files = new TreeMap<>();
        for (String name : List.of(BundleJson.BUNDLE_JSON, BundleJson.SCORER_FILE)) {
            files.put(name, ScoringBundle.readFile(model, name));
        }
        Broadcast<Map<String, byte[]>> bundle = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(files);
        try {
            // Each part's accounts travel as Java-serialized bytes: Kryo, which many clusters configure, cannot
            // rebuild records.
            List<byte[]> sent = unwrap(() -> e.parts().mapPartitions((Iterator<PartOut> it) -> {
                ArrayList<ScoredAccount> scored = new ArrayList<>();
                if (!it.hasNext()) {
                    return List.<byte[]>of().iterator();
                }
                ChurnModel churn = loadModel(bundle.value(), ChurnSettings.of(bookSettings(yaml)).scoring());
                while (it.hasNext()) {
                    PartOut o = it.next();
                    String[] ids = o.ids.get(k);
                    FeatureTable part = cohorts.apply(FeatureTable.ofOwnedArrays(Feature.SCHEMA, asOf,
                            Arrays.asList(ids), o.values.get(k), o.health.get(k)));
                    Map<String, AccountInfo> accounts = new java.util.HashMap<>();
                    for (String[] a : o.accounts) {
                        accounts.put(a[0], new AccountInfo(a[0], a[1], a[2], a[3]));
                    }
                    scored.addAll(churn.score(part, accounts, ProgressListener.NONE));
                }
                return List.of(javaBytes(scored)).iterator();
            }).collect());
            List<ScoredAccount> all = new ArrayList<>();
            for (byte[] part : sent) {
                all.addAll(fromJavaBytes(part));
            }
            all.sort(ChurnModel.REPORT_ORDER);
            return all;
        } finally {
            bundle.destroy();
        }
    }

    private static byte[] javaBytes(ArrayList<ScoredAccount> accounts) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(accounts);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static List<ScoredAccount> fromJavaBytes(byte[] bytes) throws IOException {
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return (List<ScoredAccount>) in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException("a partition's scored accounts cannot be read back: " + e.getMessage(), e);
        }
    }

    /** A model from its bundle's files, through a temporary folder of the task's machine. */
    private static ChurnModel loadModel(Map<String, byte[]> files, ScoringSettings settings) throws IOException {
        java.nio.file.Path dir = Files.createTempDirectory("churn-model-");
        try {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Files.write(dir.resolve(f.getKey()), f.getValue());
            }
            return ChurnModel.load(dir, settings);
        } finally {
            AtomicFiles.deleteTree(dir);
        }
    }

    /**
     * Copies files written under {@code staging} to the same names under {@code folder} on its file
     * system, in order, each to a hidden temporary name first and then renamed over the old file.
     */
    private void publish(java.nio.file.Path staging, List<java.nio.file.Path> files, Path folder) throws IOException {
        FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
        for (java.nio.file.Path f : files) {
            String rel = staging.relativize(f).toString().replace('\\', '/');
            Path target = new Path(folder, rel);
            fs.mkdirs(target.getParent());
            Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + java.util.UUID.randomUUID());
            fs.copyFromLocalFile(false, true, new Path(f.toUri()), tmp);
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            if (!fs.rename(tmp, target)) {
                fs.delete(tmp, false);
                throw new IOException("could not rename " + tmp + " to " + target);
            }
        }
    }

    private static BookSettings bookSettings(String yaml) {
        return yaml == null ? BookSettings.DEFAULT : BookSettings.of(YamlTree.parse(yaml, "churn.yaml"));
    }

    private static List<Rec> list(Iterator<Rec> it) {
        List<Rec> rows = new ArrayList<>();
        it.forEachRemaining(rows::add);
        return rows;
    }

    private static LocalDate day(long second, ZoneId zone) {
        return second == Long.MAX_VALUE || second == Long.MIN_VALUE ? null
                : Instant.ofEpochSecond(second).atZone(zone).toLocalDate();
    }

    /**
     * Runs a Spark action; a churn-risk error raised in a task comes back as itself, with its
     * message. (A failed task reaches the driver as a {@link SparkException}, which is checked in
     * Java but thrown undeclared by Scala.)
     */
    private static <T> T unwrap(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ChurnException c) {
                    throw c;
                }
                if (t instanceof UncheckedIOException u) {
                    throw u;
                }
            }
            throw SparkChurn.<RuntimeException>undeclared(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> E undeclared(Exception e) throws E {
        throw (E) e;
    }

    /** Sends each row to the partition its key names. */
    static final class ByKey extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int partitions;

        ByKey(int partitions) {
            this.partitions = partitions;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            return (Integer) key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ByKey b && b.partitions == partitions;
        }

        @Override
        public int hashCode() {
            return partitions;
        }
    }
}
