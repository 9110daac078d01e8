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

    /** A contribution vector with the given features set, the rest 0. */
    static double[] contributions(Object... featureAndValue) {
        double[] c = new double[Feature.values().length];
        for (int i = 0; i < featureAndValue.length; i += 2) {
            c[((Feature) featureAndValue[i]).ordinal()] = ((Number) featureAndValue[i + 1]).doubleValue();
        }
        return c;
    }
}
