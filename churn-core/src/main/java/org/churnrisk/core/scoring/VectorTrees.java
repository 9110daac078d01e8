package org.churnrisk.core.scoring;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The tree kernels on the Vector API, over the layouts of {@link TreeTables}; loaded only when the
 * JVM has the {@code jdk.incubator.vector} module and 256-bit vectors ({@link Dot#SIMD}).
 *
 * <p><b>A block of accounts, level by level</b> ({@link #blockSums}): {@value TreeTables#BLOCK}
 * accounts, feature-major, go through each tree together. First every node of the tree compares
 * the block's values of its feature with its threshold, four 8-lane comparisons for 32 accounts,
 * and sets its heap position's bit in each account's two 32-bit words; the loads are contiguous,
 * independent of each other and of the accounts' paths, so the processor overlaps them freely.
 * Then each account walks down its words, {@code h = 2h + (word >>> h & 1)}, all lanes one level
 * at a time, and gathers its leaf; the leaves are added lane by lane to float32 sums in tree
 * order, so every account's sum is the one XGBoost takes. Evaluating every node of a tree for
 * every account costs more comparisons than a walk (about 42 nodes per tree against 6 on a path),
 * but each is one instruction for eight accounts with no dependent load, where a walk's step is a
 * chain of three dependent loads.
 *
 * <p>This is an independent design: per-account bit words of node outcomes, consumed by a walk,
 * not per-leaf bit vectors (QuickScorer's patented algorithm is not used).
 *
 * <p><b>One account</b> ({@link #compare}): its value of each feature is compared with the eight
 * thresholds of a group of split pairs at once; {@link TreeTables#walk} then walks the trees on
 * the results.
 */
final class VectorTrees {
    private static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;
    private static final VectorSpecies<Integer> I8 = IntVector.SPECIES_256;

    private VectorTrees() {
    }

    /** Fills {@code goesRight} with 1 where {@code xf[feature] >= threshold}, per split pair slot; xf has no NaN. */
    static void compare(TreeTables t, float[] xf, int[] goesRight) {
        final float[] thresholds = t.pairThreshold;
        final int[] groups = t.groupFeature;
        final FloatVector one = IntVector.broadcast(I8, 1).reinterpretAsFloats();
        final FloatVector zero = FloatVector.zero(F8);
        for (int g = 1, s = TreeTables.LANES; g < groups.length; g++, s += TreeTables.LANES) {
            VectorMask<Float> right = FloatVector.broadcast(F8, xf[groups[g]])
                    .compare(VectorOperators.GE, FloatVector.fromArray(F8, thresholds, s));
            zero.blend(one, right).reinterpretAsInts().intoArray(goesRight, s);
        }
    }

    /** Whether any of {@code xt[0, length)} is NaN; length is a multiple of 8. */
    static boolean hasNaN(float[] xt, int length) {
        VectorMask<Float> nan = F8.maskAll(false);
        for (int i = 0; i < length; i += 8) {
            FloatVector v = FloatVector.fromArray(F8, xt, i);
            nan = nan.or(v.compare(VectorOperators.NE, v));
        }
        return nan.anyTrue();
    }

    /**
     * Doubles the block's values for {@link TreeTables#blockRowMissing}: {@code xt[0, length)}
     * gets +infinity for NaN, the copy {@code xt[length, 2 length)} -infinity. Every threshold is
     * finite, so a node then sends a missing value its default way.
     */
    static void splitMissing(float[] xt, int length) {
        FloatVector up = FloatVector.broadcast(F8, Float.POSITIVE_INFINITY);
        FloatVector down = FloatVector.broadcast(F8, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < length; i += 8) {
            FloatVector v = FloatVector.fromArray(F8, xt, i);
            VectorMask<Float> nan = v.compare(VectorOperators.NE, v);
            v.blend(down, nan).intoArray(xt, length + i);
            v.blend(up, nan).intoArray(xt, i);
        }
    }

    /**
     * The float32 sums of the base score and trees [from, to), in tree order, for the block of
     * {@value TreeTables#BLOCK} accounts in {@code xt} (feature-major, see
     * {@link TreeTables#transpose}), into {@code out[0, BLOCK)}.
     *
     * @param rows  {@link TreeTables#blockRow}, or {@link TreeTables#blockRowMissing} for a block
     *              doubled by {@link #splitMissing}
     * @param index scratch for the leaf gather, {@value TreeTables#BLOCK} places
     */
    static void blockSums(TreeTables t, float[] xt, int[] rows, int from, int to, int[] index, float[] out) {
        final int[] segment = t.segment;
        final float[] threshold = t.blockThreshold;
        final int[] bit = t.blockBit;
        final float[] leaf = t.leaf;
        final int depth = t.depth;
        final int width = 1 << depth;
        final int upper = Math.min(depth, 5);
        final IntVector zero = IntVector.zero(I8);
        final IntVector one = IntVector.broadcast(I8, 1);
        FloatVector a0 = FloatVector.broadcast(F8, t.baseScore);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        for (int tree = from; tree < to; tree++) {
            int j = segment[2 * tree];
            int middle = segment[2 * tree + 1];
            int end = segment[2 * tree + 2];
            IntVector w0 = zero;
            IntVector w1 = zero;
            IntVector w2 = zero;
            IntVector w3 = zero;
            for (; j < middle; j++) {
                FloatVector s = FloatVector.broadcast(F8, threshold[j]);
                IntVector b = IntVector.broadcast(I8, bit[j]);
                int r = rows[j];
                w0 = set(w0, b, FloatVector.fromArray(F8, xt, r), s);
                w1 = set(w1, b, FloatVector.fromArray(F8, xt, r + 8), s);
                w2 = set(w2, b, FloatVector.fromArray(F8, xt, r + 16), s);
                w3 = set(w3, b, FloatVector.fromArray(F8, xt, r + 24), s);
            }
            IntVector h0 = one;
            IntVector h1 = one;
            IntVector h2 = one;
            IntVector h3 = one;
            for (int level = 0; level < upper; level++) {
                h0 = down(h0, w0, h0, one);
                h1 = down(h1, w1, h1, one);
                h2 = down(h2, w2, h2, one);
                h3 = down(h3, w3, h3, one);
            }
            if (depth == 6) {
                w0 = zero;
                w1 = zero;
                w2 = zero;
                w3 = zero;
                for (; j < end; j++) {
                    FloatVector s = FloatVector.broadcast(F8, threshold[j]);
                    IntVector b = IntVector.broadcast(I8, bit[j]);
                    int r = rows[j];
                    w0 = set(w0, b, FloatVector.fromArray(F8, xt, r), s);
                    w1 = set(w1, b, FloatVector.fromArray(F8, xt, r + 8), s);
                    w2 = set(w2, b, FloatVector.fromArray(F8, xt, r + 16), s);
                    w3 = set(w3, b, FloatVector.fromArray(F8, xt, r + 24), s);
                }
                // Positions 32 to 63 have bits h - 32.
                h0 = down(h0, w0, h0.and(31), one);
                h1 = down(h1, w1, h1.and(31), one);
                h2 = down(h2, w2, h2.and(31), one);
                h3 = down(h3, w3, h3.and(31), one);
            }
            h0.intoArray(index, 0);
            h1.intoArray(index, 8);
            h2.intoArray(index, 16);
            h3.intoArray(index, 24);
            int base = tree * width - width;
            a0 = a0.add(FloatVector.fromArray(F8, leaf, base, index, 0));
            a1 = a1.add(FloatVector.fromArray(F8, leaf, base, index, 8));
            a2 = a2.add(FloatVector.fromArray(F8, leaf, base, index, 16));
            a3 = a3.add(FloatVector.fromArray(F8, leaf, base, index, 24));
        }
        a0.intoArray(out, 0);
        a1.intoArray(out, 8);
        a2.intoArray(out, 16);
        a3.intoArray(out, 24);
    }

    /**
     * {@code w | b} in the lanes where x is at least the split s (XGBoost sends x right unless
     * {@code x < s}; x is not NaN here), w elsewhere. A float mask blends float lanes: casting it
     * to an integer mask is not compiled to one instruction in Java 17.
     */
    private static IntVector set(IntVector w, IntVector b, FloatVector x, FloatVector s) {
        return w.reinterpretAsFloats().blend(w.or(b).reinterpretAsFloats(), x.compare(VectorOperators.GE, s))
                .reinterpretAsInts();
    }

    /** One level down: {@code h = 2h + (w >>> bit & 1)}, where {@code bit} is h's bit in w. */
    private static IntVector down(IntVector h, IntVector w, IntVector bit, IntVector one) {
        return h.add(h).or(w.lanewise(VectorOperators.LSHR, bit).and(one));
    }
}
