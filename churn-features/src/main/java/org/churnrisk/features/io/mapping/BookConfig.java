package org.churnrisk.features.io.mapping;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.PatternSyntaxException;
import org.churnrisk.core.ChurnException;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.InvalidConfigException;
import org.churnrisk.features.io.problems.Texts;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.values.DatePattern;
import org.churnrisk.features.io.values.ValueFormats;
import org.churnrisk.features.io.values.ValueParser;

/**
 * How to read a book: one {@link SourceMapping} per {@link Source}, from a mapping file
 * ({@code churn.yaml} in the book) or the defaults.
 *
 * <p>The mapping file adapts a foreign export without code: where each source's files are, what
 * its columns are called, and how its values are spelled. Every key is optional; see
 * {@code docs/mapping.md}:
 *
 * <pre>{@code
 * zone: America/New_York                        # local times and dates; UTC if absent
 * booleans: {true: [Yes, Y], false: [No, N]}    # replaces true/yes/y/1 and false/no/n/0
 * date_patterns: [M/d/yyyy]                     # tried after yyyy-MM-dd
 * timestamp_patterns: ["M/d/yyyy H:mm"]         # tried after ISO-8601
 * sources:
 *   usage:
 *     files: ["mixpanel_export_*.csv.gz"]       # globs relative to the book
 *     columns: {account_id: Company ID, occurred_at: Time, event: Event Name}
 *     timestamp_patterns: ["yyyy-MM-dd H:mm"]   # zone, booleans and patterns may be set per source
 * }</pre>
 *
 * <p>The mapping is the top level of the file; {@code features} and {@code scoring} are sections
 * for other readers of the same {@link YamlTree} ({@code org.churnrisk.features.BookSettings}
 * reads the file once for all of them). Unknown keys, sources and columns, zones that do not exist
 * and patterns that do not read back what they write are rejected with an {@link
 * InvalidArgumentException} naming the file, the line, the key and the allowed values, e.g.
 * {@code churn.yaml line 3: sources.usage: unknown key 'column', did you mean 'columns'? (expected
 * one of files, columns, zone, booleans, date_patterns, timestamp_patterns)}. Immutable and
 * thread-safe.
 *
 * @param mappings the mapping of every source
 * @param formats  the top-level value formats, which each source's own keys change; its zone is
 *                 the book's zone
 * @param tables   the extra files of the book that {@link Lookup}s read, by name
 * @param churnFromAccounts where the account list records churn, or null when churn comes from
 *                 the churn file only
 */
public record BookConfig(Map<Source, SourceMapping> mappings, ValueFormats formats, Map<String, TableMapping> tables,
                         AccountChurn churnFromAccounts) {
    /** The mapping file's name in a book. */
    public static final String FILE_NAME = "churn.yaml";

    /** Canonical file and column names, ISO-8601 values in UTC: the data contract as written. */
    public static final BookConfig DEFAULT = new BookConfig(Map.of(), ValueFormats.DEFAULT);

    private static final List<String> FORMAT_KEYS = List.of("zone", "booleans", "date_patterns", "timestamp_patterns",
            "excel_dates", "delimiter", "encoding");
    /**
     * {@code features} belongs to the feature settings (org.churnrisk.features.FeatureSettings) and
     * {@code scoring} to the scoring settings (churn-score's org.churnrisk.score.ScoringSettings),
     * both read from the same file.
     */
    private static final List<String> TOP_KEYS = concat(FORMAT_KEYS, List.of("sources", "tables", "features", "scoring"));
    private static final List<String> SOURCE_KEYS = concat(List.of("files", "file", "columns", "values", "lookups"),
            FORMAT_KEYS);
    private static final List<String> TABLE_KEYS = List.of("files", "file", "columns", "delimiter", "encoding");
    private static final List<String> LOOKUP_KEYS = List.of("table", "on", "key", "value");
    private static final List<String> CHURN_KEYS = concat(SOURCE_KEYS, List.of("from_accounts"));

    /**
     * Completes the map with the sources it leaves out: default names, the top-level formats.
     *
     * @throws InvalidArgumentException if a mapping is filed under another source
     */
    public BookConfig {
        Objects.requireNonNull(formats, "formats");
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        Map<Source, SourceMapping> all = new EnumMap<>(Source.class);
        for (Source source : Source.values()) {
            SourceMapping m = mappings.get(source);
            if (m != null && m.source() != source) {
                throw new InvalidArgumentException("the mapping of " + m.source().fileStem() + " is filed under "
                        + source.fileStem());
            }
            all.put(source, m != null ? m : new SourceMapping(source, List.of(), Map.of(), formats));
        }
        mappings = Collections.unmodifiableMap(all);
        for (SourceMapping m : mappings.values()) {
            for (Lookup lookup : m.lookups().values()) {
                if (!tables.containsKey(lookup.table())) {
                    throw new InvalidArgumentException(m.source().fileStem() + ".lookups." + lookup.column()
                            + ": no table '" + lookup.table() + "' (expected one of " + String.join(", ", tables.keySet())
                            + ")");
                }
            }
        }
    }

    /** The given mappings, formats and tables; churn from the churn file only. */
    public BookConfig(Map<Source, SourceMapping> mappings, ValueFormats formats, Map<String, TableMapping> tables) {
        this(mappings, formats, tables, null);
    }

    /** The given mappings and top-level formats, no tables. */
    public BookConfig(Map<Source, SourceMapping> mappings, ValueFormats formats) {
        this(mappings, formats, Map.of());
    }

    /** The given mappings, the other sources with the defaults of the data contract. */
    public BookConfig(Map<Source, SourceMapping> mappings) {
        this(mappings, ValueFormats.DEFAULT);
    }

    /** The mapping of one source. */
    public SourceMapping mapping(Source source) {
        return mappings.get(Objects.requireNonNull(source, "source"));
    }

    /** A copy with one source's mapping replaced. */
    public BookConfig with(SourceMapping mapping) {
        Map<Source, SourceMapping> copy = new EnumMap<>(mappings);
        copy.put(mapping.source(), mapping);
        return new BookConfig(copy, formats, tables, churnFromAccounts);
    }

    /**
     * The configuration of a book: its {@value #FILE_NAME} if there is one, else {@link #DEFAULT}.
     *
     * @throws InvalidArgumentException if the mapping file is invalid
     * @throws IOException              if it cannot be read
     */
    public static BookConfig forBook(Path bookDir) throws IOException {
        Path file = fileOf(bookDir);
        return file == null ? DEFAULT : load(file);
    }

    /**
     * The book's {@value #FILE_NAME}, or null when it has none.
     *
     * @throws InvalidArgumentException if it has a {@code churn.yml} instead, which would be ignored
     */
    public static Path fileOf(Path bookDir) {
        Path file = bookDir.resolve(FILE_NAME);
        if (Files.isRegularFile(file)) {
            return file;
        }
        if (Files.isRegularFile(bookDir.resolve("churn.yml"))) {
            throw new InvalidConfigException(bookDir.resolve("churn.yml") + ": a mapping file must be named "
                    + FILE_NAME + "; rename it");
        }
        return null;
    }

    /**
     * Reads the mapping of a file. An empty file gives {@link #DEFAULT}. To read the mapping and
     * the file's other sections from one parse, use {@code org.churnrisk.features.BookSettings}.
     *
     * @throws InvalidArgumentException if it is not valid YAML or breaks the format; the message
     *     starts with the file name, the line and the key, e.g. {@code churn.yaml line 4: sources.usage.columns: ...}
     * @throws IOException              if it cannot be read
     */
    public static BookConfig load(Path yamlFile) throws IOException {
        return from(YamlTree.read(yamlFile).root());
    }

    /**
     * The mapping of a parsed file: its top level, whose keys it checks (including that only
     * {@code features} and {@code scoring} are left for other readers).
     *
     * @throws InvalidArgumentException naming the file, line and key of the first mistake
     */
    public static BookConfig from(YamlNode root) {
        YamlNode.MapNode top = root.map("a mapping of the keys zone, booleans, date_patterns, timestamp_patterns,"
                + " sources, features and scoring");
        top.checkKeys(TOP_KEYS);
        ValueFormats defaults = formats(top, ValueFormats.DEFAULT);
        CsvDialect defaultDialect = dialect(top, CsvDialect.DEFAULT);
        Map<String, TableMapping> tables = tables(top, defaultDialect);
        Map<Source, SourceMapping> mappings = new EnumMap<>(Source.class);
        YamlNode sourcesNode = top.get("sources");
        AccountChurn churnFromAccounts = null;
        if (sourcesNode != null) {
            YamlNode.MapNode sources = sourcesNode.map("one entry per source, e.g. usage: {files: [...]}");
            for (Map.Entry<String, YamlNode> entry : sources.entries().entrySet()) {
                Source source = source(sources, entry.getKey());
                List<String> keys = source == Source.CHURN ? CHURN_KEYS : SOURCE_KEYS;
                YamlNode.MapNode spec = entry.getValue().map("the keys " + String.join(", ", keys));
                spec.checkKeys(keys);
                if (source == Source.CHURN) {
                    churnFromAccounts = accountChurn(spec);
                }
                Map<String, Lookup> lookups = lookups(spec, source, tables);
                mappings.put(source, new SourceMapping(source, files(spec), columns(spec, source, lookups),
                        formats(spec, defaults), values(spec, source), lookups, dialect(spec, defaultDialect)));
            }
        }
        for (Source s : Source.values()) {
            // a source not listed still takes the top-level dialect
            mappings.putIfAbsent(s, new SourceMapping(s, List.of(), Map.of(), defaults, Map.of(), Map.of(),
                    defaultDialect));
        }
        return new BookConfig(mappings, defaults, tables, churnFromAccounts);
    }

    /** {@code sources.churn.from_accounts: {flag: ..., date: ...}}, or null. */
    private static AccountChurn accountChurn(YamlNode.MapNode spec) {
        YamlNode node = spec.get("from_accounts");
        if (node == null) {
            return null;
        }
        YamlNode.MapNode map = node.map("{date: the accounts file's churn date column, flag: its churned flag column}");
        map.checkKeys(List.of("date", "flag"));
        if (!map.has("date")) {
            throw node.error("needs date: (the accounts file's column with the churn date; flag: is optional)");
        }
        String flag = map.has("flag") ? map.get("flag").text("the accounts file's churned flag column") : null;
        return new AccountChurn(flag, map.get("date").text("the accounts file's churn date column"));
    }

    /** {@code tables:}: the extra files that lookups read. */
    private static Map<String, TableMapping> tables(YamlNode.MapNode top, CsvDialect defaultDialect) {
        YamlNode node = top.get("tables");
        if (node == null) {
            return Map.of();
        }
        YamlNode.MapNode map = node.map("one entry per table, e.g. subscriptions: {file: subscriptions.csv}");
        Map<String, TableMapping> tables = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> entry : map.entries().entrySet()) {
            String name = entry.getKey();
            if (Arrays.stream(Source.values()).anyMatch(s -> s.fileStem().equals(name))) {
                throw map.keyError(name, Texts.quoted(name) + " is a source; a table is another file of the book"
                        + " (list the source under sources)");
            }
            YamlNode.MapNode spec = entry.getValue().map("the keys " + String.join(", ", TABLE_KEYS));
            spec.checkKeys(TABLE_KEYS);
            List<String> files = files(spec);
            if (files.isEmpty()) {
                throw map.keyError(name, "needs file: or files: (the table has no default file name)");
            }
            Map<String, String> columns = new LinkedHashMap<>();
            YamlNode columnsNode = spec.get("columns");
            if (columnsNode != null) {
                YamlNode.MapNode cm = columnsNode.map("a mapping of a name used in lookups: the file's column");
                for (Map.Entry<String, YamlNode> c : cm.entries().entrySet()) {
                    columns.put(c.getKey(), c.getValue().text("the file's column name").strip());
                }
            }
            tables.put(name, new TableMapping(name, files, columns, dialect(spec, defaultDialect)));
        }
        return tables;
    }

    /** {@code lookups:} of a source: canonical column to where it is looked up. */
    private static Map<String, Lookup> lookups(YamlNode.MapNode spec, Source source, Map<String, TableMapping> tables) {
        YamlNode node = spec.get("lookups");
        if (node == null) {
            return Map.of();
        }
        YamlNode.MapNode map = node.map("a mapping of canonical column: {table: ..., on: ..., key: ..., value: ...}");
        Map<String, Lookup> lookups = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> entry : map.entries().entrySet()) {
            String canonical = entry.getKey();
            if (!source.hasColumn(canonical)) {
                throw map.unknown(canonical, Texts.quoted(canonical) + " is not a column of " + source.fileStem(),
                        source.columnNames());
            }
            YamlNode.MapNode l = entry.getValue().map("{table: ..., on: ..., key: ..., value: ...}");
            l.checkKeys(LOOKUP_KEYS);
            for (String key : LOOKUP_KEYS) {
                if (!l.has(key)) {
                    throw map.keyError(canonical, "needs " + key + ": (expected table, on, key and value, e.g. {table:"
                            + " subscriptions, on: subscription_id, key: id, value: account_id})");
                }
            }
            String table = l.get("table").text("a table under tables");
            if (!tables.containsKey(table)) {
                String nearest = YamlNode.nearest(table, List.copyOf(tables.keySet()));
                throw l.get("table").error(Texts.quoted(table) + " is not a table" + (nearest == null ? ""
                        : ", did you mean '" + nearest + "'?") + " (expected one of the tables: "
                        + (tables.isEmpty() ? "none is defined; add it under tables:" : String.join(", ", tables.keySet()))
                        + ")");
            }
            lookups.put(canonical, new Lookup(canonical, table, l.get("on").text("the source's column holding the key"),
                    l.get("key").text("the table's key column"), l.get("value").text("the table's value column")));
        }
        return lookups;
    }

    /** {@code values:} of a source: per enum column, the export's spellings. */
    private static Map<String, ValueMap> values(YamlNode.MapNode spec, Source source) {
        YamlNode node = spec.get("values");
        if (node == null) {
            return Map.of();
        }
        YamlNode.MapNode map = node.map("a mapping of column: {the file's value: canonical value}, e.g."
                + " {priority: {medium: normal}}");
        List<String> enumColumns = source.columnNames().stream().filter(c -> SourceMapping.enumValues(source, c) != null)
                .toList();
        Map<String, ValueMap> values = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> entry : map.entries().entrySet()) {
            String canonical = entry.getKey();
            List<String> allowed = SourceMapping.enumValues(source, canonical);
            if (allowed == null) {
                if (source.hasColumn(canonical)) {
                    throw map.keyError(canonical, Texts.quoted(canonical) + " is not an enum column of "
                            + source.fileStem() + "; values maps only "
                            + (enumColumns.isEmpty() ? "enum columns, and " + source.fileStem() + " has none"
                            : String.join(", ", enumColumns)));
                }
                throw map.unknown(canonical, Texts.quoted(canonical) + " is not a column of " + source.fileStem(),
                        enumColumns.isEmpty() ? source.columnNames() : enumColumns);
            }
            YamlNode.MapNode spellings = entry.getValue().map("a mapping of the file's value: canonical value, e.g."
                    + " {medium: normal}");
            Map<String, String> mapped = new LinkedHashMap<>();
            Map<String, String> seen = new LinkedHashMap<>();
            for (Map.Entry<String, YamlNode> s : spellings.entries().entrySet()) {
                String target = s.getValue().text("a value of " + canonical + " (one of " + String.join(", ", allowed) + ")");
                if (!allowed.contains(target.toLowerCase(java.util.Locale.ROOT))) {
                    String nearest = YamlNode.nearest(target.toLowerCase(java.util.Locale.ROOT), allowed);
                    throw s.getValue().error(Texts.quoted(target) + " is not a value of " + canonical
                            + (nearest == null ? "" : ", did you mean '" + nearest + "'?")
                            + " (expected one of " + String.join(", ", allowed) + ")");
                }
                String other = seen.putIfAbsent(s.getKey().strip().toLowerCase(java.util.Locale.ROOT), s.getKey());
                if (other != null) {
                    throw spellings.keyError(s.getKey(), Texts.quoted(s.getKey()) + " is mapped twice (as "
                            + Texts.quoted(other) + " too; spellings ignore case)");
                }
                mapped.put(s.getKey().strip(), target);
            }
            values.put(canonical, new ValueMap(canonical, allowed, mapped));
        }
        return values;
    }

    /** {@code delimiter} and {@code encoding} over {@code base}. */
    private static CsvDialect dialect(YamlNode.MapNode node, CsvDialect base) {
        char delimiter = base.delimiter();
        java.nio.charset.Charset encoding = base.encoding();
        YamlNode d = node.get("delimiter");
        if (d != null) {
            String text = d instanceof YamlNode.Scalar s && s.text() != null ? s.text() : d.text("one character");
            if (text.length() != 1) {
                throw d.error(Texts.quoted(text) + " is not one character (expected the character between values,"
                        + " such as \";\", \"|\" or \"\\t\" for a tab; quote it)");
            }
            delimiter = text.charAt(0);
        }
        YamlNode e = node.get("encoding");
        if (e != null) {
            try {
                encoding = CsvDialect.encoding(e.text("an encoding such as windows-1252"));
            } catch (InvalidArgumentException x) {
                throw e.error(x.getMessage());
            }
        }
        try {
            return new CsvDialect(delimiter, encoding);
        } catch (InvalidArgumentException x) {
            throw d.error(x.getMessage().substring("delimiter: ".length()));
        }
    }

    private static Source source(YamlNode.MapNode sources, String name) {
        for (Source s : Source.values()) {
            if (s.fileStem().equals(name)) {
                return s;
            }
        }
        List<String> names = Arrays.stream(Source.values()).map(Source::fileStem).toList();
        throw sources.unknown(name, Texts.quoted(name) + " is not a source", names);
    }

    private static List<String> files(YamlNode.MapNode spec) {
        YamlNode node = spec.get("files");
        if (spec.has("file")) {
            if (node != null) {
                throw spec.keyError("file", "give file: (one file) or files: (a list), not both");
            }
            node = spec.get("file");
            if (!(node instanceof YamlNode.Scalar)) {
                throw node.error("expected one file name (use files: for a list), found " + node.describe());
            }
        }
        if (node == null) {
            return List.of();
        }
        List<String> globs = new ArrayList<>();
        for (YamlNode.Scalar item : node.scalars("file names or globs relative to the book, e.g. [\"usage_*.csv.gz\"]")) {
            String glob = item.text().strip();
            if (glob.startsWith("/") || glob.startsWith("\\") || glob.matches("^[A-Za-z]:.*")
                    || Arrays.asList(glob.split("[/\\\\]")).contains("..")) {
                throw item.errorAs(node.path(), Texts.quoted(glob) + " must be relative to the book and stay inside it"
                        + " (no leading /, no ..)");
            }
            try {
                FileSystems.getDefault().getPathMatcher("glob:" + glob);
            } catch (PatternSyntaxException e) {
                throw item.errorAs(node.path(), Texts.quoted(glob) + " is not a valid glob (" + e.getDescription()
                        + "); use * for any characters and ** for any folders");
            }
            globs.add(glob);
        }
        if (globs.isEmpty()) {
            throw node.error("is empty (leave the key out to use the default file names)");
        }
        return globs;
    }

    /**
     * {@code columns:} of a source; a name that is not canonical is allowed when a lookup's
     * {@code on} uses it. A looked-up column maps to the file column holding its key.
     */
    private static Map<String, String> columns(YamlNode.MapNode spec, Source source, Map<String, Lookup> lookups) {
        YamlNode node = spec.get("columns");
        Map<String, String> aliases = new LinkedHashMap<>();
        Map<String, String> columns = new LinkedHashMap<>();
        if (node != null) {
            YamlNode.MapNode map = node.map("a mapping of canonical column: the file's column, e.g. {account_id: Company ID}");
            readColumns(map, source, lookups, columns, aliases);
        }
        for (Lookup lookup : lookups.values()) {
            if (columns.containsKey(lookup.column())) {
                throw spec.get("lookups").error(Texts.quoted(lookup.column()) + " is both under columns and under lookups;"
                        + " it comes from one of them");
            }
            columns.put(lookup.column(), aliases.getOrDefault(lookup.on(), lookup.on()));
        }
        return columns;
    }

    private static void readColumns(YamlNode.MapNode map, Source source, Map<String, Lookup> lookups,
                                    Map<String, String> columns, Map<String, String> aliases) {
        Map<String, String> feeds = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> entry : map.entries().entrySet()) {
            String canonical = entry.getKey();
            if (!source.hasColumn(canonical) && lookups.values().stream().anyMatch(l -> l.on().equals(canonical))) {
                aliases.put(canonical, entry.getValue().text("the file's column name").strip());
                continue;
            }
            if (!source.hasColumn(canonical)) {
                throw map.unknown(canonical, Texts.quoted(canonical) + " is not a column of " + source.fileStem(),
                        source.columnNames());
            }
            String fileColumn = entry.getValue().text("the file's column name");
            // the reader matches header names trimmed; one file column cannot be two canonical ones
            String other = feeds.putIfAbsent(fileColumn.strip(), canonical);
            if (other != null) {
                throw map.keyError(canonical, Texts.quoted(fileColumn.strip()) + " is already mapped to '" + other
                        + "'; each column of the file can be one canonical column only");
            }
            columns.put(canonical, fileColumn);
        }
    }

    /** The value formats a mapping (the top level or a source) sets over {@code base}. */
    private static ValueFormats formats(YamlNode.MapNode node, ValueFormats base) {
        ZoneId zone = base.zone();
        YamlNode zoneNode = node.get("zone");
        if (zoneNode != null) {
            String text = zoneNode.text("a time zone");
            try {
                zone = ZoneId.of(text);
            } catch (DateTimeException e) {
                throw zoneNode.error(Texts.quoted(text) + " is not a time zone (expected a region such as Europe/Berlin or"
                        + " America/New_York, UTC, or an offset such as +02:00)");
            }
        }
        List<String> trueSpellings = base.trueSpellings();
        List<String> falseSpellings = base.falseSpellings();
        YamlNode booleans = node.get("booleans");
        if (booleans != null) {
            YamlNode.MapNode map = booleans.map("{true: [...], false: [...]}");
            map.checkKeys(List.of("true", "false"));
            if (map.has("true")) {
                trueSpellings = nonEmpty(map.get("true"), "spellings of true");
            }
            if (map.has("false")) {
                falseSpellings = nonEmpty(map.get("false"), "spellings of false");
            }
        }
        List<String> datePatterns = patterns(node.get("date_patterns"), base.datePatterns(), false);
        List<String> timestampPatterns = patterns(node.get("timestamp_patterns"), base.timestampPatterns(), true);
        boolean excelDates = base.excelDates();
        YamlNode excel = node.get("excel_dates");
        if (excel != null) {
            if (!(excel instanceof YamlNode.Scalar s) || s.type() != YamlNode.Scalar.Type.BOOLEAN) {
                throw excel.error("expected true or false, found " + excel.describe());
            }
            excelDates = List.of("true", "yes", "on").contains(s.text().strip().toLowerCase(java.util.Locale.ROOT));
        }
        try {
            return new ValueFormats(zone, datePatterns, timestampPatterns, trueSpellings, falseSpellings, excelDates);
        } catch (ChurnException e) {
            // the spellings of true and false clash: ValueFormats' message names the key
            String prefix = node.path().isEmpty() ? "" : node.path() + ".";
            throw (booleans != null ? booleans : node).errorAs("", prefix + e.getMessage());
        }
    }

    private static List<String> patterns(YamlNode node, List<String> base, boolean timestamp) {
        if (node == null) {
            return base;
        }
        List<String> patterns = new ArrayList<>();
        for (YamlNode.Scalar item : node.scalars("DateTimeFormatter patterns, e.g. [\"M/d/yyyy\"]")) {
            String pattern = item.text().strip();
            String lower = pattern.toLowerCase(java.util.Locale.ROOT);
            boolean epoch = lower.equals(ValueParser.EPOCH_SECONDS) || lower.equals(ValueParser.EPOCH_MILLIS);
            if (epoch && !timestamp) {
                throw item.errorAs(node.path(), "'" + pattern + "' reads timestamps: put it under timestamp_patterns");
            }
            if (epoch) {
                String other = lower.equals(ValueParser.EPOCH_SECONDS) ? ValueParser.EPOCH_MILLIS : ValueParser.EPOCH_SECONDS;
                if (patterns.stream().anyMatch(other::equalsIgnoreCase)) {
                    throw item.errorAs(node.path(), ValueParser.EPOCH_SECONDS + " and " + ValueParser.EPOCH_MILLIS
                            + " cannot both be given (a number cannot tell which it is); keep the one the export uses");
                }
                patterns.add(pattern);
                continue;
            }
            try {
                DatePattern.compile(pattern, timestamp);
            } catch (InvalidArgumentException e) {
                throw item.errorAs(node.path(), e.getMessage());
            }
            patterns.add(pattern);
        }
        return patterns;
    }

    private static List<String> nonEmpty(YamlNode node, String expected) {
        List<String> values = node.texts(expected);
        if (values.isEmpty()) {
            throw node.error("needs at least one spelling");
        }
        return values;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
