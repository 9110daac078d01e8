package org.churnrisk.score.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.score.ScoredAccount;
import org.junit.jupiter.api.Test;

class WorklistsTest {
    // p x ARR: E1 0.40 x 60k = 24k, E2 0.35 x 200k = 70k, E3 0.10 x 90k = 9k
    private static final ScoredAccount E1 = Hand.account("E1", Tier.ENTERPRISE, "Dana Lee", 60_000, 0.40, 40);
    private static final ScoredAccount E2 = Hand.account("E2", Tier.ENTERPRISE, "Dana Lee", 200_000, 0.35, 55);
    private static final ScoredAccount E3 = Hand.account("E3", Tier.ENTERPRISE, "Dana Lee", 90_000, 0.10, 80);
    private static final ScoredAccount E4 = Hand.account("E4", Tier.ENTERPRISE, null, 70_000, 0.50, 30);
    private static final ScoredAccount G1 = Hand.account("G1", Tier.GROWTH, "pool", 20_000, 0.20, 60);
    private static final ScoredAccount G2 = Hand.account("G2", Tier.GROWTH, "pool", 30_000, 0.05, 90);
    private static final ScoredAccount S1 = Hand.account("S1", Tier.STARTER, null, 5_000, 0.40, 45, 30, null);

    private static List<List<String>> rows(String csv) {
        return Hand.rows(csv);
    }

    private static Workflow workflow(WorkflowSettings settings) {
        return Workflow.of(Hand.book(E1, E2, E3, E4, G1, G2, S1), settings, a -> true, null);
    }

    @Test
    void aCsmsListIsRankedByProbabilityAndCappedAtTheWeeklyCapacity() {
        Workflow w = workflow(WorkflowSettings.DEFAULT.withWeeklyCapacity(2));
        String csv = w.files().get("worklists/dana_lee.csv");

        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo(String.join(",", Workflow.WORKLIST_COLUMNS));
        assertThat(rows(csv)).extracting(r -> r.get(0) + " " + r.get(1) + " " + r.get(2))
                .containsExactly("1 worklist E1", "2 worklist E2", "3 overflow E3");
        @SuppressWarnings("unchecked")
        Map<String, Object> dana = (Map<String, Object>) ((Map<String, Object>) w.summary().get("worklists"))
                .get("Dana Lee");
        assertThat(dana).containsEntry("worklist", 2).containsEntry("overflow", 1);
    }

    @Test
    void rankingByArrAtRiskPutsTheLargerExpectedLossFirst() {
        Workflow w = workflow(WorkflowSettings.DEFAULT.withRankBy(RankingKey.ARR_AT_RISK));

        assertThat(rows(w.files().get("worklists/dana_lee.csv"))).extracting(r -> r.get(2))
                .containsExactly("E2", "E1", "E3");
        assertThat(w.summary()).containsEntry("rank_by", "arr_at_risk");
    }

    @Test
    void theGrowthQueueHoldsRedAndYellowGrowthAccountsAndEnterpriseOnesWithoutACsm() {
        Workflow w = workflow(WorkflowSettings.DEFAULT);
        List<List<String>> queue = rows(w.files().get(Workflow.GROWTH_QUEUE));

        assertThat(queue).extracting(r -> r.get(1)).containsExactly("E4", "G1");
        // opened on Monday 2026-11-02 at midnight, due 48 business hours later
        assertThat(queue.get(0).subList(12, 14)).containsExactly("2026-11-02 00:00", "2026-11-04 00:00");
        assertThat(w.files().keySet()).containsExactly("adoption.csv", "alerts.csv", "digital-journey.csv", "onboarding.csv",
                "worklists/dana_lee.csv", "worklists/growth-queue.csv");
    }

    @Test
    void theSlaCountsBusinessHoursOnly() {
        Workflow w = Workflow.of(Hand.book(java.time.LocalDate.parse("2026-11-06"), null, G1), WorkflowSettings.DEFAULT,
                a -> true, null);

        assertThat(rows(w.files().get(Workflow.GROWTH_QUEUE)).get(0).get(13)).isEqualTo("2026-11-10 00:00");
    }

    @Test
    void everyStarterAccountGetsOneSequence() {
        ScoredAccount green = Hand.account("S2", Tier.STARTER, null, 4_000, 0.05, 85);
        ScoredAccount yellow = Hand.account("S3", Tier.STARTER, null, 4_000, 0.20, 70);
        ScoredAccount noUsage = Hand.unscored("S4", Tier.STARTER, null, 3_000, 20);
        Workflow w = Workflow.of(Hand.book(S1, green, yellow, noUsage, G1), WorkflowSettings.DEFAULT, a -> true, null);

        assertThat(rows(w.files().get(Workflow.DIGITAL_JOURNEY))).extracting(r -> r.get(0) + " " + r.get(3))
                .containsExactly("S1 renewal_reminder", "S3 feature_spotlight", "S2 none", "S4 onboarding_tips");
    }

    @Test
    void accountsThatGetNoPlayAreLeftOutOfEveryFile() {
        Workflow w = Workflow.of(Hand.book(E1, E2, G1, S1), WorkflowSettings.DEFAULT,
                a -> !a.accountId().equals("E1") && !a.accountId().equals("S1"), null);

        assertThat(String.join("", w.files().values())).doesNotContain("E1").doesNotContain("S1").contains("E2");
        assertThat(w.summary()).containsEntry("excluded_from_plays", 2);
    }

    @Test
    void csmFileNamesAreSafeAndDistinct() {
        assertThat(Workflow.fileNames(List.of("Dana Lee", "dana_lee", "growth-queue", ".hidden", "=cmd|x", "Zoë")))
                .containsExactly(Map.entry("Dana Lee", "dana_lee"), Map.entry("dana_lee", "dana_lee-2"),
                        Map.entry("growth-queue", "growth-queue-2"), Map.entry(".hidden", "_.hidden"),
                        Map.entry("=cmd|x", "_cmd_x"), Map.entry("Zoë", "zo_"));
    }

    @Test
    void textCellsAreSpreadsheetSafe() {
        ScoredAccount evil = new ScoredAccount("=1+1", "@SUM(A1)", Tier.ENTERPRISE, "dana", 60_000, null, -1, 0.5,
                Hand.band(0.5), 30, List.of(), "-run", null, "+ae");
        Workflow w = Workflow.of(Hand.book(evil), WorkflowSettings.DEFAULT, a -> true, null);

        assertThat(w.files().get("worklists/dana.csv")).contains("'=1+1,'@SUM(A1)").contains("'-run");
        assertThat(w.files().get(Workflow.ALERTS)).contains("'+ae");
    }

    @Test
    void theSameBookGivesTheSameFiles() {
        assertThat(workflow(WorkflowSettings.DEFAULT).files()).isEqualTo(workflow(WorkflowSettings.DEFAULT).files());
    }
}
