package org.churnrisk.core.model;

import java.util.Arrays;
import org.churnrisk.core.InvalidArgumentException;

/**
 * Maps a model's raw churn score to a calibrated probability. Immutable, thread-safe and
 * allocation-free in {@link #apply}, so the compiled scorer can call it per account.
 */
public sealed interface Calibration {

    /** The calibrated probability of a raw probability {@code p} in [0, 1]. */
    double apply(double p);

    /** No calibration: the raw probability is used as it is. */
    record Identity() implements Calibration {
        @Override
        public double apply(double p) {
            return p;
        }
    }

    /**
     * Platt scaling on the log-odds: {@code sigmoid(a * logit(p) + b)}, with p clipped to
     * [1e-6, 1 - 1e-6] before the logit.
     */
    record Platt(double a, double b) implements Calibration {
        public Platt {
            if (!Double.isFinite(a) || !Double.isFinite(b)) {
                throw new InvalidArgumentException("platt calibration: a=" + a + ", b=" + b + " must be finite");
            }
        }

        @Override
        public double apply(double p) {
            double q = Math.min(1 - 1e-6, Math.max(1e-6, p));
            return 1 / (1 + Math.exp(-(a * Math.log(q / (1 - q)) + b)));
        }
    }

    /**
     * Isotonic regression as a step function: for {@code p} at or above {@code thresholds[i]} (and
     * below the next threshold) the probability is {@code values[i]}; below the first threshold,
     * {@code values[0]}. Thresholds strictly increase, values never decrease.
     */
    record Isotonic(double[] thresholds, double[] values) implements Calibration {
        public Isotonic {
            if (thresholds.length == 0 || thresholds.length != values.length) {
                throw new InvalidArgumentException("isotonic calibration: " + thresholds.length + " thresholds and "
                        + values.length + " values (expected the same number, at least one)");
            }
            thresholds = thresholds.clone();
            values = values.clone();
            for (int i = 1; i < thresholds.length; i++) {
                if (!(thresholds[i] > thresholds[i - 1]) || values[i] < values[i - 1]) {
                    throw new InvalidArgumentException("isotonic calibration: step " + i
                            + " does not increase (thresholds must rise, values must not fall)");
                }
            }
        }

        @Override
        public double apply(double p) {
            int i = Arrays.binarySearch(thresholds, p);
            if (i < 0) {
                i = -i - 2;
            }
            return values[Math.max(0, i)];
        }

        @Override
        public double[] thresholds() {
            return thresholds.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Isotonic other && Arrays.equals(thresholds, other.thresholds)
                    && Arrays.equals(values, other.values);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(thresholds) + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Isotonic[" + thresholds.length + " steps]";
        }
    }
}
