package org.churnrisk.train.model;

import java.util.List;
import java.util.Objects;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.core.model.Calibration;
import org.churnrisk.core.scoring.CompiledScorer;
import org.churnrisk.train.data.SnapshotDataset;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;

/**
 * A trained churn model: a Tribuo {@link Model} over the features of one {@link FeatureSchema},
 * scoring snapshot rows with the probability that the account churns within the horizon.
 *
 * <p>Rows are scored in batches of {@value #BATCH} through {@link Model#predict(Iterable)}: one
 * native call per batch for XGBoost, whose one-example path leaks native matrices and slows down
 * over many calls. With class-weighted training (see {@link TribuoData}) the probabilities rank
 * well but sit above the true churn rate until calibrated.
 *
 * <p>Scoring does not change the classifier. Concurrent scoring is safe: Tribuo's linear and
 * transformed models are immutable and XGBoost's prediction is thread-safe.
 *
 * <pre>{@code
 * ChurnClassifier model = ChurnTrainer.train(snapshots, trainRows, Algorithm.XGBOOST, 42L);
 * double[] p = model.predict(snapshots, testRows);
 * }</pre>
 */
public final class ChurnClassifier {
    /** Rows per call to the Tribuo model. */
    static final int BATCH = 4096;

    private final Model<Label> model;
    private final FeatureSchema schema;
    private final Algorithm algorithm;

    ChurnClassifier(Model<Label> model, FeatureSchema schema, Algorithm algorithm) {
        this.model = Objects.requireNonNull(model, "model");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        if (!model.generatesProbabilities()) {
            throw new InvalidArgumentException("model " + model.getName() + " does not produce probabilities"
                    + " (expected a probabilistic classifier such as logistic regression or XGBoost)");
        }
        if (model.getOutputIDInfo().getID(TribuoData.LABELS.generateOutput(TribuoData.CHURN)) < 0) {
            throw new InvalidArgumentException("model " + model.getName() + " has no '" + TribuoData.CHURN
                    + "' label (labels: " + model.getOutputIDInfo().getDomain() + ")");
        }
    }

    /**
     * The probability of churn within the horizon of each row, in the order given.
     *
     * @return one probability in [0, 1] per row; empty for no rows
     * @throws InvalidArgumentException if the dataset's schema is not the one the model was
     *                                  trained on, a row index is out of range or a value is not finite
     */
    public double[] predict(SnapshotDataset d, int[] rows) {
        Objects.requireNonNull(d, "dataset");
        Objects.requireNonNull(rows, "rows");
        if (!d.schema().equals(schema)) {
            throw new InvalidArgumentException("snapshots have schema " + d.schema().version() + " (fingerprint "
                    + d.schema().fingerprint() + ") but the model was trained on " + schema.version()
                    + " (fingerprint " + schema.fingerprint() + "); extract the features again with the model's schema");
        }
        double[] p = new double[rows.length];
        for (int from = 0; from < rows.length; from += BATCH) {
            int to = Math.min(from + BATCH, rows.length);
            List<Example<Label>> batch = TribuoData.unlabelled(d, rows, from, to);
            List<Prediction<Label>> predictions = model.predict(batch);
            for (int i = 0; i < predictions.size(); i++) {
                p[from + i] = churnProbability(predictions.get(i));
            }
        }
        return p;
    }

    /**
     * The model compiled for fast scoring, with {@code calibration} applied to its probabilities:
     * the same calibrated probability as Tribuo's within 1e-12 (logistic) or 1e-6 (XGBoost).
     *
     * @see ScorerCompiler
     */
    public CompiledScorer compile(Calibration calibration) {
        return ScorerCompiler.compile(model, schema, calibration);
    }

    /** The wrapped Tribuo model, with its provenance (data, trainer settings, seed, versions). */
    public Model<Label> tribuoModel() {
        return model;
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    /** The schema of the features the model was trained on. */
    public FeatureSchema schema() {
        return schema;
    }

    private static double churnProbability(Prediction<Label> prediction) {
        Label churn = prediction.getOutputScores().get(TribuoData.CHURN);
        // A softmax rounds to a hair outside [0, 1] only in pathological cases; keep the contract.
        return Math.min(1.0, Math.max(0.0, churn.getScore()));
    }

    @Override
    public String toString() {
        return "ChurnClassifier(" + algorithm + ", schema " + schema.version() + ", " + model.getName() + ")";
    }
}
