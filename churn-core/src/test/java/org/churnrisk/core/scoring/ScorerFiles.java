package org.churnrisk.core.scoring;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.core.model.Calibration;

/**
 * Scorers to write and read in the {@link ScorerFile} tests, tiny hand-made ones and fixed-seed
 * random ones, and the byte surgery the refusal tests need.
 */
final class ScorerFiles {
    /** {@code test/1}: f0, f1. */
    static final FeatureSchema TWO = RandomTrees.schema(2);

    private ScorerFiles() {
    }

    /** One of each calibration kind, Platt both within and beyond the margin-scale shortcut. */
    static List<Calibration> calibrations() {
        return List.of(new Calibration.Identity(), new Calibration.Platt(1.3, -0.2), new Calibration.Platt(9.5, 0.4),
                new Calibration.Isotonic(new double[] {0.0, 0.1, 0.35, 0.6, 0.9},
                        new double[] {0.01, 0.05, 0.3, 0.55, 0.97}));
    }

    /** margin = 0.25 + 0.5 f0 - 1.25 f1, means 1 and 2, Platt(1.5, -0.5): the documented example. */
    static LinearScorer tinyLinear() {
        return LinearScorer.of(TWO, new double[] {0.5, -1.25}, 0.25, new double[] {1, 2},
                new Calibration.Platt(1.5, -0.5));
    }

    /**
     * Churn: a stump on f0 at 0.5 (-0.25 below, 0.5 at or above, missing goes left); stay: one lone
     * leaf of 0.125; base score 0.5; isotonic calibration of two steps.
     */
    static TreeEnsembleScorer tinyTrees() {
        DecisionTree stump = new DecisionTree(new int[] {0, -1, -1}, new float[] {0.5f, 0, 0}, new int[] {1, -1, -1},
                new int[] {2, -1, -1}, new boolean[] {true, false, false}, new float[] {0, -0.25f, 0.5f},
                new double[] {10, 6, 4});
        DecisionTree leaf = new DecisionTree(new int[] {-1}, new float[] {0}, new int[] {-1}, new int[] {-1},
                new boolean[] {false}, new float[] {0.125f}, new double[] {10});
        return TreeEnsembleScorer.of(TWO, new Calibration.Isotonic(new double[] {0, 0.5}, new double[] {0.2, 0.7}),
                0.5f, List.of(stump), List.of(leaf));
    }

    /** Raw-scale weights of magnitudes from 1e-3 to 1e3, as folding standardization gives. */
    static LinearScorer randomLinear(long seed, int features, Calibration calibration) {
        Random rnd = new Random(seed);
        double[] weights = new double[features];
        double[] means = new double[features];
        for (int f = 0; f < features; f++) {
            weights[f] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3);
            means[f] = rnd.nextDouble() * 10;
        }
        return LinearScorer.of(RandomTrees.schema(features), weights, rnd.nextGaussian(), means, calibration);
    }

    /**
     * Random trees of up to {@code maxDepth} levels (0: every tree a lone leaf) with random default
     * directions, a few lone leaves among them, and a base score that is not a round number.
     */
    static TreeEnsembleScorer randomTrees(long seed, int treesPerClass, int features, int maxDepth,
                                          Calibration calibration) {
        Random rnd = new Random(seed);
        List<DecisionTree> churn = new ArrayList<>(RandomTrees.trees(rnd, treesPerClass, features, maxDepth));
        List<DecisionTree> stay = new ArrayList<>(RandomTrees.trees(rnd, treesPerClass, features, maxDepth));
        churn.add(rnd.nextInt(churn.size() + 1), RandomTrees.tree(rnd, features, 0));
        stay.add(rnd.nextInt(stay.size() + 1), RandomTrees.tree(rnd, features, 0));
        return TreeEnsembleScorer.of(RandomTrees.schema(features), calibration, (float) rnd.nextGaussian(), churn,
                stay);
    }

    /** Vectors in [0, 10), one value in eight missing (NaN), one vector in four complete. */
    static double[] vectors(long seed, int count, int features) {
        Random rnd = new Random(seed);
        double[] all = new double[count * features];
        for (int i = 0; i < count; i++) {
            double[] x = RandomTrees.vector(rnd, features);
            boolean complete = rnd.nextInt(4) == 0;
            for (int f = 0; f < features; f++) {
                all[i * features + f] = !complete && rnd.nextInt(8) == 0 ? Double.NaN : x[f];
            }
        }
        return all;
    }

    /** A copy of {@code bytes} with a new checksum, as a writer that wrote the changed bytes would give. */
    static byte[] resealed(byte[] bytes) {
        byte[] out = bytes.clone();
        CRC32C crc = new CRC32C();
        crc.update(out, 0, out.length - ScorerFile.CHECKSUM_BYTES);
        ByteBuffer.wrap(out).putInt(out.length - ScorerFile.CHECKSUM_BYTES, (int) crc.getValue());
        return out;
    }

    static byte[] withInt(byte[] bytes, int at, int value) {
        byte[] out = bytes.clone();
        ByteBuffer.wrap(out).putInt(at, value);
        return resealed(out);
    }

    static byte[] withByte(byte[] bytes, int at, int value) {
        byte[] out = bytes.clone();
        out[at] = (byte) value;
        return resealed(out);
    }

    static byte[] withDouble(byte[] bytes, int at, double value) {
        byte[] out = bytes.clone();
        ByteBuffer.wrap(out).putDouble(at, value);
        return resealed(out);
    }

    static byte[] withFloat(byte[] bytes, int at, float value) {
        byte[] out = bytes.clone();
        ByteBuffer.wrap(out).putFloat(at, value);
        return resealed(out);
    }
}
