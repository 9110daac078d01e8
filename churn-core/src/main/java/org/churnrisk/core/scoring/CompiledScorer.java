package org.churnrisk.core.scoring;

import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.core.model.Calibration;

/**
 * A trained model compiled to flat arrays. Immutable, thread-safe, allocation-free per row.
 *
 * <p>Vectors hold {@code schema().size()} values in schema order, starting at an offset, so that a
 * caller can keep many accounts in one row-major array. Positive margins and contributions push
 * churn risk up. {@code churn-train} compiles Tribuo models into scorers; nothing here needs
 * Tribuo.
 *
 * <pre>{@code
 * CompiledScorer scorer = bundle.scorer();
 * double p = scorer.probability(vector);                    // calibrated P(churn)
 * double[] drivers = new double[scorer.schema().size()];
 * double base = scorer.contributions(vector, 0, drivers);   // base + sum(drivers) == margin
 * double[] p = new double[count];
 * scorer.probabilities(vectors, 0, count, p, 0);           // count vectors one after another
 * }</pre>
 */
public sealed interface CompiledScorer permits LinearScorer, TreeEnsembleScorer {
    /** The features, in the order vectors use. */
    FeatureSchema schema();

    /** The calibration applied to the model's own probability. */
    Calibration calibration();

    /** {@code "logistic"} or {@code "xgboost"}. */
    String algorithm();

    /** Raw log-odds of churn, before calibration. x holds schema().size() values from offset. */
    double margin(double[] x, int offset);

    default double margin(double[] x) {
        return margin(x, 0);
    }

    /** Calibrated churn probability: calibration().apply(1 / (1 + exp(-margin))). */
    double probability(double[] x, int offset);

    default double probability(double[] x) {
        return probability(x, 0);
    }

    /**
     * Exact per-feature contributions to margin(x): out[f] for each feature f (linear: weight x
     * (value - training mean) on the raw scale; trees: TreeSHAP, path-dependent, using node covers).
     * Returns the base value, so that base + sum(out) == margin(x) up to rounding. Allocation-free.
     */
    double contributions(double[] x, int offset, double[] out);

    /**
     * The contributions of {@code count} vectors stored one after another in {@code vectors} from
     * {@code offset}, written one after another ({@code schema().size()} values each) to
     * {@code out} from {@code outOffset}, on the calling thread. Bit for bit what
     * {@link #contributions(double[], int, double[])} gives each vector, and faster for tree
     * ensembles, which explain a block of vectors one tree at a time while that tree's layout is
     * in the cache. Returns the base value. Allocation-free.
     *
     * @throws org.churnrisk.core.InvalidArgumentException if the vectors or the output range
     *         do not fit their arrays
     */
    double contributions(double[] vectors, int offset, int count, double[] out, int outOffset);

    /**
     * The calibrated probabilities of {@code count} vectors stored one after another in
     * {@code vectors} from {@code offset} ({@code schema().size()} values each), written to
     * {@code out[outOffset, outOffset + count)}, on the calling thread. Equal to calling
     * {@link #probability(double[], int)} on each, and faster for tree ensembles, which walk each
     * tree for several vectors at a time.
     *
     * @throws org.churnrisk.core.InvalidArgumentException if the vectors or the output range
     *         do not fit their arrays
     */
    void probabilities(double[] vectors, int offset, int count, double[] out, int outOffset);
}
