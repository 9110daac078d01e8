package org.churnrisk.train.model;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.util.List;
import java.util.Objects;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.churnrisk.core.ChurnException;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.core.model.Calibration;
import org.churnrisk.core.scoring.CompiledScorer;
import org.churnrisk.core.scoring.LinearScorer;
import org.churnrisk.core.scoring.TreeEnsembleScorer;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.protos.core.MeanStdDevTransformerProto;
import org.tribuo.protos.core.SimpleTransformProto;
import org.tribuo.protos.core.TransformerProto;
import org.tribuo.transform.TransformedModel;
import org.tribuo.transform.Transformer;
import org.tribuo.transform.TransformerMap;

/**
 * Compiles a trained Tribuo churn model into a {@link CompiledScorer}: flat arrays that score a
 * feature vector in nanoseconds, with the same calibrated probability as Tribuo (within 1e-12 for
 * logistic regression, 1e-6 for XGBoost). Tribuo stays the source of truth for training,
 * evaluation and provenance; the compiled form is for scoring.
 *
 * <ul>
 *   <li>Logistic regression ({@link LinearSGDModel}, alone or inside a {@link TransformedModel}
 *       with per-feature mean/std or shift transformations): the margin of churn over stay is
 *       {@code (w_churn - w_stay) . x' + (b_churn - b_stay)} on the transformed values {@code x'};
 *       each transformation is affine, so it is folded into raw-scale weights and the bias.</li>
 *   <li>XGBoost ({@link XGBoostModel}, two classes trained as {@code multi:softprob}): the trees,
 *       thresholds, leaf values, covers and base score are read from the booster's JSON model,
 *       whose numbers round-trip to XGBoost's float32 values exactly.</li>
 * </ul>
 * Tribuo numbers features in name order; the compiled scorer takes them in schema order.
 *
 * <p>Stateless and thread-safe; the model is only read.
 *
 * <pre>{@code
 * ChurnClassifier model = ChurnTrainer.train(snapshots, rows, Algorithm.XGBOOST, 42L);
 * CompiledScorer scorer = ScorerCompiler.compile(model.tribuoModel(), model.schema(), calibration);
 * double p = scorer.probability(vector);
 * }</pre>
 */
public final class ScorerCompiler {
    private ScorerCompiler() {
    }

    /**
     * Compiles a churn model over {@code schema}'s features, calibrated with {@code calibration}.
     *
     * @throws InvalidArgumentException if the model is not one churn-risk trains (logistic
     *         regression with affine transformations, or two-class XGBoost), lacks the churn label,
     *         or uses a feature the schema does not have
     * @throws ChurnException           if XGBoost cannot hand over its model
     */
    public static CompiledScorer compile(Model<Label> model, FeatureSchema schema, Calibration calibration) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(calibration, "calibration");
        if (model instanceof TransformedModel<Label> transformed
                && transformed.getInnerModel() instanceof LinearSGDModel linear) {
            return linear(linear, transformed.getTransformerMap(), schema, calibration);
        }
        if (model instanceof LinearSGDModel linear) {
            return linear(linear, null, schema, calibration);
        }
        if (model instanceof XGBoostModel<Label> xgboost) {
            return trees(xgboost, schema, calibration);
        }
        throw new InvalidArgumentException("cannot compile a " + model.getClass().getName() + " (expected logistic"
                + " regression, a LinearSGDModel on its own or in a TransformedModel, or an XGBoostModel)");
    }

    private static LinearScorer linear(LinearSGDModel model, TransformerMap transforms, FeatureSchema schema,
                                       Calibration calibration) {
        int[] classes = churnAndStay(model.getOutputIDInfo());
        ImmutableFeatureMap ids = model.getFeatureIDMap();
        checkFeatures(ids, schema);
        DenseMatrix w = model.getWeightsCopy();
        int biasColumn = ids.size();
        double bias = w.get(classes[0], biasColumn) - w.get(classes[1], biasColumn);
        double[] weights = new double[schema.size()];
        double[] means = new double[schema.size()];
        for (int f = 0; f < schema.size(); f++) {
            String name = schema.name(f);
            int id = ids.getID(name);
            if (id < 0) {
                continue; // Never seen in training: Tribuo ignores it, so weight 0.
            }
            double d = w.get(classes[0], id) - w.get(classes[1], id);
            Affine a = transforms == null ? Affine.IDENTITY : Affine.of(name, transforms.get(name));
            // d * (scale * x + shift) = (d * scale) * x + d * shift
            weights[f] = d * a.scale();
            bias += d * a.shift();
            means[f] = a.center();
        }
        return LinearScorer.of(schema, weights, bias, means, calibration);
    }

    /**
     * A transformation {@code x' = scale * x + shift}, and the value it treats as the centre
     * (the training mean), from which contributions are measured.
     */
    record Affine(double scale, double shift, double center) {
        static final Affine IDENTITY = new Affine(1, 0, 0);

        static Affine of(String feature, List<Transformer> list) {
            if (list == null || list.isEmpty()) {
                return IDENTITY;
            }
            if (list.size() != 1) {
                throw new InvalidArgumentException("cannot compile feature '" + feature + "': it has " + list.size()
                        + " transformations (expected one: mean/std standardization or a shift)");
            }
            TransformerProto proto = list.get(0).serialize();
            String type = proto.getSerializedData().getTypeUrl();
            if (proto.getSerializedData().is(MeanStdDevTransformerProto.class)) {
                MeanStdDevTransformerProto m = unpack(proto, MeanStdDevTransformerProto.class);
                // ((x - mean) / sd) * targetSd + targetMean
                double scale = m.getTargetStdDev() / m.getObservedStdDev();
                return new Affine(scale, m.getTargetMean() - m.getObservedMean() * scale, m.getObservedMean());
            }
            if (proto.getSerializedData().is(SimpleTransformProto.class)) {
                SimpleTransformProto s = unpack(proto, SimpleTransformProto.class);
                double c = s.getFirstOperand();
                switch (s.getOp()) {
                    case "sub":
                        return new Affine(1, -c, c);
                    case "add":
                        return new Affine(1, c, -c);
                    default:
                        break;
                }
                throw new InvalidArgumentException("cannot compile feature '" + feature + "': transformation '"
                        + s.getOp() + "' is not a shift (expected sub or add)");
            }
            throw new InvalidArgumentException("cannot compile feature '" + feature + "': transformation " + type
                    + " is not mean/std standardization or a shift");
        }

        private static <M extends Message> M unpack(TransformerProto proto, Class<M> type) {
            try {
                return proto.getSerializedData().unpack(type);
            } catch (InvalidProtocolBufferException e) {
                throw new InvalidArgumentException("cannot compile a transformation: " + e.getMessage());
            }
        }
    }

    private static TreeEnsembleScorer trees(XGBoostModel<Label> model, FeatureSchema schema, Calibration calibration) {
        int[] classes = churnAndStay(model.getOutputIDInfo());
        ImmutableFeatureMap ids = model.getFeatureIDMap();
        checkFeatures(ids, schema);
        List<Booster> boosters = model.getInnerModels();
        if (boosters.size() != 1) {
            throw new InvalidArgumentException("cannot compile an XGBoost model of " + boosters.size()
                    + " boosters (expected one, as Tribuo trains a classifier)");
        }
        byte[] json;
        try {
            json = boosters.get(0).toByteArray("json");
        } catch (XGBoostError e) {
            throw new ChurnException("XGBoost could not hand over its model (" + e.getMessage() + ")", e);
        }
        int[] schemaIndex = new int[ids.size()];
        for (int id = 0; id < ids.size(); id++) {
            schemaIndex[id] = schema.indexOf(ids.get(id).getName());
        }
        return XGBoostJson.read(json, schemaIndex, classes[0], classes[1]).scorer(schema, calibration);
    }

    /** The output ids of churn and stay; refuses a model of other labels. */
    private static int[] churnAndStay(ImmutableOutputInfo<Label> outputs) {
        int churn = outputs.getID(TribuoData.LABELS.generateOutput(TribuoData.CHURN));
        int stay = outputs.getID(TribuoData.LABELS.generateOutput(TribuoData.STAY));
        if (churn < 0 || stay < 0 || outputs.size() != 2) {
            throw new InvalidArgumentException("cannot compile a model of labels " + outputs.getDomain()
                    + " (expected exactly '" + TribuoData.CHURN + "' and '" + TribuoData.STAY + "')");
        }
        return new int[] {churn, stay};
    }

    private static void checkFeatures(ImmutableFeatureMap ids, FeatureSchema schema) {
        for (int id = 0; id < ids.size(); id++) {
            String name = ids.get(id).getName();
            if (!schema.contains(name)) {
                throw new InvalidArgumentException("cannot compile: the model uses feature '" + name
                        + "', which schema " + schema.version() + " does not have");
            }
        }
    }
}
