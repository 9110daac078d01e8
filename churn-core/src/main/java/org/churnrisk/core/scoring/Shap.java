package org.churnrisk.core.scoring;

/**
 * Path-dependent TreeSHAP (Lundberg, Erion and Lee, "Consistent individualized feature attribution
 * for tree ensembles", algorithm 2), as XGBoost implements it for {@code pred_contribs}: exact
 * Shapley values of one tree's output, where a feature left out is averaged over both children
 * in proportion to their covers.
 *
 * <p>The unique path of each recursion level is a slice of one scratch area, so a tree is
 * explained without allocating.
 */
final class Shap {
    private Shap() {
    }

    /** Room for the unique paths of every level of a tree of the given depth. */
    static final class Scratch {
        final int[] feature;
        final double[] zeroFraction;
        final double[] oneFraction;
        final double[] weight;

        Scratch(int maxTreeDepth) {
            int levels = maxTreeDepth + 2;
            int size = levels * (levels + 1) / 2;
            feature = new int[size];
            zeroFraction = new double[size];
            oneFraction = new double[size];
            weight = new double[size];
        }
    }

    /** Adds {@code sign} times the SHAP values of the tree whose root is global node {@code start} to phi. */
    static void tree(TreeEnsembleScorer s, int start, double[] x, int offset, double[] phi, double sign, Scratch p) {
        recurse(s, start, 0, x, offset, phi, sign, p, 0, 0, 1, 1, -1);
    }

    private static void recurse(TreeEnsembleScorer s, int start, int node, double[] x, int offset, double[] phi,
                                double sign, Scratch p, int parentPath, int depth, double parentZero,
                                double parentOne, int parentFeature) {
        int path = parentPath + depth + 1;
        copy(p, parentPath, path, depth + 1);
        extend(p, path, depth, parentZero, parentOne, parentFeature);
        int at = start + node;
        int split = s.feature(at);
        if (split < 0) {
            double leaf = s.value(at);
            for (int i = 1; i <= depth; i++) {
                double w = unwoundSum(p, path, depth, i);
                int e = path + i;
                phi[p.feature[e]] += sign * w * (p.oneFraction[e] - p.zeroFraction[e]) * leaf;
            }
            return;
        }
        int hot = s.next(at, x[offset + split]);
        int cold = hot == s.leftOf(at) ? s.rightOf(at) : s.leftOf(at);
        double w = s.cover(at);
        double hotZero = s.cover(start + hot) / w;
        double coldZero = s.cover(start + cold) / w;
        double incomingZero = 1;
        double incomingOne = 1;
        int k = 0;
        for (; k <= depth; k++) {
            if (p.feature[path + k] == split) {
                break;
            }
        }
        if (k != depth + 1) {
            incomingZero = p.zeroFraction[path + k];
            incomingOne = p.oneFraction[path + k];
            unwind(p, path, depth, k);
            depth -= 1;
        }
        recurse(s, start, hot, x, offset, phi, sign, p, path, depth + 1, hotZero * incomingZero, incomingOne, split);
        recurse(s, start, cold, x, offset, phi, sign, p, path, depth + 1, coldZero * incomingZero, 0, split);
    }

    private static void copy(Scratch p, int from, int to, int n) {
        System.arraycopy(p.feature, from, p.feature, to, n);
        System.arraycopy(p.zeroFraction, from, p.zeroFraction, to, n);
        System.arraycopy(p.oneFraction, from, p.oneFraction, to, n);
        System.arraycopy(p.weight, from, p.weight, to, n);
    }

    private static void extend(Scratch p, int path, int depth, double zero, double one, int feature) {
        p.feature[path + depth] = feature;
        p.zeroFraction[path + depth] = zero;
        p.oneFraction[path + depth] = one;
        p.weight[path + depth] = depth == 0 ? 1 : 0;
        for (int i = depth - 1; i >= 0; i--) {
            p.weight[path + i + 1] += one * p.weight[path + i] * (i + 1) / (double) (depth + 1);
            p.weight[path + i] = zero * p.weight[path + i] * (depth - i) / (double) (depth + 1);
        }
    }

    private static void unwind(Scratch p, int path, int depth, int index) {
        double one = p.oneFraction[path + index];
        double zero = p.zeroFraction[path + index];
        double next = p.weight[path + depth];
        for (int i = depth - 1; i >= 0; i--) {
            if (one != 0) {
                double tmp = p.weight[path + i];
                p.weight[path + i] = next * (depth + 1) / ((i + 1) * one);
                next = tmp - p.weight[path + i] * zero * (depth - i) / (double) (depth + 1);
            } else {
                p.weight[path + i] = p.weight[path + i] * (depth + 1) / (zero * (depth - i));
            }
        }
        for (int i = index; i < depth; i++) {
            p.feature[path + i] = p.feature[path + i + 1];
            p.zeroFraction[path + i] = p.zeroFraction[path + i + 1];
            p.oneFraction[path + i] = p.oneFraction[path + i + 1];
        }
    }

    private static double unwoundSum(Scratch p, int path, int depth, int index) {
        double one = p.oneFraction[path + index];
        double zero = p.zeroFraction[path + index];
        double next = p.weight[path + depth];
        double total = 0;
        for (int i = depth - 1; i >= 0; i--) {
            if (one != 0) {
                double tmp = next * (depth + 1) / ((i + 1) * one);
                total += tmp;
                next = p.weight[path + i] - tmp * zero * ((depth - i) / (double) (depth + 1));
            } else if (zero != 0) {
                total += (p.weight[path + i] / zero) / ((depth - i) / (double) (depth + 1));
            }
        }
        return total;
    }
}
