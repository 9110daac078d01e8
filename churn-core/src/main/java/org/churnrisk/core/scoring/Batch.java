package org.churnrisk.core.scoring;

import org.churnrisk.core.InvalidArgumentException;

/** The range checks of the batched calls of {@link CompiledScorer}. */
final class Batch {
    private Batch() {
    }

    /** Checks that {@code count} vectors of {@code size} values from {@code offset} and the output range fit their arrays. */
    static void check(int size, double[] vectors, int offset, int count, double[] out, int outOffset) {
        if (count < 0 || offset < 0 || (long) offset + (long) count * size > vectors.length || outOffset < 0
                || (long) outOffset + count > out.length) {
            throw new InvalidArgumentException(count + " vectors of " + size + " values from offset " + offset + " in "
                    + vectors.length + " values, into " + out.length + " places from " + outOffset + ", do not fit");
        }
    }

    /**
     * Checks that {@code count} vectors of {@code size} values from {@code offset}, and as many
     * of {@code size} places from {@code outOffset}, fit their arrays.
     */
    static void checkRows(int size, double[] vectors, int offset, int count, double[] out, int outOffset) {
        if (count < 0 || offset < 0 || (long) offset + (long) count * size > vectors.length || outOffset < 0
                || (long) outOffset + (long) count * size > out.length) {
            throw new InvalidArgumentException(count + " vectors of " + size + " values from offset " + offset + " in "
                    + vectors.length + " values, into " + out.length + " places from " + outOffset + ", do not fit");
        }
    }
}
