package org.churnrisk.score;

import java.util.ArrayList;
import java.util.List;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.features.Feature;

/**
 * Picks an account's drivers from its per-feature contributions. The features' contributions are
 * added up per {@link DriverGroup}, and the themes that add at least {@value #MIN_CONTRIBUTION} to
 * the log-odds are ranked by how much (ties by theme order). A theme is a driver only when one of
 * its features is on the risky side of its reference ({@link Comparisons}: the median of the
 * tier's renewed accounts in the bundle's {@link References}, or the account's own previous
 * window) and itself pushes the risk up; the driver is phrased by the feature with the largest
 * contribution among those. A theme that raises the risk but whose features are all on the
 * healthy side of their references (or have none) is {@linkplain #context context}, never a
 * driver: {@code churn explain} shows it apart. A theme the data does not cover for the account
 * (see {@link DriverGroup#ONBOARDING}) is left out, and so are the {@linkplain DriverGroup#context()
 * contract} themes (size, renewal, tenure, price change).
 *
 * <p>Stateless; {@link #top} allocates only the drivers it returns and their phrases.
 */
final class Drivers {
    /** Below this a theme moves the odds of churn by less than 1%: noise to a CSM, not a reason. */
    static final double MIN_CONTRIBUTION = 0.01;

    private static final DriverGroup[] GROUPS = DriverGroup.values();
    private static final Feature[] FEATURES = Feature.values();
    /** For each group, the ordinals of its features. */
    private static final int[][] MEMBERS = new int[GROUPS.length][];
    /** For each group, the ordinal of its coverage flag, or -1. */
    private static final int[] COVERAGE = new int[GROUPS.length];
    /** For each group, whether it is {@linkplain DriverGroup#context() context}, never a driver. */
    private static final boolean[] CONTEXT = new boolean[GROUPS.length];

    static {
        for (DriverGroup g : GROUPS) {
            MEMBERS[g.ordinal()] = g.features().stream().mapToInt(Feature::ordinal).toArray();
            COVERAGE[g.ordinal()] = g.coverage() == null ? -1 : g.coverage().ordinal();
            CONTEXT[g.ordinal()] = g.context();
        }
    }

    private Drivers() {
    }

    /**
     * Up to {@code n} drivers of the vector at {@code offset} in {@code x}, largest first.
     *
     * @param contributions one contribution per feature, in schema order
     */
    static List<Driver> top(double[] x, int offset, double[] contributions, int n, References references) {
        return themes(x, offset, contributions, n, references, true);
    }

    /**
     * The themes that push the risk up by at least {@value #MIN_CONTRIBUTION} but are on the
     * healthy side of their references, largest first: what {@code churn explain} shows as context.
     */
    static List<Driver> context(double[] x, int offset, double[] contributions, References references) {
        return themes(x, offset, contributions, GROUPS.length, references, false);
    }

    private static List<Driver> themes(double[] x, int offset, double[] contributions, int n, References references,
                                       boolean risky) {
        int[] chosen = new int[n];
        int[] phrasedBy = new int[n];
        double[] sums = new double[n];
        int found = 0;
        Tier tier = References.tierOf(x, offset);
        for (int g = 0; g < GROUPS.length; g++) {
            if (CONTEXT[g] || COVERAGE[g] >= 0 && !(x[offset + COVERAGE[g]] > 0)) {
                continue;
            }
            double sum = 0;
            for (int f : MEMBERS[g]) {
                sum += contributions[f];
            }
            if (!(sum >= MIN_CONTRIBUTION)) {
                continue;
            }
            int by = riskiest(g, x, offset, contributions, references, tier);
            if (by >= 0 != risky) {
                continue;
            }
            // insertion into the short sorted list; a later group wins only if strictly larger
            int at = found;
            while (at > 0 && sum > sums[at - 1]) {
                at--;
            }
            if (at >= n) {
                continue;
            }
            for (int i = Math.min(found, n - 1); i > at; i--) {
                chosen[i] = chosen[i - 1];
                phrasedBy[i] = phrasedBy[i - 1];
                sums[i] = sums[i - 1];
            }
            chosen[at] = g;
            phrasedBy[at] = risky ? by : strongest(g, contributions);
            sums[at] = sum;
            found = Math.min(n, found + 1);
        }
        List<Driver> drivers = new ArrayList<>(found);
        for (int i = 0; i < found; i++) {
            Feature f = FEATURES[phrasedBy[i]];
            Comparisons.Rule rule = Comparisons.of(f);
            double reference = rule == null || !rule.applies(x, offset) ? Double.NaN
                    : reference(rule, references, tier);
            String phrase = rule == null ? Phrases.of(f, x, offset)
                    : risky ? Phrases.compared(rule, x, offset, reference, tier)
                    : Phrases.withReference(rule, x, offset, reference, tier);
            drivers.add(new Driver(GROUPS[chosen[i]], phrase, sums[i], f, x[offset + f.ordinal()], reference));
        }
        return drivers;
    }

    /**
     * The member of a group that is on the risky side of its reference and pushes the risk up the
     * most (the first on ties), or -1 when there is none.
     */
    static int riskiest(int group, double[] x, int offset, double[] contributions, References references, Tier tier) {
        int best = -1;
        for (int f : MEMBERS[group]) {
            Comparisons.Rule rule = Comparisons.of(FEATURES[f]);
            if (rule == null || !(contributions[f] > 0) || !rule.applies(x, offset)
                    || best >= 0 && !(contributions[f] > contributions[best])) {
                continue;
            }
            if (rule.direction().risky(x[offset + f], reference(rule, references, tier))) {
                best = f;
            }
        }
        return best;
    }

    /** What a feature is compared with: the cohort median (NaN when the bundle has none), or 0. */
    static double reference(Comparisons.Rule rule, References references, Tier tier) {
        return rule.kind() == Comparisons.Kind.COHORT ? references.median(tier, rule.feature()) : 0;
    }

    /** The member of a group with the largest contribution (the first on ties). */
    static int strongest(int group, double[] contributions) {
        int best = MEMBERS[group][0];
        for (int f : MEMBERS[group]) {
            if (contributions[f] > contributions[best]) {
                best = f;
            }
        }
        return best;
    }
}
