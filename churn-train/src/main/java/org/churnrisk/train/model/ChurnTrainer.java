package org.churnrisk.train.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.churnrisk.core.ChurnException;
import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.train.data.SnapshotDataset;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.sgd.AbstractSGDTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.Transformation;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.MeanStdDevTransformation;
import org.tribuo.transform.transformations.SimpleTransform;

/**
 * Trains a churn classifier on rows of a {@link SnapshotDataset}, with class weights that balance
 * churned and retained rows (see {@link TribuoData}).
 *
 * <ul>
 *   <li>{@link Algorithm#LOGISTIC}: logistic regression ({@link LinearSGDTrainer} with
 *       {@link LogMulticlass} and AdaGrad, {@value #LOGISTIC_EPOCHS} shuffled epochs) inside a
 *       {@link TransformTrainer} that standardizes every feature to mean 0 and standard deviation 1
 *       on the training rows, since raw features run from 0/1 flags to ARR in the hundreds of
 *       thousands. A feature constant over the training rows is shifted to 0 instead (its
 *       standard deviation is 0): it then never moves its weight from 0, so it cannot matter
 *       when it varies later.</li>
 *   <li>{@link Algorithm#XGBOOST}: {@value #XGB_ROUNDS} rounds of depth-{@value #XGB_DEPTH} trees,
 *       eta {@value #XGB_ETA}, row subsample {@value #XGB_SUBSAMPLE}, the {@code hist} tree method
 *       (about ten times faster than {@code exact} on 50,000 rows, at the same AUC) on {@value #XGB_THREADS}
 *       threads. Tribuo trains two classes as {@code multi:softprob}, two trees a round.</li>
 * </ul>
 * The same rows, algorithm and seed give the same model and the same predictions. Each call
 * builds its own trainer, so concurrent calls do not share state.
 *
 * <pre>{@code
 * LocalDate firstTest = ...;
 * int[] train = d.rows(t -> !t.plusDays(d.policy().horizonDays()).isAfter(firstTest));
 * ChurnClassifier model = ChurnTrainer.train(d, train, Algorithm.LOGISTIC, 42L);
 * }</pre>
 */
public final class ChurnTrainer {
    static final int LOGISTIC_EPOCHS = 10;
    static final double LOGISTIC_LEARNING_RATE = 0.1;
    // Many shallow trees: on two generated 10,000-account books (seeds 7 and 11) the calibrated
    // backtest AUC rose from 0.850/0.849 (100 rounds, depth 6, eta 0.1, all features per tree)
    // to 0.860/0.861, against 0.878/0.879 for the generator's truth on the same rows. Depth 4
    // with min_child_weight 5, or 400 rounds, did no better. See docs/model-quality.md.
    static final int XGB_ROUNDS = 300;
    static final int XGB_DEPTH = 3;
    static final double XGB_ETA = 0.05;
    static final double XGB_SUBSAMPLE = 0.8;
    static final double XGB_FEATURE_SUBSAMPLE = 0.8;
    // OpenMP threads wait on each other at every tree level: when another process keeps the
    // cores busy, 2 threads trained 2,484 rows in 7 to 29 s against 0.7 to 1.5 s on 1 thread.
    // A full training run on the sample book took 228 s with 2 threads on a busy machine. One
    // thread is predictable; parallelism belongs a level up (folds), not inside a tree.
    static final int XGB_THREADS = 1;

    /**
     * Tribuo's SGD trainer logs two INFO lines on every call ("Training SGD model with n
     * examples", the label counts); churn-risk reports its own progress. Unless the application
     * has set that logger's level, it is raised to WARNING. Held here because java.util.logging
     * keeps loggers only weakly.
     */
    private static final Logger SGD_LOG = Logger.getLogger(AbstractSGDTrainer.class.getName());

    static {
        if (SGD_LOG.getLevel() == null) {
            SGD_LOG.setLevel(Level.WARNING);
        }
    }

    private ChurnTrainer() {}

    /**
     * Trains a classifier on the given rows.
     *
     * @param seed seeds the shuffling of SGD and the row subsampling of XGBoost
     * @throws org.churnrisk.core.InvalidArgumentException if the rows lack churned or retained
     *         rows, a row index is out of range or a feature value is not finite
     * @throws ChurnException if XGBoost's native library cannot load on this machine, or XGBoost
     *         fails while training
     */
    public static ChurnClassifier train(SnapshotDataset d, int[] rows, Algorithm algorithm, long seed) {
        Objects.requireNonNull(algorithm, "algorithm");
        Dataset<Label> data = TribuoData.trainingSet(d, rows);
        Model<Label> model = switch (algorithm) {
            case LOGISTIC -> fit(algorithm, () -> logistic(d, rows, seed), data);
            case XGBOOST -> fit(algorithm, () -> xgboost(Boosting.DEFAULT, seed), data);
        };
        return new ChurnClassifier(model, d.schema(), algorithm);
    }

    /**
     * The shape of an XGBoost ensemble: boosting rounds (Tribuo trains two trees a round), tree
     * depth, learning rate, and the share of rows and of features each tree sees.
     * {@link #DEFAULT} is what {@link #train} uses.
     */
    public record Boosting(int rounds, int depth, double eta, double subsample, double featureSubsample) {
        /** The tuned default: {@value #XGB_ROUNDS} rounds of depth {@value #XGB_DEPTH}. */
        public static final Boosting DEFAULT = new Boosting(XGB_ROUNDS, XGB_DEPTH, XGB_ETA, XGB_SUBSAMPLE,
                XGB_FEATURE_SUBSAMPLE);

        public Boosting {
            if (rounds < 1 || depth < 1 || !(eta > 0) || !(subsample > 0 && subsample <= 1)
                    || !(featureSubsample > 0 && featureSubsample <= 1)) {
                throw new org.churnrisk.core.InvalidArgumentException("xgboost: " + rounds + " rounds, depth " + depth
                        + ", eta " + eta + ", subsample " + subsample + ", feature subsample " + featureSubsample
                        + " (expected rounds and depth of at least 1, eta above 0, shares in (0, 1])");
            }
        }
    }

    /**
     * Trains an XGBoost classifier of a chosen shape (benchmarks and experiments; {@link #train}
     * uses {@link Boosting#DEFAULT}).
     *
     * @throws ChurnException as {@link #train} does
     */
    public static ChurnClassifier trainXGBoost(SnapshotDataset d, int[] rows, Boosting shape, long seed) {
        Objects.requireNonNull(shape, "shape");
        Dataset<Label> data = TribuoData.trainingSet(d, rows);
        Model<Label> model = fit(Algorithm.XGBOOST, () -> xgboost(shape, seed), data);
        return new ChurnClassifier(model, d.schema(), Algorithm.XGBOOST);
    }

    /**
     * Why XGBoost cannot train on this machine, or empty when its native library loads. Loads
     * the library (once per JVM) by building and freeing a one-value matrix.
     */
    public static Optional<String> xgboostProblem() {
        try {
            ml.dmlc.xgboost4j.java.DMatrix probe = new ml.dmlc.xgboost4j.java.DMatrix(new float[] {0f}, 1, 1, Float.NaN);
            probe.dispose();
            return Optional.empty();
        } catch (LinkageError | ml.dmlc.xgboost4j.java.XGBoostError e) {
            return Optional.of("XGBoost's native library could not load on this machine (" + rootMessage(e) + ")");
        }
    }

    /**
     * Builds the trainer and trains; for XGBoost, turns a native library that will not load, or
     * a native error, into a {@link ChurnException} a person can act on.
     */
    static Model<Label> fit(Algorithm algorithm, Supplier<Trainer<Label>> trainer, Dataset<Label> data) {
        if (algorithm != Algorithm.XGBOOST) {
            return trainer.get().train(data);
        }
        try {
            return trainer.get().train(data);
        } catch (LinkageError e) {
            // UnsatisfiedLinkError on a missing libgomp or glibc, ExceptionInInitializerError on the
            // first failed load (e.g. an unwritable temp directory), NoClassDefFoundError after it.
            throw new ChurnException("XGBoost's native library could not load on this machine (" + rootMessage(e)
                    + "); train with --algorithm logistic, which works everywhere", e);
        } catch (IllegalStateException e) {
            // Tribuo wraps XGBoostError in IllegalStateException; compare by name so that this
            // check cannot itself fail to link.
            if (e.getCause() != null && e.getCause().getClass().getName().equals("ml.dmlc.xgboost4j.java.XGBoostError")) {
                throw new ChurnException("XGBoost failed while training (" + e.getCause().getMessage()
                        + "); train with --algorithm logistic, which works everywhere", e);
            }
            throw e;
        }
    }

    static Trainer<Label> logistic(SnapshotDataset d, int[] rows, long seed) {
        // loggingInterval -1: otherwise SGD logs the loss at INFO every 1,000 examples.
        LinearSGDTrainer sgd = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(LOGISTIC_LEARNING_RATE, 0.1),
                LOGISTIC_EPOCHS, -1, 1, seed);
        return new TransformTrainer<>(sgd, standardization(d, rows), false);
    }

    static Trainer<Label> xgboost(Boosting shape, long seed) {
        return new XGBoostClassificationTrainer(XGBoostTrainer.BoosterType.GBTREE, XGBoostTrainer.TreeMethod.HIST,
                shape.rounds(), shape.eta(), 0.0, shape.depth(), 1.0, shape.subsample(), shape.featureSubsample(), 1.0,
                0.0, XGB_THREADS,
                XGBoostTrainer.LoggingVerbosity.SILENT, seed);
    }

    /**
     * Mean/std standardization of every feature; a feature constant over the rows is shifted to 0.
     * Examples carry every feature (see {@link TribuoData}), so no densifying is needed.
     */
    static TransformationMap standardization(SnapshotDataset d, int[] rows) {
        FeatureSchema schema = d.schema();
        Map<String, List<Transformation>> perFeature = new LinkedHashMap<>();
        for (int f = 0; f < schema.size(); f++) {
            double first = rows.length == 0 ? 0 : d.feature(rows[0], f);
            boolean constant = true;
            for (int r : rows) {
                if (d.feature(r, f) != first) {
                    constant = false;
                    break;
                }
            }
            perFeature.put(schema.name(f), List.of(constant ? SimpleTransform.sub(first) : new MeanStdDevTransformation()));
        }
        return new TransformationMap(perFeature);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
