package org.churnrisk.features.io.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.contract.Source;
import org.junit.jupiter.api.Test;

/** Row counts per source. */
class ReadStatsTest {

    @Test
    void addsUpFilesOfASource() {
        ReadStats stats = ReadStats.builder().add(Source.USAGE, 100, 2).add(Source.USAGE, 50, 1).build();
        assertThat(stats.of(Source.USAGE)).isEqualTo(new ReadStats.Counts(153, 150, 3));
    }

    @Test
    void aSourceNotReadCountsZero() {
        assertThat(ReadStats.builder().build().of(Source.CHURN)).isEqualTo(ReadStats.Counts.ZERO);
    }

    @Test
    void checksThatReadIsAcceptedPlusRejected() {
        assertThatThrownBy(() -> new ReadStats.Counts(10, 8, 1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("row counts: read 10 is not accepted 8 + rejected 1");
    }

    @Test
    void refusesNegativeCounts() {
        assertThatThrownBy(() -> new ReadStats.Counts(0, 1, -1)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void printsATableInSourceOrderWithATotal() {
        ReadStats stats = ReadStats.builder().add(Source.USAGE, 11_204_100, 13).add(Source.ACCOUNTS, 3000, 0).build();
        assertThat(stats.table()).isEqualTo("""
                source     rows read    accepted  rejected
                accounts       3,000       3,000         0
                usage     11,204,113  11,204,100        13
                total     11,207,113  11,207,100        13
                """);
        assertThat(stats).hasToString(stats.table());
    }

    @Test
    void totalsAllSources() {
        ReadStats stats = ReadStats.builder().add(Source.USAGE, 10, 1).add(Source.TICKETS, 5, 2).build();
        assertThat(stats.total()).isEqualTo(new ReadStats.Counts(18, 15, 3));
    }
}
