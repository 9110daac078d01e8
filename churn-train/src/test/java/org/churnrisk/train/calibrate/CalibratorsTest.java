package org.churnrisk.train.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.churnrisk.core.model.Calibration;
import org.churnrisk.train.eval.Metrics;
import org.junit.jupiter.api.Test;

class CalibratorsTest {

    /** Outcomes drawn from a true probability q; the model reports q squared (overconfident low, too low overall). */
    private static double[][] distorted(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] p = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double q = rng.nextDouble();
            p[i] = q * q;
            y[i] = rng.nextDouble() < q ? 1 : 0;
        }
        return new double[][] {p, y};
    }

    private static boolean[] labels(double[] y) {
        boolean[] b = new boolean[y.length];
        for (int i = 0; i < y.length; i++) {
            b[i] = y[i] > 0;
        }
        return b;
    }

    private static double[] apply(Calibration c, double[] p) {
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = c.apply(p[i]);
        }
        return out;
    }

    @Test
    void plattLowersTheBrierScoreOfADistortedModelOnNewRows() {
        double[][] fit = distorted(4_000, 1);
        double[][] test = distorted(4_000, 2);
        Calibration platt = Calibrators.platt(fit[0], labels(fit[1]));

        double before = Metrics.brierScore(test[0], labels(test[1]));
        double after = Metrics.brierScore(apply(platt, test[0]), labels(test[1]));

        assertThat(after).isLessThan(before - 0.01);
    }

    @Test
    void isotonicLowersTheBrierScoreAndNeverDecreases() {
        double[][] fit = distorted(4_000, 3);
        double[][] test = distorted(4_000, 4);
        Calibration.Isotonic iso = Calibrators.isotonic(fit[0], labels(fit[1]));

        assertThat(Metrics.brierScore(apply(iso, test[0]), labels(test[1])))
                .isLessThan(Metrics.brierScore(test[0], labels(test[1])) - 0.01);
        double[] v = iso.values();
        for (int i = 1; i < v.length; i++) {
            assertThat(v[i]).isGreaterThanOrEqualTo(v[i - 1]);
        }
    }

    @Test
    void isotonicPoolsAdjacentViolatorsByHand() {
        // p: 0.1 0.2 0.3 0.4 with y: 1 0 0 1 -> blocks {0.1,0.2,0.3} mean 1/3, {0.4} 1
        Calibration.Isotonic iso = Calibrators.isotonic(new double[] {0.1, 0.2, 0.3, 0.4},
                new boolean[] {true, false, false, true});

        assertThat(iso.thresholds()).containsExactly(0.1, 0.4);
        assertThat(iso.values()).containsExactly(1.0 / 3, 1.0);
        assertThat(iso.apply(0.05)).isEqualTo(1.0 / 3);
        assertThat(iso.apply(0.39)).isEqualTo(1.0 / 3);
        assertThat(iso.apply(0.9)).isEqualTo(1.0);
    }

    @Test
    void isotonicKeepsOneStepForARunOfEqualRates() {
        // p: 0.1 .. 0.6 with y: 0 0 0 1 0 1 -> {0.1}, {0.2}, {0.3} all at 0 are one step; {0.4, 0.5} 1/2, {0.6} 1
        Calibration.Isotonic iso = Calibrators.isotonic(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6},
                new boolean[] {false, false, false, true, false, true});

        assertThat(iso.thresholds()).containsExactly(0.1, 0.4, 0.6);
        assertThat(iso.values()).containsExactly(0.0, 0.5, 1.0);
    }

    @Test
    void plattOfAWellCalibratedModelIsNearTheIdentity() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 20_000;
        double[] p = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            p[i] = 0.02 + 0.96 * rng.nextDouble();
            y[i] = rng.nextDouble() < p[i];
        }

        Calibration.Platt platt = Calibrators.platt(p, y);

        assertThat(platt.a()).isCloseTo(1, within(0.08));
        assertThat(platt.b()).isCloseTo(0, within(0.08));
    }

    @Test
    void fitChoosesPlattForFewPositives() {
        double[][] fit = distorted(300, 6);

        assertThat(Calibrators.fit(fit[0], labels(fit[1]))).isInstanceOf(Calibration.Platt.class);
    }
}
