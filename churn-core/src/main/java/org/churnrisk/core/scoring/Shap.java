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

    /** What one thread needs to explain a vector: room for one tree's products, sums and states. */
    static final class Scratch {
        final int n;
        double[] product = new double[0];
        double[] sum = new double[0];
        int[] agree = new int[0];
        int[] agreed = new int[0];
        int[] state = new int[0];

        Scratch(int maxTreeDepth) {
            n = lanes(maxTreeDepth);
        }

        /** Grows the arrays (never shrinks them) to hold a tree of the given number of nodes. */
        void fit(int nodes) {
            if (state.length < nodes) {
                product = new double[nodes * n];
                sum = new double[nodes * n];
                agree = new int[nodes];
                agreed = new int[nodes];
                state = new int[nodes];
            }
        }
    }

    /**
     * One tree laid out for explaining, its nodes in preorder (index 0 is the root, a node's
     * parent and every ancestor come before it): per node its parent, the node of the nearest
     * edge above it on the same feature ({@code prev}, 0 if none: the root's {@code agreed} is
     * always 1), its leaf value (0 for an internal node) and {@code 6n} constants: the factor ratio
     * {@code F_c / F_prev} in each of the three states ({@code n} values each), then {@code K} in
     * each state. Per internal node, in preorder: its global node, its children and its feature.
     */
    static final class Layout {
        final int nodes;
        final int[] parent;
        final int[] prev;
        final double[] leafValue;
        final double[] constants;
        final int[] internalGlobal;
        final int[] internalNode;
        final int[] internalLeft;
        final int[] internalRight;
        final int[] internalFeature;
        /** Global node ids of the internal nodes' left children, to tell where x goes. */
        final int[] internalGoesLeftTo;

        Layout(TreeEnsembleScorer s, int start, double[] u, double[] w, double sign) {
            int n = u.length;
            List<int[]> order = new ArrayList<>(); // per node in preorder: global id, parent index, prev index
            List<Double> zs = new ArrayList<>(); // per node: combined z of its edge's feature
            List<Double> zPrev = new ArrayList<>();
            List<Double> fraction = new ArrayList<>();
            order.add(new int[] {start, 0, 0});
            zs.add(1.0);
            zPrev.add(1.0);
            fraction.add(1.0);
            preorder(s, start, 0, 0, new HashMap<>(), order, zs, zPrev, fraction);
            nodes = order.size();
            parent = new int[nodes];
            prev = new int[nodes];
            leafValue = new double[nodes];
            constants = new double[nodes * 6 * n];
            List<Integer> internals = new ArrayList<>();
            int[] leftChild = new int[nodes];
            int[] rightChild = new int[nodes];
            for (int c = 0; c < nodes; c++) {
                int[] o = order.get(c);
                parent[c] = o[1];
                prev[c] = o[2];
                if (s.feature(o[0]) < 0) {
                    leafValue[c] = s.value(o[0]);
                } else {
                    internals.add(c);
                }
                if (c > 0) {
                    int p = o[1];
                    if (start + s.leftOf(order.get(p)[0]) == o[0]) {
                        leftChild[p] = c;
                    } else {
                        rightChild[p] = c;
                    }
                    constants(zs.get(c), zPrev.get(c), fraction.get(c), u, w, sign, constants, c * 6 * n);
                }
            }
            int count = internals.size();
            internalGlobal = new int[count];
            internalNode = new int[count];
            internalLeft = new int[count];
            internalRight = new int[count];
            internalFeature = new int[count];
            internalGoesLeftTo = new int[count];
            for (int i = 0; i < count; i++) {
                int c = internals.get(i);
                int at = order.get(c)[0];
                internalGlobal[i] = at;
                internalNode[i] = c;
                internalLeft[i] = leftChild[c];
                internalRight[i] = rightChild[c];
                internalFeature[i] = s.feature(at);
                internalGoesLeftTo[i] = s.leftOf(at);
            }
        }

        /**
         * The ratios and {@code K} of an edge whose feature's combined cover fraction is {@code z}
         * here and {@code zPrev} at the nearest edge above on the same feature (1 if none), with
         * its own cover fraction {@code fraction}, into {@code out[at, at + 6n)}.
         */
        private static void constants(double z, double zPrev, double fraction, double[] u, double[] w, double sign,
                                      double[] out, int at) {
            int n = u.length;
            for (int q = 0; q < n; q++) {
                double factorPrev = u[q] + (1 - u[q]) * zPrev; // F_prev where x agreed above: 1 when there is none
                double factor = u[q] + (1 - u[q]) * z;
                double rPrev = (1 - zPrev) / factorPrev; // R_prev where x agreed above: 0 when there is none
                out[at + q] = factor / factorPrev;
                out[at + n + q] = z * (1 - u[q]) / factorPrev;
                out[at + 2 * n + q] = fraction;
                out[at + 3 * n + q] = sign * (w[q] * ((1 - z) / factor - rPrev));
                out[at + 4 * n + q] = sign * (w[q] * (-1 / (1 - u[q]) - rPrev));
                out[at + 5 * n + q] = 0;
            }
        }

        /** Appends the nodes below global node {@code at} (preorder index {@code index}) in preorder. */
        private static void preorder(TreeEnsembleScorer s, int start, int at, int index, Map<Integer, Integer> lastEdge,
                                     List<int[]> order, List<Double> zs, List<Double> zPrev, List<Double> fraction) {
            int feature = s.feature(start + at);
            if (feature < 0) {
                return;
            }
            int global = start + at;
            Integer previous = lastEdge.get(feature);
            double zAbove = previous == null ? 1.0 : zs.get(previous);
            for (int side = 0; side < 2; side++) {
                int child = side == 0 ? s.leftOf(global) : s.rightOf(global);
                int c = order.size();
                double f = s.cover(start + child) / s.cover(global);
                order.add(new int[] {start + child, index, previous == null ? 0 : previous});
                zs.add(zAbove * f);
                zPrev.add(zAbove);
                fraction.add(f);
                lastEdge.put(feature, c);
                preorder(s, start, child, c, lastEdge, order, zs, zPrev, fraction);
            }
            if (previous == null) {
                lastEdge.remove(feature);
            } else {
                lastEdge.put(feature, previous);
            }
        }
    }

    /** Adds the SHAP values of the tree laid out as {@code t} (with its sign) to phi. */
    static void tree(TreeEnsembleScorer s, Layout t, double[] x, int offset, double[] phi, Scratch p) {
        int internals = t.internalGlobal.length;
        if (internals == 0) {
            return; // a tree that is one leaf moves the base value only
        }
        p.fit(t.nodes);
        int[] agree = p.agree;
        for (int i = 0; i < internals; i++) {
            int at = t.internalGlobal[i];
            int left = s.next(at, x[offset + t.internalFeature[i]]) == t.internalGoesLeftTo[i] ? 1 : 0;
            agree[t.internalLeft[i]] = left;
            agree[t.internalRight[i]] = 1 - left;
        }
        if (p.n == 3) {
            threeLanes(t, phi, p);
        } else {
            anyLanes(t, phi, p);
        }
    }

    /** Both passes for a rule of three quadrature nodes (trees up to depth 6), unrolled. */
    private static void threeLanes(Layout t, double[] phi, Scratch p) {
        int[] agree = p.agree;
        int[] agreed = p.agreed;
        int[] state = p.state;
        double[] product = p.product;
        double[] sum = p.sum;
        double[] k = t.constants;
        int[] parent = t.parent;
        int[] prev = t.prev;
        double[] leafValue = t.leafValue;
        agreed[0] = 1;
        product[0] = 1;
        product[1] = 1;
        product[2] = 1;
        for (int c = 1; c < t.nodes; c++) {
            int a = agree[c];
            int above = agreed[prev[c]];
            int st = 2 - above * (1 + a);
            agreed[c] = above & a;
            state[c] = st;
            int from = 3 * parent[c];
            int r = c * 18 + st * 3;
            double p0 = product[from] * k[r];
            double p1 = product[from + 1] * k[r + 1];
            double p2 = product[from + 2] * k[r + 2];
            product[3 * c] = p0;
            product[3 * c + 1] = p1;
            product[3 * c + 2] = p2;
            double v = leafValue[c];
            sum[3 * c] = v * p0;
            sum[3 * c + 1] = v * p1;
            sum[3 * c + 2] = v * p2;
        }
        for (int i = t.internalNode.length - 1; i >= 0; i--) {
            int l = t.internalLeft[i];
            int r = t.internalRight[i];
            int kl = l * 18 + 9 + state[l] * 3;
            int kr = r * 18 + 9 + state[r] * 3;
            double l0 = sum[3 * l];
            double l1 = sum[3 * l + 1];
            double l2 = sum[3 * l + 2];
            double r0 = sum[3 * r];
            double r1 = sum[3 * r + 1];
            double r2 = sum[3 * r + 2];
            double g = k[kl] * l0 + k[kl + 1] * l1 + k[kl + 2] * l2 + k[kr] * r0 + k[kr + 1] * r1 + k[kr + 2] * r2;
            phi[t.internalFeature[i]] += g;
            int c = 3 * t.internalNode[i];
            sum[c] = l0 + r0;
            sum[c + 1] = l1 + r1;
            sum[c + 2] = l2 + r2;
        }
    }

    /** Both passes for a rule of any number of quadrature nodes (trees deeper than 6). */
    private static void anyLanes(Layout t, double[] phi, Scratch p) {
        int n = p.n;
        int stride = 6 * n;
        int[] agree = p.agree;
        int[] agreed = p.agreed;
        int[] state = p.state;
        double[] product = p.product;
        double[] sum = p.sum;
        double[] k = t.constants;
        agreed[0] = 1;
        Arrays.fill(product, 0, n, 1.0);
        for (int c = 1; c < t.nodes; c++) {
            int a = agree[c];
            int above = agreed[t.prev[c]];
            int st = 2 - above * (1 + a);
            agreed[c] = above & a;
            state[c] = st;
            int from = n * t.parent[c];
            int r = c * stride + st * n;
            double v = t.leafValue[c];
            for (int q = 0; q < n; q++) {
                double pq = product[from + q] * k[r + q];
                product[n * c + q] = pq;
                sum[n * c + q] = v * pq;
            }
        }
        for (int i = t.internalNode.length - 1; i >= 0; i--) {
            int l = t.internalLeft[i];
            int r = t.internalRight[i];
            int kl = l * stride + 3 * n + state[l] * n;
            int kr = r * stride + 3 * n + state[r] * n;
            double g = 0;
            for (int q = 0; q < n; q++) {
                g += k[kl + q] * sum[n * l + q];
            }
            for (int q = 0; q < n; q++) {
                g += k[kr + q] * sum[n * r + q];
            }
            phi[t.internalFeature[i]] += g;
            int c = n * t.internalNode[i];
            for (int q = 0; q < n; q++) {
                sum[c + q] = sum[n * l + q] + sum[n * r + q];
            }
        }
    }
}
