package org.churnrisk.sample;

/**
 * The hidden commercial and health state of one account: what the simulation knows and the
 * exports never show directly. Mutable and copied for the continuations behind truth.csv.
 */
final class LatentState {
    /** Tier ordinal: 0 Starter, 1 Growth, 2 Enterprise. */
    int tier;
    double arr;
    int seats;
    /** The account's long-run health. */
    double mu;
    /** The drifting deviation from {@link #mu}; shocks land here and fade. */
    double x;
    /** Current term, [termStart, termEnd) in simulation days. */
    int termStart;
    int termEnd;
    /** Start of the current tenure: the first contract, or the restart after a churn. */
    int tenureStart;
    /** Onboarding time constant of the current tenure, in days; large means a stalled rollout. */
    double tau;
    /** Renewals within the current tenure. */
    int renewals;

    double health() {
        return mu + x;
    }

    LatentState copy() {
        LatentState c = new LatentState();
        c.copyFrom(this);
        return c;
    }

    void copyFrom(LatentState o) {
        tier = o.tier;
        arr = o.arr;
        seats = o.seats;
        mu = o.mu;
        x = o.x;
        termStart = o.termStart;
        termEnd = o.termEnd;
        tenureStart = o.tenureStart;
        tau = o.tau;
        renewals = o.renewals;
    }
}
