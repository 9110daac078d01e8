package org.churnrisk.train.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;
import org.churnrisk.score.bundle.BundleJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.core.model.BundleManifest;
import org.churnrisk.core.model.Calibration;
import org.churnrisk.core.scoring.CompiledScorer;
import org.churnrisk.core.scoring.DecisionTree;
import org.churnrisk.core.scoring.LinearScorer;
import org.churnrisk.core.scoring.ScorerFile;
import org.churnrisk.core.scoring.TreeEnsembleScorer;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.baseline.DummyClassifierTrainer;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

/**
 * Real Tribuo models trained on 200 hand-made rows over three features, without the rest of the
 * pipeline. Churn is likelier with few logins, many tickets and low seat use; labels are drawn
 * from a fixed-seed generator, so every call gives the same rows.
 */
final class TinyModels {
    static final FeatureSchema SCHEMA = new FeatureSchema("tiny-features/1",
            List.of("logins_30d", "tickets_90d", "seat_utilisation"));
    static final LabelFactory LABELS = new LabelFactory();
    static final int ROWS = 200;

    private TinyModels() {
    }

    /** The 200 feature vectors, in schema order. */
    static double[][] rows() {
        SplittableRandom rng = new SplittableRandom(42);
        double[][] rows = new double[ROWS][];
        for (int i = 0; i < ROWS; i++) {
            rows[i] = new double[] {rng.nextInt(60), rng.nextInt(8), rng.nextDouble()};
        }
        return rows;
    }

    static MutableDataset<Label> dataset() {
        SplittableRandom rng = new SplittableRandom(7);
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("tiny churn rows",
                LocalDate.of(2025, 1, 1).atStartOfDay().atOffset(java.time.ZoneOffset.UTC), LABELS), LABELS);
        String[] names = SCHEMA.names().toArray(new String[0]);
        for (double[] row : rows()) {
            double logit = 1.5 - 0.08 * row[0] + 0.5 * row[1] - 2.0 * row[2];
            boolean churn = rng.nextDouble() < 1 / (1 + Math.exp(-logit));
            data.add(new ArrayExample<>(LABELS.generateOutput(churn ? "churn" : "stay"), names, row));
        }
        return data;
    }

    /** Logistic regression on raw features: a bare {@code LinearSGDModel}. */
    static Model<Label> logistic() {
        return train(new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), 5, -1, 1, 42));
    }

    /** Logistic regression on standardized features, as ChurnTrainer builds it: a {@code TransformedModel}. */
    static Model<Label> standardizedLogistic() {
        return train(new TransformTrainer<>(new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), 5, -1, 1,
                42), new TransformationMap(List.of(new MeanStdDevTransformation())), false));
    }

    /** A small XGBoost model; needs XGBoost's native library. */
    static Model<Label> xgboost() {
        return train(new XGBoostClassificationTrainer(10, 1, true));
    }

    /** A model churn-risk never writes. */
    static Model<Label> dummy() {
        return train(DummyClassifierTrainer.createMostFrequentTrainer());
    }

    /** A model churn-risk never writes, inside the wrapper it does write. */
    static Model<Label> standardizedDummy() {
        return train(new TransformTrainer<>(DummyClassifierTrainer.createMostFrequentTrainer(),
                new TransformationMap(List.of(new MeanStdDevTransformation())), false));
    }

    static Model<Label> train(Trainer<Label> trainer) {
        return trainer.train(dataset());
    }

    static BundleManifest manifest(String algorithm, Calibration calibration) {
        return BundleManifest.of("churn-risk test", algorithm, 120, SCHEMA, calibration);
    }

    static BundleManifest manifest() {
        return manifest("logistic", new Calibration.Platt(1.25, -0.5));
    }

    static Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("roc_auc", 0.75);
        metrics.put("folds", List.of(Map.of("fold", 1, "roc_auc", 0.5), Map.of("fold", 2, "roc_auc", 1.0)));
        return metrics;
    }

    static Map<String, Object> provenance() {
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("seed", 42L);
        provenance.put("snapshot_dates", List.of(LocalDate.of(2025, 1, 1)));
        return provenance;
    }

    /** Writes a logistic bundle of {@code model} with the default manifest, metrics and provenance. */
    static Path write(Path dir, Model<Label> model) throws IOException {
        ModelBundle.write(dir, model, manifest(), metrics(), provenance());
        return dir;
    }

    static String json(Path dir) throws IOException {
        return Files.readString(dir.resolve(ModelBundle.MANIFEST_FILE), StandardCharsets.UTF_8);
    }

    /**
     * Rewrites bundle.json with one literal replacement, which must occur, and writes its digest
     * again, as someone who knows the format would: what is refused is then the edit itself.
     */
    static void editJson(Path dir, String from, String to) throws IOException {
        handEdit(dir, from, to);
        String json = json(dir);
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(json);
        Files.writeString(dir.resolve(ModelBundle.MANIFEST_FILE), DIGEST_LINE.matcher(json)
                .replaceFirst("\"digest\": \"sha256:" + BundleJson.digest(root) + "\""), StandardCharsets.UTF_8);
    }

    /** Rewrites bundle.json with one literal replacement, which must occur, and leaves its digest alone. */
    static void handEdit(Path dir, String from, String to) throws IOException {
        String json = json(dir);
        if (!json.contains(from)) {
            throw new AssertionError("bundle.json does not contain " + from + ":\n" + json);
        }
        Files.writeString(dir.resolve(ModelBundle.MANIFEST_FILE), json.replace(from, to), StandardCharsets.UTF_8);
    }

    private static final Pattern DIGEST_LINE = Pattern.compile("\"digest\": \"sha256:[0-9a-f]{64}\"");

    /** Replaces model.tribuo and updates its checksum, as someone who knows the format would. */
    static void replaceModel(Path dir, byte[] bytes) throws IOException {
        Path file = dir.resolve(ModelBundle.MODEL_FILE);
        String old = ModelBundle.sha256(Files.readAllBytes(file));
        Files.write(file, bytes);
        editJson(dir, old, ModelBundle.sha256(bytes));
    }

    /** Replaces scorer.bin and updates its checksum, as someone who knows the format would. */
    static void replaceScorer(Path dir, CompiledScorer scorer) throws IOException {
        Path file = dir.resolve(ModelBundle.SCORER_FILE);
        String old = ModelBundle.sha256(Files.readAllBytes(file));
        byte[] bytes = ScorerFile.toBytes(scorer);
        Files.write(file, bytes);
        editJson(dir, old, ModelBundle.sha256(bytes));
    }

    /** A one-tree-per-class XGBoost scorer over {@code schema}: a stand-in scorer.bin of another algorithm. */
    static CompiledScorer stumps(FeatureSchema schema, Calibration calibration) {
        DecisionTree stump = new DecisionTree(new int[] {0, -1, -1}, new float[] {10f, 0, 0}, new int[] {1, -1, -1},
                new int[] {2, -1, -1}, new boolean[] {true, false, false}, new float[] {0, 0.2f, -0.2f},
                new double[] {100, 60, 40});
        return TreeEnsembleScorer.of(schema, calibration, 0.5f, List.of(stump), List.of(stump));
    }

    /** A logistic scorer over {@code schema} with all weights 0.1. */
    static CompiledScorer linear(FeatureSchema schema, Calibration calibration) {
        double[] w = new double[schema.size()];
        java.util.Arrays.fill(w, 0.1);
        return LinearScorer.of(schema, w, -1, new double[schema.size()], calibration);
    }
}
