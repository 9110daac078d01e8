package org.churnrisk.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DynamicsTest {

    private static LatentState account(double health, int tier, int termEnd) {
        LatentState s = new LatentState();
        Dynamics.setArr(s, new double[] {5_000, 20_000, 120_000}[tier]);
        s.mu = health;
        s.x = 0;
        s.tenureStart = termEnd - 365;
        s.termStart = termEnd - 365;
        s.termEnd = termEnd;
        s.tau = 20;
        return s;
    }

    @Test
    void renewalChurnFallsWithHealth() {
        double sick = Dynamics.churnProbability(account(-1, 0, 100), 100);
        double fine = Dynamics.churnProbability(account(1, 0, 100), 100);

        assertThat(sick).isGreaterThan(3 * fine);
    }

    @Test
    void churnConcentratesAtRenewal() {
        LatentState s = account(0, 1, 100);

        assertThat(Dynamics.churnProbability(s, 100)).isGreaterThan(100 * Dynamics.churnProbability(s, 99));
    }

    @Test
    void aStalledRolloutRaisesOnlyTheFirstRenewalRisk() {
        LatentState quick = account(0, 0, 100);
        LatentState stalled = account(0, 0, 100);
        stalled.tau = 150;

        assertThat(Dynamics.churnProbability(stalled, 100)).isGreaterThan(1.5 * Dynamics.churnProbability(quick, 100));
        stalled.renewals = 1;
        assertThat(Dynamics.churnProbability(stalled, 100)).isEqualTo(Dynamics.churnProbability(quick, 100));
    }

    @Test
    void tierFollowsArrAsTheContractSays() {
        LatentState s = new LatentState();
        Dynamics.setArr(s, 9_999);
        assertThat(s.tier).isZero();
        Dynamics.setArr(s, 10_000);
        assertThat(s.tier).isEqualTo(1);
        Dynamics.setArr(s, 50_000);
        assertThat(s.tier).isEqualTo(1);
        Dynamics.setArr(s, 50_001);
        assertThat(s.tier).isEqualTo(2);
    }

    @Test
    void truthEstimateMatchesCountingSimulatedChurns() {
        LatentState start = account(-0.3, 0, 160);
        int asOf = 100;
        double estimate = Dynamics.churnWithin(start, asOf, 120, 4_000, new SplittableRandom(1), new LatentState());

        SplittableRandom rng = new SplittableRandom(2);
        int runs = 20_000;
        int churned = 0;
        LatentState s = new LatentState();
        for (int run = 0; run < runs; run++) {
            s.copyFrom(start);
            for (int day = asOf + 1; day <= asOf + 120; day++) {
                Dynamics.advance(s, rng);
                if (rng.nextDouble() < Dynamics.churnProbability(s, day)) {
                    churned++;
                    break;
                }
                if (day == s.termEnd) {
                    Dynamics.renew(s, day, rng);
                }
            }
        }

        assertThat(estimate).isCloseTo((double) churned / runs, offset(0.012));
        assertThat(estimate).isBetween(0.2, 0.6);
    }

    @Test
    void truthIsSmallWhenRenewalIsBeyondTheHorizon() {
        LatentState far = account(0, 1, 400);

        double p = Dynamics.churnWithin(far, 100, 120, 500, new SplittableRandom(3), new LatentState());

        assertThat(p).isBetween(0.001, 0.03);
    }
}
