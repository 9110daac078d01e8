package org.churnrisk.core.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The closed form per leaf that explained trees until issue 15 (commit 4772daa), kept as the
 * reference that {@link Shap}'s edge-wise form is checked against.
 *
 * <p>Path-dependent TreeSHAP: exact Shapley values of one tree's output, where a feature left out is
 * averaged over both children in proportion to their covers, as XGBoost's {@code pred_contribs}
 * computes them (Lundberg, Erion and Lee, "Consistent individualized feature attribution for tree
 * ensembles"). The values are those of algorithm 2 of that paper, up to rounding; the way they are
 * summed is about four times cheaper.
 *
 * <p><b>Per leaf, in closed form.</b> A leaf with value {@code v} whose path splits on the distinct
 * features {@code P} ({@code d} of them) adds to feature {@code i} in {@code P}
 * <pre>
 *   v (o_i - z_i) sum over S in P\{i} of  w(|S|)  prod_{j in S} o_j  prod_{j in P\S\{i}} z_j,
 *   w(s) = s! (d-1-s)! / d!
 * </pre>
 * where {@code z_j} is the product of the cover fractions of the path's nodes that split on
 * {@code j}, and {@code o_j} is 1 if {@code x} takes the path at all of them, else 0. Only sets
 * {@code S} within {@code A}, the features whose {@code o_j} is 1, count; {@code B} is the rest,
 * and {@code Z_B} the product of its {@code z}. Since {@code w(s)} is the Beta integral of
 * {@code u^s (1-u)^(d-1-s)} over [0, 1], the sum over the subsets of a set {@code C} folds into
 * <pre>
 *   G(C) = integral over [0, 1] of (1-u)^(d-1-|C|) prod_{j in C} (u + (1-u) z_j) du,
 * </pre>
 * a polynomial of degree below the tree's depth, which Gauss-Legendre quadrature on
 * {@code ceil(depth/2)} nodes integrates exactly. Each feature of {@code B} gets
 * {@code -v Z_B G(A)}, each {@code i} of {@code A} gets {@code v (1 - z_i) Z_B G(A\{i})}, and
 * {@code G(A\{i})} is {@code G(A)}'s quadrature with the factor of {@code i} divided out (never by
 * zero: a quadrature node lies inside (0, 1)).
 *
 * <p><b>Layout.</b> Everything but {@code o} depends on the tree alone: each leaf's distinct path
 * features, their {@code z}, the factors {@code u_q + (1 - u_q) z} and their inverses are laid out
 * in flat arrays once per scorer ({@link #layouts}), about 12 KB per depth-6 tree, and shared by
 * all threads. Explaining a vector then takes one comparison per internal node and, per leaf, a
 * few multiply-adds per path feature, without recursion or division; a leaf with a zero
 * {@code Z_B} is skipped. Trees up to depth 6 (XGBoost's default) sum their three quadrature
 * nodes in local variables, trees of depth 7 and 8 their four. Measured and rejected: branch-free
 * per-feature loops, and tables of each leaf's contributions for every agreement pattern (memory
 * bound: slower than the arithmetic).
 */
final class ClosedFormShap {
    /** Distinct features on one path that the agreement bits can hold. */
    static final int MAX_PATH_FEATURES = 63;

    private ClosedFormShap() {
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
        Scratch.gaussLegendre(ruleU, ruleW);
        Arrays.fill(u, 0.5);
        Arrays.fill(w, 0);
        System.arraycopy(ruleU, 0, u, 0, nodes);
        System.arraycopy(ruleW, 0, w, 0, nodes);
    }

    /**
     * The layouts of an ensemble's trees, rooted at the given global nodes: immutable, built once
     * per scorer and shared by every thread.
     */
    static Layout[] layouts(TreeEnsembleScorer s, int[] starts, int trees, int maxTreeDepth) {
        int n = lanes(maxTreeDepth);
        double[] u = new double[n];
        rule(maxTreeDepth, u, new double[n]);
        Layout[] layouts = new Layout[trees];
        for (int t = 0; t < trees; t++) {
            layouts[t] = new Layout(s, starts[t], u);
        }
        return layouts;
    }

    /** What one thread needs to explain a vector: the quadrature weights and room for the sums. */
    static final class Scratch {
        final int n;
        final double[] u;
        final double[] w;
        /** powers[e * n + q] = w_q (1 - u_q)^e. */
        final double[] weightedPowers;
        final double[] product;
        final double[] coefficient;
        /** Per internal node of the tree being explained: 1 if x goes left there. */
        int[] left = new int[64];

        Scratch(int maxTreeDepth) {
            int depth = Math.max(1, maxTreeDepth);
            n = lanes(maxTreeDepth);
            u = new double[n];
            w = new double[n];
            rule(maxTreeDepth, u, w);
            weightedPowers = new double[(depth + 1) * n];
            for (int q = 0; q < n; q++) {
                double power = 1;
                for (int e = 0; e <= depth; e++) {
                    weightedPowers[e * n + q] = w[q] * power;
                    power *= 1 - u[q];
                }
            }
            product = new double[n];
            coefficient = new double[n];
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

    }

    /**
     * One tree, laid out for explaining: its internal nodes, and for each leaf its value, its
     * distinct path features (feature, {@code z}, factors and inverses per quadrature node) and
     * the splits on its path (which internal node, which way, which path feature).
     */
    static final class Layout {
        final int[] internal;
        final double[] value;
        final int[] entryStart;
        final int[] entryFeature;
        /**
         * Per distinct path feature e, {@code 2n + 1} values side by side, so that one cache line
         * holds most of them: {@code u_q + (1 - u_q) z} for each quadrature node q, their
         * inverses, then {@code z}.
         */
        final double[] entryData;
        final int stride;
        final int[] splitStart;
        final int[] splitNode;
        final int[] splitLeft;
        final int[] splitEntry;

        Layout(TreeEnsembleScorer s, int start, double[] u) {
            int n = u.length;
            List<Integer> internals = new ArrayList<>();
            List<double[]> leaves = new ArrayList<>();
            List<int[]> paths = new ArrayList<>();
            walk(s, start, 0, new ArrayList<>(), internals, leaves, paths);
            internal = internals.stream().mapToInt(Integer::intValue).toArray();
            int count = leaves.size();
            value = new double[count];
            entryStart = new int[count + 1];
            splitStart = new int[count + 1];
            List<Integer> features = new ArrayList<>();
            List<Double> zeros = new ArrayList<>();
            List<int[]> splits = new ArrayList<>();
            for (int l = 0; l < count; l++) {
                value[l] = leaves.get(l)[0];
                double[] fractions = leaves.get(l);
                int[] path = paths.get(l); // triples: internal index, went left, feature
                int first = features.size();
                for (int k = 0; k < path.length / 3; k++) {
                    int feature = path[3 * k + 2];
                    int entry = features.subList(first, features.size()).indexOf(feature);
                    if (entry < 0) {
                        entry = features.size() - first;
                        features.add(feature);
                        zeros.add(fractions[1 + k]);
                    } else {
                        zeros.set(first + entry, zeros.get(first + entry) * fractions[1 + k]);
                    }
                    splits.add(new int[] {path[3 * k], path[3 * k + 1], entry});
                }
                entryStart[l + 1] = features.size();
                if (entryStart[l + 1] - first > MAX_PATH_FEATURES) {
                    throw new org.churnrisk.core.InvalidArgumentException("tree ensemble: a path splits on "
                            + (entryStart[l + 1] - first) + " distinct features; TreeSHAP here handles up to "
                            + MAX_PATH_FEATURES);
                }
                splitStart[l + 1] = splits.size();
            }
            entryFeature = features.stream().mapToInt(Integer::intValue).toArray();
            stride = 2 * n + 1;
            entryData = new double[zeros.size() * stride];
            for (int e = 0; e < zeros.size(); e++) {
                double z = zeros.get(e);
                for (int q = 0; q < n; q++) {
                    double factor = u[q] + (1 - u[q]) * z;
                    entryData[e * stride + q] = factor;
                    entryData[e * stride + n + q] = 1 / factor;
                }
                entryData[e * stride + 2 * n] = z;
            }
            splitNode = splits.stream().mapToInt(t -> t[0]).toArray();
            splitLeft = splits.stream().mapToInt(t -> t[1]).toArray();
            splitEntry = splits.stream().mapToInt(t -> t[2]).toArray();
        }

        /**
         * Collects the tree below local node {@code node}: internal nodes in visiting order, and
         * per leaf its value followed by the cover fractions along its path, and the path's
         * splits.
         */
        private static void walk(TreeEnsembleScorer s, int start, int node, List<double[]> trail,
                                 List<Integer> internals, List<double[]> leaves, List<int[]> paths) {
            int at = start + node;
            if (s.feature(at) < 0) {
                double[] leaf = new double[1 + trail.size()];
                int[] path = new int[3 * trail.size()];
                leaf[0] = s.value(at);
                for (int k = 0; k < trail.size(); k++) {
                    double[] step = trail.get(k);
                    leaf[1 + k] = step[3];
                    path[3 * k] = (int) step[0];
                    path[3 * k + 1] = (int) step[1];
                    path[3 * k + 2] = (int) step[2];
                }
                leaves.add(leaf);
                paths.add(path);
                return;
            }
            int index = internals.size();
            internals.add(at);
            for (int side = 0; side < 2; side++) {
                int child = side == 0 ? s.leftOf(at) : s.rightOf(at);
                trail.add(new double[] {index, side == 0 ? 1 : 0, s.feature(at), s.cover(start + child) / s.cover(at)});
                walk(s, start, child, trail, internals, leaves, paths);
                trail.remove(trail.size() - 1);
            }
        }
    }

    /** Adds {@code sign} times the SHAP values of the tree laid out as {@code t} to phi. */
    static void tree(TreeEnsembleScorer s, Layout t, double[] x, int offset, double[] phi, double sign, Scratch p) {
        if (p.left.length < t.internal.length) {
            p.left = new int[t.internal.length];
        }
        int[] left = p.left;
        for (int i = 0; i < t.internal.length; i++) {
            int at = t.internal[i];
            left[i] = s.next(at, x[offset + s.feature(at)]) == s.leftOf(at) ? 1 : 0;
        }
        if (p.n == 3) {
            threeLanes(t, left, phi, sign, p.weightedPowers);
        } else if (p.n == 4) {
            fourLanes(t, left, phi, sign, p.weightedPowers);
        } else {
            anyLanes(t, left, phi, sign, p);
        }
    }

    /** Which path features x agrees with at every split on them, as bits (a path has at most 63). */
    private static long agreement(Layout t, int[] left, int l, int d) {
        long mask = (1L << d) - 1;
        for (int k = t.splitStart[l]; k < t.splitStart[l + 1]; k++) {
            mask &= ~((long) (left[t.splitNode[k]] ^ t.splitLeft[k]) << t.splitEntry[k]);
        }
        return mask;
    }

    /**
     * The sums of {@link #anyLanes} for a rule of three quadrature nodes (trees up to depth 6;
     * shallower trees pad the rule with nodes of weight 0), in local variables: with the lanes in
     * an array, every store to {@code phi} made the JIT reload them.
     */
    private static void threeLanes(Layout t, int[] left, double[] phi, double sign, double[] weightedPowers) {
        double[] data = t.entryData;
        for (int l = 0; l < t.value.length; l++) {
            int first = t.entryStart[l];
            int d = t.entryStart[l + 1] - first;
            if (d == 0) {
                continue; // a tree that is one leaf moves the base value only
            }
            long mask = agreement(t, left, l, d);
            double zb = 1;
            double p0 = 1;
            double p1 = 1;
            double p2 = 1;
            for (int e = 0; e < d; e++) {
                int f = (first + e) * 7;
                if ((mask >>> e & 1) != 0) {
                    p0 *= data[f];
                    p1 *= data[f + 1];
                    p2 *= data[f + 2];
                } else {
                    zb *= data[f + 6];
                }
            }
            if (zb == 0) {
                continue; // every term has a factor z_j = 0 of B
            }
            int a = Long.bitCount(mask);
            double vz = sign * t.value[l] * zb;
            double add = 0;
            if (a < d) {
                int power = (d - 1 - a) * 3;
                add = -vz * (weightedPowers[power] * p0 + weightedPowers[power + 1] * p1
                        + weightedPowers[power + 2] * p2);
            }
            int power = (d - a) * 3;
            double c0 = vz * weightedPowers[power] * p0;
            double c1 = vz * weightedPowers[power + 1] * p1;
            double c2 = vz * weightedPowers[power + 2] * p2;
            for (int e = 0; e < d; e++) {
                int entry = first + e;
                if ((mask >>> e & 1) != 0) {
                    int f = entry * 7;
                    double g = c0 * data[f + 3] + c1 * data[f + 4] + c2 * data[f + 5];
                    phi[t.entryFeature[entry]] += (1 - data[f + 6]) * g;
                } else {
                    phi[t.entryFeature[entry]] += add;
                }
            }
        }
    }

    /** {@link #threeLanes} with four quadrature nodes, for trees of depth 7 and 8. */
    private static void fourLanes(Layout t, int[] left, double[] phi, double sign, double[] weightedPowers) {
        double[] data = t.entryData;
        for (int l = 0; l < t.value.length; l++) {
            int first = t.entryStart[l];
            int d = t.entryStart[l + 1] - first;
            if (d == 0) {
                continue;
            }
            long mask = agreement(t, left, l, d);
            double zb = 1;
            double p0 = 1;
            double p1 = 1;
            double p2 = 1;
            double p3 = 1;
            for (int e = 0; e < d; e++) {
                int f = (first + e) * 9;
                if ((mask >>> e & 1) != 0) {
                    p0 *= data[f];
                    p1 *= data[f + 1];
                    p2 *= data[f + 2];
                    p3 *= data[f + 3];
                } else {
                    zb *= data[f + 8];
                }
            }
            if (zb == 0) {
                continue;
            }
            int a = Long.bitCount(mask);
            double vz = sign * t.value[l] * zb;
            double add = 0;
            if (a < d) {
                int power = (d - 1 - a) * 4;
                add = -vz * (weightedPowers[power] * p0 + weightedPowers[power + 1] * p1
                        + weightedPowers[power + 2] * p2 + weightedPowers[power + 3] * p3);
            }
            int power = (d - a) * 4;
            double c0 = vz * weightedPowers[power] * p0;
            double c1 = vz * weightedPowers[power + 1] * p1;
            double c2 = vz * weightedPowers[power + 2] * p2;
            double c3 = vz * weightedPowers[power + 3] * p3;
            for (int e = 0; e < d; e++) {
                int entry = first + e;
                if ((mask >>> e & 1) != 0) {
                    int f = entry * 9;
                    double g = c0 * data[f + 4] + c1 * data[f + 5] + c2 * data[f + 6] + c3 * data[f + 7];
                    phi[t.entryFeature[entry]] += (1 - data[f + 8]) * g;
                } else {
                    phi[t.entryFeature[entry]] += add;
                }
            }
        }
    }

    /** The sums for a rule of any number of quadrature nodes (trees deeper than 8). */
    private static void anyLanes(Layout t, int[] left, double[] phi, double sign, Scratch p) {
        int n = p.n;
        double[] product = p.product;
        double[] c = p.coefficient;
        for (int l = 0; l < t.value.length; l++) {
            int first = t.entryStart[l];
            int d = t.entryStart[l + 1] - first;
            if (d == 0) {
                continue;
            }
            long mask = agreement(t, left, l, d);
            double zb = 1;
            Arrays.fill(product, 1);
            for (int e = 0; e < d; e++) {
                if ((mask >>> e & 1) != 0) {
                    for (int q = 0; q < n; q++) {
                        product[q] *= t.entryData[(first + e) * t.stride + q];
                    }
                } else {
                    zb *= t.entryData[(first + e) * t.stride + 2 * n];
                }
            }
            if (zb == 0) {
                continue;
            }
            int a = Long.bitCount(mask);
            double vz = sign * t.value[l] * zb;
            double gb = 0;
            if (a < d) {
                int power = (d - 1 - a) * n;
                for (int q = 0; q < n; q++) {
                    gb += p.weightedPowers[power + q] * product[q];
                }
            }
            int power = (d - a) * n;
            for (int q = 0; q < n; q++) {
                c[q] = vz * p.weightedPowers[power + q] * product[q];
            }
            for (int e = 0; e < d; e++) {
                if ((mask >>> e & 1) != 0) {
                    double g = 0;
                    for (int q = 0; q < n; q++) {
                        g += c[q] * t.entryData[(first + e) * t.stride + n + q];
                    }
                    phi[t.entryFeature[first + e]] += (1 - t.entryData[(first + e) * t.stride + 2 * n]) * g;
                } else {
                    phi[t.entryFeature[first + e]] -= vz * gb;
                }
            }
        }
    }

    /** The contributions of every tree of {@code s} to x, as the scorer computed them before; returns nothing. */
    static void contributions(TreeEnsembleScorer s, double[] x, int offset, double[] out) {
        List<DecisionTree> trees = new ArrayList<>(s.churnTrees());
        trees.addAll(s.stayTrees());
        int[] starts = new int[trees.size()];
        int depth = 0;
        for (int t = 0, at = 0; t < trees.size(); t++) {
            starts[t] = at;
            at += trees.get(t).size();
            depth = Math.max(depth, trees.get(t).depth());
        }
        Layout[] layouts = layouts(s, starts, trees.size(), depth);
        Scratch scratch = new Scratch(depth);
        Arrays.fill(out, 0, s.schema().size(), 0.0);
        for (int t = 0; t < trees.size(); t++) {
            tree(s, layouts[t], x, offset, out, t < s.churnTrees().size() ? 1.0 : -1.0, scratch);
        }
    }
}
