package org.churnrisk.score.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.churnrisk.core.contract.Account;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.core.contract.UsageEvent;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.features.AccountHistory;
import org.churnrisk.features.FeatureConfig;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.score.ScoredAccount;
import org.junit.jupiter.api.Test;

/** The onboarding watch on hand-made accounts, their features extracted by the real extractor. */
class OnboardingTest {
    private static final LocalDate AS_OF = Hand.AS_OF; // Monday 2026-11-02

    private static Account account(String id, int daysIn) {
        return new Account(id, "Name of " + id, 5_000, 10, AS_OF.minusDays(daysIn), AS_OF.plusDays(365 - daysIn),
                Tier.STARTER, "dana");
    }

    private static UsageEvent event(String id, int daysAgo, String user, String event) {
        return new UsageEvent(id, Instant.parse(AS_OF.minusDays(daysAgo) + "T10:00:00Z"), user, event, 1, 0);
    }

    private static List<List<String>> onboarding(List<AccountHistory> histories, WorkflowSettings settings) {
        FeatureTable table = FeatureExtractor.create(FeatureConfig.DEFAULT).extract(histories, AS_OF);
        List<ScoredAccount> accounts = new ArrayList<>();
        for (AccountHistory h : histories) {
            String id = h.account().accountId();
            accounts.add(h.usage().isEmpty() ? Hand.unscored(id, Tier.STARTER, "dana", 5_000, 30)
                    : Hand.account(id, Tier.STARTER, "dana", 5_000, 0.1, 70));
        }
        Workflow w = Workflow.of(Hand.book(AS_OF, table, accounts.toArray(ScoredAccount[]::new)), settings, a -> true,
                null);
        String csv = w.files().get(Workflow.ONBOARDING);
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo(String.join(",", Workflow.ONBOARDING_COLUMNS));
        return Hand.rows(csv);
    }

    @Test
    void triggersOnSevenDaysWithoutALoginAndOnAMissedThirtyDayMilestone() {
        List<UsageEvent> busy = new ArrayList<>();
        for (int u = 1; u <= 5; u++) {
            busy.add(event("BUSY", 18 - u, "u" + u, "login"));
        }
        busy.add(event("BUSY", 10, "u1", "report_export"));
        busy.add(event("BUSY", 2, "u1", "login"));
        List<AccountHistory> histories = List.of(
                AccountHistory.of(account("BUSY", 20), busy),                                      // on track
                AccountHistory.of(account("QUIET", 20), List.of(event("QUIET", 19, "u1", "login"))), // 19 days quiet
                AccountHistory.of(account("LATE", 40), List.of(event("LATE", 39, "u1", "login"),
                        event("LATE", 1, "u1", "login"))),                                        // milestones missed
                AccountHistory.of(account("NEW", 3), List.of()),                                  // no usage yet
                AccountHistory.of(account("OLD", 200), List.of(event("OLD", 1, "u1", "login")))); // past 90 days

        List<List<String>> rows = onboarding(histories, WorkflowSettings.DEFAULT);

        assertThat(rows).extracting(r -> r.get(0)).containsExactly("LATE", "QUIET", "NEW", "BUSY");
        List<String> late = rows.get(0);
        assertThat(late.subList(4, 12)).containsExactly("2026-09-23", "40", "missed", "missed", "missed", "0", "green",
                "due");
        assertThat(late.get(13)).isEqualTo("missed the day-30 milestone: five active users, first report exported,"
                + " first integration connected");
        List<String> quiet = rows.get(1);
        assertThat(quiet.get(9)).as("days_since_last_login counts to the day before the as-of date").isEqualTo("18");
        assertThat(quiet.subList(11, 14)).containsExactly("due", "2026-11-02", "no login for 18 days");
        List<String> busyRow = rows.get(3);
        assertThat(busyRow.subList(6, 9)).containsExactly("reached day 7", "reached day 10", "due by day 30"); // the fifth user came 13 days ago
        // next trigger: 7 days after the last login (2026-11-07, a Saturday) moved to Monday 2026-11-09
        assertThat(busyRow.subList(11, 14)).containsExactly("scheduled", "2026-11-09",
                "scheduled: 7 days without a login");
        List<String> fresh = rows.get(2);
        assertThat(fresh.get(9)).as("never logged in").isEmpty();
        assertThat(fresh.get(10)).isEqualTo("unscored");
        assertThat(fresh.subList(11, 13)).containsExactly("scheduled", "2026-11-06");
    }

    @Test
    void theWindowAndTriggersComeFromTheSettings() {
        List<AccountHistory> histories = List.of(
                AccountHistory.of(account("QUIET", 20), List.of(event("QUIET", 4, "u1", "login")))); // 3 whole days before the as-of date
        WorkflowSettings strict = WorkflowSettings.from(org.churnrisk.features.io.mapping.YamlTree
                .parse("workflow: {no_login_days: 3, onboarding_days: 30, milestone_day: 10}", "churn.yaml")
                .section("workflow"));

        List<List<String>> rows = onboarding(histories, strict);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get(11)).isEqualTo("due");
        assertThat(rows.get(0).get(13)).isEqualTo("no login for 3 days; missed the day-10 milestone: five active"
                + " users, first report exported, first integration connected");
        assertThat(onboarding(histories, WorkflowSettings.DEFAULT).get(0).get(11)).isEqualTo("scheduled");
    }
}
