package org.churnrisk.features.io;

import java.nio.charset.StandardCharsets;

/**
 * The 64-bit hash that identifies accounts and users while streaming, so that the hot path never
 * builds a String per row. FNV-1a over the UTF-8 bytes, then a murmur3 finaliser for avalanche.
 *
 * <p>Two different ids share a hash with probability about n^2 / 2^65: about 1 in 6 million for
 * 2.4 million users. Account ids are checked for collisions when the account index is built.
 */
public final class Hashing {
    private Hashing() {
    }

    public static long hash64(byte[] bytes, int offset, int length) {
        long h = 0xcbf29ce484222325L;
        for (int i = offset, end = offset + length; i < end; i++) {
            h ^= bytes[i] & 0xff;
            h *= 0x100000001b3L;
        }
        return finish(h);
    }

    public static long hash64(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return hash64(b, 0, b.length);
    }

    /** Combines two hashes, e.g. an account index and a user id hash. */
    public static long combine(long a, long b) {
        return finish(a * 0x9E3779B97F4A7C15L ^ b);
    }

    private static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
