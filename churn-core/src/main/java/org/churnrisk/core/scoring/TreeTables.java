package org.churnrisk.core.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tree ensemble laid out for the kernels of {@link VectorTrees}: immutable arrays built once
 * per scorer and shared by every thread.
 *
 * <p><b>Heap positions.</b> Every tree is padded to the ensemble's depth {@code D} and numbered as
 * a binary heap: the root is 1, the children of {@code h} are {@code 2h} (left) and
 * {@code 2h + 1} (right), so that after {@code D} steps of {@code h = 2h + goesRight} a row sits at
 * {@code h} in {@code [2^D, 2^(D+1))}, and tree {@code t}'s leaf there is
 * {@code leaf[t * 2^D + h - 2^D]}. A leaf above depth {@code D} fills every slot below it, so the
 * directions taken below it do not matter; a position without a node (below such a leaf) sends
 * rows left.
 *
 * <p><b>Split pairs</b>, for one account at a time: the distinct (feature, threshold) pairs of all
 * nodes, grouped by feature and each group padded to a multiple of eight slots, so that one
 * 8-lane comparison of the account's value against eight thresholds fills eight results. Slots
 * 0 to 7 are never compared and stay 0: positions without a node point there.
 * {@link #nodePair} maps each tree's heap positions to slots; a walk then reads
 * {@code h = 2h + result[nodePair[t * 2^D + h]]}, one comparison per distinct pair instead of one
 * per node on the path (8,315 nodes but 2,865 pairs in the benchmark model).
 *
 * <p><b>Blocks</b> ({@link #hasBlocks}, ensembles of depth at most {@value #MAX_BLOCK_DEPTH}), for
 * {@value #BLOCK} accounts at a time: every node as a row offset into the block's feature-major
 * values, its threshold and the bit of its heap position in a 32-bit word: positions 1 to 31
 * (levels 0 to 4) in word 0, positions 32 to 63 (level 5) in word 1. Each tree's nodes of word 0
 * come first, from {@code segment[2t]}, then those of word 1, from {@code segment[2t + 1]} to
 * {@code segment[2t + 2]}.
 */
final class TreeTables {
    /** Accounts scored together by {@link VectorTrees#blockSums}: four 8-lane vectors. */
    static final int BLOCK = 32;
    /** Blocks hold a tree's heap positions in two 32-bit words: depth 6 (positions 1 to 63). */
    static final int MAX_BLOCK_DEPTH = 6;
    /** Split pair slots compared together. */
    static final int LANES = 8;

    final int depth;
    final int features;
    final int treeCount;
    final int churnCount;
    final float baseScore;
    /** Leaf values by tree and heap position: {@code leaf[t * 2^depth + h - 2^depth]}. */
    final float[] leaf;

    /** Split pair thresholds, by slot; padding slots hold +infinity. */
    final float[] pairThreshold;
    /** For each group of {@value #LANES} slots, the feature they compare. */
    final int[] groupFeature;
    /** Per tree, 2^depth heap positions (position 0 unused): the slot of the node's pair, 0 if none. */
    final int[] nodePair;

    final boolean hasBlocks;
    /** Per node of the block layout: feature * BLOCK, where the block's values of the feature start. */
    final int[] blockRow;
    /**
     * As {@link #blockRow}, into a block whose values are doubled for missing values: the first
     * half has NaN as +infinity (for nodes whose default is right), the second as -infinity.
     */
    final int[] blockRowMissing;
    final float[] blockThreshold;
    final int[] blockBit;
    final int[] segment;

    /**
     * @param trees churn trees first, then stay trees, every one at most {@code depth} deep
     */
    TreeTables(List<DecisionTree> trees, int churnCount, float baseScore, int depth, int features) {
        this.depth = depth;
        this.features = features;
        this.treeCount = trees.size();
        this.churnCount = churnCount;
        this.baseScore = baseScore;
        int width = 1 << depth;
        this.leaf = new float[treeCount * width];

        TreeMap<Integer, TreeSet<Float>> thresholds = new TreeMap<>();
        for (DecisionTree tree : trees) {
            int[] feature = tree.feature();
            float[] threshold = tree.threshold();
            for (int i = 0; i < feature.length; i++) {
                if (feature[i] >= 0) {
                    thresholds.computeIfAbsent(feature[i], f -> new TreeSet<>()).add(threshold[i]);
                }
            }
        }
        List<Float> slots = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        Map<Long, Integer> slotOf = new HashMap<>();
        pad(slots, groups, -1);
        for (Map.Entry<Integer, TreeSet<Float>> e : thresholds.entrySet()) {
            for (float t : e.getValue()) {
                slotOf.put(key(e.getKey(), t), slots.size());
                slots.add(t);
            }
            pad(slots, groups, e.getKey());
        }
        this.pairThreshold = new float[slots.size()];
        for (int i = 0; i < pairThreshold.length; i++) {
            pairThreshold[i] = slots.get(i);
        }
        this.groupFeature = groups.stream().mapToInt(Integer::intValue).toArray();
        groupFeature[0] = 0; // the sentinel group is never compared

        this.nodePair = new int[treeCount * width];
        this.hasBlocks = depth <= MAX_BLOCK_DEPTH;
        List<int[]> blockNodes = new ArrayList<>();
        this.segment = new int[hasBlocks ? 2 * treeCount + 1 : 0];
        for (int t = 0; t < treeCount; t++) {
            List<int[]> word0 = new ArrayList<>();
            List<int[]> word1 = new ArrayList<>();
            place(trees.get(t), t, 0, 1, 0, slotOf, word0, word1);
            if (hasBlocks) {
                segment[2 * t] = blockNodes.size();
                blockNodes.addAll(word0);
                segment[2 * t + 1] = blockNodes.size();
                blockNodes.addAll(word1);
            }
        }
        if (hasBlocks) {
            segment[2 * treeCount] = blockNodes.size();
        }
        int count = hasBlocks ? blockNodes.size() : 0;
        this.blockRow = new int[count];
        this.blockRowMissing = new int[count];
        this.blockThreshold = new float[count];
        this.blockBit = new int[count];
        for (int j = 0; j < count; j++) {
            int[] node = blockNodes.get(j); // feature, threshold bits, heap position, default left
            blockRow[j] = node[0] * BLOCK;
            blockRowMissing[j] = node[0] * BLOCK + (node[3] != 0 ? features * BLOCK : 0);
            blockThreshold[j] = Float.intBitsToFloat(node[1]);
            blockBit[j] = 1 << (node[2] & 31);
        }
    }

    private static long key(int feature, float threshold) {
        return ((long) feature << 32) | (Float.floatToRawIntBits(threshold) & 0xffffffffL);
    }

    /** Pads the slots to a whole group and records the feature of the groups added. */
    private static void pad(List<Float> slots, List<Integer> groups, int feature) {
        do {
            slots.add(Float.POSITIVE_INFINITY);
        } while (slots.size() % LANES != 0);
        while (groups.size() < slots.size() / LANES) {
            groups.add(feature);
        }
    }

    private void place(DecisionTree tree, int t, int node, int h, int level, Map<Long, Integer> slotOf,
                       List<int[]> word0, List<int[]> word1) {
        int width = 1 << depth;
        if (tree.isLeaf(node)) {
            float v = tree.value()[node];
            int shift = depth - level;
            Arrays.fill(leaf, t * width + (h << shift) - width, t * width + ((h + 1) << shift) - width, v);
            return;
        }
        int f = tree.feature()[node];
        float threshold = tree.threshold()[node];
        nodePair[t * width + h] = slotOf.get(key(f, threshold));
        (h < 32 ? word0 : word1).add(new int[] {f, Float.floatToRawIntBits(threshold), h,
                tree.defaultLeft()[node] ? 1 : 0});
        place(tree, t, tree.left()[node], 2 * h, level + 1, slotOf, word0, word1);
        place(tree, t, tree.right()[node], 2 * h + 1, level + 1, slotOf, word0, word1);
    }

    /** Slots of split pairs, padding included. */
    int slots() {
        return pairThreshold.length;
    }

    /**
     * The float32 sum of the base score and trees [from, to), in tree order, for the split pair
     * results {@code goesRight} (1 where the account's value is at least the pair's threshold).
     * Eight trees are walked together, so that their chains of dependent loads overlap.
     */
    float walk(int[] goesRight, int from, int to) {
        final int[] np = nodePair;
        final int[] r = goesRight;
        final float[] lv = leaf;
        final int d = depth;
        final int w = 1 << d;
        float acc = baseScore;
        int t = from;
        for (; t + 7 < to; t += 8) {
            int b0 = t * w;
            int b1 = b0 + w;
            int b2 = b1 + w;
            int b3 = b2 + w;
            int b4 = b3 + w;
            int b5 = b4 + w;
            int b6 = b5 + w;
            int b7 = b6 + w;
            int h0 = 1;
            int h1 = 1;
            int h2 = 1;
            int h3 = 1;
            int h4 = 1;
            int h5 = 1;
            int h6 = 1;
            int h7 = 1;
            for (int level = 0; level < d; level++) {
                h0 = 2 * h0 + r[np[b0 + h0]];
                h1 = 2 * h1 + r[np[b1 + h1]];
                h2 = 2 * h2 + r[np[b2 + h2]];
                h3 = 2 * h3 + r[np[b3 + h3]];
                h4 = 2 * h4 + r[np[b4 + h4]];
                h5 = 2 * h5 + r[np[b5 + h5]];
                h6 = 2 * h6 + r[np[b6 + h6]];
                h7 = 2 * h7 + r[np[b7 + h7]];
            }
            acc += lv[b0 + h0 - w];
            acc += lv[b1 + h1 - w];
            acc += lv[b2 + h2 - w];
            acc += lv[b3 + h3 - w];
            acc += lv[b4 + h4 - w];
            acc += lv[b5 + h5 - w];
            acc += lv[b6 + h6 - w];
            acc += lv[b7 + h7 - w];
        }
        for (; t < to; t++) {
            int b = t * w;
            int h = 1;
            for (int level = 0; level < d; level++) {
                h = 2 * h + r[np[b + h]];
            }
            acc += lv[b + h - w];
        }
        return acc;
    }

    /**
     * Fills {@code goesRight} for one account's float32 values {@code xf} (no NaN) by plain
     * comparisons: what {@link VectorTrees#compare} does eight slots at a time, for tests.
     */
    void compareScalar(float[] xf, int[] goesRight) {
        for (int g = 1; g < groupFeature.length; g++) {
            float v = xf[groupFeature[g]];
            for (int s = g * LANES; s < (g + 1) * LANES; s++) {
                goesRight[s] = v >= pairThreshold[s] ? 1 : 0;
            }
        }
    }

    /**
     * Writes the block of up to {@value #BLOCK} vectors from {@code offset} ({@code n} values each)
     * feature-major into {@code xt} as float32: value f of vector k at {@code f * BLOCK + k}.
     * Lanes from {@code count} on repeat the first vector.
     */
    static void transpose(double[] x, int offset, int n, int count, float[] xt) {
        for (int k = 0; k < BLOCK; k++) {
            int at = offset + (k < count ? k : 0) * n;
            for (int f = 0, to = k; f < n; f++, to += BLOCK) {
                xt[to] = (float) x[at + f];
            }
        }
    }
}
