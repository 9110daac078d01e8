package org.churnrisk.core.scoring;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Shap}'s edge-wise TreeSHAP for trees up to depth 6 (three quadrature nodes) on the Vector
 * API, one account per lane: a block of {@link #LANES} accounts goes down and up each tree together,
 * every node's comparison, state selection, products and sums done for the whole block by one
 * vector operation each. The per-account arithmetic is exactly {@link Shap}'s (the same products
 * and sums in the same order, no fused multiply-add), so each account gets the bits it gets alone;
 * only the choice of constants by an edge's state, which {@link Shap} makes by an index, is made by
 * blends. Loaded only when the JVM has the {@code jdk.incubator.vector} module (see {@link Dot}).
 *
 * <p>The block's values are laid out feature-major, rounded to float32 as the comparisons take them
 * and held as doubles (exact), twice: with a missing value as -infinity (read by nodes whose
 * missing values go left) and as +infinity (the others), so a node's comparison with its finite
 * threshold sends a missing value its default way without a branch. An ensemble with a threshold
 * that is not finite is explained by {@link Shap} alone.
 */
final class VectorShap {
    /** The widest double vectors the processor has (at least four lanes: see {@link Dot#SIMD}). */
    static final VectorSpecies<Double> SPECIES = species();
    /** Accounts per block. */
    static final int LANES = SPECIES.length();
    private static final DoubleVector ZERO = DoubleVector.zero(SPECIES);
    private static final DoubleVector ONE = DoubleVector.broadcast(SPECIES, 1.0);

    private VectorShap() {
    }

    private static VectorSpecies<Double> species() {
        String bits = System.getProperty("churn.shap.bits", "");
        if (bits.equals("256")) {
            return DoubleVector.SPECIES_256;
        }
        return DoubleVector.SPECIES_PREFERRED;
    }

    /** What one thread needs to explain a block: its values, contributions and one tree's state. */
    static final class Block {
        final int features;
        /** Feature-major values: rows [0, features) with NaN as -infinity, [features, 2 features) as +infinity. */
        final double[] x;
        /** Feature-major contributions of the block, {@code phi[f * LANES + lane]}. */
        final double[] phi;
        /** Per node slot and quadrature node: the products going down, then the sums going up. */
        double[] values = new double[0];
        /** Per node slot and quadrature node: K for the state the block's accounts put the edge in. */
        double[] k = new double[0];
        /** Per node slot: 1 where the account agreed with every split on the edge's feature down to it. */
        double[] agreed = new double[0];

        Block(int features) {
            this.features = features;
            this.x = new double[2 * features * LANES];
            this.phi = new double[features * LANES];
        }

        void fit(int nodes) {
            if (agreed.length < nodes * LANES) {
                values = new double[3 * nodes * LANES];
                k = new double[3 * nodes * LANES];
                agreed = new double[nodes * LANES];
            }
        }

        /**
         * Loads {@code count} (1 to {@link #LANES}) vectors from {@code vectors[offset]} on, one per
         * lane, and zeroes the contributions; lanes past {@code count} repeat the last vector.
         */
        void load(double[] vectors, int offset, int count) {
            int n = features;
            for (int lane = 0; lane < LANES; lane++) {
                int at = offset + Math.min(lane, count - 1) * n;
                for (int f = 0; f < n; f++) {
                    double v = vectors[at + f];
                    boolean missing = v != v;
                    double rounded = (float) v;
                    x[f * LANES + lane] = missing ? Double.NEGATIVE_INFINITY : rounded;
                    x[(n + f) * LANES + lane] = missing ? Double.POSITIVE_INFINITY : rounded;
                }
            }
            java.util.Arrays.fill(phi, 0.0);
        }

        /** Writes the block's contributions of the first {@code count} lanes into {@code out} from {@code outOffset}. */
        void store(int count, double[] out, int outOffset) {
            int n = features;
            for (int lane = 0; lane < count; lane++) {
                int at = outOffset + lane * n;
                for (int f = 0; f < n; f++) {
                    out[at + f] = phi[f * LANES + lane];
                }
            }
        }
    }

    /** Whether every threshold of the layouts is finite, which the missing-value rows need. */
    static boolean finite(Shap.Layout[] layouts) {
        for (Shap.Layout t : layouts) {
            for (float th : t.threshold) {
                if (!Float.isFinite(th)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Adds the SHAP values of the tree laid out as {@code t} (a rule of three nodes) to the block's. */
    static void tree(Shap.Layout t, Block b) {
        if (t.internals == 0) {
            return;
        }
        b.fit(t.nodes);
        final int[] rec = t.record;
        final float[] threshold = t.threshold;
        final double[] k = t.constants;
        final double[] w = b.values;
        final double[] kv = b.k;
        final double[] agreed = b.agreed;
        final double[] x = b.x;
        final double[] phi = b.phi;
        final int n = b.features;
        final int lanes = LANES;
        ONE.intoArray(agreed, 0);
        ONE.intoArray(w, 0);
        ONE.intoArray(w, lanes);
        ONE.intoArray(w, 2 * lanes);
        for (int i = 0; i < t.internals; i++) {
            int at = i * Shap.Layout.RECORD;
            int c = rec[at];
            int l = rec[at + 1];
            int r = rec[at + 2];
            int row = rec[at + 4] + (1 - rec[at + 5]) * n;
            VectorMask<Double> left = DoubleVector.fromArray(SPECIES, x, row * lanes)
                    .compare(VectorOperators.LT, threshold[i]);
            VectorMask<Double> above = DoubleVector.fromArray(SPECIES, agreed, rec[at + 3] * lanes)
                    .compare(VectorOperators.NE, 0.0);
            VectorMask<Double> agreesLeft = above.and(left);
            VectorMask<Double> agreesRight = above.andNot(left);
            ZERO.blend(ONE, agreesLeft).intoArray(agreed, l * lanes);
            ZERO.blend(ONE, agreesRight).intoArray(agreed, r * lanes);
            int cl = i * 36;
            int cr = cl + 18;
            int pc = 3 * c * lanes;
            int pl = 3 * l * lanes;
            int pr = 3 * r * lanes;
            for (int q = 0; q < 3; q++) {
                DoubleVector p = DoubleVector.fromArray(SPECIES, w, pc + q * lanes);
                // child l: state 0 where x agrees here, 1 where it agreed above only, 2 where it did not
                p.mul(DoubleVector.broadcast(SPECIES, k[cl + 6 + q]).blend(k[cl + 3 + q], agreesRight)
                        .blend(k[cl + q], agreesLeft)).intoArray(w, pl + q * lanes);
                p.mul(DoubleVector.broadcast(SPECIES, k[cr + 6 + q]).blend(k[cr + 3 + q], agreesLeft)
                        .blend(k[cr + q], agreesRight)).intoArray(w, pr + q * lanes);
                DoubleVector.broadcast(SPECIES, k[cl + 15 + q]).blend(k[cl + 12 + q], agreesRight)
                        .blend(k[cl + 9 + q], agreesLeft).intoArray(kv, pl + q * lanes);
                DoubleVector.broadcast(SPECIES, k[cr + 15 + q]).blend(k[cr + 12 + q], agreesLeft)
                        .blend(k[cr + 9 + q], agreesRight).intoArray(kv, pr + q * lanes);
            }
        }
        for (int i = t.internals - 1; i >= 0; i--) {
            int at = i * Shap.Layout.RECORD;
            int pc = 3 * rec[at] * lanes;
            int pl = 3 * rec[at + 1] * lanes;
            int pr = 3 * rec[at + 2] * lanes;
            int f = rec[at + 4] * lanes;
            DoubleVector l0 = DoubleVector.fromArray(SPECIES, w, pl);
            DoubleVector l1 = DoubleVector.fromArray(SPECIES, w, pl + lanes);
            DoubleVector l2 = DoubleVector.fromArray(SPECIES, w, pl + 2 * lanes);
            DoubleVector r0 = DoubleVector.fromArray(SPECIES, w, pr);
            DoubleVector r1 = DoubleVector.fromArray(SPECIES, w, pr + lanes);
            DoubleVector r2 = DoubleVector.fromArray(SPECIES, w, pr + 2 * lanes);
            // the sum in Shap's order: ((((kl0 l0 + kl1 l1) + kl2 l2) + kr0 r0) + kr1 r1) + kr2 r2
            DoubleVector g = DoubleVector.fromArray(SPECIES, kv, pl).mul(l0)
                    .add(DoubleVector.fromArray(SPECIES, kv, pl + lanes).mul(l1))
                    .add(DoubleVector.fromArray(SPECIES, kv, pl + 2 * lanes).mul(l2))
                    .add(DoubleVector.fromArray(SPECIES, kv, pr).mul(r0))
                    .add(DoubleVector.fromArray(SPECIES, kv, pr + lanes).mul(r1))
                    .add(DoubleVector.fromArray(SPECIES, kv, pr + 2 * lanes).mul(r2));
            DoubleVector.fromArray(SPECIES, phi, f).add(g).intoArray(phi, f);
            l0.add(r0).intoArray(w, pc);
            l1.add(r1).intoArray(w, pc + lanes);
            l2.add(r2).intoArray(w, pc + 2 * lanes);
        }
    }
}
