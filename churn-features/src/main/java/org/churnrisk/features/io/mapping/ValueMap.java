package org.churnrisk.features.io.mapping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.churnrisk.core.InvalidArgumentException;

/**
 * How an export spells the values of one enum column: its spellings, each mapped to a canonical
 * value ({@code medium -> normal}, {@code P1 -> urgent}). Spellings and canonical values compare
 * ignoring case; a canonical value is always accepted as itself. Immutable and thread-safe.
 *
 * <pre>{@code
 * ValueMap priority = new ValueMap("priority", List.of("low", "normal", "high", "urgent"),
 *         Map.of("medium", "normal", "P1", "urgent"));
 * priority.canonical("Medium");   // "normal"
 * priority.canonical("HIGH");     // "high"
 * priority.canonical("P3");       // null: neither canonical nor mapped
 * }</pre>
 */
public final class ValueMap {
    private final String column;
    private final List<String> canonicalValues;
    private final Map<String, String> spellings;
    private final Map<String, String> byLowerCase = new LinkedHashMap<>();

    /**
     * @param column    the canonical column, e.g. {@code priority}
     * @param canonical its canonical values, lowercase
     * @param spellings the export's spelling to a canonical value, in the mapping's order
     * @throws InvalidArgumentException if a spelling maps to a value that is not canonical, or two
     *     spellings differ only in case
     */
    public ValueMap(String column, List<String> canonical, Map<String, String> spellings) {
        this.column = column;
        this.canonicalValues = List.copyOf(canonical);
        this.spellings = Collections.unmodifiableMap(new LinkedHashMap<>(spellings));
        for (Map.Entry<String, String> e : this.spellings.entrySet()) {
            String target = e.getValue().strip().toLowerCase(Locale.ROOT);
            if (!canonicalValues.contains(target)) {
                throw new InvalidArgumentException("'" + e.getValue() + "' is not a value of " + column
                        + " (expected one of " + String.join(", ", canonicalValues) + ")");
            }
            String key = e.getKey().strip().toLowerCase(Locale.ROOT);
            if (byLowerCase.put(key, target) != null) {
                throw new InvalidArgumentException("'" + e.getKey() + "' is mapped twice (spellings ignore case)");
            }
        }
    }

    /** The canonical column. */
    public String column() {
        return column;
    }

    /** The export's spellings to canonical values, as the mapping lists them. */
    public Map<String, String> spellings() {
        return spellings;
    }

    /**
     * The canonical value of a spelling (trimmed, any case), or null when it is neither a
     * canonical value nor a mapped spelling. A mapped spelling wins over a canonical value
     * spelled the same ({@code {high: urgent}} reads {@code high} as {@code urgent}).
     */
    public String canonical(String text) {
        String key = text.strip().toLowerCase(Locale.ROOT);
        String mapped = byLowerCase.get(key);
        if (mapped != null) {
            return mapped;
        }
        return canonicalValues.contains(key) ? key : null;
    }

    /**
     * What the column accepts, for a message: {@code low, normal, high, urgent, or as mapped:
     * medium, P1, P2}.
     */
    public String allowed() {
        List<String> mapped = new ArrayList<>(spellings.keySet());
        return String.join(", ", canonicalValues) + (mapped.isEmpty() ? "" : ", or as mapped: "
                + String.join(", ", mapped));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueMap v && v.column.equals(column) && v.canonicalValues.equals(canonicalValues)
                && v.spellings.equals(spellings);
    }

    @Override
    public int hashCode() {
        return column.hashCode() * 31 + spellings.hashCode();
    }

    @Override
    public String toString() {
        return column + ": " + spellings;
    }
}
