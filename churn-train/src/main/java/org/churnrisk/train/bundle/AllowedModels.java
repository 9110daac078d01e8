package org.churnrisk.train.bundle;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.util.List;
import org.churnrisk.core.model.BundleException;
import org.churnrisk.score.bundle.BundleJson;
import org.churnrisk.train.model.Algorithm;
import org.tribuo.Tribuo;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.protos.ClassificationLinearSGDProto;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.common.xgboost.protos.XGBoostModelProto;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.protos.core.TransformedModelProto;
import org.tribuo.transform.TransformedModel;

/**
 * The Tribuo model classes a bundle may hold, checked on the parsed {@link ModelProto} before
 * Tribuo turns it into objects.
 *
 * <p>Why: Tribuo's {@code Model.deserialize} loads (and so initializes) whatever class the proto
 * names, then calls its static {@code deserializeFromProto}. Only the classes churn-risk trains
 * get that far: {@link LinearSGDModel} on its own or inside a {@link TransformedModel} (logistic
 * regression on standardized features), and {@link XGBoostModel}. Each must also carry the
 * payload type that class writes. Referring to the classes by {@code .class} neither initializes
 * them nor loads XGBoost's native library.
 */
final class AllowedModels {
    static final String TRANSFORMED = TransformedModel.class.getName();
    static final String LINEAR_SGD = LinearSGDModel.class.getName();
    static final String XGBOOST = XGBoostModel.class.getName();

    /** In the order messages list them. */
    static final List<String> ALL = List.of(TRANSFORMED, LINEAR_SGD, XGBOOST);

    private AllowedModels() {
    }

    /**
     * Checks that {@code proto} holds a model class churn-risk writes, of {@code algorithm}.
     *
     * @throws BundleException whose message starts with {@code model.tribuo} and says what to do
     */
    static void check(ModelProto proto, Algorithm algorithm) {
        String name = proto.getClassName();
        if (!ALL.contains(name)) {
            throw refused(name.isEmpty() ? "no model class" : "a " + name);
        }
        if (name.equals(TRANSFORMED)) {
            ModelProto inner = unpack(proto, TransformedModelProto.class).getModel();
            if (!inner.getClassName().equals(LINEAR_SGD)) {
                throw refused("a " + TRANSFORMED + " around "
                        + (inner.getClassName().isEmpty() ? "no model class" : "a " + inner.getClassName()));
            }
            unpack(inner, ClassificationLinearSGDProto.class);
            name = LINEAR_SGD;
        } else if (name.equals(LINEAR_SGD)) {
            unpack(proto, ClassificationLinearSGDProto.class);
        } else {
            unpack(proto, XGBoostModelProto.class);
        }
        Algorithm holds = name.equals(XGBOOST) ? Algorithm.XGBOOST : Algorithm.LOGISTIC;
        if (holds != algorithm) {
            throw new BundleException(BundleJson.MODEL_FILE + " holds a " + holds + " model (" + proto.getClassName()
                    + ") but " + BundleJson.BUNDLE_JSON + " says the algorithm is " + algorithm
                    + ": the files come from different trainings; retrain");
        }
    }

    private static <M extends Message> M unpack(ModelProto proto, Class<M> type) {
        Any data = proto.getSerializedData();
        if (!data.is(type)) {
            throw new BundleException(BundleJson.MODEL_FILE + " holds a " + proto.getClassName() + " whose data is of type '"
                    + data.getTypeUrl() + "' (expected " + type.getSimpleName()
                    + "): it was not written by churn-risk; retrain or restore the bundle");
        }
        try {
            return data.unpack(type);
        } catch (InvalidProtocolBufferException e) {
            throw new BundleException(BundleJson.MODEL_FILE + " is not a model Tribuo " + Tribuo.VERSION + " can read ("
                    + e.getMessage() + "); retrain or restore the bundle", e);
        }
    }

    private static BundleException refused(String what) {
        return new BundleException(BundleJson.MODEL_FILE + " holds " + what + ", which churn-risk does not load: it"
                + " loads only the models it trains (" + TransformedModel.class.getSimpleName() + " around "
                + LinearSGDModel.class.getSimpleName() + ", " + LinearSGDModel.class.getSimpleName() + ", "
                + XGBoostModel.class.getSimpleName() + "); retrain with churn-risk");
    }
}
