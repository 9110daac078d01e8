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
 */
public record BookConfig(Map<Source, SourceMapping> mappings, ValueFormats formats) {
    /** The mapping file's name in a book. */
    public static final String FILE_NAME = "churn.yaml";

    /** Canonical file and column names, ISO-8601 values in UTC: the data contract as written. */
    public static final BookConfig DEFAULT = new BookConfig(Map.of(), ValueFormats.DEFAULT);

    private static final List<String> FORMAT_KEYS = List.of("zone", "booleans", "date_patterns", "timestamp_patterns");
    /**
     * {@code features} belongs to the feature settings (org.churnrisk.features.FeatureSettings) and
     * {@code scoring} to the scoring settings (churn-score's org.churnrisk.score.ScoringSettings),
     * both read from the same file.
     */
    private static final List<String> TOP_KEYS = concat(FORMAT_KEYS, List.of("sources", "features", "scoring"));
    private static final List<String> SOURCE_KEYS = concat(List.of("files", "columns"), FORMAT_KEYS);

    /**
     * Completes the map with the sources it leaves out: default names, the top-level formats.
     *
     * @throws InvalidArgumentException if a mapping is filed under another source
     */
    public BookConfig {
        Objects.requireNonNull(formats, "formats");
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
        return new BookConfig(copy, formats);
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
        Map<Source, SourceMapping> mappings = new EnumMap<>(Source.class);
        YamlNode sourcesNode = top.get("sources");
        if (sourcesNode != null) {
            YamlNode.MapNode sources = sourcesNode.map("one entry per source, e.g. usage: {files: [...]}");
            for (Map.Entry<String, YamlNode> entry : sources.entries().entrySet()) {
                Source source = source(sources, entry.getKey());
                YamlNode.MapNode spec = entry.getValue().map("the keys " + String.join(", ", SOURCE_KEYS));
                spec.checkKeys(SOURCE_KEYS);
                mappings.put(source, new SourceMapping(source, files(spec), columns(spec, source),
                        formats(spec, defaults)));
            }
        }
        return new BookConfig(mappings, defaults);
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

    private static Map<String, String> columns(YamlNode.MapNode spec, Source source) {
        YamlNode node = spec.get("columns");
        if (node == null) {
            return Map.of();
        }
        YamlNode.MapNode map = node.map("a mapping of canonical column: the file's column, e.g. {account_id: Company ID}");
        Map<String, String> columns = new LinkedHashMap<>();
        Map<String, String> feeds = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> entry : map.entries().entrySet()) {
            String canonical = entry.getKey();
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
        return columns;
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
        try {
            return new ValueFormats(zone, datePatterns, timestampPatterns, trueSpellings, falseSpellings);
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
