package org.churnrisk.features.io.mapping;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
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
 * <p>Unknown keys, sources and columns, zones that do not exist and patterns that do not read
 * back what they write are rejected with an {@link InvalidArgumentException} naming the file, the
 * key and the allowed values. Immutable and thread-safe.
 *
 * @param mappings the mapping of every source
 */
public record BookConfig(Map<Source, SourceMapping> mappings) {
    /** The mapping file's name in a book. */
    public static final String FILE_NAME = "churn.yaml";

    /** Canonical file and column names, ISO-8601 values in UTC: the data contract as written. */
    public static final BookConfig DEFAULT = new BookConfig(Map.of());

    private static final List<String> FORMAT_KEYS = List.of("zone", "booleans", "date_patterns", "timestamp_patterns");
    /**
     * {@code features} belongs to the feature settings (org.churnrisk.features.FeatureSettings) and
     * {@code scoring} to the scoring settings (churn-train's org.churnrisk.train.score.ScoringSettings),
     * both read from the same file.
     */
    private static final List<String> TOP_KEYS = concat(FORMAT_KEYS, List.of("sources", "features", "scoring"));
    private static final List<String> SOURCE_KEYS = concat(List.of("files", "columns"), FORMAT_KEYS);

    /**
     * Completes the map with the defaults of the sources it leaves out.
     *
     * @throws InvalidArgumentException if a mapping is filed under another source
     */
    public BookConfig {
        Map<Source, SourceMapping> all = new EnumMap<>(Source.class);
        for (Source source : Source.values()) {
            SourceMapping m = mappings.get(source);
            if (m != null && m.source() != source) {
                throw new InvalidArgumentException("the mapping of " + m.source().fileStem() + " is filed under "
                        + source.fileStem());
            }
            all.put(source, m != null ? m : SourceMapping.defaults(source));
        }
        mappings = Collections.unmodifiableMap(all);
    }

    /** The mapping of one source. */
    public SourceMapping mapping(Source source) {
        return mappings.get(Objects.requireNonNull(source, "source"));
    }

    /** A copy with one source's mapping replaced. */
    public BookConfig with(SourceMapping mapping) {
        Map<Source, SourceMapping> copy = new EnumMap<>(mappings);
        copy.put(mapping.source(), mapping);
        return new BookConfig(copy);
    }

    /**
     * The configuration of a book: its {@value #FILE_NAME} if there is one, else {@link #DEFAULT}.
     *
     * @throws InvalidArgumentException if the mapping file is invalid
     * @throws IOException              if it cannot be read
     */
    public static BookConfig forBook(Path bookDir) throws IOException {
        Path file = bookDir.resolve(FILE_NAME);
        if (Files.isRegularFile(file)) {
            return load(file);
        }
        if (Files.isRegularFile(bookDir.resolve("churn.yml"))) {
            throw new InvalidArgumentException(bookDir.resolve("churn.yml") + ": a mapping file must be named "
                    + FILE_NAME + "; rename it");
        }
        return DEFAULT;
    }

    /**
     * Reads a mapping file. An empty file gives {@link #DEFAULT}.
     *
     * @throws InvalidArgumentException if it is not valid YAML or breaks the format; the message
     *     starts with the file name and the key, e.g. {@code churn.yaml: sources.usage.columns: ...}
     * @throws IOException              if it cannot be read
     */
    public static BookConfig load(Path yamlFile) throws IOException {
        String name = yamlFile.getFileName().toString();
        Node root;
        try (InputStream in = Files.newInputStream(yamlFile)) {
            root = parse(in, name);
        }
        try {
            return fromTree(root);
        } catch (InvalidArgumentException e) {
            throw new InvalidArgumentException(name + ": " + e.getMessage());
        }
    }

    // ---- the tree --------------------------------------------------------------------------------

    /** A YAML value with scalars kept as written (so that Yes stays Yes, and 01 stays 01). */
    private sealed interface Node permits MapNode, ListNode, Scalar {
    }

    private record MapNode(Map<String, Node> entries) implements Node {
    }

    private record ListNode(List<Node> items) implements Node {
    }

    /** text is null for a YAML null (~, null or nothing). */
    private record Scalar(String text) implements Node {
    }

    private static Node parse(InputStream in, String name) throws IOException {
        YAMLFactory factory = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        try (JsonParser parser = factory.createParser(in)) {
            if (parser.nextToken() == null) {
                return new MapNode(Map.of());
            }
            return read(parser);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at != null && at.getLineNr() > 0 ? " line " + at.getLineNr() : "";
            String detail = e.getOriginalMessage().lines().findFirst().orElse("").strip();
            throw new InvalidArgumentException(name + where + ": is not valid YAML (" + detail + ")");
        }
    }

    private static Node read(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, Node> entries = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                entries.put(key, read(p));
            }
            return new MapNode(entries);
        }
        if (token == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(p));
            }
            return new ListNode(items);
        }
        return new Scalar(token == JsonToken.VALUE_NULL ? null : p.getText());
    }

    // ---- the format --------------------------------------------------------------------------------

    private static BookConfig fromTree(Node root) {
        MapNode top = map(root, "", "the keys zone, booleans, date_patterns, timestamp_patterns, sources and features");
        checkKeys(top, "", TOP_KEYS);
        ValueFormats defaults = formats(top, "", ValueFormats.DEFAULT);
        Map<Source, SourceMapping> mappings = new EnumMap<>(Source.class);
        for (Source source : Source.values()) {
            mappings.put(source, new SourceMapping(source, List.of(), Map.of(), defaults));
        }
        Node sourcesNode = top.entries().get("sources");
        if (sourcesNode != null && !isNull(sourcesNode)) {
            MapNode sources = map(sourcesNode, "sources", "one entry per source, e.g. usage: {files: [...]}");
            for (Map.Entry<String, Node> entry : sources.entries().entrySet()) {
                Source source = source(entry.getKey());
                String path = "sources." + entry.getKey();
                MapNode spec = isNull(entry.getValue()) ? new MapNode(Map.of())
                        : map(entry.getValue(), path, "the keys " + String.join(", ", SOURCE_KEYS));
                checkKeys(spec, path, SOURCE_KEYS);
                mappings.put(source, new SourceMapping(source, files(spec, path), columns(spec, path, source),
                        formats(spec, path + ".", defaults)));
            }
        }
        return new BookConfig(mappings);
    }

    private static Source source(String name) {
        for (Source s : Source.values()) {
            if (s.fileStem().equals(name)) {
                return s;
            }
        }
        List<String> names = Arrays.stream(Source.values()).map(Source::fileStem).toList();
        throw new InvalidArgumentException("sources: '" + name + "' is not a source (expected one of "
                + String.join(", ", names) + ")");
    }

    private static List<String> files(MapNode spec, String path) {
        Node node = spec.entries().get("files");
        if (node == null) {
            return List.of();
        }
        String key = path + ".files";
        List<String> globs = strings(node, key, "file names or globs relative to the book, e.g. [\"usage_*.csv.gz\"]");
        if (globs.isEmpty()) {
            throw new InvalidArgumentException(key + ": is empty (leave the key out to use the default file names)");
        }
        for (String glob : globs) {
            if (glob.startsWith("/") || glob.startsWith("\\") || glob.matches("^[A-Za-z]:.*")
                    || Arrays.asList(glob.split("[/\\\\]")).contains("..")) {
                throw new InvalidArgumentException(key + ": '" + glob + "' must be relative to the book and stay"
                        + " inside it (no leading /, no ..)");
            }
            try {
                FileSystems.getDefault().getPathMatcher("glob:" + glob);
            } catch (PatternSyntaxException e) {
                throw new InvalidArgumentException(key + ": '" + glob + "' is not a valid glob (" + e.getDescription()
                        + "); use * for any characters and ** for any folders");
            }
        }
        return globs;
    }

    private static Map<String, String> columns(MapNode spec, String path, Source source) {
        Node node = spec.entries().get("columns");
        String key = path + ".columns";
        if (node == null || isNull(node)) {
            return Map.of();
        }
        MapNode map = map(node, key, "canonical column: the file's column, e.g. {account_id: Company ID}");
        Map<String, String> columns = new LinkedHashMap<>();
        for (Map.Entry<String, Node> entry : map.entries().entrySet()) {
            String canonical = entry.getKey();
            if (!source.hasColumn(canonical)) {
                throw new InvalidArgumentException(key + ": '" + canonical + "' is not a column of " + source.fileStem()
                        + " (expected one of " + String.join(", ", source.columnNames()) + ")");
            }
            String fileColumn = scalar(entry.getValue(), key + "." + canonical, "the file's column name");
            columns.put(canonical, fileColumn);
        }
        return columns;
    }

    private static ValueFormats formats(MapNode node, String prefix, ValueFormats base) {
        ZoneId zone = base.zone();
        Node zoneNode = node.entries().get("zone");
        if (zoneNode != null) {
            String text = scalar(zoneNode, prefix + "zone", "a time zone");
            try {
                zone = ZoneId.of(text);
            } catch (DateTimeException e) {
                throw new InvalidArgumentException(prefix + "zone: '" + text + "' is not a time zone (expected a region"
                        + " such as Europe/Berlin or America/New_York, UTC, or an offset such as +02:00)");
            }
        }
        List<String> trueSpellings = base.trueSpellings();
        List<String> falseSpellings = base.falseSpellings();
        Node booleans = node.entries().get("booleans");
        if (booleans != null) {
            String key = prefix + "booleans";
            MapNode map = map(booleans, key, "{true: [...], false: [...]}");
            checkKeys(map, key, List.of("true", "false"));
            if (map.entries().containsKey("true")) {
                trueSpellings = nonEmpty(strings(map.entries().get("true"), key + ".true", "spellings of true"),
                        key + ".true");
            }
            if (map.entries().containsKey("false")) {
                falseSpellings = nonEmpty(strings(map.entries().get("false"), key + ".false", "spellings of false"),
                        key + ".false");
            }
        }
        List<String> datePatterns = patterns(node, prefix + "date_patterns", base.datePatterns(), false);
        List<String> timestampPatterns = patterns(node, prefix + "timestamp_patterns", base.timestampPatterns(), true);
        try {
            return new ValueFormats(zone, datePatterns, timestampPatterns, trueSpellings, falseSpellings);
        } catch (ChurnException e) {
            throw new InvalidArgumentException(prefix + e.getMessage());
        }
    }

    private static List<String> patterns(MapNode node, String key, List<String> base, boolean timestamp) {
        String name = key.substring(key.lastIndexOf('.') + 1);
        Node value = node.entries().get(name);
        if (value == null) {
            return base;
        }
        List<String> patterns = strings(value, key, "DateTimeFormatter patterns, e.g. [\"M/d/yyyy\"]");
        for (String pattern : patterns) {
            try {
                DatePattern.compile(pattern, timestamp);
            } catch (InvalidArgumentException e) {
                throw new InvalidArgumentException(key + ": " + e.getMessage());
            }
        }
        return patterns;
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static MapNode map(Node node, String key, String expected) {
        if (node instanceof MapNode m) {
            return m;
        }
        throw new InvalidArgumentException((key.isEmpty() ? "" : key + ": ") + "expected a mapping of "
                + expected + ", found " + describe(node));
    }

    private static String scalar(Node node, String key, String expected) {
        if (node instanceof Scalar s && s.text() != null && !s.text().isBlank()) {
            return s.text().strip();
        }
        throw new InvalidArgumentException(key + ": expected " + expected + ", found " + describe(node));
    }

    /** A list of scalars, or a single scalar as a list of one. */
    private static List<String> strings(Node node, String key, String expected) {
        if (node instanceof Scalar) {
            return List.of(scalar(node, key, expected));
        }
        if (node instanceof ListNode list) {
            List<String> out = new ArrayList<>();
            for (Node item : list.items()) {
                out.add(scalar(item, key, expected));
            }
            return out;
        }
        throw new InvalidArgumentException(key + ": expected a list of " + expected + ", found " + describe(node));
    }

    private static List<String> nonEmpty(List<String> values, String key) {
        if (values.isEmpty()) {
            throw new InvalidArgumentException(key + ": needs at least one spelling");
        }
        return values;
    }

    private static void checkKeys(MapNode node, String path, List<String> allowed) {
        for (String key : node.entries().keySet()) {
            if (!allowed.contains(key)) {
                String where = path.isEmpty() ? "" : path + ": ";
                throw new InvalidArgumentException(where + "unknown key '" + key + "' (expected one of "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    private static boolean isNull(Node node) {
        return node instanceof Scalar s && s.text() == null;
    }

    private static String describe(Node node) {
        if (node instanceof MapNode) {
            return "a mapping";
        }
        if (node instanceof ListNode) {
            return "a list";
        }
        String text = ((Scalar) node).text();
        return text == null || text.isBlank() ? "nothing" : "'" + text + "'";
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
