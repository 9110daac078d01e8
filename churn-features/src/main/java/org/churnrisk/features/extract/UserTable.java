package org.churnrisk.features.extract;

import java.util.Arrays;

/**
 * The users seen in a usage export: for each, its account, when it was first seen, and one bit
 * per snapshot and usage segment in which it was active. Memory grows with the number of
 * distinct users (bounded by seats), never with the number of events. Not thread-safe.
 */
final class UserTable {
    private final LongIntMap ids = new LongIntMap(1 << 12);
    private final int words;
    private int[] account = new int[1 << 12];
    private long[] firstSeen = new long[1 << 12];
    private long[] bits;
    private int size;
    private long lastKey;
    private int lastId;

    UserTable(int bitsPerUser) {
        this.words = (bitsPerUser + 63) >>> 6;
        this.bits = new long[account.length * words];
    }

    /** The id of the user with this key, added on first sight. */
    int id(long key, int accountIndex, long second) {
        // A user's rows of a day usually come together (a login, then features): skip the lookup.
        int id = key == lastKey ? lastId : ids.get(key);
        if (id == LongIntMap.MISSING) {
            id = size++;
            if (id == account.length) {
                int capacity = id * 2;
                account = Arrays.copyOf(account, capacity);
                firstSeen = Arrays.copyOf(firstSeen, capacity);
                bits = Arrays.copyOf(bits, capacity * words);
            }
            ids.put(key, id);
            account[id] = accountIndex;
            firstSeen[id] = second;
        } else if (second < firstSeen[id]) {
            firstSeen[id] = second;
        }
        lastKey = key;
        lastId = id;
        return id;
    }

    void mark(int id, int bit) {
        bits[id * words + (bit >>> 6)] |= 1L << bit;
    }

    boolean marked(int id, int bit) {
        return (bits[id * words + (bit >>> 6)] & (1L << bit)) != 0;
    }

    int size() {
        return size;
    }

    int account(int id) {
        return account[id];
    }

    long firstSeen(int id) {
        return firstSeen[id];
    }

    /** Approximate bytes held, for the memory figures in docs/benchmarks.md. */
    long bytes() {
        return (long) account.length * (4 + 8 + 8L * words) + (long) size * 24;
    }
}
