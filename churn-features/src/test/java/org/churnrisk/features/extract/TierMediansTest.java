package org.churnrisk.features.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.churnrisk.core.contract.Tier;
import org.junit.jupiter.api.Test;

class TierMediansTest {

    @Test
    void twoMergedPartsGiveTheMedianOfTheWholeCohort() {
        TierMedians left = new TierMedians();
        TierMedians right = new TierMedians();
        int growth = Tier.GROWTH.ordinal();
        for (double d : new double[] {5, 1, 3}) {
            left.add(growth, d);
        }
        for (double d : new double[] {4, 2, 2}) {
            right.add(growth, d);
        }
        // the whole cohort sorted: 1 2 2 3 4 5, so the mean of the middle two
        assertThat(left.merge(right).median(growth)).isEqualTo(2.5);
    }

    @Test
    void anOddCohortHasItsMiddleValue() {
        TierMedians m = new TierMedians();
        for (double d : new double[] {7, 0, 7, 1, 7}) {
            m.add(Tier.ENTERPRISE.ordinal(), d);
        }
        assertThat(m.median(Tier.ENTERPRISE.ordinal())).isEqualTo(7.0);
    }

    @Test
    void aTierWithoutAccountsHasNoMedian() {
        TierMedians m = new TierMedians();
        m.add(Tier.STARTER.ordinal(), 3);
        assertThat(m.median(Tier.GROWTH.ordinal())).isNaN();
    }
}
