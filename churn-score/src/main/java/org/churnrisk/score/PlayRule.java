package org.churnrisk.score;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.features.Feature;

/**
 * One row of the play rules table: a suggested play and the conditions under which it applies.
 * Every condition given must hold; a condition left empty (or null) holds for every account.
 *
 * @param play              what the CSM should do, as written in the report
 * @param bands             risk bands it applies to: {@code red}, {@code yellow}, {@code green},
 *                          {@code unscored}; empty for any
 * @param tiers             tiers it applies to; empty for any
 * @param renewalWithinDays applies only when the renewal date is known and at most this many days
 *                          away; null for any
 * @param drivers           applies when any of the account's drivers is one of these themes;
 *                          empty for any
 * @param features          conditions on feature values, all of which must hold
 */
public record PlayRule(String play, Set<String> bands, Set<Tier> tiers, Integer renewalWithinDays,
                       Set<DriverGroup> drivers, List<FeatureCondition> features) {

    /** The band label of accounts the model could not score. */
    public static final String UNSCORED = "unscored";

    /** The band labels a rule may name. */
    public static final List<String> BAND_LABELS = List.of("red", "yellow", "green", UNSCORED);

    public PlayRule {
        if (play == null || play.isBlank()) {
            throw new InvalidArgumentException("play rule: 'play' is required (the text the report shows)");
        }
        play = play.strip();
        bands = Set.copyOf(bands == null ? Set.of() : bands);
        for (String b : bands) {
            if (!BAND_LABELS.contains(b)) {
                throw new InvalidArgumentException("play rule '" + play + "': band '" + b + "' is not known (expected"
                        + " one of " + String.join(", ", BAND_LABELS) + ")");
            }
        }
        tiers = Set.copyOf(tiers == null ? Set.of() : tiers);
        if (renewalWithinDays != null && renewalWithinDays < 0) {
            throw new InvalidArgumentException("play rule '" + play + "': renewal_within_days is " + renewalWithinDays
                    + " (expected 0 or more days)");
        }
        drivers = Set.copyOf(drivers == null ? Set.of() : drivers);
        features = List.copyOf(features == null ? List.of() : features);
    }

    /** A rule with only a play and bands, to add conditions to with the {@code with...} methods. */
    public static PlayRule of(String play, String... bands) {
        return new PlayRule(play, Set.of(bands), Set.of(), null, Set.of(), List.of());
    }

    public PlayRule withTiers(Tier... tiers) {
        return new PlayRule(play, bands, Set.of(tiers), renewalWithinDays, drivers, features);
    }

    public PlayRule withRenewalWithinDays(int days) {
        return new PlayRule(play, bands, tiers, days, drivers, features);
    }

    public PlayRule withDrivers(DriverGroup... drivers) {
        return new PlayRule(play, bands, tiers, renewalWithinDays, Set.of(drivers), features);
    }

    public PlayRule withFeatures(FeatureCondition... conditions) {
        return new PlayRule(play, bands, tiers, renewalWithinDays, drivers, List.of(conditions));
    }

    /**
     * A bound on one feature: the value must be below {@code below} (exclusive) and at least
     * {@code atLeast}; a bound that is NaN is not checked.
     */
    public record FeatureCondition(Feature feature, double below, double atLeast) {
        public FeatureCondition {
            Objects.requireNonNull(feature, "feature");
            if (Double.isNaN(below) && Double.isNaN(atLeast)) {
                throw new InvalidArgumentException("feature condition on " + feature.key()
                        + ": give 'below', 'at_least' or both");
            }
        }

        public static FeatureCondition below(Feature feature, double bound) {
            return new FeatureCondition(feature, bound, Double.NaN);
        }

        public static FeatureCondition atLeast(Feature feature, double bound) {
            return new FeatureCondition(feature, Double.NaN, bound);
        }

        boolean holds(double value) {
            return (Double.isNaN(below) || value < below) && (Double.isNaN(atLeast) || value >= atLeast);
        }
    }

    /**
     * Whether the rule applies to an account.
     *
     * @param band           the band label, or {@link #UNSCORED}
     * @param daysToRenewal  days to the renewal date, or -1 when unknown
     * @param x              the account's features in schema order from {@code offset}; may be
     *                       null when the account has none, and then no feature condition holds
     */
    boolean matches(String band, Tier tier, int daysToRenewal, List<Driver> accountDrivers, double[] x, int offset) {
        if (!bands.isEmpty() && !bands.contains(band)) {
            return false;
        }
        if (!tiers.isEmpty() && !tiers.contains(tier)) {
            return false;
        }
        if (renewalWithinDays != null && (daysToRenewal < 0 || daysToRenewal > renewalWithinDays)) {
            return false;
        }
        if (!drivers.isEmpty() && accountDrivers.stream().noneMatch(d -> drivers.contains(d.group()))) {
            return false;
        }
        for (FeatureCondition c : features) {
            if (x == null || !c.holds(x[offset + c.feature().ordinal()])) {
                return false;
            }
        }
        return true;
    }
}
