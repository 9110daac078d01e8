package org.churnrisk.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.churnrisk.core.model.Calibration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The vector kernels ({@link VectorTrees}: split pairs one account at a time, blocks of 32 in
 * batches) give the bits of the flat kernels before them, which {@code CompiledParityTest} in
 * churn-train holds to xgboost4j's. churn-core's tests run with the Vector API module (see its
 * pom); the other modules' tests run on the flat kernels.
 */
class TreeKernelParityTest {
    static final int FEATURES = 9;

    @Test
    void theVectorKernelsScoreWhenTheJvmHasTheVectorApi() {
        assumeVectors();

        assertThat(TreeEnsembleScorer.VECTOR).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8})
    void oneAccountAtATimeScoresTheBitsOfTheFlatKernel(int depth) {
        TreeEnsembleScorer s = RandomTrees.ensemble(100 + depth, 37, FEATURES, depth);
        List<String> mismatches = new ArrayList<>();
        double[] vectors = vectors(s, new Random(depth), 3000);
        for (int i = 0; i < 3000; i++) {
            int at = i * FEATURES;
            if (bits(s.probability(vectors, at)) != bits(s.probabilityFlat(vectors, at))
                    || bits(s.margin(vectors, at)) != bits(s.marginFlat(vectors, at))) {
                mismatches.add(java.util.Arrays.toString(java.util.Arrays.copyOfRange(vectors, at, at + FEATURES)));
            }
        }

        assertThat(mismatches).isEmpty();
    }

    /** Every count from 1 to 100: whole blocks of 32, padded remainders (16 to 31) and single ones. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 5, 6, 7, 8})
    void batchesOfEverySizeScoreTheBitsOfTheFlatKernel(int depth) {
        TreeEnsembleScorer s = RandomTrees.ensemble(200 + depth, 23, FEATURES, depth);
        double[] vectors = vectors(s, new Random(depth), 150);
        List<String> mismatches = new ArrayList<>();
        for (int count = 1; count <= 100; count++) {
            int from = count % 7;
            double[] out = new double[count + 3];
            s.probabilities(vectors, from * FEATURES, count, out, 2);
            for (int i = 0; i < count; i++) {
                double expected = s.probabilityFlat(vectors, (from + i) * FEATURES);
                if (bits(out[2 + i]) != bits(expected)) {
                    mismatches.add("count " + count + " vector " + i + ": " + out[2 + i] + " instead of " + expected);
                }
            }
        }

        assertThat(mismatches).isEmpty();
    }

    /**
     * The same once the JIT has compiled the kernels (the first calls run the Vector API's Java
     * fallback): 200 trees of depth 6 as in the benchmark model, 40,000 accounts, a block in ten
     * with a missing value.
     */
    @Test
    void compiledKernelsScoreTheBitsOfTheFlatKernel() {
        TreeEnsembleScorer s = RandomTrees.ensemble(300, 100, 85, 6);
        Random rnd = new Random(300);
        int count = 40_000;
        double[] vectors = new double[count * 85];
        for (int i = 0; i < count; i++) {
            System.arraycopy(RandomTrees.vector(rnd, 85), 0, vectors, i * 85, 85);
            if (i % 320 == 7) {
                vectors[i * 85 + rnd.nextInt(85)] = Double.NaN;
            }
        }
        double[] batch = new double[count];
        double[] flat = new double[count];
        long single = 0;
        s.probabilities(vectors, 0, count, batch, 0);
        s.probabilitiesFlat(vectors, 0, count, flat, 0);
        for (int i = 0; i < count; i++) {
            single += bits(s.probability(vectors, i * 85)) == bits(flat[i]) ? 0 : 1;
        }

        assertThat(batch).containsExactly(flat);
        assertThat(single).isZero();
    }

    @Test
    void treesOfEveryDepthMixInOneEnsemble() {
        Random rnd = new Random(5);
        List<DecisionTree> churn = new ArrayList<>();
        List<DecisionTree> stay = new ArrayList<>();
        DecisionTree lone = new DecisionTree(new int[] {-1}, new float[] {0}, new int[] {-1}, new int[] {-1},
                new boolean[] {false}, new float[] {0.25f}, new double[] {10});
        for (int depth = 0; depth <= 6; depth++) {
            churn.add(depth == 0 ? lone : RandomTrees.tree(rnd, FEATURES, depth));
            stay.add(RandomTrees.tree(rnd, FEATURES, 6 - depth));
        }
        churn.add(TreeEnsembleScorerTest.stump(0, 0f, -1f, 1f));
        stay.add(TreeEnsembleScorerTest.stump(1, -0f, -2f, 2f));
        TreeEnsembleScorer s = TreeEnsembleScorer.of(RandomTrees.schema(FEATURES), new Calibration.Identity(), 0.5f,
                churn, stay);
        double[] vectors = vectors(s, new Random(6), 200);
        double[] out = new double[200];

        s.probabilities(vectors, 0, 200, out, 0);

        for (int i = 0; i < 200; i++) {
            assertThat(bits(out[i])).as("vector %d", i).isEqualTo(bits(s.probabilityFlat(vectors, i * FEATURES)));
            assertThat(bits(s.probability(vectors, i * FEATURES))).as("vector %d alone", i)
                    .isEqualTo(bits(s.probabilityFlat(vectors, i * FEATURES)));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 6, 9})
    void splitPairComparisonsAreTheScalarOnes(int depth) {
        assumeVectors();
        TreeEnsembleScorer s = RandomTrees.ensemble(400 + depth, 30, FEATURES, depth);
        TreeTables t = new TreeTables(all(s), s.churnTrees().size(), s.baseScore(), s.depth(), FEATURES);
        double[] vectors = vectors(s, new Random(depth), 500);
        int[] vector = new int[t.slots()];
        int[] scalar = new int[t.slots()];
        float[] xf = new float[FEATURES];
        for (int i = 0; i < 500; i++) {
            boolean nan = false;
            for (int f = 0; f < FEATURES; f++) {
                xf[f] = (float) vectors[i * FEATURES + f];
                nan |= Float.isNaN(xf[f]);
            }
            if (nan) {
                continue;
            }
            VectorTrees.compare(t, xf, vector);
            t.compareScalar(xf, scalar);

            assertThat(vector).as("vector %d", i).containsExactly(scalar);
        }
    }

    static List<DecisionTree> all(TreeEnsembleScorer s) {
        List<DecisionTree> all = new ArrayList<>(s.churnTrees());
        all.addAll(s.stayTrees());
        return all;
    }

    /**
     * Vectors of the ensemble's own thresholds (as doubles, and the doubles next to them and
     * halfway to the next float, where rounding to float decides), random values, zeros of both
     * signs, infinities, and NaN in one vector in eight.
     */
    static double[] vectors(TreeEnsembleScorer s, Random rnd, int count) {
        List<Float> thresholds = new ArrayList<>();
        for (DecisionTree t : all(s)) {
            for (int i = 0; i < t.size(); i++) {
                if (!t.isLeaf(i)) {
                    thresholds.add(t.threshold()[i]);
                }
            }
        }
        int n = s.schema().size();
        double[] x = new double[count * n];
        for (int i = 0; i < count; i++) {
            for (int f = 0; f < n; f++) {
                double v;
                int kind = rnd.nextInt(10);
                if (kind < 4 && !thresholds.isEmpty()) {
                    float t = thresholds.get(rnd.nextInt(thresholds.size()));
                    v = switch (rnd.nextInt(5)) {
                        case 0 -> t;
                        case 1 -> Math.nextUp((double) t);
                        case 2 -> Math.nextDown((double) t);
                        case 3 -> TreeEnsembleScorer.lastLeft(t);
                        default -> Math.nextUp(TreeEnsembleScorer.lastLeft(t));
                    };
                } else if (kind == 4) {
                    v = switch (rnd.nextInt(4)) {
                        case 0 -> 0.0;
                        case 1 -> -0.0;
                        case 2 -> Double.POSITIVE_INFINITY;
                        default -> Double.NEGATIVE_INFINITY;
                    };
                } else {
                    v = rnd.nextDouble() * 10;
                }
                x[i * n + f] = v;
            }
            if (rnd.nextInt(8) == 0) {
                x[i * n + rnd.nextInt(n)] = Double.NaN;
            }
        }
        return x;
    }

    static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }

    /** The vector tests need the module (an IDE may run them without the pom's argLine) and AVX2. */
    static void assumeVectors() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "the JVM lacks the Vector API");
        assumeTrue(VectorDot.fast(), "this CPU has no 256-bit vectors");
    }
}
