package org.churnrisk.core.scoring;

import java.util.Objects;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.core.model.Calibration;

/**
 * A logistic model as raw-scale weights and a bias: {@code margin = bias + sum(w[f] * x[f])}.
 * Standardization ({@code (x - mean) / sd}) is folded into the weights when the model is compiled,
 * so scoring is one dot product; the training means are kept for {@link #contributions}. The
 * dot product is sixteen running sums of fused multiply-adds, on 256-bit vectors when the JVM has
 * the Vector API ({@code --add-modules jdk.incubator.vector}), with the same bits either way (see
 * {@code Dot}); the calibration is applied on the margin scale, which for isotonic calibration
 * needs no {@code exp} (see {@code MarginCalibration}).
 *
 * <p>Immutable and thread-safe; scoring allocates nothing.
 *
 * <pre>{@code
 * LinearScorer s = LinearScorer.of(schema, weights, bias, means, new Calibration.Platt(1.1, -0.4));
 * double p = s.probability(vector);
 * }</pre>
 */
public final class LinearScorer implements CompiledScorer {
    private final FeatureSchema schema;
    private final Calibration calibration;
    private final double[] weights;
    private final double bias;
    private final double[] means;
    private final double base;
    private final MarginCalibration marginCalibration;

    private LinearScorer(FeatureSchema schema, double[] weights, double bias, double[] means, Calibration calibration) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.calibration = Objects.requireNonNull(calibration, "calibration");
        this.weights = weights.clone();
        this.means = means.clone();
        this.bias = bias;
        if (this.weights.length != schema.size() || this.means.length != schema.size()) {
            throw new InvalidArgumentException("linear scorer: " + this.weights.length + " weights and "
                    + this.means.length + " means for " + schema.size() + " features (expected one of each per feature)");
        }
        double b = bias;
        for (int f = 0; f < this.weights.length; f++) {
            if (!Double.isFinite(this.weights[f]) || !Double.isFinite(this.means[f])) {
                throw new InvalidArgumentException("linear scorer: feature '" + schema.name(f) + "' has weight "
                        + this.weights[f] + " and mean " + this.means[f] + " (expected finite numbers)");
            }
            b += this.weights[f] * this.means[f];
        }
        if (!Double.isFinite(bias)) {
            throw new InvalidArgumentException("linear scorer: bias " + bias + " is not finite");
        }
        this.base = b;
        this.marginCalibration = MarginCalibration.of(calibration);
    }

    /**
     * A scorer of {@code margin = bias + sum(weights[f] * x[f])}.
     *
     * @param weights one raw-scale weight per feature of {@code schema}, copied
     * @param means   the training mean of each feature, copied: contributions are measured from it
     * @throws InvalidArgumentException if a length differs from the schema's or a number is not finite
     */
    public static LinearScorer of(FeatureSchema schema, double[] weights, double bias, double[] means,
                                  Calibration calibration) {
        return new LinearScorer(schema, weights, bias, means, calibration);
    }

    @Override
    public FeatureSchema schema() {
        return schema;
    }

    @Override
    public Calibration calibration() {
        return calibration;
    }

    @Override
    public String algorithm() {
        return "logistic";
    }

    /** A copy of the raw-scale weights, in schema order. */
    public double[] weights() {
        return weights.clone();
    }

    public double bias() {
        return bias;
    }

    /** A copy of the training means, in schema order. */
    public double[] means() {
        return means.clone();
    }

    @Override
    public double margin(double[] x, int offset) {
        double[] w = weights;
        int n = w.length;
        if (offset < 0 || offset > x.length - n) {
            throw outOfRange(x, offset);
        }
        return bias + Dot.sum(w, x, offset);
    }

    @Override
    public double probability(double[] x, int offset) {
        return marginCalibration.apply(margin(x, offset));
    }

    @Override
    public double contributions(double[] x, int offset, double[] out) {
        int n = weights.length;
        if (offset < 0 || offset > x.length - n) {
            throw outOfRange(x, offset);
        }
        if (out.length < n) {
            throw new InvalidArgumentException("contributions: out has " + out.length + " places for " + n + " features");
        }
        for (int f = 0; f < n; f++) {
            out[f] = weights[f] * (x[offset + f] - means[f]);
        }
        return base;
    }

    @Override
    public double contributions(double[] vectors, int offset, int count, double[] out, int outOffset) {
        int n = weights.length;
        Batch.checkRows(n, vectors, offset, count, out, outOffset);
        for (int i = 0; i < count; i++) {
            int x = offset + i * n;
            int o = outOffset + i * n;
            for (int f = 0; f < n; f++) {
                out[o + f] = weights[f] * (vectors[x + f] - means[f]);
            }
        }
        return base;
    }

    @Override
    public void probabilities(double[] vectors, int offset, int count, double[] out, int outOffset) {
        int n = weights.length;
        Batch.check(n, vectors, offset, count, out, outOffset);
        for (int i = 0; i < count; i++) {
            out[outOffset + i] = probability(vectors, offset + i * n);
        }
    }

    private InvalidArgumentException outOfRange(double[] x, int offset) {
        return new InvalidArgumentException("vector of " + x.length + " values from offset " + offset + " does not hold "
                + schema.size() + " features");
    }

    @Override
    public String toString() {
        return "LinearScorer(" + schema.size() + " features, calibration " + calibration + ")";
    }
}
