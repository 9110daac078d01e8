package org.churnrisk.score.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.churnrisk.core.contract.Account;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.core.contract.UsageEvent;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.features.AccountHistory;
import org.churnrisk.features.FeatureConfig;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.score.ScoredAccount;
import org.junit.jupiter.api.Test;

/**
 * adoption.csv on a tiny Growth book done by hand, its module usage counted by the real extractor.
 *
 * <pre>
 * modules: reporting [report_build, report_export], automation [workflow_run]
 * account  seats  reporting events (per seat)  automation events (per seat)  probability
 *   A       10        20 (2.0)                     10 (1.0)                     0.40
 *   B       10        10 (1.0)                      0 (0.0)                     0.30
 *   C       20        80 (4.0)                     40 (2.0)                     0.20
 *   D       none       5                            0                           0.10
 * </pre>
 * Growth medians over A, B, C (D has no seats): reporting median(2, 1, 4) = 2, automation
 * median(1, 0, 2) = 1. B: reporting 1 / 2 = 0.5 (yellow: not below 0.5, below 0.8), automation
 * 0 / 1 = 0 (red), the conversation: automation, never used, so expansion.
 */
class AdoptionTest {
    private static final LocalDate AS_OF = Hand.AS_OF;
    private static final FeatureConfig MODULES = FeatureConfig.builder()
            .modules(Map.of("reporting", Set.of("report_build", "report_export"), "automation", Set.of("workflow_run")))
            .build();

    private static Account account(String id, Integer seats) {
        return new Account(id, "Name of " + id, 12_000, seats, AS_OF.minusDays(400), AS_OF.plusDays(100), Tier.GROWTH,
                "dana");
    }

    private static UsageEvent event(String id, int daysAgo, String event, int quantity) {
        return new UsageEvent(id, Instant.parse(AS_OF.minusDays(daysAgo) + "T10:00:00Z"), "u1", event, quantity, 0);
    }

    private static List<AccountHistory> book() {
        return List.of(
                AccountHistory.of(account("A", 10), List.of(event("A", 5, "report_build", 20),
                        event("A", 30, "workflow_run", 10),     // the first day of the 30-day window
                        event("A", 31, "report_build", 100),    // before the window
                        event("A", 0, "report_build", 100))),   // on the as-of date: not yet known
                AccountHistory.of(account("B", 10), List.of(event("B", 3, "report_build", 10), event("B", 2, "login", 4))),
                AccountHistory.of(account("C", 20), List.of(event("C", 1, "report_export", 80),
                        event("C", 1, "workflow_run", 40))),
                AccountHistory.of(account("D", null), List.of(event("D", 1, "report_build", 5))));
    }

    private static String adoption(FeatureConfig config, Predicate<ScoredAccount> getsAPlay) {
        FeatureTable table = FeatureExtractor.create(config).extract(book(), AS_OF);
        List<ScoredAccount> accounts = new ArrayList<>();
        double p = 0.4;
        for (String id : List.of("A", "B", "C", "D")) {
            accounts.add(Hand.account(id, Tier.GROWTH, "dana", 12_000, p, 70));
            p -= 0.1;
        }
        Workflow w = Workflow.of(Hand.book(AS_OF, table, accounts.toArray(ScoredAccount[]::new)),
                WorkflowSettings.DEFAULT, getsAPlay, null);
        return w.files().get(Workflow.ADOPTION);
    }

    @Test
    void theHeaderIsTheDocumentedColumns() {
        assertThat(adoption(MODULES, a -> true).lines().findFirst().orElseThrow())
                .isEqualTo("rank,account_id,account_name,tier,csm,licensed_seats,module,events_30d,events_per_seat_30d,"
                        + "cohort_median,cohort_accounts,ratio_to_median,band,conversation");
    }

    @Test
    void rowsFollowTheAccountRankingThenTheModuleName() {
        List<List<String>> rows = Hand.rows(adoption(MODULES, a -> true));

        assertThat(rows).extracting(r -> r.get(0) + " " + r.get(1) + " " + r.get(6)).containsExactly(
                "1 A automation", "1 A reporting", "2 B automation", "2 B reporting", "3 C automation", "3 C reporting",
                "4 D automation", "4 D reporting");
    }

    @Test
    void utilisationIsPerLicensedSeatOverTheThirtyDaysBeforeTheAsOfDate() {
        List<List<String>> rows = Hand.rows(adoption(MODULES, a -> true));

        // A: 20 reporting events (the 100 before the window and the 100 on the as-of date left out), 10 automation
        assertThat(rows.get(0).subList(5, 14)).containsExactly("10", "automation", "10", "1", "1", "3", "1", "green", "");
        assertThat(rows.get(1).subList(5, 14)).containsExactly("10", "reporting", "20", "2", "2", "3", "1", "green", "");
    }

    @Test
    void theModuleMostBelowItsTierMedianIsTheConversation() {
        List<List<String>> rows = Hand.rows(adoption(MODULES, a -> true));

        assertThat(rows.get(2).subList(6, 14)).containsExactly("automation", "0", "0", "1", "3", "0", "red",
                "expansion");
        assertThat(rows.get(3).subList(6, 14)).containsExactly("reporting", "10", "1", "2", "3", "0.5", "yellow", "");
    }

    @Test
    void anAccountWithoutKnownSeatsHasNoUtilisationAndStaysOutOfTheMedian() {
        List<List<String>> rows = Hand.rows(adoption(MODULES, a -> true));

        assertThat(rows.get(7).subList(5, 14)).containsExactly("", "reporting", "5", "", "", "", "", "", "");
    }

    @Test
    void accountsLeftOutOfThePlaysStillCountInTheirCohort() {
        List<List<String>> rows = Hand.rows(adoption(MODULES, a -> !a.accountId().equals("C")));

        assertThat(rows).extracting(r -> r.get(1)).doesNotContain("C");
        // B's reporting median is still median(2, 1, 4) = 2 over three accounts
        assertThat(rows.get(3).subList(6, 12)).containsExactly("reporting", "10", "1", "2", "3", "0.5");
    }

    @Test
    void theBandsFollowTheConfiguredRatios() {
        assertThat(Adoption.band(0.49, WorkflowSettings.DEFAULT)).isEqualTo("red");
        assertThat(Adoption.band(0.5, WorkflowSettings.DEFAULT)).isEqualTo("yellow");
        assertThat(Adoption.band(0.8, WorkflowSettings.DEFAULT)).isEqualTo("green");
        assertThat(Adoption.band(0.5, WorkflowSettings.DEFAULT.withAdoptionBands(0.6, 0.9))).isEqualTo("red");
        assertThat(Adoption.band(Double.NaN, WorkflowSettings.DEFAULT)).as("median 0: nobody is behind").isEqualTo("green");
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Adoption.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(Adoption.median(new double[] {2, 1, 4})).isEqualTo(2.0);
    }

    @Test
    void withoutConfiguredModulesTheDefaultGroupsAreReported() {
        List<List<String>> rows = Hand.rows(adoption(FeatureConfig.DEFAULT, a -> true));

        assertThat(rows).extracting(r -> r.get(6)).startsWith("core", "exports", "integrations");
        // core: every feature event (no core features named): A's 20 report_build and 10 workflow_run
        assertThat(rows.get(0).get(7)).isEqualTo("30");
    }
}
