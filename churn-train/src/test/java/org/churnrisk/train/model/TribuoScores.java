package org.churnrisk.train.model;

import java.util.List;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.core.model.Calibration;
import org.churnrisk.core.scoring.CompiledScorer;
import org.tribuo.Example;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/** Tribuo's own churn probabilities for a feature table, the reference the compiled scorer must meet, and the compiled scorer's. */
final class TribuoScores {
    private TribuoScores() {
    }

    static double[] calibrated(ChurnClassifier model, FeatureTable table, Calibration calibration) {
        String[] names = model.schema().names().toArray(new String[0]);
        List<Example<Label>> examples = new java.util.ArrayList<>();
        for (int r = 0; r < table.rows(); r++) {
            examples.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, table.row(r)));
        }
        List<Prediction<Label>> predictions = model.tribuoModel().predict(examples);
        double[] p = new double[predictions.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = calibration.apply(predictions.get(i).getOutputScores().get(TribuoData.CHURN).getScore());
        }
        return p;
    }

    /** The compiled scorer's probabilities of every row of a table, through its batched call. */
    static double[] compiled(CompiledScorer scorer, FeatureTable table) {
        double[] vectors = new double[table.rows() * table.schema().size()];
        table.copyRows(0, table.rows(), vectors, 0);
        double[] p = new double[table.rows()];
        scorer.probabilities(vectors, 0, table.rows(), p, 0);
        return p;
    }
}
