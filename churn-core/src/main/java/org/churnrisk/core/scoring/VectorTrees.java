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
    // Constants as static finals, which the JIT folds: made in a method, some of them stayed
    // objects that each call allocated (272 bytes per account).
    private static final FloatVector ZERO = FloatVector.zero(F8);
    private static final FloatVector ONE_BITS = IntVector.broadcast(I8, 1).reinterpretAsFloats();

    private VectorTrees() {
    }

    /** Fills {@code goesRight} with 1 where {@code xf[feature] >= threshold}, per split pair slot; xf has no NaN. */
    static void compare(TreeTables t, float[] xf, int[] goesRight) {
        final float[] thresholds = t.pairThreshold;
        final int[] groups = t.groupFeature;
        for (int g = 1, s = TreeTables.LANES; g < groups.length; g++, s += TreeTables.LANES) {
            VectorMask<Float> right = FloatVector.broadcast(F8, xf[groups[g]])
                    .compare(VectorOperators.GE, FloatVector.fromArray(F8, thresholds, s));
            ZERO.blend(ONE_BITS, right).reinterpretAsInts().intoArray(goesRight, s);
        }
    }

    /**
     * Whether any of {@code xt[0, length)} is NaN, or infinite (the caller then takes the path for
     * missing values, which gives the same scores); length is a multiple of 8. {@code v - v} is 0
     * for every finite v, NaN otherwise.
     */
    static boolean hasNaN(float[] xt, int length) {
        FloatVector sum = FloatVector.zero(F8);
        for (int i = 0; i < length; i += 8) {
            FloatVector v = FloatVector.fromArray(F8, xt, i);
            sum = sum.add(v.sub(v));
        }
        return sum.compare(VectorOperators.NE, sum).anyTrue();
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
     * <p>Written out by hand, without helper methods: the Vector API's calls already come near the
     * JIT's inlining budget, and a helper it declines to inline takes and returns its vectors as
     * objects in memory, several times slower. Even so the JIT of Java 17 keeps one of the four
     * sums as an object at the end, 64 bytes a call (128 per block): storing the sums inside the
     * loop, or starting them from {@code out}, made it allocate far more.
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
            // Word 0: the bits of positions 1 to 31 (levels 0 to 4) that send an account right.
            IntVector w0 = zero;
            IntVector w1 = zero;
            IntVector w2 = zero;
            IntVector w3 = zero;
                for (; j < middle; j++) {
                    FloatVector s = FloatVector.broadcast(F8, threshold[j]);
                    IntVector b = IntVector.broadcast(I8, bit[j]);
                    int r = rows[j];
                    w0 = w0.reinterpretAsFloats().blend(w0.or(b).reinterpretAsFloats(),
                            FloatVector.fromArray(F8, xt, r).compare(VectorOperators.GE, s)).reinterpretAsInts();
                    w1 = w1.reinterpretAsFloats().blend(w1.or(b).reinterpretAsFloats(),
                            FloatVector.fromArray(F8, xt, r + 8).compare(VectorOperators.GE, s)).reinterpretAsInts();
                    w2 = w2.reinterpretAsFloats().blend(w2.or(b).reinterpretAsFloats(),
                            FloatVector.fromArray(F8, xt, r + 16).compare(VectorOperators.GE, s)).reinterpretAsInts();
                    w3 = w3.reinterpretAsFloats().blend(w3.or(b).reinterpretAsFloats(),
                            FloatVector.fromArray(F8, xt, r + 24).compare(VectorOperators.GE, s)).reinterpretAsInts();
                }
            IntVector h0 = one;
            IntVector h1 = one;
            IntVector h2 = one;
            IntVector h3 = one;
            for (int level = 0; level < upper; level++) {
                h0 = h0.add(h0).or(w0.lanewise(VectorOperators.LSHR, h0).and(one));
                h1 = h1.add(h1).or(w1.lanewise(VectorOperators.LSHR, h1).and(one));
                h2 = h2.add(h2).or(w2.lanewise(VectorOperators.LSHR, h2).and(one));
                h3 = h3.add(h3).or(w3.lanewise(VectorOperators.LSHR, h3).and(one));
            }
            if (depth == 6) {
                // Word 1: positions 32 to 63 (level 5), at bit h - 32.
                w0 = zero;
                w1 = zero;
                w2 = zero;
                w3 = zero;
                for (; j < end; j++) {
                    FloatVector s = FloatVector.broadcast(F8, threshold[j]);
                    IntVector b = IntVector.broadcast(I8, bit[j]);
                    int r = rows[j];
                    w0 = w0.reinterpretAsFloats().blend(w0.or(b).reinterpretAsFloats(),
                            FloatVector.fromArray(F8, xt, r).compare(VectorOperators.GE, s)).reinterpretAsInts();
                    w1 = w1.reinterpretAsFloats().blend(w1.or(b).reinterpretAsFloats(),
                            FloatVector.fromArray(F8, xt, r + 8).compare(VectorOperators.GE, s)).reinterpretAsInts();
                    w2 = w2.reinterpretAsFloats().blend(w2.or(b).reinterpretAsFloats(),
                            FloatVector.fromArray(F8, xt, r + 16).compare(VectorOperators.GE, s)).reinterpretAsInts();
                    w3 = w3.reinterpretAsFloats().blend(w3.or(b).reinterpretAsFloats(),
                            FloatVector.fromArray(F8, xt, r + 24).compare(VectorOperators.GE, s)).reinterpretAsInts();
                }
                h0 = h0.add(h0).or(w0.lanewise(VectorOperators.LSHR, h0.and(31)).and(one));
                h1 = h1.add(h1).or(w1.lanewise(VectorOperators.LSHR, h1.and(31)).and(one));
                h2 = h2.add(h2).or(w2.lanewise(VectorOperators.LSHR, h2.and(31)).and(one));
                h3 = h3.add(h3).or(w3.lanewise(VectorOperators.LSHR, h3.and(31)).and(one));
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
}
