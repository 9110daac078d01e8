package org.churnrisk.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.churnrisk.core.model.Calibration;
import org.junit.jupiter.api.Test;

/**
 * {@link MarginCalibration#apply} against what it replaces, {@code calibration.apply(sigmoid(m))}:
 * the same step for isotonic calibration on every margin tried, including margins on and one
 * double either side of every moved threshold, saturated margins and thresholds of 0 and 1.
 */
class MarginCalibrationTest {
    final Random random = new Random(11);

    @Test
    void isotonicPicksExactlyTheStepTheProbabilityPicks() {
        for (Calibration.Isotonic isotonic : isotonics()) {
            MarginCalibration fast = MarginCalibration.of(isotonic);
            for (double m : margins(fast)) {
                double expected = isotonic.apply(Logistic.sigmoid(m));

                assertThat(fast.apply(m)).as("%s at margin %s", isotonic, m).isEqualTo(expected);
            }
        }
    }

    @Test
    void mostBucketsAnswerWithOneLoad() {
        double[] t = new double[42];
        double[] v = new double[42];
        for (int i = 0; i < t.length; i++) {
            t[i] = Logistic.sigmoid(-8 + 0.2 * i);
            v[i] = i / 50.0;
        }
        MarginCalibration fast = MarginCalibration.of(new Calibration.Isotonic(t, v));

        // 1,024 buckets for 42 thresholds: each threshold's guard band touches one or two.
        assertThat(fast.directBuckets()).isGreaterThan(1024 - 2 * 42);
        assertThat(fast.apply(-7.9)).isEqualTo(0.0);
        assertThat(fast.apply(-7.7)).isEqualTo(0.02);
        assertThat(fast.apply(0.3)).isEqualTo(41 / 50.0);
    }

    @Test
    void aMarginBeyondTheFastRangeOrNotANumberTakesTheOriginalPath() {
        Calibration.Isotonic isotonic = new Calibration.Isotonic(new double[] {0.1, 0.5, 0.9999999},
                new double[] {0.05, 0.4, 0.97});
        MarginCalibration fast = MarginCalibration.of(isotonic);

        assertThat(fast.apply(MarginCalibration.FAST_MAX + 5)).isEqualTo(0.4);
        assertThat(fast.apply(40)).isEqualTo(0.97);
        assertThat(fast.apply(-750)).isEqualTo(0.05);
        assertThat(fast.apply(Double.NaN)).isEqualTo(isotonic.apply(Logistic.sigmoid(Double.NaN)));
    }

    /**
     * Within 1e-12, the parity the compiled scorer promises, for slopes and intercepts that put
     * the steepest part of the curve anywhere, including at the clip near p = 1 (a = 1, b = -13
     * once differed by 3.4e-11, before the fast form was kept to margins up to 5 and slopes up
     * to 8).
     */
    @Test
    void plattOnTheMarginScaleMatchesPlattOnTheProbabilityToRounding() {
        for (double[] ab : new double[][] {{1, 0}, {1.2, -0.3}, {0.4, 2}, {-0.7, 0.1}, {3, -5}, {1, -13}, {2, -26},
                {1, -10}, {8, -40}, {-8, 40}, {20, -100}, {0.05, 0}}) {
            Calibration.Platt platt = new Calibration.Platt(ab[0], ab[1]);
            MarginCalibration fast = MarginCalibration.of(platt);
            for (double m = -40; m <= 40; m += 0.00137) {
                assertThat(fast.apply(m)).as("a=%s b=%s m=%s", ab[0], ab[1], m)
                        .isCloseTo(platt.apply(Logistic.sigmoid(m)), within(1e-12));
            }
        }
    }

    @Test
    void identityIsTheSigmoid() {
        MarginCalibration fast = MarginCalibration.of(new Calibration.Identity());

        for (double m = -800; m <= 800; m += 0.37) {
            assertThat(fast.apply(m)).isEqualTo(Logistic.sigmoid(m));
        }
    }

    private List<Calibration.Isotonic> isotonics() {
        List<Calibration.Isotonic> all = new ArrayList<>();
        all.add(new Calibration.Isotonic(new double[] {0.3}, new double[] {0.2}));
        all.add(new Calibration.Isotonic(new double[] {0, 0.2, 0.7, 1}, new double[] {0, 0.1, 0.6, 1}));
        // Clustered at small probabilities, as fitted calibrations of a rare event are.
        for (int steps : new int[] {5, 42, 400, 3000}) {
            double[] t = new double[steps];
            for (int i = 0; i < steps; i++) {
                t[i] = Math.pow(random.nextDouble(), 4);
            }
            t = Arrays.stream(t).sorted().distinct().toArray();
            double[] v = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                v[i] = (i + 1.0) / t.length;
            }
            all.add(new Calibration.Isotonic(t, v));
        }
        // Thresholds at the ends of the fast range and beyond it: below sigmoid(-700), between
        // sigmoid(10) and 1, one inside the range with the rest outside.
        double lowest = Logistic.sigmoid(MarginCalibration.FAST_MIN);
        double highest = Logistic.sigmoid(MarginCalibration.FAST_MAX);
        all.add(new Calibration.Isotonic(new double[] {lowest / 4, Math.nextDown(lowest), lowest, Math.nextUp(lowest),
            1e-300, 0.5, Math.nextDown(highest), highest, Math.nextUp(highest), 0.99999, 1 - 1e-15},
                new double[] {0.01, 0.02, 0.03, 0.04, 0.05, 0.5, 0.6, 0.7, 0.8, 0.9, 0.99}));
        all.add(new Calibration.Isotonic(new double[] {Double.MIN_VALUE, 1e-310, 0.2, 0.999999, 1 - 1e-12},
                new double[] {0.1, 0.2, 0.3, 0.4, 0.5}));
        // Steps a few units in the last place apart, and near 1.
        double[] near = {0.25, Math.nextUp(0.25), Math.nextUp(Math.nextUp(0.25)), 0.9999, 1 - 1e-12};
        all.add(new Calibration.Isotonic(near, new double[] {0.1, 0.2, 0.3, 0.4, 0.5}));
        return all;
    }

    /** Random margins over the whole range, and every moved threshold with its neighbours. */
    private List<Double> margins(MarginCalibration fast) {
        List<Double> m = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            m.add(-30 + 45 * random.nextDouble());
        }
        for (int i = 0; i < 2_000; i++) {
            m.add(-800 + 850 * random.nextDouble());
        }
        for (double u : fast.movedThresholds()) {
            if (Double.isFinite(u)) {
                double down = u;
                double up = u;
                for (int k = 0; k < 4; k++) {
                    m.add(down);
                    m.add(up);
                    down = Math.nextDown(down);
                    up = Math.nextUp(up);
                }
                m.add(u - 2e-7 * (1 + Math.abs(u)));
                m.add(u + 2e-7 * (1 + Math.abs(u)));
            }
        }
        // Margins on and next to bucket edges: a grid of 8,192 steps across the moved thresholds.
        double[] u = Arrays.stream(fast.movedThresholds()).filter(v -> v >= MarginCalibration.FAST_MIN
                && v <= MarginCalibration.FAST_MAX).toArray();
        if (u.length > 1) {
            double width = (u[u.length - 1] - u[0]) / 8192;
            for (int b = 0; b <= 8192; b += 7) {
                double edge = u[0] + b * width;
                m.add(edge);
                m.add(Math.nextDown(edge));
                m.add(Math.nextUp(edge));
            }
        }
        m.addAll(List.of(0.0, -0.0, MarginCalibration.FAST_MIN, MarginCalibration.FAST_MAX, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, -1e300, 1e300));
        return m;
    }
}
