package org.churnrisk.train.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.core.model.Calibration;
import org.churnrisk.core.scoring.DecisionTree;
import org.churnrisk.core.scoring.TreeEnsembleScorer;

/**
 * Reads the trees of a two-class {@code multi:softprob} booster from XGBoost's JSON model
 * ({@code Booster.toByteArray("json")}): per tree the node arrays {@code split_indices},
 * {@code split_conditions} (the leaf value on a leaf), {@code left_children},
 * {@code right_children}, {@code default_left} and {@code sum_hessian} (the covers), and
 * {@code tree_info}, the class each tree adds to. Numbers are read from their text, which XGBoost
 * writes so that it parses back to the same float32.
 */
record XGBoostJson(float baseScore, List<DecisionTree> churnTrees, List<DecisionTree> stayTrees) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /**
     * @param schemaIndex the schema position of each of the model's feature ids
     * @param churnClass  the class (output id) of churn
     * @param stayClass   the class of stay
     * @throws InvalidArgumentException if the model is not a two-class softprob tree booster
     */
    static XGBoostJson read(byte[] json, int[] schemaIndex, int churnClass, int stayClass) {
        JsonNode learner;
        try {
            learner = JSON.readTree(json).path("learner");
        } catch (IOException e) {
            throw new InvalidArgumentException("cannot compile the XGBoost model: its JSON does not parse ("
                    + e.getMessage() + ")");
        }
        String objective = learner.path("objective").path("name").asText();
        String booster = learner.path("gradient_booster").path("name").asText();
        int classes = learner.path("learner_model_param").path("num_class").asInt(-1);
        if (!objective.equals("multi:softprob") || !booster.equals("gbtree") || classes != 2) {
            throw new InvalidArgumentException("cannot compile an XGBoost model with objective '" + objective
                    + "', booster '" + booster + "' and " + classes + " classes (expected multi:softprob, gbtree, 2"
                    + " classes, as Tribuo trains a churn classifier)");
        }
        float baseScore = Float.parseFloat(learner.path("learner_model_param").path("base_score").asText());
        JsonNode model = learner.path("gradient_booster").path("model");
        JsonNode info = model.path("tree_info");
        JsonNode trees = model.path("trees");
        if (info.size() != trees.size()) {
            throw new InvalidArgumentException("cannot compile the XGBoost model: " + trees.size() + " trees but "
                    + info.size() + " entries in tree_info");
        }
        List<DecisionTree> churn = new ArrayList<>();
        List<DecisionTree> stay = new ArrayList<>();
        for (int t = 0; t < trees.size(); t++) {
            DecisionTree tree = tree(trees.get(t), schemaIndex, t);
            int group = info.get(t).asInt();
            if (group == churnClass) {
                churn.add(tree);
            } else if (group == stayClass) {
                stay.add(tree);
            } else {
                throw new InvalidArgumentException("cannot compile the XGBoost model: tree " + t + " adds to class "
                        + group + " (expected " + churnClass + " or " + stayClass + ")");
            }
        }
        return new XGBoostJson(baseScore, churn, stay);
    }

    TreeEnsembleScorer scorer(FeatureSchema schema, Calibration calibration) {
        return TreeEnsembleScorer.of(schema, calibration, baseScore, churnTrees, stayTrees);
    }

    private static DecisionTree tree(JsonNode tree, int[] schemaIndex, int t) {
        JsonNode left = tree.path("left_children");
        int n = left.size();
        int[] feature = new int[n];
        float[] threshold = new float[n];
        int[] l = new int[n];
        int[] r = new int[n];
        boolean[] defaultLeft = new boolean[n];
        float[] value = new float[n];
        double[] cover = new double[n];
        JsonNode right = tree.path("right_children");
        JsonNode split = tree.path("split_indices");
        JsonNode condition = tree.path("split_conditions");
        JsonNode defaults = tree.path("default_left");
        JsonNode hessian = tree.path("sum_hessian");
        JsonNode splitType = tree.path("split_type");
        for (JsonNode arrays : List.of(right, split, condition, defaults, hessian)) {
            if (arrays.size() != n) {
                throw new InvalidArgumentException("cannot compile the XGBoost model: tree " + t
                        + " has node arrays of different lengths");
            }
        }
        for (int i = 0; i < n; i++) {
            l[i] = left.get(i).asInt();
            r[i] = right.get(i).asInt();
            float c = Float.parseFloat(condition.get(i).asText());
            cover[i] = Float.parseFloat(hessian.get(i).asText());
            if (l[i] < 0) {
                feature[i] = -1;
                value[i] = c;
                l[i] = -1;
                r[i] = -1;
                continue;
            }
            if (splitType.size() == n && splitType.get(i).asInt() != 0) {
                throw new InvalidArgumentException("cannot compile the XGBoost model: tree " + t + " node " + i
                        + " is a categorical split (expected numeric splits only)");
            }
            int id = split.get(i).asInt();
            if (id < 0 || id >= schemaIndex.length) {
                throw new InvalidArgumentException("cannot compile the XGBoost model: tree " + t + " node " + i
                        + " splits on feature " + id + " of " + schemaIndex.length);
            }
            feature[i] = schemaIndex[id];
            threshold[i] = c;
            JsonNode d = defaults.get(i);
            defaultLeft[i] = d.isBoolean() ? d.asBoolean() : d.asInt() != 0;
        }
        return new DecisionTree(feature, threshold, l, r, defaultLeft, value, cover);
    }
}
