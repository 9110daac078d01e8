package org.churnrisk.spark;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.churnrisk.core.InvalidDataException;
import org.churnrisk.core.contract.ColumnSpec;
import org.churnrisk.core.contract.Requirement;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.LookupTables;
import org.churnrisk.features.io.mapping.AccountChurn;
import org.churnrisk.features.io.mapping.BookConfig;
import org.churnrisk.features.io.mapping.Lookup;
import org.churnrisk.features.io.mapping.TableMapping;
import org.churnrisk.features.io.mapping.CsvDialect;
import org.churnrisk.features.io.mapping.SourceMapping;
import org.churnrisk.features.io.problems.DataProblemException;
import org.churnrisk.features.io.problems.Texts;

/**
 * A book on any Hadoop file system ({@code file:}, {@code hdfs:}, {@code s3a:}, ...) read through
 * Spark's CSV, JSON and Parquet readers with the book's mapping: which files hold each source (as
 * {@code BookSources} finds them: {@code <stem>.csv}, {@code .csv.gz}, {@code .parquet},
 * {@code .jsonl}, {@code .jsonl.gz}, {@code .ndjson}, {@code .ndjson.gz}, else the part files of
 * {@code <stem>/} in name order, names starting with {@code .} or {@code _} skipped), the
 * mapping's column names (dotted paths into JSON objects), CSV delimiter and encoding; every value
 * as text, for {@link TextCursor} to parse with the mapping's formats. Spark reads CSV and JSON
 * with every value as a string; a typed Parquet value is written as the text the single-machine
 * reader would accept (a timestamp as ISO-8601 in UTC, a date as yyyy-MM-dd, a decimal in plain
 * notation).
 *
 * {@code files:} globs are matched against the book's paths as {@code BookSources} matches them.
 * Lookup tables are read once on the driver ({@link #loadLookups}) and sent to every task, so a
 * looked-up {@code account_id} is known before the rows are partitioned.
 *
 * With {@code sources.churn.from_accounts}, the account rows carry the churn date and flag
 * columns after their canonical ones, for {@link PartRows} to derive churn from.
 */
final class SparkBook {
    private static final List<String> EXTENSIONS = List.of(".csv", ".csv.gz", ".parquet", ".jsonl", ".jsonl.gz",
            ".ndjson", ".ndjson.gz");

    final String uri;
    final Path root;
    final Map<Source, List<FileStatus>> files = new EnumMap<>(Source.class);
    final Map<Source, boolean[]> columns = new EnumMap<>(Source.class);
    /** The book's churn.yaml as text, or null. */
    final String yaml;
    /** Each lookup's table, key to value, by {@link #lookupKey}; filled by {@link #list}. */
    final Map<String, Map<String, String>> lookups = new TreeMap<>();

    private SparkBook(String uri, Path root, String yaml) {
        this.uri = uri;
        this.root = root;
        this.yaml = yaml;
    }

    /** Lists a book's files and reads its churn.yaml (if any) from its file system. */
    static SparkBook open(SparkSession spark, String uri) throws IOException {
        Path root = new Path(uri);
        FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
        root = fs.makeQualified(root);
        if (!fs.getFileStatus(root).isDirectory()) {
            throw new InvalidDataException("book " + uri + " is not a folder (expected a folder of exports)");
        }
        Path yamlFile = new Path(root, BookConfig.FILE_NAME);
        String yaml = null;
        if (fs.exists(yamlFile)) {
            try (var in = fs.open(yamlFile)) {
                yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return new SparkBook(uri, root, yaml);
    }

    /** Finds each source's files; refuses what the Spark job cannot read yet. */
    void list(SparkSession spark, BookConfig mapping) throws IOException {
        FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
        for (Source source : Source.values()) {
            SourceMapping m = mapping.mapping(source);
            List<FileStatus> found = m.files().isEmpty() ? find(fs, source) : globbed(fs, m.files());
            if (found.isEmpty() && source.requirement() == Requirement.REQUIRED) {
                throw new DataProblemException("book " + uri, "no file for " + source.fileStem() + " (looked for "
                        + (m.files().isEmpty() ? source.fileStem() + String.join(", " + source.fileStem(), EXTENSIONS)
                        + ", " + source.fileStem() + "/" : String.join(", ", m.files())) + ")");
            }
            files.put(source, found);
        }
        loadLookups(fs, mapping);
    }

    /**
     * Loads the table of every lookup of the mapping into {@link #lookups}: the tables' files
     * (accounts- or users-sized) are copied to a folder on the driver and read by churn-features'
     * {@link LookupTables}, with its checks and messages.
     */
    private void loadLookups(FileSystem fs, BookConfig mapping) throws IOException {
        java.nio.file.Path staging = null;
        try {
            LookupTables tables = null;
            for (Source source : Source.values()) {
                for (Lookup lookup : mapping.mapping(source).lookups().values()) {
                    TableMapping table = mapping.tables().get(lookup.table());
                    List<FileStatus> found = globbed(fs, table.files());
                    if (found.isEmpty()) {
                        throw new DataProblemException("book " + uri, "no file for table " + lookup.table()
                                + " (looked for " + String.join(", ", table.files()) + "), which " + lookup.column()
                                + " is looked up in");
                    }
                    if (staging == null) {
                        staging = java.nio.file.Files.createTempDirectory("churn-spark-tables-");
                        tables = new LookupTables(staging, mapping);
                    }
                    for (FileStatus f : found) {
                        java.nio.file.Path local = staging.resolve(relative(f.getPath()));
                        if (!java.nio.file.Files.exists(local)) {
                            java.nio.file.Files.createDirectories(local.getParent());
                            fs.copyToLocalFile(false, f.getPath(), new Path(local.toUri()), true);
                        }
                    }
                    lookups.put(lookupKey(source, lookup), new java.util.HashMap<>(tables.table(lookup, source)));
                }
            }
        } finally {
            if (staging != null) {
                org.churnrisk.core.AtomicFiles.deleteTree(staging);
            }
        }
    }

    /** The key of a lookup's table in {@link #lookups}. */
    static String lookupKey(Source source, Lookup lookup) {
        return source.fileStem() + "." + lookup.column();
    }

    /** The lookups of a mapping with their tables, from {@link #lookups} (on any machine). */
    static Map<Lookup, Map<String, String>> lookupTables(BookConfig mapping, Map<String, Map<String, String>> loaded) {
        Map<Lookup, Map<String, String>> out = new java.util.HashMap<>();
        for (Source source : Source.values()) {
            for (Lookup lookup : mapping.mapping(source).lookups().values()) {
                out.put(lookup, loaded.get(lookupKey(source, lookup)));
            }
        }
        return out;
    }

    /**
     * The files under the book that one of the globs matches (relative to the book, {@code /}
     * separated, as {@code BookSources} matches them), in name order; a matching folder gives its
     * part files. Names starting with {@code .} or {@code _} are skipped.
     */
    private List<FileStatus> globbed(FileSystem fs, List<String> globs) throws IOException {
        List<java.nio.file.PathMatcher> matchers = new ArrayList<>();
        for (String glob : globs) {
            matchers.add(java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob));
        }
        TreeMap<String, FileStatus> found = new TreeMap<>();
        List<FileStatus> folders = new ArrayList<>();
        java.util.ArrayDeque<Path> todo = new java.util.ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            for (FileStatus f : fs.listStatus(todo.pop())) {
                if (f.getPath().getName().startsWith(".") || f.getPath().getName().startsWith("_")) {
                    continue;
                }
                String rel = relative(f.getPath());
                boolean matches = matchers.stream().anyMatch(m -> m.matches(java.nio.file.Path.of(rel)));
                if (f.isDirectory()) {
                    todo.push(f.getPath());
                    if (matches) {
                        folders.add(f);
                    }
                } else if (matches) {
                    found.put(rel, f);
                }
            }
        }
        for (FileStatus folder : folders) {
            for (FileStatus part : partFiles(fs, folder.getPath())) {
                found.put(relative(part.getPath()), part);
            }
        }
        return List.copyOf(found.values());
    }

    private List<FileStatus> find(FileSystem fs, Source source) throws IOException {
        String stem = source.fileStem();
        for (String extension : EXTENSIONS) {
            Path file = new Path(root, stem + extension);
            if (fs.exists(file) && fs.getFileStatus(file).isFile()) {
                return List.of(fs.getFileStatus(file));
            }
        }
        Path folder = new Path(root, stem);
        if (!fs.exists(folder) || !fs.getFileStatus(folder).isDirectory()) {
            return List.of();
        }
        return partFiles(fs, folder);
    }

    /** The part files under a folder of the book, in name order, hidden names skipped. */
    private List<FileStatus> partFiles(FileSystem fs, Path folder) throws IOException {
        String dir = relative(folder);
        TreeMap<String, FileStatus> parts = new TreeMap<>();
        var it = fs.listFiles(folder, true);
        while (it.hasNext()) {
            FileStatus f = it.next();
            String rel = relative(f.getPath());
            String below = rel.substring(dir.length() + 1);
            if (hidden(below)) {
                continue;
            }
            String lower = f.getPath().getName().toLowerCase(Locale.ROOT);
            if (EXTENSIONS.stream().noneMatch(lower::endsWith)) {
                throw new InvalidDataException("book " + uri + ": " + rel + " is not a part file churn-risk reads"
                        + " (expected names ending in " + String.join(", ", EXTENSIONS) + "); move it out of "
                        + dir + "/");
            }
            parts.put(below, f);
        }
        return List.copyOf(parts.values());
    }

    private static boolean hidden(String relative) {
        for (String name : relative.split("/")) {
            if (name.startsWith(".") || name.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    /** A file's name in messages: its path in the book with / separators. */
    String relative(Path file) {
        String r = root.toUri().getPath();
        String f = file.toUri().getPath();
        return f.startsWith(r + "/") ? f.substring(r.length() + 1) : file.getName();
    }

    /** Sources with at least one file. */
    Set<Source> present() {
        Set<Source> s = EnumSet.noneOf(Source.class);
        files.forEach((source, list) -> {
            if (!list.isEmpty()) {
                s.add(source);
            }
        });
        return s;
    }

    /**
     * Every row of every source, keyed by the partition of its account: {@code floorMod(hash64(
     * trimmed account_id), partitions)}, the hash the extractor itself uses for account ids.
     */
    JavaRDD<scala.Tuple2<Integer, Rec>> rows(SparkSession spark, BookConfig mapping, int partitions,
                                             Broadcast<Map<String, Map<String, String>>> tables) {
        JavaRDD<scala.Tuple2<Integer, Rec>> all = null;
        for (Source source : Source.values()) {
            List<FileStatus> list = files.get(source);
            if (list == null || list.isEmpty()) {
                continue;
            }
            Map<String, List<String>> byFormat = new TreeMap<>();
            for (FileStatus f : list) {
                byFormat.computeIfAbsent(format(f.getPath().getName()), k -> new ArrayList<>())
                        .add(f.getPath().toString());
            }
            for (Map.Entry<String, List<String>> e : byFormat.entrySet()) {
                List<String> extra = new ArrayList<>();
                AccountChurn derived = mapping.churnFromAccounts();
                if (source == Source.ACCOUNTS && derived != null) {
                    extra.add(derived.date());
                    if (derived.flag() != null) {
                        extra.add(derived.flag());
                    }
                }
                JavaRDD<scala.Tuple2<Integer, Rec>> part = read(spark, source, mapping.mapping(source), e.getKey(),
                        e.getValue(), partitions, tables, extra);
                all = all == null ? part : all.union(part);
            }
        }
        return all;
    }

    private static String format(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".parquet")) {
            return "parquet";
        }
        return lower.endsWith(".csv") || lower.endsWith(".csv.gz") ? "csv" : "json";
    }

    private JavaRDD<scala.Tuple2<Integer, Rec>> read(SparkSession spark, Source source, SourceMapping mapping,
                                                     String format, List<String> paths, int partitions,
                                                     Broadcast<Map<String, Map<String, String>>> tables,
                                                     List<String> extra) {
        DataFrameReader reader = spark.read();
        Dataset<Row> df;
        String[] p = paths.toArray(String[]::new);
        boolean csv = format.equals("csv");
        if (csv) {
            CsvDialect d = mapping.dialect();
            reader.option("header", "true").option("inferSchema", "false").option("multiLine", "true")
                    .option("sep", String.valueOf(d.delimiter())).option("encoding", d.encoding().name());
            // The header's columns as strings, and one more that Spark fills with the text of a row whose
            // number of values is not the header's (it would pad or cut the row otherwise). Naming it also
            // turns off the parser's column pruning, which would hide such rows.
            StructType schema = reader.csv(p).schema().add(MALFORMED, DataTypes.StringType, true);
            df = reader.schema(schema).option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", MALFORMED)
                    .csv(p);
        } else if (format.equals("json")) {
            df = reader.option("primitivesAsString", "true").json(p);
        } else {
            df = reader.parquet(p);
        }
        List<ColumnSpec> specs = source.columns();
        boolean[] present = new boolean[specs.size()];
        List<Column> select = new ArrayList<>();
        int[] position = new int[specs.size()];
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < specs.size(); c++) {
            String wanted = mapping.fileColumn(specs.get(c).name());
            Column col = column(df, wanted, format.equals("json"));
            position[c] = -1;
            if (col != null) {
                present[c] = true;
                position[c] = select.size();
                select.add(col);
            } else if (specs.get(c).required()) {
                missing.add("'" + specs.get(c).name() + "'" + (wanted.equals(specs.get(c).name()) ? ""
                        : " (mapped from '" + wanted + "')"));
            }
        }
        int[] extraAt = new int[extra.size()];
        for (int x = 0; x < extra.size(); x++) {
            Column col = column(df, extra.get(x), format.equals("json"));
            if (col == null) {
                missing.add("'" + extra.get(x) + "' (sources.churn.from_accounts." + (x == 0 ? "date" : "flag") + ")");
            } else {
                extraAt[x] = select.size();
                select.add(col);
            }
        }
        if (!missing.isEmpty()) {
            String name = paths.size() == 1 ? relative(new Path(paths.get(0))) : source.fileStem() + "/";
            throw new DataProblemException(name, "missing required column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + "; the file has columns: " + String.join(", ",
                    java.util.Arrays.stream(df.columns()).filter(c -> !c.equals(MALFORMED)).toList()));
        }
        boolean[] merged = columns.get(source);
        if (merged == null) {
            columns.put(source, present);
        } else {
            for (int c = 0; c < merged.length; c++) {
                merged[c] |= present[c];
            }
        }
        int width = select.size();
        select.add(functions.col("_metadata.file_path"));
        select.add(functions.col("_metadata.file_block_start"));
        select.add(functions.monotonically_increasing_id());
        if (csv) {
            select.add(functions.col(MALFORMED));
        }
        int headerWidth = csv ? df.columns().length - 1 : 0;
        int ordinal = source.ordinal();
        int accountColumn = source.columnNames().indexOf("account_id");
        // an account_id looked up through a table is partitioned by the account it names; an unknown key
        // goes anywhere and is refused there, by the lookup, as on one machine
        Lookup accountLookup = mapping.lookups().get("account_id");
        String accountTable = accountLookup == null ? null : lookupKey(source, accountLookup);
        String rootPath = root.toUri().getPath();
        int cells = specs.size();
        return df.select(select.toArray(Column[]::new)).toJavaRDD().map(row -> {
            String[] values = new String[cells + extraAt.length];
            for (int c = 0; c < cells; c++) {
                if (position[c] >= 0) {
                    values[c] = text(row.get(position[c]));
                }
            }
            for (int x = 0; x < extraAt.length; x++) {
                values[cells + x] = text(row.get(extraAt[x]));
            }
            Rec rec = new Rec(ordinal, relative(rootPath, row.getString(width)), row.getLong(width + 1),
                    row.getLong(width + 2), values);
            if (csv && !row.isNullAt(width + 3)) {
                throw new DataProblemException(TextCursor.location(rec), "does not have the header's "
                        + headerWidth + " columns (expected one value per column; quote a value that holds the"
                        + " delimiter): " + Texts.quoted(row.getString(width + 3)));
            }
            String account = values[accountColumn];
            if (accountTable != null) {
                String key = TextCursor.trim(account);
                String found = key == null ? null : tables.value().get(accountTable).get(key);
                account = found != null ? found : account;
            }
            return new scala.Tuple2<>(partition(account, partitions), rec);
        });
    }

    /** The column Spark's CSV reader puts a malformed row's text in. */
    static final String MALFORMED = "_churn_malformed_row";

    /** The column of a file, or null when it has none: a dotted path into JSON objects. */
    private static Column column(Dataset<Row> df, String name, boolean json) {
        for (String c : df.columns()) {
            if (c.equals(name)) {
                return df.col("`" + name.replace("`", "``") + "`");
            }
        }
        if (json && name.contains(".")) {
            try {
                Column c = df.col(name);
                df.select(c); // resolves it, or throws
                return c;
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    static String relative(String rootPath, String fileUri) {
        String f;
        try {
            f = new URI(fileUri).getPath();
        } catch (URISyntaxException e) {
            f = fileUri;
        }
        return f.startsWith(rootPath + "/") ? f.substring(rootPath.length() + 1) : f;
    }

    /** The partition of an account id: the extractor's own 64-bit hash of the trimmed id. */
    static int partition(String accountId, int partitions) {
        String t = TextCursor.trim(accountId);
        return t == null ? 0 : (int) Math.floorMod(
                org.churnrisk.features.io.values.Hashing.hash64(t), (long) partitions);
    }

    /** A value as text the single-machine readers accept. */
    static String text(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Double d) {
            return Double.isFinite(d) ? BigDecimal.valueOf(d).toPlainString() : d.toString();
        }
        if (v instanceof Float f) {
            return Float.isFinite(f) ? new BigDecimal(Float.toString(f)).toPlainString() : f.toString();
        }
        if (v instanceof BigDecimal b) {
            return b.toPlainString();
        }
        if (v instanceof Instant i) {
            return i.toString();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant().toString();
        }
        if (v instanceof LocalDate || v instanceof LocalDateTime || v instanceof java.sql.Date) {
            return v.toString();
        }
        return v.toString();
    }
}
