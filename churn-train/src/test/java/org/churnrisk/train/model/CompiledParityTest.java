package org.churnrisk.train.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.core.model.Calibration;
import org.churnrisk.core.scoring.CompiledScorer;
import org.churnrisk.train.calibrate.Calibrators;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compiled scorer gives Tribuo's calibrated churn probability on every account of the sample
 * book at two as-of dates: within 1e-12 for logistic regression, 1e-6 for XGBoost.
 */
class CompiledParityTest {
    static Stream<Arguments> models() {
        SampleBook book = SampleBook.get();
        List<Arguments> cases = new ArrayList<>();
        for (Algorithm a : Algorithm.values()) {
            ChurnClassifier model = book.model(a);
            double[] p = model.predict(book.data, book.train);
            boolean[] y = new boolean[book.train.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = book.data.churned(book.train[i]);
            }
            double tolerance = a == Algorithm.LOGISTIC ? 1e-12 : 1e-6;
            cases.add(Arguments.of(a, new Calibration.Identity(), tolerance));
            cases.add(Arguments.of(a, Calibrators.platt(p, y), tolerance));
            if (a == Algorithm.XGBOOST) {
                // XGBoost's probabilities are matched bit for bit, so even a step function agrees.
                cases.add(Arguments.of(a, Calibrators.isotonic(p, y), tolerance));
            }
        }
        return cases.stream();
    }

    /**
     * Folding standardization into the weights changes the last bits of a logistic margin, so a
     * raw probability lying exactly on an isotonic step (as the probabilities of the rows the
     * steps were fitted on do) can land on the step below. Everywhere else the two agree.
     */
    @org.junit.jupiter.api.Test
    void logisticDiffersUnderIsotonicCalibrationOnlyWhereTribuoSitsOnAStep() {
        SampleBook book = SampleBook.get();
        ChurnClassifier model = book.model(Algorithm.LOGISTIC);
        double[] fitted = model.predict(book.data, book.train);
        boolean[] y = new boolean[book.train.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = book.data.churned(book.train[i]);
        }
        Calibration.Isotonic isotonic = Calibrators.isotonic(fitted, y);
        CompiledScorer scorer = model.compile(isotonic);
        CompiledScorer raw = model.compile(new Calibration.Identity());
        java.util.Set<Double> steps = new java.util.HashSet<>();
        for (double t : isotonic.thresholds()) {
            steps.add(t);
        }
        List<String> unexplained = new ArrayList<>();
        int onAStep = 0;
        for (FeatureTable table : book.scored) {
            double[] tribuoRaw = TribuoScores.calibrated(model, table, new Calibration.Identity());
            double[] tribuo = TribuoScores.calibrated(model, table, isotonic);
            double[] compiled = TribuoScores.compiled(scorer, table);
            double[] compiledRaw = TribuoScores.compiled(raw, table);
            for (int r = 0; r < table.rows(); r++) {
                if (Math.abs(compiled[r] - tribuo[r]) <= 1e-12) {
                    continue;
                }
                if (steps.contains(tribuoRaw[r]) && Math.abs(compiledRaw[r] - tribuoRaw[r]) <= 1e-15) {
                    onAStep++;
                } else {
                    unexplained.add(table.accountIds().get(r) + " as of " + table.asOf());
                }
            }
        }

        System.out.printf("parity logistic isotonic: %d accounts on a step edge%n", onAStep);
        assertThat(unexplained).isEmpty();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("models")
    void compiledProbabilitiesMatchTribuoOnEveryAccount(Algorithm algorithm, Calibration calibration,
                                                        double tolerance) {
        SampleBook book = SampleBook.get();
        ChurnClassifier model = book.model(algorithm);
        CompiledScorer scorer = model.compile(calibration);
        List<Double> worst = new ArrayList<>();
        int accounts = 0;
        for (FeatureTable table : book.scored) {
            double[] tribuo = TribuoScores.calibrated(model, table, calibration);
            double[] compiled = TribuoScores.compiled(scorer, table);
            double max = 0;
            for (int r = 0; r < table.rows(); r++) {
                max = Math.max(max, Math.abs(compiled[r] - tribuo[r]));
            }
            worst.add(max);
            accounts += table.rows();
        }

        System.out.printf("parity %-8s %-40s %d accounts, largest difference %s%n", algorithm, calibration, accounts,
                worst);
        assertThat(accounts).isGreaterThan(400);
        assertThat(worst).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(tolerance));
    }
}
