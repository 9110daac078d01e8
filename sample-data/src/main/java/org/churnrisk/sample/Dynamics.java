package org.churnrisk.sample;

import java.util.random.RandomGenerator;

/**
 * The hidden process that decides churn. The main simulation and the continuations behind
 * {@code truth.csv} both go through these functions, so that the truth is exact for the process
 * that made the data.
 *
 * <p>Health is {@code mu + x}: {@code mu} is an account's long-run level, {@code x} an AR(1)
 * deviation with occasional shocks (a champion leaves, a reorganisation; rarer good news). Churn
 * happens mostly at renewal, with a logistic probability that falls with health and rises for
 * accounts whose first rollout stalled, and sometimes mid-term, with a small daily hazard.
 */
final class Dynamics {
    static final int TERM_DAYS = 365;

    /** Daily mean reversion of x (half-life about 70 days). */
    static final double KAPPA = 1.0 / 100;
    /** Stationary standard deviation of x without shocks. */
    static final double X_SD = 0.75;
    static final double SIGMA = X_SD * Math.sqrt(2 * KAPPA);
    static final double MU_SD = 0.55;
    /** About one shock every two and a half years. */
    static final double SHOCK_P = 1.0 / 900;
    static final double BAD_SHOCK_SHARE = 0.75;
    static final double BAD_SHOCK = -1.4;
    static final double GOOD_SHOCK = 0.8;

    /** Renewal churn logit at health 0 by tier (Starter, Growth, Enterprise). */
    static final double[] RENEWAL_LOGIT = {-1.55, -2.3, -3.0};
    static final double RENEWAL_HEALTH_SLOPE = 1.4;
    static final double STALL_LOGIT = 2.0;
    /** Mid-term churn per year at health 0 by tier. */
    static final double[] MID_TERM_ANNUAL = {0.04, 0.02, 0.008};
    static final double MID_TERM_HEALTH_SLOPE = 1.0;

    /** Tier thresholds on ARR, as in the data contract. */
    static final double GROWTH_FLOOR = 10_000;
    static final double ENTERPRISE_FLOOR = 50_000;
    /** Price of a seat per year by tier. */
    static final double[] SEAT_PRICE = {600, 700, 1_500};

    private Dynamics() {
    }

    /** Moves health one day on. */
    static void advance(LatentState s, RandomGenerator rng) {
        s.x += -KAPPA * s.x + SIGMA * rng.nextGaussian();
        if (rng.nextDouble() < SHOCK_P) {
            s.x += rng.nextDouble() < BAD_SHOCK_SHARE ? BAD_SHOCK : GOOD_SHOCK;
        }
    }

    /**
     * How far the first rollout of the current tenure stalled, from 0 (live within a month) to
     * 1 (still not rolled out after four months).
     */
    static double stall(LatentState s) {
        return Math.min(1, Math.max(0, (s.tau - 30) / 90));
    }

    /** The probability that the account churns on {@code day}, given it was a customer before. */
    static double churnProbability(LatentState s, int day) {
        double h = s.health();
        if (day == s.termEnd) {
            double logit = RENEWAL_LOGIT[s.tier] - RENEWAL_HEALTH_SLOPE * h;
            if (s.renewals == 0) {
                logit += STALL_LOGIT * stall(s);
            }
            return 1 / (1 + Math.exp(-logit));
        }
        return MID_TERM_ANNUAL[s.tier] / 365 * Math.exp(-MID_TERM_HEALTH_SLOPE * h);
    }

    /** Starts the next term on {@code day}; ARR expands with good health and contracts with bad. */
    static void renew(LatentState s, int day, RandomGenerator rng) {
        double h = s.health();
        double change;
        if (h > 0.6) {
            change = 1.05 + 0.35 * rng.nextDouble();
        } else if (h < -0.6) {
            change = 0.70 + 0.25 * rng.nextDouble();
        } else {
            change = 0.97 + 0.11 * rng.nextDouble();
        }
        setArr(s, Math.max(1_200, Math.round(s.arr * change / 100) * 100.0));
        s.termStart = day;
        s.termEnd = day + TERM_DAYS;
        s.renewals++;
    }

    /** Sets ARR and the tier and seats that follow from it. */
    static void setArr(LatentState s, double arr) {
        s.arr = arr;
        s.tier = arr > ENTERPRISE_FLOOR ? 2 : arr >= GROWTH_FLOOR ? 1 : 0;
        s.seats = (int) Math.max(3, Math.round(arr / SEAT_PRICE[s.tier]));
    }

    /**
     * The probability that an account in state {@code s} at the end of {@code asOf} churns in
     * {@code (asOf, asOf + horizon]}, from {@code paths} simulated continuations of its health.
     *
     * <p>Each path carries its survival probability instead of drawing churn (a Rao-Blackwell
     * estimate), which has far less noise than counting churned paths.
     */
    static double churnWithin(LatentState s, int asOf, int horizon, int paths, RandomGenerator rng,
                              LatentState scratch) {
        double sum = 0;
        for (int p = 0; p < paths; p++) {
            scratch.copyFrom(s);
            double survival = 1;
            for (int day = asOf + 1; day <= asOf + horizon; day++) {
                advance(scratch, rng);
                survival *= 1 - churnProbability(scratch, day);
                if (day == scratch.termEnd) {
                    renew(scratch, day, rng);
                }
            }
            sum += 1 - survival;
        }
        return sum / paths;
    }
}
