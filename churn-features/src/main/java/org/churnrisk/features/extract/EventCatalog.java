package org.churnrisk.features.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The event names of a usage export, each with a code, a kind and (for features) a bit, so that
 * the hot path handles events as small ints. Kinds come from the {@code FeatureConfig}: the login
 * event, integration events, export (milestone) events and core features; every other name is a
 * secondary feature. With no core features configured, every feature is core.
 *
 * <p>Up to 62 distinct feature names get a bit of their own; further names share the last bit,
 * so distinct-feature counts saturate there (docs/features.md). Not thread-safe.
 */
final class EventCatalog {
    static final byte LOGIN = 0;
    static final byte INTEGRATION = 1;
    static final byte FEATURE = 2;

    private static final int OVERFLOW_BIT = 62;

    private final LongIntMap codes = new LongIntMap(64);
    private final List<String> names = new ArrayList<>();
    private byte[] kind = new byte[64];
    private long[] bit = new long[64];
    private boolean[] export = new boolean[64];
    /** Per event code, the bits of the adoption modules it belongs to. */
    private long[] modules = new long[64];
    private final List<Set<String>> moduleEvents;
    private long coreMask;
    private int nextBit;
    private final String login;
    private final Set<String> integration;
    private final Set<String> exports;
    private final Set<String> core;

    /** Names are matched ignoring case, as the data contract spells {@code login} "in any case". */
    EventCatalog(String login, Set<String> integration, Set<String> exports, Set<String> core) {
        this(login, integration, exports, core, List.of());
    }

    /**
     * @param moduleEvents the event names of each adoption module, in module order; an empty set
     *                     is the default {@code core} module: every core feature event
     */
    EventCatalog(String login, Set<String> integration, Set<String> exports, Set<String> core,
                 List<Set<String>> moduleEvents) {
        this.moduleEvents = moduleEvents.stream().map(EventCatalog::lower).toList();
        this.login = lower(login);
        this.integration = lower(integration);
        this.exports = lower(exports);
        this.core = lower(core);
    }

    private static String lower(String s) {
        return s.toLowerCase(java.util.Locale.ROOT);
    }

    private static Set<String> lower(Set<String> names) {
        return names.stream().map(EventCatalog::lower).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** The code of the event whose name hashes to {@code hash}, or {@link LongIntMap#MISSING} when it is new. */
    int find(long hash) {
        return codes.get(hash);
    }

    /** Adds a new event name and returns its code; call only after {@link #find} returned MISSING. */
    int add(long hash, String name) {
        String key = lower(name);
        int c = names.size();
        if (c == kind.length) {
            kind = java.util.Arrays.copyOf(kind, c * 2);
            bit = java.util.Arrays.copyOf(bit, c * 2);
            export = java.util.Arrays.copyOf(export, c * 2);
            modules = java.util.Arrays.copyOf(modules, c * 2);
        }
        names.add(name);
        codes.put(hash, c);
        if (key.equals(login)) {
            kind[c] = LOGIN;
        } else if (integration.contains(key)) {
            kind[c] = INTEGRATION;
        } else {
            kind[c] = FEATURE;
            bit[c] = 1L << Math.min(nextBit++, OVERFLOW_BIT);
            export[c] = exports.contains(key);
            if (core.isEmpty() || core.contains(key)) {
                coreMask |= bit[c];
            }
        }
        for (int m = 0; m < moduleEvents.size(); m++) {
            Set<String> events = moduleEvents.get(m);
            boolean in = events.isEmpty() ? kind[c] == FEATURE && (core.isEmpty() || core.contains(key))
                    : events.contains(key);
            if (in) {
                modules[c] |= 1L << m;
            }
        }
        return c;
    }

    /** The bits of the adoption modules event {@code code} belongs to. */
    long modules(int code) {
        return modules[code];
    }

    /** How many adoption modules are counted. */
    int moduleCount() {
        return moduleEvents.size();
    }

    byte kind(int code) {
        return kind[code];
    }

    long bit(int code) {
        return bit[code];
    }

    boolean isExport(int code) {
        return export[code];
    }

    /** Bits of the core features seen so far. */
    long coreMask() {
        return coreMask;
    }

    /** How many core features the configuration names (the denominator of core depth). */
    int coreCount() {
        return core.size();
    }

    List<String> names() {
        return List.copyOf(names);
    }
}
