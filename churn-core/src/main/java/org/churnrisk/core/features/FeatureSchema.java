package org.churnrisk.core.features;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.churnrisk.core.InvalidArgumentException;

/**
 * The ordered names of the features in a feature vector, with a version that changes whenever a
 * definition changes, so that a model trained on one schema refuses vectors of another.
 *
 * <p>Immutable and thread-safe.
 */
public final class FeatureSchema {
    private final String version;
    private final List<String> names;
    private final Map<String, Integer> index;

    public FeatureSchema(String version, List<String> names) {
        if (version == null || version.isBlank()) {
            throw new InvalidArgumentException("schema version: is required");
        }
        this.version = version;
        this.names = List.copyOf(names);
        this.index = new HashMap<>();
        for (int i = 0; i < this.names.size(); i++) {
            if (index.put(this.names.get(i), i) != null) {
                throw new InvalidArgumentException("schema: feature '" + this.names.get(i) + "' is listed twice");
            }
        }
    }

    public String version() {
        return version;
    }

    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    public String name(int i) {
        return names.get(i);
    }

    /** The position of a feature; throws naming the known features when there is none. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new InvalidArgumentException("feature '" + name + "' is not in schema " + version
                    + " (features: " + String.join(", ", names) + ")");
        }
        return i;
    }

    public boolean contains(String name) {
        return index.containsKey(name);
    }

    /**
     * A stable fingerprint of the version and the names, for model bundles to check against.
     * FNV-1a 64 over the UTF-8 text, as 16 hex digits.
     */
    public String fingerprint() {
        long h = 0xcbf29ce484222325L;
        for (byte b : (version + "\n" + String.join("\n", names)).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return String.format("%016x", h);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureSchema s && s.version.equals(version) && s.names.equals(names);
    }

    @Override
    public int hashCode() {
        return version.hashCode() * 31 + names.hashCode();
    }

    @Override
    public String toString() {
        return "FeatureSchema[" + version + ", " + names.size() + " features]";
    }
}
