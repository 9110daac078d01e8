package org.churnrisk.features.io.problems;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.contract.Source;

/**
 * How many rows of each source were read, accepted and rejected (skipped as bad). Immutable; build
 * it with {@link #builder()}.
 *
 * <pre>{@code
 * ReadStats stats = ReadStats.builder().add(Source.USAGE, 11_204_100, 13).build();
 * System.out.print(stats.table());
 * // source     rows read   accepted  rejected
 * // usage     11,204,113 11,204,100        13
 * }</pre>
 *
 * @param counts the counts of the sources that were read, in source order
 */
public record ReadStats(Map<Source, Counts> counts) {

    /**
     * The rows of one source.
     *
     * @param read     rows read: accepted plus rejected
     * @param accepted rows kept
     * @param rejected rows skipped as bad
     */
    public record Counts(long read, long accepted, long rejected) {
        /** An empty count. */
        public static final Counts ZERO = new Counts(0, 0, 0);

        /** @throws InvalidArgumentException if a count is negative or read is not accepted + rejected */
        public Counts {
            if (accepted < 0 || rejected < 0) {
                throw new InvalidArgumentException("row counts: accepted " + accepted + " and rejected " + rejected
                        + " must be >= 0");
            }
            if (read != accepted + rejected) {
                throw new InvalidArgumentException("row counts: read " + read + " is not accepted " + accepted
                        + " + rejected " + rejected);
            }
        }

        /** The sum of two counts. */
        public Counts plus(Counts other) {
            return new Counts(read + other.read, accepted + other.accepted, rejected + other.rejected);
        }
    }

    /** Copies the map, in source order. */
    public ReadStats {
        counts = Collections.unmodifiableMap(counts.isEmpty() ? new EnumMap<>(Source.class) : new EnumMap<>(counts));
    }

    /** A builder that adds up counts, e.g. one file at a time. */
    public static Builder builder() {
        return new Builder();
    }

    /** The counts of a source; zero if it was not read. */
    public Counts of(Source source) {
        return counts.getOrDefault(source, Counts.ZERO);
    }

    /** The counts of all sources added up. */
    public Counts total() {
        Counts total = Counts.ZERO;
        for (Counts c : counts.values()) {
            total = total.plus(c);
        }
        return total;
    }

    /** A table with one line per source and a total, each line ending in a newline. */
    public String table() {
        String[][] rows = new String[counts.size() + 2][];
        rows[0] = new String[] {"source", "rows read", "accepted", "rejected"};
        int i = 1;
        for (Map.Entry<Source, Counts> e : counts.entrySet()) {
            rows[i++] = line(e.getKey().fileStem(), e.getValue());
        }
        rows[i] = line("total", total());
        int[] widths = new int[4];
        for (String[] row : rows) {
            for (int c = 0; c < 4; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            out.append(String.format("%-" + widths[0] + "s", row[0]));
            for (int c = 1; c < 4; c++) {
                out.append("  ").append(String.format("%" + widths[c] + "s", row[c]));
            }
            out.append('\n');
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return table();
    }

    private static String[] line(String name, Counts c) {
        return new String[] {name, Texts.grouped(c.read()), Texts.grouped(c.accepted()), Texts.grouped(c.rejected())};
    }

    /** Adds up counts per source. Not thread-safe. */
    public static final class Builder {
        private final Map<Source, Counts> counts = new EnumMap<>(Source.class);

        private Builder() {
        }

        /** Adds the rows of one file (or a whole source). */
        public Builder add(Source source, long accepted, long rejected) {
            return add(source, new Counts(accepted + rejected, accepted, rejected));
        }

        /** Adds counts. */
        public Builder add(Source source, Counts more) {
            counts.merge(source, more, Counts::plus);
            return this;
        }

        /** The counts added so far. */
        public ReadStats build() {
            return new ReadStats(counts);
        }
    }
}
