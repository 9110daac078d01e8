package org.churnrisk.train.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import java.io.IOException;
import org.churnrisk.core.model.BundleException;
import org.junit.jupiter.api.Test;
import org.tribuo.protos.core.ModelProto;

/**
 * Only the model classes churn-risk writes reach Tribuo's deserializer, even when model.tribuo and
 * its checksum were replaced together.
 */
class AllowedModelsTest extends FreshBundle {
    static final String ONLY = "which churn-risk does not load: it loads only the models it trains (TransformedModel"
            + " around LinearSGDModel, LinearSGDModel, XGBoostModel); retrain with churn-risk";

    @Test
    void anotherTribuoModelIsRefused() throws IOException {
        TinyModels.replaceModel(dir, TinyModels.dummy().serialize().toByteArray());

        assertThatThrownBy(() -> ModelBundle.load(dir, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "model.tribuo holds a org.tribuo.classification.baseline.DummyClassifierModel, "
                        + ONLY);
    }

    @Test
    void anotherTribuoModelInsideTheAllowedWrapperIsRefused() throws IOException {
        TinyModels.replaceModel(dir, TinyModels.standardizedDummy().serialize().toByteArray());

        assertThatThrownBy(() -> ModelBundle.load(dir, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "model.tribuo holds a org.tribuo.transform.TransformedModel around a"
                        + " org.tribuo.classification.baseline.DummyClassifierModel, " + ONLY);
    }

    @Test
    void aCraftedClassNameIsRefusedBeforeTheClassIsLoaded() throws IOException {
        byte[] crafted = ModelProto.newBuilder()
                .setVersion(0)
                .setClassName(Canary.class.getName())
                .setSerializedData(Any.getDefaultInstance())
                .build().toByteArray();
        TinyModels.replaceModel(dir, crafted);

        assertThatThrownBy(() -> ModelBundle.load(dir, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "model.tribuo holds a org.churnrisk.train.bundle.Canary, " + ONLY);
        assertThat(Canary.Witness.INITIALIZED).isFalse();
    }

    @Test
    void anAllowedClassNameWithAnotherPayloadIsRefused() throws IOException {
        byte[] crafted = ModelProto.newBuilder()
                .setVersion(0)
                .setClassName(AllowedModels.LINEAR_SGD)
                .setSerializedData(Any.pack(ModelProto.getDefaultInstance()))
                .build().toByteArray();
        TinyModels.replaceModel(dir, crafted);

        assertThatThrownBy(() -> ModelBundle.load(dir, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "model.tribuo holds a org.tribuo.classification.sgd.linear.LinearSGDModel whose data"
                        + " is of type 'type.googleapis.com/tribuo.core.ModelProto' (expected"
                        + " ClassificationLinearSGDProto): it was not written by churn-risk; retrain or restore the"
                        + " bundle");
    }

    @Test
    void aModelFileWithoutAClassIsRefused() throws IOException {
        TinyModels.replaceModel(dir, new byte[0]);

        assertThatThrownBy(() -> ModelBundle.load(dir, TinyModels.SCHEMA))
                .isInstanceOf(BundleException.class)
                .hasMessage(where + "model.tribuo holds no model class, " + ONLY);
    }
}
