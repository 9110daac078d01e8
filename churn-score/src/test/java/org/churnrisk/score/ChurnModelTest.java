package org.churnrisk.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.contract.Account;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.core.contract.UsageEvent;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.core.features.RiskBand;
import org.churnrisk.core.model.Calibration;
import org.churnrisk.core.scoring.LinearScorer;
import org.churnrisk.features.AccountHistory;
import org.churnrisk.features.Feature;
import org.churnrisk.features.FeatureConfig;
import org.junit.jupiter.api.Test;

/**
 * ChurnModel around a hand-made linear scorer: risk falls with logins and rises with days since the
 * last one; the Growth accounts that renewed logged in 30 times in 30 days, the last time 2 days ago.
 */
class ChurnModelTest {
    static final LocalDate AS_OF = LocalDate.parse("2026-10-01");
    static final ChurnModel MODEL = ChurnModel.of(scorer(), ScoringSettings.DEFAULT).withReferences(Vectors.renewed(
            Vectors.zeros().set(Feature.TIER_GROWTH, 1).set(Feature.LOGINS_30D, 30).set(Feature.HAS_ACTIVITY, 1)
                    .set(Feature.DAYS_SINCE_LAST_LOGIN, 2).get()));

    static LinearScorer scorer() {
        double[] w = new double[Feature.values().length];
        double[] means = new double[w.length];
        w[Feature.LOGINS_30D.ordinal()] = -0.2;
        w[Feature.DAYS_SINCE_LAST_LOGIN.ordinal()] = 0.05;
        means[Feature.DAYS_SINCE_LAST_LOGIN.ordinal()] = 10;
        return LinearScorer.of(Feature.SCHEMA, w, -1.0, means, new Calibration.Identity());
    }

    static AccountHistory account(String id, double arr, int logins, String lastLogin) {
        Account a = new Account(id, "Name " + id, arr, 10, LocalDate.parse("2024-01-01"),
                LocalDate.parse("2027-01-01"), null, "kim");
        List<UsageEvent> usage = new ArrayList<>();
        if (logins > 0) {
            usage.add(new UsageEvent(id, Instant.parse(lastLogin + "T10:00:00Z"), "u1", "login", logins, 0));
        }
        return AccountHistory.of(a, usage);
    }

    @Test
    void theProbabilityIsTheScorersCalibratedOne() {
        double[] x = Vectors.zeros().set(Feature.LOGINS_30D, 3).set(Feature.DAYS_SINCE_LAST_LOGIN, 40).get();

        assertThat(MODEL.probability(x)).isEqualTo(1 / (1 + Math.exp(-(-1.0 - 0.6 + 0.05 * 40))));
    }

    @Test
    void aVectorOfTheWrongLengthIsRefusedWithTheExpectedLength() {
        assertThatThrownBy(() -> MODEL.probability(new double[3])).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("3 values").hasMessageContaining("expected 85");
    }

    @Test
    void aValueThatIsNotANumberIsRefusedNamingTheFeature() {
        double[] x = Vectors.zeros().set(Feature.OPEN_TICKETS, Double.NaN).get();

        assertThatThrownBy(() -> MODEL.probability(x)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'open_tickets' is NaN");
    }

    @Test
    void contributionsAddUpToTheMarginFromTheBase() {
        double[] x = Vectors.zeros().set(Feature.LOGINS_30D, 3).set(Feature.DAYS_SINCE_LAST_LOGIN, 40)
                .set(Feature.HAS_ACTIVITY, 1).get();

        Explanation e = MODEL.explain(x);

        double sum = e.contributions().stream().mapToDouble(Explanation.Contribution::contribution).sum();
        assertThat(e.base() + sum).isCloseTo(e.margin(), within(1e-12));
        assertThat(e.contributions()).hasSize(Feature.values().length);
    }

    @Test
    void contributionsAreSortedBySizeWithTheirSign() {
        double[] x = Vectors.zeros().set(Feature.LOGINS_30D, 3).set(Feature.DAYS_SINCE_LAST_LOGIN, 40).get();

        Explanation e = MODEL.explain(x);

        assertThat(e.contributions().subList(0, 2)).extracting(Explanation.Contribution::feature)
                .containsExactly(Feature.DAYS_SINCE_LAST_LOGIN, Feature.LOGINS_30D);
        assertThat(e.contributions().get(1).contribution()).isCloseTo(-0.6, within(1e-12));
    }

    @Test
    void accountsInMemoryAreRankedByProbabilityThenArr() {
        ScoredBook book = MODEL.score(List.of(account("B", 5_000, 2, "2026-09-20"),
                account("A", 9_000, 2, "2026-09-20"), account("C", 9_000, 40, "2026-09-28")),
                FeatureConfig.DEFAULT, AS_OF);

        assertThat(book.ranked()).extracting(ScoredAccount::accountId).containsExactly("A", "B", "C");
    }

    @Test
    void anAccountWithoutUsageIsListedLastWithTheReason() {
        ScoredBook book = MODEL.score(List.of(account("A", 1_000, 0, null), account("B", 5_000, 2, "2026-09-20")),
                FeatureConfig.DEFAULT, AS_OF);

        ScoredAccount last = book.accounts().get(1);
        assertThat(last.accountId()).isEqualTo("A");
        assertThat(last.scored()).isFalse();
        assertThat(last.unscoredReason()).isEqualTo("no product usage before 2026-10-01");
        assertThat(last.play()).startsWith("Data check");
    }

    @Test
    void aScoredAccountCarriesItsNameTierBandDriversAndPlay() {
        ScoredAccount a = MODEL.score(List.of(account("A", 20_000, 1, "2026-07-05")), FeatureConfig.DEFAULT, AS_OF)
                .accounts().get(0);

        assertThat(a.name()).isEqualTo("Name A");
        assertThat(a.tier()).isEqualTo(Tier.GROWTH);
        assertThat(a.band()).isEqualTo(RiskBand.RED);
        assertThat(a.drivers()).extracting(Driver::group).containsExactly(DriverGroup.LOGINS);
        assertThat(a.drivers().get(0).phrase()).isEqualTo("last login 87 days ago; growth accounts that renewed have a median of 2 days");
        assertThat(a.play()).startsWith("Re-engagement");
        assertThat(a.renewalDate()).isEqualTo(LocalDate.parse("2027-01-01"));
        assertThat(a.daysToRenewal()).isEqualTo(92);
    }

    @Test
    void otherBandThresholdsChangeTheBand() {
        ChurnModel strict = MODEL.withSettings(ScoringSettings.DEFAULT.withBands(0.99, 0.98));

        ScoredAccount a = strict.score(List.of(account("A", 20_000, 1, "2026-07-05")), FeatureConfig.DEFAULT, AS_OF)
                .accounts().get(0);

        assertThat(a.band()).isEqualTo(RiskBand.GREEN);
    }

    @Test
    void concurrentCallersGetTheSameScores() throws Exception {
        List<AccountHistory> accounts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            accounts.add(account(String.format("A%03d", i), 1_000 + i, 1 + i % 7, "2026-09-" + (10 + i % 19)));
        }
        List<ScoredAccount> expected = MODEL.score(accounts, FeatureConfig.DEFAULT, AS_OF).accounts();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<ScoredAccount>>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> MODEL.score(accounts, FeatureConfig.DEFAULT, AS_OF).accounts()));
            }
            for (Future<List<ScoredAccount>> r : results) {
                assertThat(r.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aLargeTableIsScoredInBlocksAsEachVectorOnItsOwn() {
        int rows = 2 * ChurnModel.CHUNK_ROWS + ChurnModel.BLOCK_ROWS + 5;
        int n = Feature.values().length;
        java.util.Random rnd = new java.util.Random(7);
        double[] values = new double[rows * n];
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            ids.add(String.format("A%05d", r));
            values[r * n + Feature.LOGINS_30D.ordinal()] = rnd.nextInt(40);
            values[r * n + Feature.DAYS_SINCE_LAST_LOGIN.ordinal()] = rnd.nextInt(90);
            values[r * n + Feature.HAS_ACTIVITY.ordinal()] = r % 97 == 0 ? 0 : 1;
        }
        values[100 * n + Feature.OPEN_TICKETS.ordinal()] = Double.NaN;
        FeatureTable table = new FeatureTable(Feature.SCHEMA, AS_OF, ids, values, new double[rows]);

        List<ScoredAccount> scored = MODEL.score(table, java.util.Map.of(), org.churnrisk.core.ProgressListener.NONE);

        assertThat(scored).hasSize(rows);
        for (ScoredAccount a : scored) {
            double[] x = table.row(table.rowOf(a.accountId()));
            if (a.scored()) {
                Explanation e = MODEL.explain(x);
                assertThat(a.probability()).isEqualTo(e.probability());
                assertThat(a.drivers()).isEqualTo(e.drivers());
            } else {
                assertThat(a.unscoredReason()).isEqualTo(ChurnModel.unscorable(x, 0, AS_OF));
            }
        }
        assertThat(scored.stream().filter(a -> !a.scored()).count()).isEqualTo(rows / 97 + 2);
    }
}
