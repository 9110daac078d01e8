package org.churnrisk.features.extract;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.features.Feature;

/**
 * The cohort behind {@code core_depth_vs_tier_median}: per tier, how many active accounts have
 * each {@code core_depth_30d} value at one as-of date, and the median drawn from those counts.
 * The extractor computes the feature with this class; an engine that extracts a book in parts
 * (churn-spark: accounts split by a hash of their id) collects one per part, {@link #merge}s them
 * and {@link #apply}s the whole book's medians to each part's rows, so the feature is defined once.
 *
 * <p>Counts of values rather than the values: the median of n sorted values is read off the
 * counts exactly, and a cohort of a million accounts holds a few dozen distinct depths. Mutable
 * while collecting; not thread-safe.
 */
public final class TierMedians implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int F = Feature.values().length;
    private static final int DEPTH = Feature.CORE_DEPTH_30D.ordinal();
    private static final int VERSUS = Feature.CORE_DEPTH_VS_TIER_MEDIAN.ordinal();

    /** Per tier ordinal, value -> accounts. */
    private final TreeMap<Double, Long>[] counts;

    @SuppressWarnings("unchecked")
    public TierMedians() {
        counts = new TreeMap[Tier.values().length];
        for (int t = 0; t < counts.length; t++) {
            counts[t] = new TreeMap<>();
        }
    }

    /** The cohort of every row of a table (its tier read from the one-hot tier features). */
    public static TierMedians of(FeatureTable table) {
        TierMedians m = new TierMedians();
        for (int r = 0; r < table.rows(); r++) {
            m.add(tierOf(table.row(r), 0), table.value(r, DEPTH));
        }
        return m;
    }

    /** Counts one account of tier ordinal {@code tier} with {@code core_depth_30d} {@code depth}. */
    public void add(int tier, double depth) {
        counts[tier].merge(depth, 1L, Long::sum);
    }

    /** Adds another part's cohort to this one; returns this. */
    public TierMedians merge(TierMedians other) {
        for (int t = 0; t < counts.length; t++) {
            for (Map.Entry<Double, Long> e : other.counts[t].entrySet()) {
                counts[t].merge(e.getKey(), e.getValue(), Long::sum);
            }
        }
        return this;
    }

    /** The median of the tier's cohort: the middle value, or the mean of the two middle ones; NaN for none. */
    public double median(int tier) {
        long n = 0;
        for (long c : counts[tier].values()) {
            n += c;
        }
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? nth(tier, n / 2) : (nth(tier, n / 2 - 1) + nth(tier, n / 2)) / 2;
    }

    private double nth(int tier, long index) {
        long seen = 0;
        for (Map.Entry<Double, Long> e : counts[tier].entrySet()) {
            seen += e.getValue();
            if (index < seen) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("index " + index + " beyond the cohort");
    }

    /** Sets {@code core_depth_vs_tier_median} of row {@code r} of {@code values} (rows of every feature). */
    void apply(double[] values, int r, int tier) {
        double median = median(tier);
        if (!Double.isNaN(median)) {
            values[r * F + VERSUS] = values[r * F + DEPTH] - median;
        }
    }

    /**
     * A copy of a table whose {@code core_depth_vs_tier_median} is against these cohorts instead
     * of the table's own accounts; the health score does not use the feature, so it is kept.
     */
    public FeatureTable apply(FeatureTable table) {
        double[] values = new double[table.rows() * F];
        double[] scores = new double[table.rows()];
        table.copyRows(0, table.rows(), values, 0);
        for (int r = 0; r < table.rows(); r++) {
            apply(values, r, tierOf(values, r * F));
            scores[r] = table.healthScore(r);
        }
        return FeatureTable.ofOwnedArrays(table.schema(), table.asOf(), table.accountIds(), values, scores);
    }

    private static int tierOf(double[] v, int offset) {
        if (v[offset + Feature.TIER_STARTER.ordinal()] > 0) {
            return Tier.STARTER.ordinal();
        }
        return v[offset + Feature.TIER_GROWTH.ordinal()] > 0 ? Tier.GROWTH.ordinal() : Tier.ENTERPRISE.ordinal();
    }
}
