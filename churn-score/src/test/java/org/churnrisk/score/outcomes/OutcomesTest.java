package org.churnrisk.score.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.churnrisk.score.history.Assignment;
import org.churnrisk.score.history.HistoryEntry;
import org.churnrisk.score.history.RecordedAccount;
import org.junit.jupiter.api.Test;

/** Outcomes of a two-run history worked out by hand. */
class OutcomesTest {
    static final LocalDate JAN = LocalDate.parse("2026-01-01");
    static final LocalDate APR = LocalDate.parse("2026-04-01");
    static final LocalDate DATA_END = LocalDate.parse("2026-06-30");

    static RecordedAccount a(String id, String band, double p, double arr) {
        return new RecordedAccount(id, "Name " + id, "growth", null, arr, null, p, band, 50,
                List.of("driver of " + id), "", false);
    }

    static HistoryEntry entry(LocalDate asOf, List<RecordedAccount> accounts, Map<String, Assignment> assignments) {
        return new HistoryEntry(asOf, Map.of("report", "at-risk.csv", "model", Map.of("horizon_days", 120)), accounts,
                null, assignments, null, List.of());
    }

    static Map<String, List<LocalDate>> churns() {
        Map<String, List<LocalDate>> c = new LinkedHashMap<>();
        c.put("R1", List.of(LocalDate.parse("2026-02-01")));
        c.put("Y1", List.of(LocalDate.parse("2026-06-01"))); // after January's window (ends 2026-05-01), in April's
        c.put("G1", List.of(LocalDate.parse("2026-03-01")));
        return c;
    }

    static List<HistoryEntry> history(Map<String, Assignment> assignments) {
        HistoryEntry jan = entry(JAN, List.of(a("R1", "red", 0.6, 1000), a("R2", "red", 0.5, 2000),
                a("Y1", "yellow", 0.2, 500), a("G1", "green", 0.1, 3000), a("G2", "green", 0.05, 700)), Map.of());
        HistoryEntry apr = entry(APR, List.of(a("R2", "red", 0.5, 2100), a("Y1", "yellow", 0.25, 500)), assignments);
        return List.of(jan, apr);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> run(Map<String, Object> outcomes, int i) {
        return ((List<Map<String, Object>>) outcomes.get("runs")).get(i);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> band(Map<String, Object> run, String band) {
        return (Map<String, Object>) ((Map<String, Object>) run.get("by_band")).get(band);
    }

    @Test
    void aCompleteRunCountsChurnedAndRenewedByBand() {
        Map<String, Object> jan = run(Outcomes.of(history(Map.of()), churns(), DATA_END), 0);

        assertThat(jan.get("complete")).isEqualTo(true);
        assertThat(band(jan, "red")).containsEntry("accounts", 2).containsEntry("churned", 1L)
                .containsEntry("renewed", 1L).containsEntry("pending", 0L).containsEntry("realised_rate", 0.5)
                .containsEntry("mean_predicted", 0.55).containsEntry("arr_churned", 1000.0);
        assertThat(band(jan, "yellow")).containsEntry("churned", 0L).containsEntry("renewed", 1L);
        assertThat(band(jan, "green")).containsEntry("churned", 1L).containsEntry("arr_churned", 3000.0);
    }

    @Test
    void realisedAucOfTheCompleteRun() {
        // positives R1 (0.6) and G1 (0.1) against R2, Y1, G2 (0.5, 0.2, 0.05): R1 wins 3, G1 wins 1: 4 of 6
        Map<String, Object> jan = run(Outcomes.of(history(Map.of()), churns(), DATA_END), 0);

        assertThat((Double) jan.get("realised_auc")).isCloseTo(4 / 6.0, within(1e-4));
        assertThat(jan.get("auc_accounts")).isEqualTo(5);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAccountsThatChurnedWhileGreenAreListedWithTheirDrivers() {
        Map<String, Object> jan = run(Outcomes.of(history(Map.of()), churns(), DATA_END), 0);

        List<Map<String, Object>> misses = (List<Map<String, Object>>) jan.get("churned_while_green");
        assertThat(misses).hasSize(1);
        assertThat(misses.get(0)).containsEntry("account_id", "G1").containsEntry("churned_at", "2026-03-01")
                .containsEntry("arr", 3000.0).containsEntry("drivers", List.of("driver of G1"));
    }

    @Test
    void aRunWhoseWindowIsNotOverIsPartialAndCountsNoRenewals() {
        Map<String, Object> apr = run(Outcomes.of(history(Map.of()), churns(), DATA_END), 1);

        assertThat(apr.get("complete")).isEqualTo(false);
        assertThat(apr.get("window_end")).isEqualTo("2026-07-30");
        assertThat(band(apr, "red")).containsEntry("renewed", 0L).containsEntry("pending", 1L)
                .containsEntry("churned", 0L);
        assertThat(band(apr, "yellow")).containsEntry("churned", 1L).containsEntry("realised_rate", 1.0);
        assertThat(apr.get("realised_auc")).isNull();
    }

    @Test
    void theArrIsTheOneTheReportRecorded() {
        Map<String, Object> apr = run(Outcomes.of(history(Map.of()), churns(), DATA_END), 1);

        assertThat(band(apr, "red")).containsEntry("arr", 2100.0);
    }

    static Map<String, Assignment> experiment() {
        Map<String, Assignment> m = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            m.put("T" + i, new Assignment(false, JAN, "red", "growth", 1000, i < 6 ? "Call" : "QBR"));
        }
        for (int i = 0; i < 5; i++) {
            m.put("H" + i, new Assignment(true, JAN, "red", "growth", 1000, "Call"));
        }
        m.put("H9", new Assignment(true, APR, "yellow", "growth", 1000, "Call")); // window not over: pending
        return m;
    }

    static Map<String, List<LocalDate>> experimentChurns() {
        Map<String, List<LocalDate>> c = churns();
        LocalDate feb = LocalDate.parse("2026-02-15");
        c.put("T0", List.of(feb)); // Call: 5 of 6 rescued
        c.put("T6", List.of(feb)); // QBR: 3 of 4 rescued
        c.put("H0", List.of(feb));
        c.put("H1", List.of(feb));
        c.put("H2", List.of(feb)); // holdout: 2 of 5 rescued
        return c;
    }

    @Test
    @SuppressWarnings("unchecked")
    void rescueRatesOfTreatedAndHoldoutWithIntervals() {
        Map<String, Object> rescue = (Map<String, Object>) Outcomes.of(history(experiment()), experimentChurns(),
                DATA_END).get("rescue");

        Map<String, Object> treated = (Map<String, Object>) rescue.get("treated");
        Map<String, Object> holdout = (Map<String, Object>) rescue.get("holdout_arm");
        assertThat(treated).containsEntry("rescued", 8L).containsEntry("churned", 2L).containsEntry("rescue_rate", 0.8)
                .containsEntry("ci95", List.of(0.4902, 0.9433));
        assertThat(holdout).containsEntry("rescued", 2L).containsEntry("churned", 3L).containsEntry("pending", 1L)
                .containsEntry("rescue_rate", 0.4).containsEntry("ci95", List.of(0.1176, 0.7693));
        Map<String, Object> d = (Map<String, Object>) rescue.get("difference");
        assertThat(d).containsEntry("rescue_rate_difference", 0.4).containsEntry("ci95", List.of(-0.082, 0.7167))
                .containsEntry("arr_saved", 4000.0); // (0.8 - 0.4) x the treated ARR of 10,000
    }

    @Test
    @SuppressWarnings("unchecked")
    void rescueByPlayAndThePowerLine() {
        Map<String, Object> rescue = (Map<String, Object>) Outcomes.of(history(experiment()), experimentChurns(),
                DATA_END).get("rescue");

        List<Map<String, Object>> plays = (List<Map<String, Object>>) rescue.get("by_play");
        assertThat(plays).extracting(p -> p.get("play")).containsExactly("Call", "QBR");
        assertThat(plays.get(0)).containsEntry("rescued", 5L).containsEntry("churned", 1L);
        assertThat(plays.get(1)).containsEntry("rescued", 3L).containsEntry("difference_vs_holdout", 0.35);
        Map<String, Object> power = (Map<String, Object>) rescue.get("power");
        // from the holdout's 40%: 40% against 60% needs 97 per arm; the smaller arm has 5 known outcomes
        assertThat(power.get("line")).isEqualTo(
                "with 97 flagged accounts per arm a 20-point difference is detectable at 80% power; you have 5");
    }

    @Test
    @SuppressWarnings("unchecked")
    void withoutAHoldoutTheRescueRateIsSaidNotToBeCausal() {
        Map<String, Object> outcomes = Outcomes.of(history(Map.of()), churns(), DATA_END);

        Map<String, Object> rescue = (Map<String, Object>) outcomes.get("rescue");
        assertThat(rescue.get("holdout")).isEqualTo(false);
        assertThat((String) rescue.get("statement")).contains("It is not causal");
        assertThat(OutcomesFiles.markdown(outcomes)).contains("It is not causal").contains("## Run as of 2026-04-01 (partial)");
    }

    @Test
    void theMarkdownEscapesPipesInNames() {
        List<HistoryEntry> h = new ArrayList<>(history(Map.of()));
        HistoryEntry jan = h.get(0);
        List<RecordedAccount> accounts = new ArrayList<>(jan.accounts());
        accounts.set(3, new RecordedAccount("G1", "A|B", "growth", null, 3000, null, 0.1, "green", 50, List.of("x"),
                "", false));
        h.set(0, entry(JAN, accounts, Map.of()));

        assertThat(OutcomesFiles.markdown(Outcomes.of(h, churns(), DATA_END))).contains("| A\\|B |");
    }
}
