package org.churnrisk.score;

import org.churnrisk.features.Feature;

/** Feature vectors built by name, for tests. */
final class Vectors {
    private final double[] x = new double[Feature.values().length];

    static Vectors zeros() {
        return new Vectors();
    }

    Vectors set(Feature f, double value) {
        x[f.ordinal()] = value;
        return this;
    }

    double[] get() {
        return x.clone();
    }

    /**
     * The references of a training set in which each vector given is a renewed account's
     * snapshot, {@link References#MIN_COHORT} times over (so the medians are the vectors' values
     * when one vector per tier is given).
     */
    static References renewed(double[]... vectors) {
        int n = Feature.values().length;
        int rows = vectors.length * References.MIN_COHORT;
        double[] x = new double[rows * n];
        boolean[] renewed = new boolean[rows];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(vectors[r / References.MIN_COHORT], 0, x, r * n, n);
            renewed[r] = true;
        }
        return References.of(x, renewed);
    }

    /** A contribution vector with the given features set, the rest 0. */
    static double[] contributions(Object... featureAndValue) {
        double[] c = new double[Feature.values().length];
        for (int i = 0; i < featureAndValue.length; i += 2) {
            c[((Feature) featureAndValue[i]).ordinal()] = ((Number) featureAndValue[i + 1]).doubleValue();
        }
        return c;
    }
}
