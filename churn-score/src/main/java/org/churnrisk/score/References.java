package org.churnrisk.score;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.features.Feature;
import org.churnrisk.score.bundle.BundleJson;

/**
 * What a driver compares an account with: per tier, the cohort of training snapshots of accounts
 * that renewed (did not churn within the horizon), and the median of each feature the
 * {@linkplain Comparisons comparison table} compares with a cohort. {@code churn train} computes
 * them ({@link #of}) and writes them into {@code bundle.json} under {@value #KEY}; scoring reads
 * them back ({@link #fromMap}). A feature with a condition flag ({@code nps_mean_90d} needs
 * {@code has_nps}) has its median over the cohort's snapshots whose flag is 1. A median over
 * fewer than {@value #MIN_COHORT} snapshots is not kept: the feature then has no cohort reference
 * for that tier, and its drivers fall back to the account's own history.
 *
 * <p>{@link #NONE} (a bundle written before references existed) has no cohort references at all.
 * Immutable and thread-safe.
 */
public final class References {
    /** The key of {@code bundle.json} that holds them. */
    public static final String KEY = BundleJson.REFERENCES;
    /** Fewer snapshots than this give no median: a handful of accounts is not a cohort. */
    public static final int MIN_COHORT = 10;

    private static final Feature[] FEATURES = Feature.values();
    private static final Tier[] TIERS = Tier.values();
    /** No cohort references. */
    public static final References NONE = new References(new int[TIERS.length], empty());

    private final int[] cohort;
    /** [tier][feature], NaN where there is no reference. */
    private final double[][] medians;

    private References(int[] cohort, double[][] medians) {
        this.cohort = cohort;
        this.medians = medians;
    }

    /**
     * The references of training snapshots: the median, per tier, over the rows that renewed.
     *
     * @param x       {@code rows} feature vectors one after the other, in {@link Feature#SCHEMA} order
     * @param renewed per row, whether the account renewed (did not churn within the horizon)
     * @throws InvalidArgumentException if the lengths do not match
     */
    public static References of(double[] x, boolean[] renewed) {
        int n = FEATURES.length;
        if (x.length != renewed.length * n) {
            throw new InvalidArgumentException("references: " + x.length + " values for " + renewed.length
                    + " rows of " + n + " features");
        }
        int[] cohort = new int[TIERS.length];
        double[][] medians = empty();
        double[] values = new double[renewed.length];
        for (Tier tier : TIERS) {
            for (int r = 0; r < renewed.length; r++) {
                if (renewed[r] && tierOf(x, r * n) == tier) {
                    cohort[tier.ordinal()]++;
                }
            }
            for (Comparisons.Rule rule : Comparisons.RULES) {
                if (rule.kind() != Comparisons.Kind.COHORT) {
                    continue;
                }
                int count = 0;
                for (int r = 0; r < renewed.length; r++) {
                    if (renewed[r] && tierOf(x, r * n) == tier && rule.applies(x, r * n)) {
                        values[count++] = x[r * n + rule.feature().ordinal()];
                    }
                }
                if (count >= MIN_COHORT) {
                    medians[tier.ordinal()][rule.feature().ordinal()] = median(values, count);
                }
            }
        }
        return new References(cohort, medians);
    }

    /** The tier whose flag is set in the vector at {@code offset} (Starter when none is). */
    static Tier tierOf(double[] x, int offset) {
        return x[offset + Feature.TIER_ENTERPRISE.ordinal()] > 0 ? Tier.ENTERPRISE
                : x[offset + Feature.TIER_GROWTH.ordinal()] > 0 ? Tier.GROWTH : Tier.STARTER;
    }

    /** The median of the first {@code count} values (the mean of the middle two of an even count); sorts them. */
    static double median(double[] values, int count) {
        Arrays.sort(values, 0, count);
        int mid = count / 2;
        return count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    /** The median of {@code feature} among renewed accounts of {@code tier}, or NaN when there is none. */
    public double median(Tier tier, Feature feature) {
        return medians[tier.ordinal()][feature.ordinal()];
    }

    /** How many training snapshots of {@code tier} renewed. */
    public int cohortSize(Tier tier) {
        return cohort[tier.ordinal()];
    }

    /** Whether there is no cohort reference at all (a bundle written before references existed). */
    public boolean isEmpty() {
        for (double[] tier : medians) {
            for (double m : tier) {
                if (!Double.isNaN(m)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * As {@code bundle.json} holds them: per tier label, {@code renewed_snapshots} and
     * {@code medians} by feature key, in schema order.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> tiers = new LinkedHashMap<>();
        for (Tier tier : TIERS) {
            Map<String, Object> medianMap = new LinkedHashMap<>();
            for (Feature f : FEATURES) {
                double m = median(tier, f);
                if (!Double.isNaN(m)) {
                    medianMap.put(f.key(), m);
                }
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("renewed_snapshots", cohort[tier.ordinal()]);
            entry.put("medians", medianMap);
            tiers.put(tier.label(), entry);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("cohort", "training snapshots of accounts that did not churn within the horizon, by tier");
        root.put("tiers", tiers);
        return root;
    }

    /**
     * Reads what {@link #toMap} wrote (as {@code bundle.json} gives it back); an empty map is {@link #NONE}.
     *
     * @throws InvalidArgumentException naming the key that is not what {@link #toMap} writes
     */
    public static References fromMap(Map<String, Object> map) {
        if (map.isEmpty()) {
            return NONE;
        }
        int[] cohort = new int[TIERS.length];
        double[][] medians = empty();
        Map<String, Object> tiers = object(map.get("tiers"), KEY + ".tiers");
        for (Map.Entry<String, Object> e : tiers.entrySet()) {
            String where = KEY + ".tiers." + e.getKey();
            Tier tier;
            try {
                tier = Tier.parse(e.getKey());
            } catch (RuntimeException bad) {
                throw new InvalidArgumentException(where + " is not a tier (expected starter, growth or enterprise)");
            }
            Map<String, Object> entry = object(e.getValue(), where);
            if (!(entry.get("renewed_snapshots") instanceof Number count)) {
                throw new InvalidArgumentException(where + ".renewed_snapshots is missing or not a number");
            }
            cohort[tier.ordinal()] = count.intValue();
            for (Map.Entry<String, Object> m : object(entry.get("medians"), where + ".medians").entrySet()) {
                Feature f = Feature.SCHEMA.names().contains(m.getKey()) ? FEATURES[Feature.SCHEMA.names().indexOf(
                        m.getKey())] : null;
                if (f == null || Comparisons.of(f) == null || Comparisons.of(f).kind() != Comparisons.Kind.COHORT) {
                    throw new InvalidArgumentException(where + ".medians." + m.getKey()
                            + " is not a feature compared with a cohort");
                }
                if (!(m.getValue() instanceof Number v) || !Double.isFinite(v.doubleValue())) {
                    throw new InvalidArgumentException(where + ".medians." + m.getKey() + " is not a finite number");
                }
                medians[tier.ordinal()][f.ordinal()] = v.doubleValue();
            }
        }
        return new References(cohort, medians);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String where) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new InvalidArgumentException(where + " is missing or not an object");
        }
        return (Map<String, Object>) m;
    }

    private static double[][] empty() {
        double[][] m = new double[TIERS.length][FEATURES.length];
        for (double[] row : m) {
            Arrays.fill(row, Double.NaN);
        }
        return m;
    }
}
