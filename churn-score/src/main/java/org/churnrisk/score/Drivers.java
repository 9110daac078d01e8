package org.churnrisk.score;

import java.util.ArrayList;
import java.util.List;
import org.churnrisk.features.Feature;

/**
 * Picks an account's drivers from its per-feature contributions: the features' contributions are
 * added up per {@link DriverGroup}, the themes that add at least {@value #MIN_CONTRIBUTION} to
 * the log-odds are ranked by how much (ties by theme order), and each is phrased by its
 * feature with the largest contribution. A theme the data does not cover for the account (see
 * {@link DriverGroup#ONBOARDING}) is left out, and so are the
 * {@linkplain DriverGroup#context() context} themes (size, renewal, tenure, price change).
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
    static List<Driver> top(double[] x, int offset, double[] contributions, int n) {
        int[] chosen = new int[n];
        double[] sums = new double[n];
        int found = 0;
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
                sums[i] = sums[i - 1];
            }
            chosen[at] = g;
            sums[at] = sum;
            found = Math.min(n, found + 1);
        }
        List<Driver> drivers = new ArrayList<>(found);
        for (int i = 0; i < found; i++) {
            drivers.add(new Driver(GROUPS[chosen[i]], Phrases.of(FEATURES[strongest(chosen[i], contributions)], x,
                    offset), sums[i]));
        }
        return drivers;
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
