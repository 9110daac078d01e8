package org.churnrisk.core.scoring;

/** The logistic function, computed as a two-class softmax is, so that it rounds the same way. */
final class Logistic {
    private Logistic() {
    }

    /**
     * {@code 1 / (1 + exp(-m))}. For a negative margin, {@code e / (1 + e)} with {@code e = exp(m)}:
     * what a softmax over two scores computes after subtracting the larger one.
     */
    static double sigmoid(double m) {
        if (m >= 0) {
            return 1 / (1 + Math.exp(-m));
        }
        double e = Math.exp(m);
        return e / (1 + e);
    }
}
