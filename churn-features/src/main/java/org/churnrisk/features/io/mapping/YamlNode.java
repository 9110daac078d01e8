package org.churnrisk.features.io.mapping;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.features.io.problems.Texts;

/**
 * One value of a {@link YamlTree}: a mapping, a list or a scalar, with its place in the file (line
 * and column, 1-based) and its path of keys ({@code sources.usage.columns}, {@code
 * scoring.plays[2]}, empty for the document).
 *
 * <p>The readers of churn.yaml take what they expect through {@link #map}, {@link #text}, {@link
 * #texts}, {@link #number} and {@link #wholeNumber}, and make their own errors with {@link #error}
 * and {@link MapNode#keyError}; every message starts with the file, the line and the path:
 * {@code churn.yaml line 7: scoring.bands.red_at: 'high' is not a number}. Immutable.
 */
public abstract sealed class YamlNode permits YamlNode.MapNode, YamlNode.ListNode, YamlNode.Scalar {
    private final YamlTree.Origin origin;
    private final String path;
    private final int line;
    private final int column;

    private YamlNode(YamlTree.Origin origin, String path, int line, int column) {
        this.origin = origin;
        this.path = path;
        this.line = line;
        this.column = column;
    }

    /** The keys that lead here, e.g. {@code sources.usage.files} or {@code scoring.plays[1]}; empty for the document. */
    public String path() {
        return path;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** {@code churn.yaml line 3}, or {@code churn.yaml line 3, column 12} when that line holds more than one key or item. */
    public String where() {
        return origin.where(line, column);
    }

    /** An error at this node under its path: {@code churn.yaml line 3: zone: <message>}. */
    public InvalidArgumentException error(String message) {
        return errorAs(path, message);
    }

    /** An error at this node under another path, such as its list's; {@code ""} for none. */
    public InvalidArgumentException errorAs(String path, String message) {
        return origin.error(line, column, path, message);
    }

    /** Whether this is a YAML null: {@code ~}, {@code null} or nothing after the colon. */
    public boolean isNull() {
        return false;
    }

    /** What this is, for messages: {@code a mapping}, {@code a list}, {@code nothing} or the scalar in quotes. */
    public abstract String describe();

    /**
     * This node as a mapping; a null counts as an empty one.
     *
     * @param expected what should be here, e.g. {@code a mapping of the keys files, columns}
     * @throws InvalidArgumentException {@code ...: expected <expected>, found a list}
     */
    public MapNode map(String expected) {
        if (this instanceof MapNode map) {
            return map;
        }
        if (isNull()) {
            return MapNode.empty(origin, path, line, column);
        }
        throw error("expected " + expected + ", found " + describe());
    }

    /** This node as a list, else {@code ...: expected <expected>, found ...}. */
    public ListNode list(String expected) {
        if (this instanceof ListNode list) {
            return list;
        }
        throw error("expected " + expected + ", found " + describe());
    }

    /** The text of a scalar that is not empty, stripped; else {@code ...: expected <expected>, found ...}. */
    public String text(String expected) {
        if (this instanceof Scalar s && s.text() != null && !s.text().isBlank()) {
            return s.text().strip();
        }
        throw error("expected " + expected + ", found " + describe());
    }

    /**
     * The texts of a list of scalars, or of one scalar as a list of one, stripped; see {@link #scalars}.
     *
     * @param expected what each item is, e.g. {@code file names or globs}
     */
    public List<String> texts(String expected) {
        return scalars(expected).stream().map(s -> s.text().strip()).toList();
    }

    /**
     * The items of a list of scalars that are not empty, or this scalar as a list of one, for a
     * reader that checks each item and names its line; an item's error names this node's path.
     *
     * @param expected what each item is, e.g. {@code file names or globs}
     */
    public List<Scalar> scalars(String expected) {
        if (this instanceof Scalar) {
            text(expected);
            return List.of((Scalar) this);
        }
        if (this instanceof ListNode list) {
            List<Scalar> scalars = new ArrayList<>();
            for (YamlNode item : list.items()) {
                if (!(item instanceof Scalar s) || s.text() == null || s.text().isBlank()) {
                    throw item.errorAs(path, "expected " + expected + ", found " + item.describe());
                }
                scalars.add(s);
            }
            return scalars;
        }
        throw error("expected a list of " + expected + ", found " + describe());
    }

    /** The value of a number, else {@code ...: 'high' is not a number}. */
    public double number() {
        if (this instanceof Scalar s && s.number != null) {
            return s.number.doubleValue();
        }
        throw notA("a number");
    }

    /**
     * The value of a whole number that fits an {@code int}, else {@code ...: 'soon' is not a whole
     * number of <unit>}.
     */
    public int wholeNumber(String unit) {
        if (this instanceof Scalar s && s.type() == Scalar.Type.INTEGER) {
            try {
                return new BigInteger(s.number.toString()).intValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                // too large: said below
            }
        }
        throw notA("a whole number of " + unit);
    }

    private InvalidArgumentException notA(String what) {
        if (this instanceof Scalar s && s.text() != null) {
            return error(Texts.quoted(s.text()) + " is not " + what);
        }
        return error("expected " + what + ", found " + describe());
    }

    /** A key of a mapping with where it stands; its value's place is the value's own. */
    record Key(String name, int line, int column, YamlNode value) {
    }

    /** A YAML mapping, its keys in the order of the file; no key twice. */
    public static final class MapNode extends YamlNode {
        private final Map<String, Key> keys;
        private final Map<String, YamlNode> entries;

        MapNode(YamlTree.Origin origin, String path, int line, int column, Map<String, Key> keys) {
            super(origin, path, line, column);
            this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
            Map<String, YamlNode> values = new LinkedHashMap<>();
            keys.forEach((name, key) -> values.put(name, key.value()));
            this.entries = Collections.unmodifiableMap(values);
        }

        static MapNode empty(YamlTree.Origin origin, String path, int line, int column) {
            return new MapNode(origin, path, line, column, Map.of());
        }

        /** Key to value, in the order of the file. */
        public Map<String, YamlNode> entries() {
            return entries;
        }

        public Set<String> keys() {
            return entries.keySet();
        }

        /** The value of a key, or null when the key is absent. */
        public YamlNode get(String key) {
            return entries.get(key);
        }

        public boolean has(String key) {
            return entries.containsKey(key);
        }

        public boolean isEmpty() {
            return entries.isEmpty();
        }

        /** The {@link #number()} of a key's value, or {@code fallback} when the key is absent. */
        public double number(String key, double fallback) {
            YamlNode value = get(key);
            return value == null ? fallback : value.number();
        }

        /**
         * Refuses a key that is not one of {@code allowed}, at the key's line, naming the nearest
         * allowed key when one is close: {@code churn.yaml line 3: sources.usage: unknown key
         * 'column', did you mean 'columns'? (expected one of files, columns, ...)}.
         */
        public void checkKeys(List<String> allowed) {
            for (String key : keys.keySet()) {
                if (!allowed.contains(key)) {
                    throw unknown(key, "unknown key " + Texts.quoted(key), allowed);
                }
            }
        }

        /** An error at a key (rather than at its value), under this mapping's path. */
        public InvalidArgumentException keyError(String key, String message) {
            Key k = keys.get(key);
            if (k == null) {
                throw new IllegalArgumentException("no key '" + key + "' at " + path());
            }
            return super.origin.error(k.line(), k.column(), path(), message);
        }

        /**
         * An error at a key that names none of {@code allowed}: {@code problem}, the nearest allowed
         * name when one is close, and the list: {@code 'usages' is not a source, did you mean
         * 'usage'? (expected one of accounts, usage, ...)}.
         */
        public InvalidArgumentException unknown(String key, String problem, List<String> allowed) {
            String nearest = nearest(key, allowed);
            return keyError(key, problem + (nearest == null ? "" : ", did you mean '" + nearest + "'?")
                    + " (expected one of " + String.join(", ", allowed) + ")");
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** A YAML list; item {@code i} (from 1) has the path {@code <list>[i]}. */
    public static final class ListNode extends YamlNode {
        private final List<YamlNode> items;

        ListNode(YamlTree.Origin origin, String path, int line, int column, List<YamlNode> items) {
            super(origin, path, line, column);
            this.items = List.copyOf(items);
        }

        public List<YamlNode> items() {
            return items;
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A YAML scalar: its text as written (null for a YAML null) and the type YAML gives it. */
    public static final class Scalar extends YamlNode {
        /** What YAML makes of a scalar; {@code 0.30} is a decimal, {@code "0.30"} a string. */
        public enum Type { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }

        private final Type type;
        private final String text;
        private final Number number;

        Scalar(YamlTree.Origin origin, String path, int line, int column, Type type, String text, Number number) {
            super(origin, path, line, column);
            this.type = type;
            this.text = text;
            this.number = number;
        }

        public Type type() {
            return type;
        }

        /** The scalar as written, without quotes; null for a YAML null. */
        public String text() {
            return text;
        }

        @Override
        public boolean isNull() {
            return type == Type.NULL;
        }

        @Override
        public String describe() {
            return text == null || text.isBlank() ? "nothing" : Texts.quoted(text);
        }
    }

    // ---- the nearest key ---------------------------------------------------------------------

    /**
     * The allowed name closest to {@code name} by edit distance (ignoring case), when it is close
     * enough to be the likely meaning: at most one edit for names up to five characters, two for
     * longer ones; null otherwise. The first of equally close names wins.
     */
    public static String nearest(String name, List<String> allowed) {
        String key = name.toLowerCase(Locale.ROOT);
        int limit = key.length() <= 5 ? 1 : 2;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = distance(key, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return bestDistance <= limit && bestDistance < key.length() ? best : null;
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
