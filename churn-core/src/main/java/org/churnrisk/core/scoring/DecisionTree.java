package org.churnrisk.core.scoring;

import java.util.Arrays;
import org.churnrisk.core.InvalidArgumentException;

/**
 * One regression tree of a boosted ensemble, as node arrays indexed by node id, root 0: what a
 * compiler reads from a trained model and hands to {@link TreeEnsembleScorer}.
 *
 * <p>An internal node sends {@code x} to {@code left} when {@code (float) x[feature] < threshold}
 * (XGBoost compares in float32), to {@code right} otherwise, and a missing value (NaN) to
 * {@code left} if {@code defaultLeft}, else to {@code right}. A leaf has {@code feature} -1 and
 * scores {@code value}. {@code cover} is the training weight (sum of hessians) that reached each
 * node, which TreeSHAP uses to average over the features it leaves out.
 *
 * <p>The arrays are copied in and out; instances are immutable.
 *
 * <pre>{@code
 * // a stump on feature 3: below 0.5 scores -0.2, otherwise 0.3
 * DecisionTree stump = new DecisionTree(new int[] {3, -1, -1}, new float[] {0.5f, 0, 0},
 *         new int[] {1, -1, -1}, new int[] {2, -1, -1}, new boolean[] {true, false, false},
 *         new float[] {0, -0.2f, 0.3f}, new double[] {100, 60, 40});
 * }</pre>
 */
public record DecisionTree(int[] feature, float[] threshold, int[] left, int[] right, boolean[] defaultLeft,
                           float[] value, double[] cover) {

    /**
     * @throws InvalidArgumentException if the arrays differ in length, a child is out of range or
     *         reached twice (so the nodes are not one tree rooted at 0), a threshold or leaf value
     *         is not finite, or a cover is negative (or zero on an internal node)
     */
    public DecisionTree {
        feature = feature.clone();
        threshold = threshold.clone();
        left = left.clone();
        right = right.clone();
        defaultLeft = defaultLeft.clone();
        value = value.clone();
        cover = cover.clone();
        int n = feature.length;
        if (n == 0 || threshold.length != n || left.length != n || right.length != n || defaultLeft.length != n
                || value.length != n || cover.length != n) {
            throw new InvalidArgumentException("decision tree: node arrays of lengths " + n + ", " + threshold.length
                    + ", " + left.length + ", " + right.length + ", " + defaultLeft.length + ", " + value.length + ", "
                    + cover.length + " (expected one non-empty length)");
        }
        boolean[] reached = new boolean[n];
        reached[0] = true;
        for (int i = 0; i < n; i++) {
            if (!(cover[i] >= 0) || Double.isInfinite(cover[i])) {
                throw new InvalidArgumentException("decision tree: node " + i + " has cover " + cover[i]
                        + " (expected a finite number, at least 0)");
            }
            if (feature[i] < 0) {
                if (!Float.isFinite(value[i])) {
                    throw new InvalidArgumentException("decision tree: leaf " + i + " has value " + value[i]);
                }
                continue;
            }
            if (!Float.isFinite(threshold[i]) || !(cover[i] > 0)) {
                throw new InvalidArgumentException("decision tree: node " + i + " has threshold " + threshold[i]
                        + " and cover " + cover[i] + " (expected a finite threshold and a positive cover)");
            }
            for (int child : new int[] {left[i], right[i]}) {
                if (child <= 0 || child >= n || reached[child]) {
                    throw new InvalidArgumentException("decision tree: node " + i + " has child " + child
                            + " (expected a node in 1.." + (n - 1) + " that no other node points to)");
                }
                reached[child] = true;
            }
        }
    }

    /** The number of nodes. */
    public int size() {
        return feature.length;
    }

    public boolean isLeaf(int node) {
        return feature[node] < 0;
    }

    /** The depth of the deepest leaf reachable from the root (0 for a lone leaf). */
    public int depth() {
        return depth(0);
    }

    private int depth(int node) {
        return isLeaf(node) ? 0 : 1 + Math.max(depth(left[node]), depth(right[node]));
    }

    @Override
    public int[] feature() {
        return feature.clone();
    }

    @Override
    public float[] threshold() {
        return threshold.clone();
    }

    @Override
    public int[] left() {
        return left.clone();
    }

    @Override
    public int[] right() {
        return right.clone();
    }

    @Override
    public boolean[] defaultLeft() {
        return defaultLeft.clone();
    }

    @Override
    public float[] value() {
        return value.clone();
    }

    @Override
    public double[] cover() {
        return cover.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecisionTree t && Arrays.equals(feature, t.feature) && Arrays.equals(threshold, t.threshold)
                && Arrays.equals(left, t.left) && Arrays.equals(right, t.right)
                && Arrays.equals(defaultLeft, t.defaultLeft) && Arrays.equals(value, t.value)
                && Arrays.equals(cover, t.cover);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {Arrays.hashCode(feature), Arrays.hashCode(threshold), Arrays.hashCode(left),
                Arrays.hashCode(right), Arrays.hashCode(defaultLeft), Arrays.hashCode(value), Arrays.hashCode(cover)});
    }

    @Override
    public String toString() {
        return "DecisionTree[" + size() + " nodes, depth " + depth() + "]";
    }
}
