package org.churnrisk.core.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.core.model.Calibration;

/** Fixed-seed random trees and vectors, and a plain node-walking reference to check scorers against. */
final class RandomTrees {
    private RandomTrees() {
    }

    static FeatureSchema schema(int features) {
        List<String> names = new ArrayList<>();
        for (int f = 0; f < features; f++) {
            names.add("f" + f);
        }
        return new FeatureSchema("test/1", names);
    }

    /**
     * A tree of at most {@code maxDepth} levels over {@code features} features whose values lie in
     * [0, 10); nodes stop early one time in four, so leaves sit at every depth.
     */
    static DecisionTree tree(Random rnd, int features, int maxDepth) {
        List<int[]> links = new ArrayList<>();
        List<Integer> feature = new ArrayList<>();
        List<Float> threshold = new ArrayList<>();
        List<Boolean> defaultLeft = new ArrayList<>();
        List<Float> value = new ArrayList<>();
        List<Double> cover = new ArrayList<>();
        grow(rnd, features, maxDepth, 0, 1000 + rnd.nextInt(1000), links, feature, threshold, defaultLeft, value, cover);
        int n = feature.size();
        int[] f = new int[n];
        float[] t = new float[n];
        int[] l = new int[n];
        int[] r = new int[n];
        boolean[] d = new boolean[n];
        float[] v = new float[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = feature.get(i);
            t[i] = threshold.get(i);
            l[i] = links.get(i)[0];
            r[i] = links.get(i)[1];
            d[i] = defaultLeft.get(i);
            v[i] = value.get(i);
            c[i] = cover.get(i);
        }
        return new DecisionTree(f, t, l, r, d, v, c);
    }

    private static int grow(Random rnd, int features, int maxDepth, int level, double nodeCover, List<int[]> links,
                            List<Integer> feature, List<Float> threshold, List<Boolean> defaultLeft, List<Float> value,
                            List<Double> cover) {
        int id = feature.size();
        links.add(new int[] {-1, -1});
        cover.add(nodeCover);
        defaultLeft.add(rnd.nextBoolean());
        if (level == maxDepth || (level > 0 && rnd.nextInt(4) == 0)) {
            feature.add(-1);
            threshold.add(0f);
            value.add((float) (rnd.nextGaussian() * 0.1));
            return id;
        }
        feature.add(rnd.nextInt(features));
        threshold.add((float) (rnd.nextDouble() * 10));
        value.add(0f);
        double share = 0.1 + 0.8 * rnd.nextDouble();
        links.get(id)[0] = grow(rnd, features, maxDepth, level + 1, nodeCover * share, links, feature, threshold,
                defaultLeft, value, cover);
        links.get(id)[1] = grow(rnd, features, maxDepth, level + 1, nodeCover * (1 - share), links, feature, threshold,
                defaultLeft, value, cover);
        return id;
    }

    static List<DecisionTree> trees(Random rnd, int count, int features, int maxDepth) {
        List<DecisionTree> trees = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            trees.add(tree(rnd, features, maxDepth));
        }
        return trees;
    }

    static TreeEnsembleScorer ensemble(long seed, int treesPerClass, int features, int maxDepth) {
        Random rnd = new Random(seed);
        return TreeEnsembleScorer.of(schema(features), new Calibration.Identity(), 0.5f,
                trees(rnd, treesPerClass, features, maxDepth), trees(rnd, treesPerClass, features, maxDepth));
    }

    /** Vectors with values in [0, 10), some of them exactly on a float threshold's neighbourhood. */
    static double[] vector(Random rnd, int features) {
        double[] x = new double[features];
        for (int f = 0; f < features; f++) {
            x[f] = rnd.nextInt(5) == 0 ? rnd.nextInt(10) : rnd.nextDouble() * 10;
        }
        return x;
    }

    /** The leaf value tree sends x to, walking nodes with XGBoost's rule. */
    static float walk(DecisionTree tree, double[] x) {
        int[] f = tree.feature();
        float[] t = tree.threshold();
        int node = 0;
        while (f[node] >= 0) {
            double v = x[f[node]];
            boolean left = Double.isNaN(v) ? tree.defaultLeft()[node] : (float) v < t[node];
            node = left ? tree.left()[node] : tree.right()[node];
        }
        return tree.value()[node];
    }

    /** (base + churn leaves) - (base + stay leaves), each summed in float32 in order. */
    static double referenceMargin(TreeEnsembleScorer s, double[] x) {
        float churn = s.baseScore();
        for (DecisionTree t : s.churnTrees()) {
            churn += walk(t, x);
        }
        float stay = s.baseScore();
        for (DecisionTree t : s.stayTrees()) {
            stay += walk(t, x);
        }
        return (double) churn - (double) stay;
    }
}
