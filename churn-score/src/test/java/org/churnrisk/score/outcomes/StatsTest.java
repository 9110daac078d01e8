package org.churnrisk.score.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void wilsonIntervalOf8In10() {
        double[] ci = Stats.wilson(8, 10);
        assertThat(ci[0]).isCloseTo(0.4902, within(1e-4));
        assertThat(ci[1]).isCloseTo(0.9433, within(1e-4));
    }

    /** Newcombe (1998), Statistics in Medicine 17:873, table II, example (a): 56/70 - 48/80. */
    @Test
    void newcombeHybridIntervalOfHisFirstExample() {
        double[] ci = Stats.newcombe(56, 70, 48, 80);
        assertThat(ci[0]).isCloseTo(0.0524, within(1e-4));
        assertThat(ci[1]).isCloseTo(0.3339, within(1e-4));
    }

    /** Fleiss' table of sample sizes: 20% against 40% at 5% two-sided and 80% power needs 82 per group (no continuity correction). */
    @Test
    void accountsPerArmFor20Against40Percent() {
        assertThat(Stats.perArm(0.2, 0.4)).isEqualTo(82);
    }

    @Test
    void aucCountsPairsAndTiesHalf() {
        // positives 0.9 and 0.4; negatives 0.4 and 0.1: pairs (0.9>0.4, 0.9>0.1, 0.4=0.4 half, 0.4>0.1) = 3.5 of 4
        assertThat(Stats.auc(new double[] {0.9, 0.4, 0.4, 0.1}, new boolean[] {true, true, false, false}))
                .isEqualTo(3.5 / 4);
        assertThat(Stats.auc(new double[] {0.9}, new boolean[] {true})).isNaN();
    }
}
