package org.churnrisk.core.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.core.model.Calibration;

/**
 * A two-class boosted tree ensemble, as XGBoost's {@code multi:softprob} trains it (the way
 * Tribuo trains two classes): one sequence of trees sums to the churn class's score, another to
 * the stay class's, each starting from the base score, and the margin is their difference.
 *
 * <p><b>Kernels.</b> Every tree is padded to the ensemble's full depth {@code D}, so a row goes
 * down a tree in exactly {@code D} steps with no branch, and leaves are summed in float32 in
 * boosting order, as XGBoost sums them, so margins match XGBoost's bit for bit whichever kernel
 * scores:
 * <ul>
 *   <li>When the JVM has the Vector API ({@code --add-modules jdk.incubator.vector}) and 256-bit
 *       vectors, as for {@link Dot}: one vector compares its values with the ensemble's distinct
 *       split points eight at a time, then walks eight trees at a time on the results; a batch
 *       ({@link #probabilities(double[], int, int, double[], int)}, ensembles up to depth 6)
 *       goes through each tree 32 vectors at a time, every node comparing a row of the block with
 *       four vector instructions. See {@link TreeTables} and {@link VectorTrees}.</li>
 *   <li>Otherwise the flat kernels: trees stored breadth-first in flat arrays (node {@code i} has
 *       children {@code 2i+1} and {@code 2i+2}); the step is the sign bit of
 *       {@code s - x[feature]}, where {@code s} is the split point moved so that a double
 *       comparison agrees with XGBoost's float32 one. One vector walks eight trees at a time, so
 *       that eight independent paths overlap; a batch walks each tree eight vectors at a time.
 *       {@code -Dchurn.trees=flat} chooses them even with the Vector API, for benchmarks.</li>
 * </ul>
 *
 * <p><b>Missing values.</b> One vector with a NaN is scored by following each node's default
 * direction, as XGBoost scores missing values, on the node arrays; a block with a NaN compares
 * copies of its values with NaN as +infinity at nodes whose default is right and as -infinity at
 * the others.
 *
 * <p><b>Probability.</b> {@link #probability} is the two-class softmax of the two float32 class
 * scores computed in float32 as XGBoost computes it, then calibrated: Tribuo hands on XGBoost's
 * float32 probability, and recomputing it in double would differ by up to 6e-8, which a
 * calibration can magnify near 0 or 1. It equals {@code 1 / (1 + exp(-margin))} up to float32
 * rounding.
 *
 * <p>Immutable and thread-safe. Scoring one account allocates nothing; the vector kernels use a
 * scratch space per thread (about 35 KB for the benchmark model), made on a thread's first call,
 * and a batch allocates 128 bytes per block of 32 accounts (a sum the JIT keeps as an object; see
 * {@link VectorTrees#blockSums}). {@link #contributions} lays the trees out for TreeSHAP on its
 * first call (about 14 KB per depth-6 tree, shared) and allocates a small scratch space once per
 * thread.
 *
 * <pre>{@code
 * TreeEnsembleScorer s = TreeEnsembleScorer.of(schema, calibration, 0.5f, churnTrees, stayTrees);
 * double p = s.probability(vector);
 * }</pre>
 */
public final class TreeEnsembleScorer implements CompiledScorer {
    /** Deeper ensembles are walked on the node arrays: a full tree of depth 12 is 8,191 nodes. */
    static final int MAX_FLAT_DEPTH = 12;
    /** Vectors walked through each tree together by the flat kernel of {@link #probabilitiesFlat}. */
    static final int BLOCK = 8;
    /**
     * {@code -Dchurn.trees=flat} scores with the kernels that came before the vector ones (the flat
     * walks), so that a benchmark can measure both in one
     * run; they give the same bits.
     */
    static final boolean FLAT_KERNELS = "flat".equals(System.getProperty("churn.trees"));
    /** Whether the kernels of {@link VectorTrees} score: the JVM has the Vector API and 256-bit vectors ({@link Dot}). */
    static final boolean VECTOR = Dot.SIMD && !FLAT_KERNELS;
    /**
     * Fewer vectors than this left over at the end of a batch are scored one at a time: a block
     * costs as much for one account as for {@value TreeTables#BLOCK}, about as much as sixteen
     * accounts one at a time.
     */
    static final int MIN_PADDED_BLOCK = 16;

    private final FeatureSchema schema;
    private final Calibration calibration;
    private final float baseScore;
    private final List<DecisionTree> churnTrees;
    private final List<DecisionTree> stayTrees;
    /** Trees in the flat arrays: churn trees [0, churnCount), then stay trees. */
    private final int treeCount;
    private final int churnCount;
    private final int depth;
    private final boolean flat;

    // Flat layout: (2^depth - 1) internal nodes and 2^depth leaves per tree.
    private final int[] flatFeature;
    private final double[] flatSplit;
    private final float[] flatLeaf;

    // Node arrays of all trees, concatenated: tree t's nodes start at nodeStart[t].
    private final int[] nodeStart;
    private final int[] feature;
    private final float[] threshold;
    private final int[] left;
    private final int[] right;
    private final boolean[] defaultLeft;
    private final float[] value;
    private final double[] cover;
    /** Per tree: the cover-weighted mean of its leaves, what it adds when no feature is known. */
    private final double[] treeMean;
    private final double baseValue;
    private final int maxTreeDepth;

    /** The layouts of the vector kernels, null when they are not used (see {@link #VECTOR}). */
    private final TreeTables tables;
    private final ThreadLocal<TreeScratch> treeScratch;

    private final ThreadLocal<Shap.Scratch> shapScratch;
    /** The trees laid out for TreeSHAP, built by the first call to {@link #contributions}; immutable. */
    private volatile Shap.Layout[] shapLayouts;
    /** Whether {@link VectorShap} explains batches, decided on first use. */
    private volatile Boolean vectorShapUsable;
    /** Per thread: a block for {@link VectorShap}, made on first use. */
    private final ThreadLocal<VectorShap.Block> vectorShapBlock;

    private TreeEnsembleScorer(FeatureSchema schema, Calibration calibration, float baseScore,
                               List<DecisionTree> churnTrees, List<DecisionTree> stayTrees) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.calibration = Objects.requireNonNull(calibration, "calibration");
        if (!Float.isFinite(baseScore)) {
            throw new InvalidArgumentException("tree ensemble: base score " + baseScore + " is not finite");
        }
        this.baseScore = baseScore;
        this.churnTrees = List.copyOf(churnTrees);
        this.stayTrees = List.copyOf(stayTrees);
        List<DecisionTree> all = new ArrayList<>(this.churnTrees);
        all.addAll(this.stayTrees);
        this.treeCount = all.size();
        this.churnCount = this.churnTrees.size();

        int nodes = 0;
        int maxDepth = 0;
        for (int t = 0; t < treeCount; t++) {
            DecisionTree tree = all.get(t);
            for (int f : tree.feature()) {
                if (f >= schema.size()) {
                    throw new InvalidArgumentException("tree ensemble: tree " + t + " splits on feature " + f
                            + " but the schema has " + schema.size() + " features");
                }
            }
            nodes += tree.size();
            maxDepth = Math.max(maxDepth, tree.depth());
        }
        this.maxTreeDepth = maxDepth;
        this.nodeStart = new int[treeCount + 1];
        this.feature = new int[nodes];
        this.threshold = new float[nodes];
        this.left = new int[nodes];
        this.right = new int[nodes];
        this.defaultLeft = new boolean[nodes];
        this.value = new float[nodes];
        this.cover = new double[nodes];
        this.treeMean = new double[treeCount];
        for (int t = 0, at = 0; t < treeCount; t++) {
            DecisionTree tree = all.get(t);
            int n = tree.size();
            nodeStart[t] = at;
            System.arraycopy(tree.feature(), 0, feature, at, n);
            System.arraycopy(tree.threshold(), 0, threshold, at, n);
            System.arraycopy(tree.left(), 0, left, at, n);
            System.arraycopy(tree.right(), 0, right, at, n);
            System.arraycopy(tree.defaultLeft(), 0, defaultLeft, at, n);
            System.arraycopy(tree.value(), 0, value, at, n);
            System.arraycopy(tree.cover(), 0, cover, at, n);
            treeMean[t] = meanValue(at, 0);
            at += n;
            nodeStart[t + 1] = at;
        }
        double churnBase = baseScore;
        double stayBase = baseScore;
        for (int t = 0; t < treeCount; t++) {
            if (t < churnCount) {
                churnBase += treeMean[t];
            } else {
                stayBase += treeMean[t];
            }
        }
        this.baseValue = churnBase - stayBase;

        this.depth = maxDepth;
        this.flat = maxDepth <= MAX_FLAT_DEPTH;
        int internal = flat ? (1 << depth) - 1 : 0;
        int leaves = flat ? 1 << depth : 0;
        this.flatFeature = new int[treeCount * internal];
        this.flatSplit = new double[treeCount * internal];
        this.flatLeaf = new float[treeCount * leaves];
        if (flat) {
            for (int t = 0; t < treeCount; t++) {
                place(t, nodeStart[t], 0, 0, internal, leaves);
            }
        }
        this.tables = VECTOR && flat ? new TreeTables(all, churnCount, baseScore, depth, schema.size()) : null;
        this.treeScratch = tables == null ? null : ThreadLocal.withInitial(() -> new TreeScratch(tables));
        this.shapScratch = ThreadLocal.withInitial(() -> new Shap.Scratch(maxTreeDepth));
        int features = schema.size();
        this.vectorShapBlock = ThreadLocal.withInitial(() -> new VectorShap.Block(features));
    }

    /**
     * A scorer of {@code margin = (baseScore + sum of churn trees) - (baseScore + sum of stay trees)},
     * each sum taken in float32 in the order given, as XGBoost sums a class's trees.
     *
     * @param baseScore  XGBoost's {@code base_score}, the starting score of each class
     * @param churnTrees the churn class's trees, in boosting order; feature ids index {@code schema}
     * @param stayTrees  the stay class's trees, in boosting order
     * @throws InvalidArgumentException if a tree splits on a feature the schema does not have or
     *         the base score is not finite
     */
    public static TreeEnsembleScorer of(FeatureSchema schema, Calibration calibration, float baseScore,
                                        List<DecisionTree> churnTrees, List<DecisionTree> stayTrees) {
        return new TreeEnsembleScorer(schema, calibration, baseScore, churnTrees, stayTrees);
    }

    /** Fills tree t's flat slot {@code pos} (level {@code level}) from node {@code node}. */
    private void place(int t, int node, int pos, int level, int internal, int leaves) {
        if (level == depth) {
            flatLeaf[t * leaves + pos - internal] = value[node];
            return;
        }
        int at = t * internal + pos;
        if (feature[node] < 0) {
            // A leaf above full depth: every slot below it holds its value, whichever way the row goes.
            flatFeature[at] = 0;
            flatSplit[at] = 0;
            place(t, node, 2 * pos + 1, level + 1, internal, leaves);
            place(t, node, 2 * pos + 2, level + 1, internal, leaves);
            return;
        }
        int start = nodeStart[t];
        flatFeature[at] = feature[node];
        flatSplit[at] = lastLeft(threshold[node]);
        place(t, start + left[node], 2 * pos + 1, level + 1, internal, leaves);
        place(t, start + right[node], 2 * pos + 2, level + 1, internal, leaves);
    }

    /**
     * The largest double {@code s} with {@code (float) s < t}: for every double x that is not NaN,
     * {@code (float) x < t} exactly when {@code x <= s}. Doubles round to the nearest float, ties to
     * the float with an even last bit, so the boundary is the midpoint between t and the float
     * below it, itself going to t's side when t is the even one.
     */
    static double lastLeft(float t) {
        float below = Math.nextDown(t);
        double mid = below == Float.NEGATIVE_INFINITY
                ? (double) t - Math.ulp(t) / 2.0
                : ((double) t + (double) below) / 2.0;
        boolean tieGoesToT = (Float.floatToRawIntBits(t) & 1) == 0;
        return tieGoesToT ? Math.nextDown(mid) : mid;
    }

    private double meanValue(int start, int node) {
        int at = start + node;
        if (feature[at] < 0) {
            return value[at];
        }
        int l = start + left[at];
        int r = start + right[at];
        return (meanValue(start, left[at]) * cover[l] + meanValue(start, right[at]) * cover[r]) / cover[at];
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
        return "xgboost";
    }

    /** XGBoost's {@code base_score}: each class's score before any tree. */
    public float baseScore() {
        return baseScore;
    }

    /** The churn class's trees, in boosting order. */
    public List<DecisionTree> churnTrees() {
        return churnTrees;
    }

    /** The stay class's trees, in boosting order. */
    public List<DecisionTree> stayTrees() {
        return stayTrees;
    }

    /** The depth every tree is padded to in the flat layout. */
    public int depth() {
        return depth;
    }

    @Override
    public double margin(double[] x, int offset) {
        if (tables != null) {
            check(x, offset);
            TreeScratch s = treeScratch.get();
            if (s.scores(x, offset)) {
                return (double) s.churn[0] - (double) s.stay[0];
            }
        }
        return marginFlat(x, offset);
    }

    @Override
    public double probability(double[] x, int offset) {
        if (tables != null) {
            check(x, offset);
            TreeScratch s = treeScratch.get();
            if (s.scores(x, offset)) {
                return calibration.apply(softmax(s.churn[0], s.stay[0]));
            }
        }
        return probabilityFlat(x, offset);
    }

    /** {@link #margin} with the kernels before the vector ones. */
    double marginFlat(double[] x, int offset) {
        boolean slow = slowPath(x, offset);
        return (double) classScore(x, offset, 0, churnCount, slow)
                - (double) classScore(x, offset, churnCount, treeCount, slow);
    }

    /** {@link #probability} with the kernels before the vector ones. */
    double probabilityFlat(double[] x, int offset) {
        boolean slow = slowPath(x, offset);
        float churn = classScore(x, offset, 0, churnCount, slow);
        float stay = classScore(x, offset, churnCount, treeCount, slow);
        return calibration.apply(softmax(churn, stay));
    }

    /**
     * What one thread needs to score with the vector kernels: about 30 KB for 85 features and
     * 3,200 split pair slots, made once per thread and scorer.
     */
    private static final class TreeScratch {
        final TreeTables tables;
        final float[] xf;
        final int[] goesRight;
        /** A block, feature-major, doubled for missing values (see {@link VectorTrees#splitMissing}). */
        final float[] xt;
        final int[] index = new int[TreeTables.BLOCK];
        final float[] churn = new float[TreeTables.BLOCK];
        final float[] stay = new float[TreeTables.BLOCK];

        TreeScratch(TreeTables tables) {
            this.tables = tables;
            this.xf = new float[tables.features];
            this.goesRight = new int[tables.slots()];
            this.xt = new float[2 * tables.features * TreeTables.BLOCK];
        }

        /**
         * The class scores of one vector into {@code churn[0]} and {@code stay[0]}, false (and
         * nothing scored) if it has a NaN, which only the node arrays send the default way.
         */
        boolean scores(double[] x, int offset) {
            float[] v = xf;
            boolean nan = false;
            for (int f = 0; f < v.length; f++) {
                double d = x[offset + f];
                nan |= d != d;
                v[f] = (float) d;
            }
            if (nan) {
                return false;
            }
            VectorTrees.compare(tables, v, goesRight);
            churn[0] = tables.walk(goesRight, 0, tables.churnCount);
            stay[0] = tables.walk(goesRight, tables.churnCount, tables.treeCount);
            return true;
        }

        /** The class scores of the {@code count <= BLOCK} vectors from offset, into churn and stay. */
        void block(double[] vectors, int offset, int count) {
            int n = tables.features;
            TreeTables.transpose(vectors, offset, n, count, xt);
            int[] rows = tables.blockRow;
            if (VectorTrees.hasNaN(xt, n * TreeTables.BLOCK)) {
                VectorTrees.splitMissing(xt, n * TreeTables.BLOCK);
                rows = tables.blockRowMissing;
            }
            VectorTrees.blockSums(tables, xt, rows, 0, tables.churnCount, index, churn);
            VectorTrees.blockSums(tables, xt, rows, tables.churnCount, tables.treeCount, index, stay);
        }
    }

    /**
     * The churn probability of two class scores as XGBoost's softmax computes it: in float32 after
     * subtracting the larger score, the sum of exponentials in double, rounded back to float32.
     */
    static double softmax(float churn, float stay) {
        float max = Math.max(churn, stay);
        float eChurn = (float) Math.exp(churn - max);
        float eStay = (float) Math.exp(stay - max);
        double sum = (double) eChurn + (double) eStay;
        return eChurn / (float) sum;
    }

    /** The float32 sum of trees [from, to) and the base score, in tree order. */
    private float classScore(double[] x, int offset, int from, int to, boolean slow) {
        if (slow) {
            float acc = baseScore;
            for (int t = from; t < to; t++) {
                acc += value[leafOf(t, x, offset)];
            }
            return acc;
        }
        return flatScore(x, offset, from, to);
    }

    private float flatScore(double[] x, int offset, int from, int to) {
        final int[] feat = flatFeature;
        final double[] split = flatSplit;
        final float[] leaf = flatLeaf;
        final int d = depth;
        final int internal = (1 << d) - 1;
        final int leaves = 1 << d;
        float acc = baseScore;
        int t = from;
        // Eight trees at a time: their paths do not depend on each other, so their loads overlap.
        for (; t + 7 < to; t += 8) {
            int b0 = t * internal;
            int b1 = b0 + internal;
            int b2 = b1 + internal;
            int b3 = b2 + internal;
            int b4 = b3 + internal;
            int b5 = b4 + internal;
            int b6 = b5 + internal;
            int b7 = b6 + internal;
            int i0 = 0;
            int i1 = 0;
            int i2 = 0;
            int i3 = 0;
            int i4 = 0;
            int i5 = 0;
            int i6 = 0;
            int i7 = 0;
            for (int level = 0; level < d; level++) {
                i0 = 2 * i0 + 1 + right(split[b0 + i0], x[offset + feat[b0 + i0]]);
                i1 = 2 * i1 + 1 + right(split[b1 + i1], x[offset + feat[b1 + i1]]);
                i2 = 2 * i2 + 1 + right(split[b2 + i2], x[offset + feat[b2 + i2]]);
                i3 = 2 * i3 + 1 + right(split[b3 + i3], x[offset + feat[b3 + i3]]);
                i4 = 2 * i4 + 1 + right(split[b4 + i4], x[offset + feat[b4 + i4]]);
                i5 = 2 * i5 + 1 + right(split[b5 + i5], x[offset + feat[b5 + i5]]);
                i6 = 2 * i6 + 1 + right(split[b6 + i6], x[offset + feat[b6 + i6]]);
                i7 = 2 * i7 + 1 + right(split[b7 + i7], x[offset + feat[b7 + i7]]);
            }
            int l0 = t * leaves - internal;
            acc += leaf[l0 + i0];
            acc += leaf[l0 + leaves + i1];
            acc += leaf[l0 + 2 * leaves + i2];
            acc += leaf[l0 + 3 * leaves + i3];
            acc += leaf[l0 + 4 * leaves + i4];
            acc += leaf[l0 + 5 * leaves + i5];
            acc += leaf[l0 + 6 * leaves + i6];
            acc += leaf[l0 + 7 * leaves + i7];
        }
        for (; t < to; t++) {
            int b = t * internal;
            int i = 0;
            for (int level = 0; level < d; level++) {
                i = 2 * i + 1 + right(split[b + i], x[offset + feat[b + i]]);
            }
            acc += leaf[t * leaves - internal + i];
        }
        return acc;
    }

    /**
     * The float32 sums of trees [from, to) and the base score for the {@value #BLOCK} vectors
     * starting at {@code offset}, {@code n} values apart, into {@code sums[0, BLOCK)}. Each tree is
     * walked for all of them before the next, so its nodes are read from the cache once for
     * eight rows and the eight paths overlap. None of the vectors may hold a NaN.
     */
    private void flatBlock(double[] x, int offset, int n, int from, int to, float[] sums) {
        final int[] feat = flatFeature;
        final double[] split = flatSplit;
        final float[] leaf = flatLeaf;
        final int d = depth;
        final int internal = (1 << d) - 1;
        final int leaves = 1 << d;
        final int o0 = offset;
        final int o1 = o0 + n;
        final int o2 = o1 + n;
        final int o3 = o2 + n;
        final int o4 = o3 + n;
        final int o5 = o4 + n;
        final int o6 = o5 + n;
        final int o7 = o6 + n;
        float a0 = baseScore;
        float a1 = baseScore;
        float a2 = baseScore;
        float a3 = baseScore;
        float a4 = baseScore;
        float a5 = baseScore;
        float a6 = baseScore;
        float a7 = baseScore;
        for (int t = from; t < to; t++) {
            int b = t * internal;
            int i0 = 0;
            int i1 = 0;
            int i2 = 0;
            int i3 = 0;
            int i4 = 0;
            int i5 = 0;
            int i6 = 0;
            int i7 = 0;
            for (int level = 0; level < d; level++) {
                i0 = 2 * i0 + 1 + right(split[b + i0], x[o0 + feat[b + i0]]);
                i1 = 2 * i1 + 1 + right(split[b + i1], x[o1 + feat[b + i1]]);
                i2 = 2 * i2 + 1 + right(split[b + i2], x[o2 + feat[b + i2]]);
                i3 = 2 * i3 + 1 + right(split[b + i3], x[o3 + feat[b + i3]]);
                i4 = 2 * i4 + 1 + right(split[b + i4], x[o4 + feat[b + i4]]);
                i5 = 2 * i5 + 1 + right(split[b + i5], x[o5 + feat[b + i5]]);
                i6 = 2 * i6 + 1 + right(split[b + i6], x[o6 + feat[b + i6]]);
                i7 = 2 * i7 + 1 + right(split[b + i7], x[o7 + feat[b + i7]]);
            }
            int l = t * leaves - internal;
            a0 += leaf[l + i0];
            a1 += leaf[l + i1];
            a2 += leaf[l + i2];
            a3 += leaf[l + i3];
            a4 += leaf[l + i4];
            a5 += leaf[l + i5];
            a6 += leaf[l + i6];
            a7 += leaf[l + i7];
        }
        sums[0] = a0;
        sums[1] = a1;
        sums[2] = a2;
        sums[3] = a3;
        sums[4] = a4;
        sums[5] = a5;
        sums[6] = a6;
        sums[7] = a7;
    }

    @Override
    public void probabilities(double[] vectors, int offset, int count, double[] out, int outOffset) {
        int n = schema.size();
        Batch.check(n, vectors, offset, count, out, outOffset);
        if (tables == null || !tables.hasBlocks) {
            probabilitiesFlat(vectors, offset, count, out, outOffset);
            return;
        }
        TreeScratch s = treeScratch.get();
        int i = 0;
        for (; i < count; i += TreeTables.BLOCK) {
            int k = Math.min(TreeTables.BLOCK, count - i);
            if (k < MIN_PADDED_BLOCK) {
                break;
            }
            s.block(vectors, offset + i * n, k);
            for (int a = 0; a < k; a++) {
                out[outOffset + i + a] = calibration.apply(softmax(s.churn[a], s.stay[a]));
            }
        }
        for (; i < count; i++) {
            out[outOffset + i] = probability(vectors, offset + i * n);
        }
    }

    /** {@link #probabilities(double[], int, int, double[], int)} with the kernels before the vector ones. */
    void probabilitiesFlat(double[] vectors, int offset, int count, double[] out, int outOffset) {
        int n = schema.size();
        Batch.check(n, vectors, offset, count, out, outOffset);
        int i = 0;
        if (flat && count >= BLOCK) {
            float[] churn = new float[BLOCK];
            float[] stay = new float[BLOCK];
            for (; i + BLOCK <= count; i += BLOCK) {
                int at = offset + i * n;
                if (hasNaN(vectors, at, BLOCK * n)) {
                    for (int k = 0; k < BLOCK; k++) {
                        out[outOffset + i + k] = probabilityFlat(vectors, at + k * n);
                    }
                    continue;
                }
                flatBlock(vectors, at, n, 0, churnCount, churn);
                flatBlock(vectors, at, n, churnCount, treeCount, stay);
                for (int k = 0; k < BLOCK; k++) {
                    out[outOffset + i + k] = calibration.apply(softmax(churn[k], stay[k]));
                }
            }
        }
        for (; i < count; i++) {
            out[outOffset + i] = probabilityFlat(vectors, offset + i * n);
        }
    }

    /** 1 if x goes right of a node whose last value to the left is s, else 0; x is not NaN. */
    private static int right(double s, double x) {
        // x > s exactly when s - x is negative (a difference of distinct doubles is never 0).
        return (int) (Double.doubleToRawLongBits(s - x) >>> 63);
    }

    /**
     * Checks the range and tells whether x must be walked on the node arrays: when the ensemble is
     * too deep to flatten, or x has a NaN, which only the node arrays send the default way.
     */
    private boolean slowPath(double[] x, int offset) {
        check(x, offset);
        return !flat || hasNaN(x, offset, schema.size());
    }

    private static boolean hasNaN(double[] x, int from, int length) {
        boolean nan = false;
        for (int f = from, end = from + length; f < end; f++) {
            nan |= x[f] != x[f];
        }
        return nan;
    }

    /** The global index of the leaf that tree t sends x to, on the node arrays. */
    private int leafOf(int t, double[] x, int offset) {
        int start = nodeStart[t];
        int node = start;
        while (feature[node] >= 0) {
            node = start + next(node, x[offset + feature[node]]);
        }
        return node;
    }

    /** The child (tree-local id) of global node {@code node} that value v goes to. */
    int next(int node, double v) {
        if (Double.isNaN(v)) {
            return defaultLeft[node] ? left[node] : right[node];
        }
        return (float) v < threshold[node] ? left[node] : right[node];
    }

    @Override
    public double contributions(double[] x, int offset, double[] out) {
        check(x, offset);
        int n = schema.size();
        if (out.length < n) {
            throw new InvalidArgumentException("contributions: out has " + out.length + " places for " + n + " features");
        }
        java.util.Arrays.fill(out, 0, n, 0.0);
        Shap.Layout[] layouts = shapLayouts();
        Shap.Scratch scratch = shapScratch.get();
        for (int t = 0; t < treeCount; t++) {
            Shap.tree(layouts[t], x, offset, out, scratch);
        }
        return baseValue;
    }

    /**
     * Explains the vectors {@value #SHAP_BLOCK} at a time, tree by tree within a block: each
     * vector's contributions receive the trees in the same order, with the same arithmetic, as in
     * {@link #contributions(double[], int, double[])}, so the bits are the same; a tree's layout
     * (about 20 KB at depth 6) is read from the cache for all but the first vector of the block.
     */
    @Override
    public double contributions(double[] vectors, int offset, int count, double[] out, int outOffset) {
        int n = schema.size();
        Batch.checkRows(n, vectors, offset, count, out, outOffset);
        Shap.Layout[] layouts = shapLayouts();
        Shap.Scratch scratch = shapScratch.get();
        int first = 0;
        if (vectorShap(layouts)) {
            VectorShap.Block block = vectorShapBlock.get();
            for (; count - first >= MIN_SHAP_LANES; first += VectorShap.LANES) {
                int lanes = Math.min(VectorShap.LANES, count - first);
                block.load(vectors, offset + first * n, lanes);
                for (int t = 0; t < treeCount; t++) {
                    VectorShap.tree(layouts[t], block);
                }
                block.store(lanes, out, outOffset + first * n);
            }
        }
        // VectorShap wrote its vectors' contributions; Shap adds to the rest
        java.util.Arrays.fill(out, outOffset + Math.min(first, count) * n, outOffset + count * n, 0.0);
        for (; first < count; first += SHAP_BLOCK) {
            int last = Math.min(count, first + SHAP_BLOCK);
            for (int t = 0; t < treeCount; t++) {
                Shap.Layout layout = layouts[t];
                for (int i = first; i < last; i++) {
                    Shap.tree(layout, vectors, offset + i * n, out, outOffset + i * n, scratch);
                }
            }
        }
        return baseValue;
    }

    /** Vectors explained together by the batched {@code contributions}: their contributions stay in L1/L2. */
    static final int SHAP_BLOCK = 32;
    /**
     * {@code -Dchurn.shap=scalar} explains every vector with {@link Shap} alone, so that a benchmark
     * can measure both kernels in one run; they give the same bits.
     */
    static final boolean SCALAR_SHAP = "scalar".equals(System.getProperty("churn.shap"));
    /**
     * Fewer vectors than this left at the end of a batch are explained one at a time by {@link Shap}:
     * a block of {@link VectorShap#LANES} costs the same however many of its lanes are used.
     */
    static final int MIN_SHAP_LANES = 2;

    /** Whether the batched drivers take {@link VectorShap}: the Vector API, trees up to depth 6, finite thresholds. */
    private boolean vectorShap(Shap.Layout[] layouts) {
        Boolean use = vectorShapUsable;
        if (use == null) {
            use = Dot.SIMD && !SCALAR_SHAP && Shap.lanes(maxTreeDepth) == 3 && VectorShap.finite(layouts);
            vectorShapUsable = use;
        }
        return use;
    }

    /** The trees laid out for TreeSHAP, built on first use. */
    private Shap.Layout[] shapLayouts() {
        Shap.Layout[] layouts = shapLayouts;
        if (layouts == null) {
            // Threads that race here build equal layouts; any one of them may stay.
            layouts = Shap.layouts(this, nodeStart, treeCount, churnCount, maxTreeDepth);
            shapLayouts = layouts;
        }
        return layouts;
    }

    // Node accessors for Shap, by global node index and tree start.
    int feature(int node) {
        return feature[node];
    }

    int leftOf(int node) {
        return left[node];
    }

    int rightOf(int node) {
        return right[node];
    }

    float threshold(int node) {
        return threshold[node];
    }

    boolean defaultsLeft(int node) {
        return defaultLeft[node];
    }

    float value(int node) {
        return value[node];
    }

    double cover(int node) {
        return cover[node];
    }

    private void check(double[] x, int offset) {
        if (offset < 0 || offset > x.length - schema.size()) {
            throw new InvalidArgumentException("vector of " + x.length + " values from offset " + offset
                    + " does not hold " + schema.size() + " features");
        }
    }

    @Override
    public String toString() {
        return "TreeEnsembleScorer(" + churnCount + " churn and " + (treeCount - churnCount) + " stay trees, depth "
                + depth + ", calibration " + calibration + ")";
    }
}
