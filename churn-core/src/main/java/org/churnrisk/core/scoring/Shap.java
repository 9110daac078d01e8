package org.churnrisk.core.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Path-dependent TreeSHAP: exact Shapley values of one tree's output, where a feature left out is
 * averaged over both children in proportion to their covers, as XGBoost's {@code pred_contribs}
 * computes them (Lundberg, Erion and Lee, "Consistent individualized feature attribution for tree
 * ensembles"), summed edge by edge in the manner of Linear TreeSHAP (Yu, Bhattacharya et al.,
 * NeurIPS 2022): one pass down the tree and one back up, a few multiply-adds per node.
 *
 * <p><b>Per leaf.</b> A leaf with value {@code v} whose path splits on the distinct features
 * {@code P} adds to feature {@code i} in {@code P}
 * <pre>
 *   v (o_i - z_i) integral over [0, 1] of prod_{j in P\{i}} F_j(u) du,   F_j(u) = o_j u + z_j (1 - u),
 * </pre>
 * where {@code z_j} is the product of the cover fractions of the path's splits on {@code j} and
 * {@code o_j} is 1 if {@code x} takes the path at all of them, else 0 (the Shapley weights
 * {@code s! (d-1-s)! / d!} are the Beta integrals of {@code u^s (1-u)^(d-1-s)}). The integrand is a
 * polynomial of degree below the tree's depth, so Gauss-Legendre quadrature on
 * {@code ceil(depth/2)} nodes {@code u_q} (weights {@code w_q}) integrates it exactly. With
 * {@code P_l(q) = prod_{j in P} F_j(u_q)} and {@code R_i(q) = (o_i - z_i) / F_i(u_q)}, which is
 * {@code (1 - z) / (u + (1 - u) z)} where x agrees and {@code -1 / (1 - u)} where it does not
 * (finite even when {@code z} is 0), the leaf adds {@code sum_q w_q v P_l(q) R_i(q)}.
 *
 * <p><b>Per edge.</b> Give each node {@code c} below the root the factor of its edge's feature
 * combined over the path down to {@code c}. Going down, {@code P_c = P_parent F_c / F_prev}, where
 * {@code prev} is the nearest edge above on the same feature (the factor it replaces; 1 if none).
 * Going up, {@code S_c = sum of v P_l} over the leaves below {@code c}. A leaf's {@code R_i} is
 * that of its deepest edge on {@code i}, so the leaves below edge {@code c} that count at
 * {@code c} are {@code S_c} less those below the next edges on the same feature, and the sum
 * telescopes: feature {@code i} gets {@code sum over edges c on i of sum_q K_c(q) S_c(q)} with
 * {@code K_c = w (R_c - R_prev)}. Both {@code F_c / F_prev} and {@code K_c} depend on the account
 * only through one of three states of the edge: x agreed with every split on the feature above
 * and agrees here (0), agreed above but not here (1), or disagreed above already (2: the ratio is
 * the edge's cover fraction and {@code K} is 0). So all three are laid out once per tree
 * ({@link Layout}), with the tree's sign folded into {@code K}, and explaining an account takes one
 * comparison per internal node, three multiplications per node going down, and per internal node
 * six multiply-adds and one addition to {@code phi} going up: no division, no branch on the
 * account's path, no limit on the features per path.
 *
 * <p>Measured and rejected before: the closed form per leaf (about five times slower; still in the
 * tests as the reference), and tables of each leaf's contributions for every agreement pattern
 * (memory bound).
 */
final class Shap {
    private Shap() {
    }

    /** Quadrature nodes used for trees of the given depth: 3 up to depth 6, 4 up to 8, then ceil(depth/2). */
    static int lanes(int maxTreeDepth) {
        return Math.max(3, (Math.max(1, maxTreeDepth) + 1) / 2);
    }

    /**
     * Fills {@code u} and {@code w} ({@link #lanes} places) with the Gauss-Legendre rule of
     * {@code ceil(depth/2)} nodes on [0, 1], exact for every leaf's polynomial (degree below the
     * depth); places after it get node 1/2 and weight 0.
     */
    static void rule(int maxTreeDepth, double[] u, double[] w) {
        int nodes = (Math.max(1, maxTreeDepth) + 1) / 2;
        double[] ruleU = new double[nodes];
        double[] ruleW = new double[nodes];
        gaussLegendre(ruleU, ruleW);
        Arrays.fill(u, 0.5);
        Arrays.fill(w, 0);
        System.arraycopy(ruleU, 0, u, 0, nodes);
        System.arraycopy(ruleW, 0, w, 0, nodes);
    }

    /** The Gauss-Legendre rule of {@code u.length} nodes on [0, 1], by Newton's method on P_n. */
    static void gaussLegendre(double[] u, double[] w) {
        int n = u.length;
        for (int i = 0; i < (n + 1) / 2; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++) {
                double p1 = 1;
                double p2 = 0;
                for (int j = 1; j <= n; j++) {
                    double p3 = p2;
                    p2 = p1;
                    p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
                }
                derivative = n * (z * p1 - p2) / (z * z - 1);
                double previous = z;
                z = previous - p1 / derivative;
                if (Math.abs(z - previous) <= 1e-16) {
                    break;
                }
            }
            double weight = 1 / ((1 - z * z) * derivative * derivative); // 2 / (...) on [-1, 1], halved
            u[i] = (1 - z) / 2;
            u[n - 1 - i] = (1 + z) / 2;
            w[i] = weight;
            w[n - 1 - i] = weight;
        }
    }

    /**
     * The layouts of an ensemble's trees, rooted at the given global nodes, the first
     * {@code churnCount} of them adding and the others subtracting: immutable, built once per
     * scorer and shared by every thread.
     */
    static Layout[] layouts(TreeEnsembleScorer s, int[] starts, int trees, int churnCount, int maxTreeDepth) {
        int n = lanes(maxTreeDepth);
        double[] u = new double[n];
        double[] w = new double[n];
        rule(maxTreeDepth, u, w);
        Layout[] layouts = new Layout[trees];
        for (int t = 0; t < trees; t++) {
            layouts[t] = new Layout(s, starts[t], u, w, t < churnCount ? 1.0 : -1.0);
        }
        return layouts;
    }

    /** What one thread needs to explain a vector: room for one tree's products and sums and states. */
    static final class Scratch {
        final int n;
        /** Per node slot: n products going down, replaced by n sums going up. */
        double[] values = new double[0];
        /** Per node slot: 1 if x agreed with every split on the node's edge feature down to it. */
        int[] agreed = new int[0];
        /** Per node slot: where its K for the state x puts it in starts in the tree's constants. */
        int[] k = new int[0];

        Scratch(int maxTreeDepth) {
            n = lanes(maxTreeDepth);
        }

        /** Grows the arrays (never shrinks them) to hold a tree of the given number of nodes. */
        void fit(int nodes) {
            if (agreed.length < nodes) {
                values = new double[nodes * n];
                agreed = new int[nodes];
                k = new int[nodes];
            }
        }
    }

    /**
     * One tree laid out for explaining. Nodes have slots in preorder (0 is the root; a node's
     * ancestors have smaller slots); internal nodes are listed in the same order, each with
     * {@value #RECORD} ints: its slot, its children's slots, the slot of the nearest edge above
     * them on the same feature ({@code prev}; 0, the root, whose {@code agreed} is always 1, if
     * none), its feature and whether a missing value goes left; its float32 threshold; and per
     * child {@code 6n} constants: the ratio {@code F_c / F_prev} in each of the three states
     * ({@code n} values each, times the leaf value when the child is a leaf), then {@code K} in each
     * state.
     */
    static final class Layout {
        static final int RECORD = 6;
        final int nodes;
        final int internals;
        final int[] record;
        final float[] threshold;
        final double[] constants;

        Layout(TreeEnsembleScorer s, int start, double[] u, double[] w, double sign) {
            int n = u.length;
            List<Integer> order = new ArrayList<>(); // global ids in preorder
            preorderIds(s, start, 0, order);
            nodes = order.size();
            Map<Integer, Integer> slotOf = new HashMap<>();
            for (int c = 0; c < nodes; c++) {
                slotOf.put(order.get(c), c);
            }
            List<Integer> internalSlots = new ArrayList<>();
            for (int c = 0; c < nodes; c++) {
                if (s.feature(order.get(c)) >= 0) {
                    internalSlots.add(c);
                }
            }
            internals = internalSlots.size();
            record = new int[internals * RECORD];
            threshold = new float[internals];
            constants = new double[internals * 12 * n];
            // per slot: combined z of its edge's feature down to it, and the slot of prev
            double[] z = new double[nodes];
            int[] prevOf = new int[nodes];
            z[0] = 1;
            fill(s, start, 0, slotOf, new HashMap<>(), z, prevOf);
            for (int i = 0; i < internals; i++) {
                int c = internalSlots.get(i);
                int at = order.get(c);
                int l = slotOf.get(start + s.leftOf(at));
                int r = slotOf.get(start + s.rightOf(at));
                record[i * RECORD] = c;
                record[i * RECORD + 1] = l;
                record[i * RECORD + 2] = r;
                record[i * RECORD + 3] = prevOf[l];
                record[i * RECORD + 4] = s.feature(at);
                record[i * RECORD + 5] = s.defaultsLeft(at) ? 1 : 0;
                threshold[i] = s.threshold(at);
                double zPrev = prevOf[l] == 0 ? 1.0 : z[prevOf[l]];
                for (int side = 0; side < 2; side++) {
                    int child = side == 0 ? l : r;
                    int g = order.get(child);
                    double v = s.feature(g) < 0 ? s.value(g) : 1.0;
                    constants(z[child], zPrev, s.cover(g) / s.cover(at), v, u, w, sign, constants,
                            (2 * i + side) * 6 * n);
                }
            }
        }

        /**
         * The ratios (times {@code v}: a leaf's value, 1 for an internal node) and {@code K} of an
         * edge whose feature's combined cover fraction is {@code z} here and {@code zPrev} at the
         * nearest edge above on the same feature (1 if none), with its own cover fraction
         * {@code fraction}, into {@code out[at, at + 6n)}.
         */
        private static void constants(double z, double zPrev, double fraction, double v, double[] u, double[] w,
                                      double sign, double[] out, int at) {
            int n = u.length;
            for (int q = 0; q < n; q++) {
                double factorPrev = u[q] + (1 - u[q]) * zPrev; // F_prev where x agreed above: 1 when there is none
                double factor = u[q] + (1 - u[q]) * z;
                double rPrev = (1 - zPrev) / factorPrev; // R_prev where x agreed above: 0 when there is none
                out[at + q] = v * (factor / factorPrev);
                out[at + n + q] = v * (z * (1 - u[q]) / factorPrev);
                out[at + 2 * n + q] = v * fraction;
                out[at + 3 * n + q] = sign * (w[q] * ((1 - z) / factor - rPrev));
                out[at + 4 * n + q] = sign * (w[q] * (-1 / (1 - u[q]) - rPrev));
                out[at + 5 * n + q] = 0;
            }
        }

        private static void preorderIds(TreeEnsembleScorer s, int start, int node, List<Integer> order) {
            int at = start + node;
            order.add(at);
            if (s.feature(at) >= 0) {
                preorderIds(s, start, s.leftOf(at), order);
                preorderIds(s, start, s.rightOf(at), order);
            }
        }

        /** Fills z and prevOf for the children of the subtree at local node {@code node}. */
        private static void fill(TreeEnsembleScorer s, int start, int node, Map<Integer, Integer> slotOf,
                                 Map<Integer, Integer> lastEdge, double[] z, int[] prevOf) {
            int at = start + node;
            int feature = s.feature(at);
            if (feature < 0) {
                return;
            }
            Integer previous = lastEdge.get(feature);
            double zAbove = previous == null ? 1.0 : z[previous];
            for (int side = 0; side < 2; side++) {
                int child = side == 0 ? s.leftOf(at) : s.rightOf(at);
                int c = slotOf.get(start + child);
                z[c] = zAbove * (s.cover(start + child) / s.cover(at));
                prevOf[c] = previous == null ? 0 : previous;
                lastEdge.put(feature, c);
                fill(s, start, child, slotOf, lastEdge, z, prevOf);
            }
            if (previous == null) {
                lastEdge.remove(feature);
            } else {
                lastEdge.put(feature, previous);
            }
        }
    }

    /** Adds the SHAP values of the tree laid out as {@code t} (with its sign) to phi. */
    static void tree(Layout t, double[] x, int offset, double[] phi, Scratch p) {
        tree(t, x, offset, phi, 0, p);
    }

    /** Adds the SHAP values of the tree laid out as {@code t} (with its sign) to phi from {@code phiAt}. */
    static void tree(Layout t, double[] x, int offset, double[] phi, int phiAt, Scratch p) {
        if (t.internals == 0) {
            return; // a tree that is one leaf moves the base value only
        }
        p.fit(t.nodes);
        if (p.n == 3) {
            threeLanes(t, x, offset, phi, phiAt, p);
        } else {
            anyLanes(t, x, offset, phi, phiAt, p);
        }
    }

    /** 1 if x goes left at internal node i of t: below the float32 threshold, or missing and defaulting left. */
    private static int goesLeft(Layout t, int i, double v) {
        if (v != v) {
            return t.record[i * Layout.RECORD + 5];
        }
        return (float) v < t.threshold[i] ? 1 : 0;
    }

    /** Both passes for a rule of three quadrature nodes (trees up to depth 6), unrolled. */
    private static void threeLanes(Layout t, double[] x, int offset, double[] phi, int phiAt, Scratch p) {
        int[] agreed = p.agreed;
        int[] kAt = p.k;
        double[] w = p.values;
        double[] k = t.constants;
        int[] rec = t.record;
        agreed[0] = 1;
        w[0] = 1;
        w[1] = 1;
        w[2] = 1;
        for (int i = 0; i < t.internals; i++) {
            int at = i * Layout.RECORD;
            int c = rec[at];
            int l = rec[at + 1];
            int r = rec[at + 2];
            int left = goesLeft(t, i, x[offset + rec[at + 4]]);
            int above = agreed[rec[at + 3]];
            agreed[l] = above & left;
            agreed[r] = above & (1 - left);
            int cl = i * 36 + (2 - above * (1 + left)) * 3;
            int cr = i * 36 + 18 + (2 - above * (2 - left)) * 3;
            kAt[l] = cl + 9;
            kAt[r] = cr + 9;
            double p0 = w[3 * c];
            double p1 = w[3 * c + 1];
            double p2 = w[3 * c + 2];
            w[3 * l] = p0 * k[cl];
            w[3 * l + 1] = p1 * k[cl + 1];
            w[3 * l + 2] = p2 * k[cl + 2];
            w[3 * r] = p0 * k[cr];
            w[3 * r + 1] = p1 * k[cr + 1];
            w[3 * r + 2] = p2 * k[cr + 2];
        }
        for (int i = t.internals - 1; i >= 0; i--) {
            int at = i * Layout.RECORD;
            int c = rec[at];
            int l = rec[at + 1];
            int r = rec[at + 2];
            int kl = kAt[l];
            int kr = kAt[r];
            double l0 = w[3 * l];
            double l1 = w[3 * l + 1];
            double l2 = w[3 * l + 2];
            double r0 = w[3 * r];
            double r1 = w[3 * r + 1];
            double r2 = w[3 * r + 2];
            phi[phiAt + rec[at + 4]] += k[kl] * l0 + k[kl + 1] * l1 + k[kl + 2] * l2
                    + k[kr] * r0 + k[kr + 1] * r1 + k[kr + 2] * r2;
            w[3 * c] = l0 + r0;
            w[3 * c + 1] = l1 + r1;
            w[3 * c + 2] = l2 + r2;
        }
    }

    /** Both passes for a rule of any number of quadrature nodes (trees deeper than 6). */
    private static void anyLanes(Layout t, double[] x, int offset, double[] phi, int phiAt, Scratch p) {
        int n = p.n;
        int[] agreed = p.agreed;
        int[] kAt = p.k;
        double[] w = p.values;
        double[] k = t.constants;
        int[] rec = t.record;
        agreed[0] = 1;
        Arrays.fill(w, 0, n, 1.0);
        for (int i = 0; i < t.internals; i++) {
            int at = i * Layout.RECORD;
            int c = rec[at];
            int l = rec[at + 1];
            int r = rec[at + 2];
            int left = goesLeft(t, i, x[offset + rec[at + 4]]);
            int above = agreed[rec[at + 3]];
            agreed[l] = above & left;
            agreed[r] = above & (1 - left);
            int cl = i * 12 * n + (2 - above * (1 + left)) * n;
            int cr = i * 12 * n + 6 * n + (2 - above * (2 - left)) * n;
            kAt[l] = cl + 3 * n;
            kAt[r] = cr + 3 * n;
            for (int q = 0; q < n; q++) {
                double pq = w[n * c + q];
                w[n * l + q] = pq * k[cl + q];
                w[n * r + q] = pq * k[cr + q];
            }
        }
        for (int i = t.internals - 1; i >= 0; i--) {
            int at = i * Layout.RECORD;
            int c = rec[at];
            int l = rec[at + 1];
            int r = rec[at + 2];
            int kl = kAt[l];
            int kr = kAt[r];
            double g = 0;
            for (int q = 0; q < n; q++) {
                g += k[kl + q] * w[n * l + q];
            }
            for (int q = 0; q < n; q++) {
                g += k[kr + q] * w[n * r + q];
            }
            phi[phiAt + rec[at + 4]] += g;
            for (int q = 0; q < n; q++) {
                w[n * c + q] = w[n * l + q] + w[n * r + q];
            }
        }
    }
}
