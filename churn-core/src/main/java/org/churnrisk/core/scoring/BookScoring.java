package org.churnrisk.core.scoring;

import java.util.Objects;
import java.util.stream.IntStream;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.features.FeatureTable;

/**
 * Scores every row of a table, splitting large tables into chunks that a parallel stream spreads
 * over the common fork-join pool and the calling thread (on two cores: both).
 */
final class BookScoring {
    /** Chunks per available processor, so that a core slowed by another process does not hold up the rest. */
    private static final int CHUNKS_PER_CORE = 4;

    private BookScoring() {
    }

    /** Checks that {@code count} vectors from {@code offset} and the output range fit their arrays. */
    static void checkBatch(int size, double[] vectors, int offset, int count, double[] out, int outOffset) {
        if (count < 0 || offset < 0 || (long) offset + (long) count * size > vectors.length || outOffset < 0
                || (long) outOffset + count > out.length) {
            throw new InvalidArgumentException(count + " vectors of " + size + " values from offset " + offset + " in "
                    + vectors.length + " values, into " + out.length + " places from " + outOffset + ", do not fit");
        }
    }

    /**
     * @param minParallelRows tables with fewer rows are scored on the calling thread: below that,
     *                        handing work to another thread costs more than it saves
     */
    static void probabilities(CompiledScorer scorer, FeatureTable table, double[] out, int minParallelRows) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(out, "out");
        int rows = table.rows();
        if (out.length < rows) {
            throw new InvalidArgumentException("output has " + out.length + " places for " + rows + " rows");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        if (rows < minParallelRows || cores < 2) {
            table.scoreRows(scorer, 0, rows, out);
            return;
        }
        int chunks = Math.min(cores * CHUNKS_PER_CORE, Math.max(1, rows / (minParallelRows / 2)));
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = (int) ((long) rows * c / chunks);
            int to = (int) ((long) rows * (c + 1) / chunks);
            table.scoreRows(scorer, from, to, out);
        });
    }
}
