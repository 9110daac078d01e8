package org.churnrisk.score.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.model.BundleException;
import org.churnrisk.core.model.BundleManifest;
import org.churnrisk.core.model.Calibration;
import org.churnrisk.core.scoring.ScorerFile;

/**
 * Reads and writes {@code bundle.json}, the one place that knows its layout: the bundle writer
 * (churn-train's {@code ModelBundle}) and the readers ({@link ScoringBundle} here, and
 * {@code ModelBundle.load} on top of it) go through it. Keys come in a fixed order, output is pretty-printed
 * with {@code \n} line ends on every OS, and doubles are written as their shortest round-tripping
 * decimal by Jackson's own writer rather than the JDK's {@code Double.toString} (whose output
 * changed in JDK 19), so the same inputs give the same bytes everywhere and every double reads
 * back exactly. Duplicate keys, trailing text and keys the format does not define are refused, and
 * so is a file whose {@value #DIGEST} (its last key, the SHA-256 of the {@link #canonical
 * canonical form} of everything else) does not match: a bundle edited after training. Stateless; the mapper is configured
 * once and thread-safe.
 */
public final class BundleJson {
    /**
     * The manifest: format, creator, algorithm, horizon, feature schema, calibration, metrics,
     * provenance, references, checksums, digest.
     */
    public static final String BUNDLE_JSON = "bundle.json";
    /** The Tribuo model, for evaluation and provenance; scoring does not read it. */
    public static final String MODEL_FILE = "model.tribuo";
    /** The compiled scorer ({@link ScorerFile}), what scoring reads. */
    public static final String SCORER_FILE = ScorerFile.FILE_NAME;
    /** The files {@code checksums} names, in the order it names them. */
    public static final List<String> CHECKSUMMED = List.of(MODEL_FILE, SCORER_FILE);
    /**
     * The last key of {@code bundle.json}: the SHA-256 of the {@link #canonical canonical form} of
     * everything else in it. Since {@code checksums} holds the SHA-256 of {@code scorer.bin} and
     * {@code model.tribuo}, the digest covers every byte that can change a score.
     */
    public static final String DIGEST = "digest";
    static final String SHA256_PREFIX = "sha256:";

    /**
     * The optional key that holds what drivers compare accounts with (churn-score's
     * {@code References}); a bundle without it is read as having none.
     */
    public static final String REFERENCES = "references";
    /** The keys of {@code bundle.json}, in the order written; any other key is refused. */
    static final List<String> KEYS = List.of("format_version", "created_by", "algorithm", "horizon_days",
            "feature_schema", "calibration", "metrics", "provenance", REFERENCES, "checksums", DIGEST);
    private static final List<String> SCHEMA_KEYS = List.of("version", "fingerprint", "names");

    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private BundleJson() {
    }

    /**
     * What {@link #read} found in a {@code bundle.json}.
     *
     * @param references the {@value #REFERENCES} object, empty when the bundle has none
     * @param checksums the SHA-256 of each file of {@link #CHECKSUMMED}, as 64 lower-case hex digits
     */
    public record Parsed(BundleManifest manifest, ObjectNode metrics, ObjectNode provenance, ObjectNode references,
                         Map<String, String> checksums) {
        public Parsed {
            checksums = Map.copyOf(checksums);
        }
    }

    /**
     * The bytes of a {@code bundle.json}; metrics and provenance come from {@link #tree}.
     *
     * @param checksums the SHA-256 (64 lower-case hex digits) of each file of {@link #CHECKSUMMED}
     */
    public static byte[] write(BundleManifest m, ObjectNode metrics, ObjectNode provenance,
                               Map<String, String> checksums) {
        return write(m, metrics, provenance, NODES.objectNode(), checksums);
    }

    /**
     * As {@link #write(BundleManifest, ObjectNode, ObjectNode, Map)}, with the {@value #REFERENCES}
     * object (from {@link #tree}); an empty one is not written.
     */
    public static byte[] write(BundleManifest m, ObjectNode metrics, ObjectNode provenance, ObjectNode references,
                               Map<String, String> checksums) {
        ObjectNode root = NODES.objectNode();
        root.put("format_version", m.formatVersion());
        root.put("created_by", m.createdBy());
        root.put("algorithm", m.algorithm());
        root.put("horizon_days", m.horizonDays());
        ObjectNode schema = root.putObject("feature_schema");
        schema.put("version", m.schemaVersion());
        schema.put("fingerprint", m.schemaFingerprint());
        ArrayNode names = schema.putArray("names");
        m.featureNames().forEach(names::add);
        root.set("calibration", calibration(m.calibration()));
        root.set("metrics", metrics.deepCopy());
        root.set("provenance", provenance.deepCopy());
        if (!references.isEmpty()) {
            root.set(REFERENCES, references.deepCopy());
        }
        ObjectNode sums = root.putObject("checksums");
        for (String file : CHECKSUMMED) {
            String sha = checksums.get(file);
            if (sha == null || !SHA256.matcher(SHA256_PREFIX + sha).matches()) {
                throw new InvalidArgumentException("checksums: " + file + " has " + (sha == null ? "none" : "'" + sha + "'")
                        + " (expected 64 lower-case hex digits)");
            }
            sums.put(file, SHA256_PREFIX + sha);
        }
        // Digest what a reader will parse, not the tree in hand: a BigDecimal in the metrics, say,
        // reads back as a double, and the digest must be of what reading sees.
        JsonNode asRead;
        try {
            asRead = MAPPER.readTree(pretty(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bundle.json written by this class does not parse", e);
        }
        root.put(DIGEST, SHA256_PREFIX + digest((ObjectNode) asRead));
        return pretty(root).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The canonical form of a {@code bundle.json} object that its {@value #DIGEST} covers: the
     * object without its {@value #DIGEST} key, as compact JSON in UTF-8 (no white space between
     * tokens, keys in the order of the file, strings with Jackson's minimal escapes, whole numbers
     * as written, other numbers as the shortest decimal that reads back as the same double).
     * Layout and line ends do not count; every key, value and their order do.
     */
    public static byte[] canonical(ObjectNode root) {
        ObjectNode copy = root.deepCopy();
        copy.remove(DIGEST);
        try {
            return MAPPER.writeValueAsBytes(copy);
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serializes.
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The SHA-256 (64 lower-case hex digits) of the {@link #canonical canonical form} of a
     * {@code bundle.json} object: what its {@value #DIGEST} must be, after {@code sha256:}.
     */
    public static String digest(ObjectNode root) {
        return ScoringBundle.sha256(canonical(root));
    }

    /** Pretty JSON text ending in a newline. */
    public static String pretty(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serializes.
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a {@code bundle.json}. The format version is read first, so that a bundle of another
     * format is refused as such rather than for a field it names differently.
     *
     * @throws BundleException naming the line and column of a syntax error, the format when it is
     *                         not {@value BundleManifest#FORMAT_VERSION} (formats 1 and 2: retrain),
     *                         a digest that is missing or does not match the contents (changed after
     *                         training), a key the format does not define, or the field that is
     *                         missing or of the wrong type; messages start with {@code bundle.json}
     */
    public static Parsed read(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new BundleException(BUNDLE_JSON + where + " is not valid JSON (" + e.getOriginalMessage()
                    + "); retrain or restore the bundle", e);
        } catch (IOException e) {
            throw new BundleException(BUNDLE_JSON + " is not valid JSON (" + e.getMessage()
                    + "); retrain or restore the bundle", e);
        }
        if (root == null || root.isMissingNode()) {
            throw new BundleException(BUNDLE_JSON + " is empty; retrain or restore the bundle");
        }
        if (!root.isObject()) {
            throw new BundleException(BUNDLE_JSON + " holds " + kind(root) + " (expected an object); retrain or"
                    + " restore the bundle");
        }
        int format;
        try {
            format = integer(root, "format_version", "");
        } catch (Problem e) {
            throw new BundleException(BUNDLE_JSON + ": " + e.getMessage() + "; retrain or restore the bundle", e);
        }
        if (format != BundleManifest.FORMAT_VERSION) {
            JsonNode by = root.get("created_by");
            throw new BundleException(BUNDLE_JSON + ": " + BundleManifest.unsupportedFormat(format,
                    by != null && by.isTextual() ? by.textValue() : "an unknown program"));
        }
        checkDigest((ObjectNode) root);
        try {
            onlyKeys(root, KEYS, "");
            ObjectNode schema = object(root, "feature_schema", "");
            onlyKeys(schema, SCHEMA_KEYS, "feature_schema.");
            BundleManifest manifest = new BundleManifest(format, text(root, "created_by", ""),
                    text(root, "algorithm", ""), integer(root, "horizon_days", ""),
                    text(schema, "version", "feature_schema."), text(schema, "fingerprint", "feature_schema."),
                    texts(schema, "names", "feature_schema."), calibration(object(root, "calibration", "")));
            ObjectNode checksums = object(root, "checksums", "");
            onlyKeys(checksums, CHECKSUMMED, "checksums.");
            Map<String, String> sums = new LinkedHashMap<>();
            for (String file : CHECKSUMMED) {
                String sha = text(checksums, file, "checksums.");
                if (!SHA256.matcher(sha).matches()) {
                    throw new Problem("checksums." + file + " is '" + sha
                            + "' (expected sha256: and 64 lower-case hex digits)");
                }
                sums.put(file, sha.substring(SHA256_PREFIX.length()));
            }
            ObjectNode references = root.has(REFERENCES) ? object(root, REFERENCES, "") : NODES.objectNode();
            return new Parsed(manifest, object(root, "metrics", ""), object(root, "provenance", ""), references, sums);
        } catch (Problem | InvalidArgumentException e) {
            throw new BundleException(BUNDLE_JSON + ": " + e.getMessage() + "; retrain or restore the bundle", e);
        }
    }

    /**
     * Refuses a {@code bundle.json} whose contents are not what its digest says: a manifest, a
     * calibration, a checksum or any other value edited by hand after {@code churn train} wrote it.
     */
    private static void checkDigest(ObjectNode root) {
        JsonNode digest = root.get(DIGEST);
        if (digest == null) {
            throw new BundleException(BUNDLE_JSON + " has no " + DIGEST + ": it was changed after training (churn"
                    + " train always writes one); retrain with churn train or restore the bundle");
        }
        if (!digest.isTextual() || !SHA256.matcher(digest.textValue()).matches()) {
            throw new BundleException(BUNDLE_JSON + ": " + DIGEST + " is " + kind(digest) + " (expected sha256: and 64"
                    + " lower-case hex digits): it was changed after training; retrain with churn train or restore the"
                    + " bundle");
        }
        String actual = digest(root);
        if (!digest.textValue().equals(SHA256_PREFIX + actual)) {
            throw new BundleException(BUNDLE_JSON + " was changed after training: its contents (manifest, calibration,"
                    + " checksums, metrics, provenance or references) no longer match its " + DIGEST
                    + " (the digest says " + abbreviate(digest.textValue().substring(SHA256_PREFIX.length())) + ", the contents give "
                    + abbreviate(actual) + "); retrain with churn train or restore the bundle");
        }
    }

    private static String abbreviate(String hex) {
        return hex.substring(0, 12) + "...";
    }

    /** Refuses a key of {@code node} that is not in {@code known}, naming the nearest known one. */
    private static void onlyKeys(JsonNode node, List<String> known, String prefix) {
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw new Problem(prefix + key + " is not a key of " + BUNDLE_JSON + " format "
                        + BundleManifest.FORMAT_VERSION + " (expected " + (prefix.isEmpty() ? "" : "under "
                        + prefix.substring(0, prefix.length() - 1) + " ") + String.join(", ", known) + ")");
            }
        }
    }

    /** An unmodifiable copy of a JSON object as maps, lists, strings, numbers, booleans and nulls. */
    public static Map<String, Object> toMap(ObjectNode node) {
        Map<String, Object> map = MAPPER.convertValue(node, new TypeReference<LinkedHashMap<String, Object>>() { });
        @SuppressWarnings("unchecked")
        Map<String, Object> frozen = (Map<String, Object>) freeze(map);
        return frozen;
    }

    /**
     * A JSON tree of a value: {@code null}, a {@link JsonNode}, a string, a boolean, a number
     * (non-finite doubles as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}),
     * an enum or a date-time (their {@code toString}), a map with string keys, a list, an ordered
     * set or an array. A {@link LinkedHashMap} or {@link SortedMap} keeps its order; any other map
     * is written sorted by key, so that the output never depends on hash order.
     *
     * @throws InvalidArgumentException naming the path of a value of another type
     */
    public static JsonNode tree(Object value, String path) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof JsonNode node) {
            return node.deepCopy();
        }
        if (value instanceof CharSequence s) {
            return NODES.textNode(s.toString());
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).intValue());
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof BigInteger i) {
            return NODES.numberNode(i);
        }
        if (value instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                return NODES.textNode(Double.toString(d));
            }
            return value instanceof Float f ? NODES.numberNode(f) : NODES.numberNode(d);
        }
        if (value instanceof Enum<?> || value instanceof TemporalAccessor) {
            return NODES.textNode(value.toString());
        }
        if (value instanceof Map<?, ?> map) {
            return object(map, path);
        }
        if (value instanceof Collection<?> c) {
            if (!(c instanceof List || c instanceof LinkedHashSet || c instanceof SortedSet)) {
                throw new InvalidArgumentException(path + ": a " + value.getClass().getSimpleName()
                        + " has no stable order (expected a List, LinkedHashSet or SortedSet)");
            }
            ArrayNode array = NODES.arrayNode();
            int i = 0;
            for (Object o : c) {
                array.add(tree(o, path + "[" + i++ + "]"));
            }
            return array;
        }
        if (value.getClass().isArray()) {
            ArrayNode array = NODES.arrayNode();
            for (int i = 0; i < Array.getLength(value); i++) {
                array.add(tree(Array.get(value, i), path + "[" + i + "]"));
            }
            return array;
        }
        throw new InvalidArgumentException(path + ": a " + value.getClass().getName() + " cannot be written to "
                + BUNDLE_JSON + " (expected a string, number, boolean, map, list or array)");
    }

    /** {@link #tree} of a map. */
    public static ObjectNode object(Map<?, ?> map, String path) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw new InvalidArgumentException(path + ": key " + key + " is not a string (JSON keys are strings)");
            }
        }
        Map<?, ?> ordered = map instanceof LinkedHashMap || map instanceof SortedMap ? map : new TreeMap<>(map);
        ObjectNode node = NODES.objectNode();
        for (Map.Entry<?, ?> e : ordered.entrySet()) {
            String key = (String) e.getKey();
            node.set(key, tree(e.getValue(), path + "." + key));
        }
        return node;
    }

    private static ObjectNode calibration(Calibration c) {
        ObjectNode node = NODES.objectNode();
        if (c instanceof Calibration.Identity) {
            node.put("type", "identity");
        } else if (c instanceof Calibration.Platt p) {
            node.put("type", "platt");
            node.put("a", p.a());
            node.put("b", p.b());
        } else if (c instanceof Calibration.Isotonic iso) {
            node.put("type", "isotonic");
            ArrayNode thresholds = node.putArray("thresholds");
            for (double t : iso.thresholds()) {
                thresholds.add(t);
            }
            ArrayNode values = node.putArray("values");
            for (double v : iso.values()) {
                values.add(v);
            }
        } else {
            throw new IllegalStateException("unknown calibration " + c);
        }
        return node;
    }

    private static Calibration calibration(ObjectNode node) {
        String type = text(node, "type", "calibration.");
        switch (type) {
            case "identity" -> onlyKeys(node, List.of("type"), "calibration.");
            case "platt" -> onlyKeys(node, List.of("type", "a", "b"), "calibration.");
            case "isotonic" -> onlyKeys(node, List.of("type", "thresholds", "values"), "calibration.");
            default -> { }
        }
        return switch (type) {
            case "identity" -> new Calibration.Identity();
            case "platt" -> new Calibration.Platt(number(node, "a", "calibration."), number(node, "b", "calibration."));
            case "isotonic" -> new Calibration.Isotonic(numbers(node, "thresholds", "calibration."),
                    numbers(node, "values", "calibration."));
            default -> throw new Problem("calibration.type '" + type
                    + "' is not known (expected identity, platt or isotonic)");
        };
    }

    private static JsonNode field(JsonNode parent, String name, String prefix, String expected) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw new Problem(prefix + name + " is missing (expected " + expected + ")");
        }
        return node;
    }

    private static Problem wrongType(String prefix, String name, JsonNode node, String expected) {
        return new Problem(prefix + name + " is " + kind(node) + " (expected " + expected + ")");
    }

    private static int integer(JsonNode parent, String name, String prefix) {
        JsonNode node = field(parent, name, prefix, "a whole number");
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw wrongType(prefix, name, node, "a whole number");
        }
        return node.intValue();
    }

    private static String text(JsonNode parent, String name, String prefix) {
        JsonNode node = field(parent, name, prefix, "a string");
        if (!node.isTextual()) {
            throw wrongType(prefix, name, node, "a string");
        }
        return node.textValue();
    }

    private static double number(JsonNode parent, String name, String prefix) {
        JsonNode node = field(parent, name, prefix, "a number");
        if (!node.isNumber()) {
            throw wrongType(prefix, name, node, "a number");
        }
        return node.doubleValue();
    }

    private static ObjectNode object(JsonNode parent, String name, String prefix) {
        JsonNode node = field(parent, name, prefix, "an object");
        if (!node.isObject()) {
            throw wrongType(prefix, name, node, "an object");
        }
        return (ObjectNode) node;
    }

    private static List<String> texts(JsonNode parent, String name, String prefix) {
        JsonNode node = field(parent, name, prefix, "a list of strings");
        if (!node.isArray()) {
            throw wrongType(prefix, name, node, "a list of strings");
        }
        List<String> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw wrongType(prefix, name + "[" + i + "]", node.get(i), "a string");
            }
            out.add(node.get(i).textValue());
        }
        return out;
    }

    private static double[] numbers(JsonNode parent, String name, String prefix) {
        JsonNode node = field(parent, name, prefix, "a list of numbers");
        if (!node.isArray()) {
            throw wrongType(prefix, name, node, "a list of numbers");
        }
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            if (!node.get(i).isNumber()) {
                throw wrongType(prefix, name + "[" + i + "]", node.get(i), "a number");
            }
            out[i] = node.get(i).doubleValue();
        }
        return out;
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT, POJO -> "an object";
            case STRING -> "the string \"" + node.textValue() + "\"";
            case NULL, MISSING -> "null";
            default -> node.toString();
        };
    }

    /** A field of bundle.json that is missing or of the wrong type; {@link #read} adds where and what to do. */
    private static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Problem(String message) {
            super(message);
        }
    }

    private static Object freeze(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, freeze(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(freeze(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
