package org.churnrisk.features.io.mapping;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.InvalidConfigException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML file such as {@code churn.yaml} parsed once into {@link YamlNode}s that remember where
 * they stand, so that every reader of it can name the file, the line and, where a line holds more
 * than one key, the column of a mistake.
 *
 * <p>Jackson's {@code JsonNode} forgets locations, so the tree is built from Jackson's streaming
 * {@link YAMLParser}. Parsing is strict: text that is not YAML, a key given twice in one mapping,
 * an alias ({@code *name}) and a second document are refused with an {@link
 * InvalidArgumentException} such as {@code churn.yaml line 4: sources.usage: duplicate key
 * 'files' (first on line 3)}. Scalars keep their text as written ({@code Yes} stays {@code Yes},
 * {@code 007} stays {@code 007}) beside the type YAML gives them. An empty file, or one of
 * comments only, is an empty mapping.
 *
 * <pre>{@code
 * YamlTree tree = YamlTree.read(book.resolve("churn.yaml"));
 * YamlNode.MapNode top = tree.root().map("a mapping of settings");
 * top.checkKeys(List.of("zone", "sources"));  // churn.yaml line 2: unknown key 'zones', did you mean 'zone'? (expected one of zone, sources)
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class YamlTree {
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();

    private final Path file;
    private final Origin origin;
    private final YamlNode root;

    private YamlTree(Path file, Origin origin, YamlNode root) {
        this.file = file;
        this.origin = origin;
        this.root = root;
    }

    /**
     * Reads a YAML file; messages name it by its file name.
     *
     * @throws InvalidArgumentException if it is not YAML, repeats a key, uses an alias or holds two
     *                                  documents (an {@link InvalidConfigException})
     * @throws IOException              if it cannot be read, is a directory, or is not text (binary
     *                                  data, not UTF-8): the message names the file, without Java class names
     */
    public static YamlTree read(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory (expected a YAML settings file such as churn.yaml)");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readAllBytes(); // once: the file may be a pipe
        }
        String text;
        try {
            text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw notText(file, "it is not UTF-8 text");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw notText(file, "it holds binary data (a NUL character at offset " + nul + ")");
        }
        try (Reader in = new StringReader(text)) {
            return parse(FACTORY.createParser(in), file, name);
        }
    }

    private static IOException notText(Path file, String why) {
        return new IOException(file + ": cannot be read as a settings file: " + why
                + " (expected a YAML file such as churn.yaml)");
    }

    /**
     * Parses YAML text, named {@code name} in messages (e.g. {@code churn.yaml}); {@link #file()} is empty.
     *
     * @throws InvalidArgumentException as {@link #read}
     */
    public static YamlTree parse(String text, String name) {
        try (Reader in = new StringReader(text)) {
            return parse(FACTORY.createParser(in), null, name);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string failed", e);
        }
    }

    /** A tree of one empty mapping, as an empty file named {@code name} gives. */
    public static YamlTree empty(String name) {
        Origin origin = new Origin(name);
        return new YamlTree(null, origin, YamlNode.MapNode.empty(origin, "", 1, 1));
    }

    /** The file the tree was read from; empty for text and {@link #empty}. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The name messages start with, e.g. {@code churn.yaml}. */
    public String name() {
        return origin.name;
    }

    /** The document: a mapping in a settings file, but any node as YAML allows it. */
    public YamlNode root() {
        return root;
    }

    /** The value of a top-level key, or null when the key is absent or the document is not a mapping. */
    public YamlNode section(String key) {
        return root instanceof YamlNode.MapNode map ? map.get(key) : null;
    }

    // ---- parsing ---------------------------------------------------------------------------------

    private static YamlTree parse(JsonParser parser, Path file, String name) throws IOException {
        Origin origin = new Origin(name);
        try (YAMLParser p = (YAMLParser) parser) {
            YamlNode root = p.nextToken() == null ? null : read(p, origin, "");
            if (p.nextToken() != null) {
                JsonLocation at = p.currentTokenLocation();
                throw origin.error(at.getLineNr(), at.getColumnNr(), "", "a second YAML document begins here; "
                        + name + " holds one (remove the --- line)");
            }
            if (root == null || root.isNull()) {
                root = YamlNode.MapNode.empty(origin, "", 1, 1);
            }
            return new YamlTree(file, origin, root);
        } catch (JsonProcessingException e) {
            throw notYaml(e, name);
        }
    }

    /** Names the problem and where it is, rather than where the construct it broke began. */
    private static InvalidConfigException notYaml(JsonProcessingException e, String name) {
        JsonLocation at = e.getLocation();
        int line = at != null ? at.getLineNr() : 0;
        int column = at != null ? at.getColumnNr() : 0;
        String detail = e.getOriginalMessage().lines().findFirst().orElse("").strip();
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null
                && yaml.getProblem() != null) {
            line = yaml.getProblemMark().getLine() + 1;
            column = yaml.getProblemMark().getColumn() + 1;
            detail = yaml.getProblem().strip();
        }
        String where = line > 0 ? " line " + line + (column > 0 ? ", column " + column : "") : "";
        return new InvalidConfigException(name + where + ": is not valid YAML (" + detail + ")");
    }

    /** Reads the value at the parser's current token, and everything inside it. */
    private static YamlNode read(YAMLParser p, Origin origin, String path) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, YamlNode.Key> entries = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonLocation keyAt = p.currentTokenLocation();
                origin.entryStarts(keyAt.getLineNr(), keyAt.getColumnNr());
                YamlNode.Key first = entries.get(key);
                if (first != null) {
                    throw origin.error(keyAt.getLineNr(), keyAt.getColumnNr(), path, "duplicate key '" + key
                            + "' (first on line " + first.line() + ")");
                }
                p.nextToken();
                YamlNode value = read(p, origin, path.isEmpty() ? key : path + "." + key);
                entries.put(key, new YamlNode.Key(key, keyAt.getLineNr(), keyAt.getColumnNr(), value));
            }
            return new YamlNode.MapNode(origin, path, line, column, entries);
        }
        if (token == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                JsonLocation itemAt = p.currentTokenLocation();
                origin.entryStarts(itemAt.getLineNr(), itemAt.getColumnNr());
                items.add(read(p, origin, path + "[" + (items.size() + 1) + "]"));
            }
            return new YamlNode.ListNode(origin, path, line, column, items);
        }
        if (p.isCurrentAlias()) {
            throw origin.error(line, column, path, "aliases (*" + p.getText() + ") are not supported; write the"
                    + " value out");
        }
        return switch (token) {
            case VALUE_NULL -> new YamlNode.Scalar(origin, path, line, column, YamlNode.Scalar.Type.NULL, null, null);
            case VALUE_TRUE, VALUE_FALSE ->
                    new YamlNode.Scalar(origin, path, line, column, YamlNode.Scalar.Type.BOOLEAN, p.getText(), null);
            case VALUE_NUMBER_INT -> new YamlNode.Scalar(origin, path, line, column, YamlNode.Scalar.Type.INTEGER,
                    p.getText(), p.getNumberValue());
            case VALUE_NUMBER_FLOAT -> new YamlNode.Scalar(origin, path, line, column, YamlNode.Scalar.Type.DECIMAL,
                    p.getText(), p.getNumberValue());
            default -> new YamlNode.Scalar(origin, path, line, column, YamlNode.Scalar.Type.STRING, p.getText(), null);
        };
    }

    /**
     * The file's name and which of its lines hold more than one key or list item, for messages.
     * Filled while parsing, read only afterwards.
     */
    static final class Origin {
        private final String name;
        private final Map<Integer, Set<Integer>> starts = new HashMap<>();

        private Origin(String name) {
            this.name = name;
        }

        private void entryStarts(int line, int column) {
            starts.computeIfAbsent(line, l -> new HashSet<>()).add(column);
        }

        /** {@code churn.yaml line 3}, with {@code , column 12} when the line holds more than one key or item. */
        String where(int line, int column) {
            Set<Integer> columns = starts.get(line);
            boolean crowded = columns != null && columns.size() > 1;
            return name + " line " + line + (crowded ? ", column " + column : "");
        }

        InvalidConfigException error(int line, int column, String path, String message) {
            return new InvalidConfigException(where(line, column) + ": " + (path.isEmpty() ? "" : path + ": ")
                    + message);
        }
    }
}
