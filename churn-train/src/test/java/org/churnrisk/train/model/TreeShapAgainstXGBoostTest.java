package org.churnrisk.train.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.core.model.Calibration;
import org.churnrisk.core.scoring.CompiledScorer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;

/**
 * The compiled XGBoost scorer's contributions are XGBoost's own {@code pred_contribs}
 * (path-dependent TreeSHAP), churn's minus stay's, on every account of the sample book at one date.
 * XGBoost works in float32, so they agree to about 1e-5.
 */
class TreeShapAgainstXGBoostTest {
    static ChurnClassifier model;
    static CompiledScorer scorer;
    static FeatureTable table;
    static float[][] xgb;
    static int[] idOf;
    static int churn;
    static int stay;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void explainWithXGBoost() throws XGBoostError {
        SampleBook book = SampleBook.get();
        model = book.model(Algorithm.XGBOOST);
        scorer = model.compile(new Calibration.Identity());
        table = book.scored.get(1);
        XGBoostModel<Label> xgbModel = (XGBoostModel<Label>) model.tribuoModel();
        ImmutableFeatureMap ids = xgbModel.getFeatureIDMap();
        FeatureSchema schema = model.schema();
        idOf = new int[schema.size()];
        for (int f = 0; f < schema.size(); f++) {
            idOf[f] = ids.getID(schema.name(f));
        }
        float[] dense = new float[table.rows() * ids.size()];
        for (int r = 0; r < table.rows(); r++) {
            for (int f = 0; f < schema.size(); f++) {
                dense[r * ids.size() + idOf[f]] = (float) table.value(r, f);
            }
        }
        DMatrix matrix = new DMatrix(dense, table.rows(), ids.size(), Float.NaN);
        try {
            Booster booster = xgbModel.getInnerModels().get(0);
            xgb = booster.predictContrib(matrix, 0);
        } finally {
            matrix.dispose();
        }
        churn = xgbModel.getOutputIDInfo().getID(TribuoData.LABELS.generateOutput(TribuoData.CHURN));
        stay = 1 - churn;
    }

    @Test
    void contributionsAreXGBoostsTreeShap() {
        int n = scorer.schema().size();
        int width = n + 1;
        double worst = 0;
        double[] phi = new double[n];
        for (int r = 0; r < table.rows(); r++) {
            scorer.contributions(table.row(r), 0, phi);
            for (int f = 0; f < n; f++) {
                double expected = (double) xgb[r][churn * width + idOf[f]] - xgb[r][stay * width + idOf[f]];
                worst = Math.max(worst, Math.abs(phi[f] - expected));
            }
        }

        System.out.printf("TreeSHAP against XGBoost pred_contribs: largest difference %.3g over %d accounts%n", worst,
                table.rows());
        assertThat(worst).isLessThan(1e-5);
    }

    /**
     * The batched call (the vector kernel when the JVM has the Vector API, as when this test runs
     * with {@code -DargLine="--add-modules jdk.incubator.vector"}) gives every account the bits of
     * the one-account call, so XGBoost's values too.
     */
    @Test
    void batchedContributionsAreTheSame() {
        int n = scorer.schema().size();
        int rows = table.rows();
        double[] vectors = new double[rows * n];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(table.row(r), 0, vectors, r * n, n);
        }
        double[] batched = new double[rows * n];
        scorer.contributions(vectors, 0, rows, batched, 0);
        double[] phi = new double[n];
        double worst = 0;
        for (int r = 0; r < rows; r++) {
            scorer.contributions(table.row(r), 0, phi);
            for (int f = 0; f < n; f++) {
                assertThat(batched[r * n + f]).as("account %d feature %d", r, f).isEqualTo(phi[f]);
                double expected = (double) xgb[r][churn * (n + 1) + idOf[f]] - xgb[r][stay * (n + 1) + idOf[f]];
                worst = Math.max(worst, Math.abs(batched[r * n + f] - expected));
            }
        }
        assertThat(worst).isLessThan(1e-5);
    }

    @Test
    void baseIsXGBoostsBiasTerm() {
        int n = scorer.schema().size();
        int width = n + 1;
        double base = scorer.contributions(table.row(0), 0, new double[n]);

        assertThat(base).isCloseTo((double) xgb[0][churn * width + n] - xgb[0][stay * width + n], within(1e-4));
    }
}
