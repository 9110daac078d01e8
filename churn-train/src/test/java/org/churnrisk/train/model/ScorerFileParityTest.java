package org.churnrisk.train.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.core.model.Calibration;
import org.churnrisk.core.scoring.CompiledScorer;
import org.churnrisk.core.scoring.ScorerFile;
import org.churnrisk.train.calibrate.Calibrators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real model's compiled scorer, written to {@code scorer.bin} and read back, scores every account
 * of the sample book at two as-of dates bit for bit as the scorer compiled from Tribuo, and so
 * meets Tribuo within the bounds {@link CompiledParityTest} holds the compiled scorer to (1e-12 for
 * logistic regression, 1e-6 for XGBoost), and XGBoost's exactly.
 */
class ScorerFileParityTest {
    static Stream<Arguments> models() {
        return CompiledParityTest.models();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("models")
    void aScorerReadFromItsFileScoresEveryAccountAsCompiledAndAsTribuo(Algorithm algorithm, Calibration calibration,
                                                                     double tolerance) {
        SampleBook book = SampleBook.get();
        ChurnClassifier model = book.model(algorithm);
        CompiledScorer compiled = model.compile(calibration);
        byte[] bytes = ScorerFile.toBytes(compiled);

        CompiledScorer read = ScorerFile.fromBytes(bytes, model.schema());

        List<String> differences = new ArrayList<>();
        double worst = 0;
        int accounts = 0;
        for (FeatureTable table : book.scored) {
            double[] tribuo = TribuoScores.calibrated(model, table, calibration);
            double[] before = TribuoScores.compiled(compiled, table);
            double[] after = TribuoScores.compiled(read, table);
            for (int r = 0; r < table.rows(); r++) {
                String account = table.accountIds().get(r) + " as of " + table.asOf();
                same(differences, account + " probability", before[r], after[r]);
                double[] x = table.row(r);
                same(differences, account + " margin", compiled.margin(x), read.margin(x));
                double[] cb = new double[x.length];
                double[] ca = new double[x.length];
                same(differences, account + " base", compiled.contributions(x, 0, cb), read.contributions(x, 0, ca));
                for (int f = 0; f < x.length; f++) {
                    same(differences, account + " contribution of " + model.schema().name(f), cb[f], ca[f]);
                }
                worst = Math.max(worst, Math.abs(after[r] - tribuo[r]));
            }
            accounts += table.rows();
        }

        System.out.printf("scorer.bin %-8s %-40s %,d bytes, %d accounts, largest difference from Tribuo %s%n",
                algorithm, calibration, bytes.length, accounts, worst);
        assertThat(accounts).isGreaterThan(400);
        assertThat(differences).isEmpty();
        assertThat(worst).isLessThanOrEqualTo(tolerance);
        if (algorithm == Algorithm.XGBOOST) {
            // The compiled trees match XGBoost's float32 probabilities bit for bit, closer than the bound.
            assertThat(worst).isZero();
        }
    }

    /** The one case {@link CompiledParityTest#models()} leaves out, as compiling changes it; reading does not. */
    @Test
    void aLogisticScorerWithIsotonicCalibrationReadsBackBitForBit() {
        SampleBook book = SampleBook.get();
        ChurnClassifier model = book.model(Algorithm.LOGISTIC);
        double[] fitted = model.predict(book.data, book.train);
        boolean[] y = new boolean[book.train.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = book.data.churned(book.train[i]);
        }
        CompiledScorer compiled = model.compile(Calibrators.isotonic(fitted, y));

        CompiledScorer read = ScorerFile.fromBytes(ScorerFile.toBytes(compiled), model.schema());

        List<String> differences = new ArrayList<>();
        for (FeatureTable table : book.scored) {
            double[] before = TribuoScores.compiled(compiled, table);
            double[] after = TribuoScores.compiled(read, table);
            for (int r = 0; r < table.rows(); r++) {
                same(differences, table.accountIds().get(r) + " as of " + table.asOf(), before[r], after[r]);
            }
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void compilingTheSameModelTwiceGivesTheSameFile() {
        ChurnClassifier model = SampleBook.get().model(Algorithm.XGBOOST);
        Calibration platt = new Calibration.Platt(1.1, -0.7);

        assertThat(ScorerFile.toBytes(model.compile(platt))).isEqualTo(ScorerFile.toBytes(model.compile(platt)));
    }

    private static void same(List<String> out, String what, double compiled, double read) {
        if (Double.doubleToRawLongBits(compiled) != Double.doubleToRawLongBits(read)) {
            out.add(what + ": " + compiled + " compiled, " + read + " read from the file");
        }
    }
}
