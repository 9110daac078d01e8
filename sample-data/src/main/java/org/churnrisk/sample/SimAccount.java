package org.churnrisk.sample;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** One simulated account: its hidden state, what it has done, and what it needs to write rows. */
final class SimAccount {
    enum Status { PENDING, ACTIVE, CHURNED }

    /** A term of the commercial history, in simulation days. */
    record Term(int start, int end, double arr, int seats, int tier) { }

    /** A churn event, in simulation days. */
    record Churn(int day, String reason) { }

    final int index;
    final String id;
    final byte[] idBytes;
    final String name;
    final String csm;
    final int firstStart;
    final LatentState state = new LatentState();
    /** Drives the hidden process only, so that changing what is observed never changes who churns. */
    final SplittableRandom latentRng;
    /** Drives what the exports show. */
    final SplittableRandom obsRng;
    final List<Term> terms = new ArrayList<>();
    final List<Churn> churns = new ArrayList<>();
    Status status = Status.PENDING;

    /** Per-user activity propensity; index i is user {@code id-u<i+1>}. */
    double[] propensity = new double[0];
    private byte[][] userIds = new byte[0][];
    boolean integrationConnected;
    /** Day within the quarter on which this account's NPS campaign goes out. */
    final int npsOffset;
    /** Day within the month of the CSAT pulse. */
    final int csatOffset;

    SimAccount(int index, String id, String name, String csm, int firstStart, SplittableRandom latentRng,
               SplittableRandom obsRng) {
        this.index = index;
        this.id = id;
        this.idBytes = id.getBytes(StandardCharsets.US_ASCII);
        this.name = name;
        this.csm = csm;
        this.firstStart = firstStart;
        this.latentRng = latentRng;
        this.obsRng = obsRng;
        this.npsOffset = obsRng.nextInt(91);
        this.csatOffset = obsRng.nextInt(30);
    }

    /** Makes sure there is a propensity for every licensed seat; new users get fresh ones. */
    void provisionUsers() {
        int seats = state.seats;
        if (propensity.length < seats) {
            int old = propensity.length;
            propensity = java.util.Arrays.copyOf(propensity, seats);
            userIds = java.util.Arrays.copyOf(userIds, seats);
            for (int u = old; u < seats; u++) {
                double v = obsRng.nextDouble();
                propensity[u] = 0.12 + 0.83 * v * v;
            }
        }
    }

    byte[] userId(int u) {
        byte[] b = userIds[u];
        if (b == null) {
            b = userIdString(u).getBytes(StandardCharsets.US_ASCII);
            userIds[u] = b;
        }
        return b;
    }

    String userIdString(int u) {
        return id + "-u" + (u + 1);
    }

    void recordTerm() {
        terms.add(new Term(state.termStart, state.termEnd, state.arr, state.seats, state.tier));
    }
}
