package org.churnrisk.score.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.core.features.RiskBand;
import org.churnrisk.score.HoldoutSettings;
import org.churnrisk.score.ScoredAccount;
import org.junit.jupiter.api.Test;

class HoldoutsTest {
    static final HoldoutSettings TEN_PERCENT = new HoldoutSettings(0.1, "q4-test");
    static final LocalDate DAY1 = LocalDate.parse("2026-11-01");

    static ScoredAccount account(String id, RiskBand band, Tier tier) {
        double p = band == RiskBand.RED ? 0.4 : band == RiskBand.YELLOW ? 0.2 : 0.05;
        return new ScoredAccount(id, "Name " + id, tier, null, 10_000, null, -1, p, band, 50, List.of(), "Play " + band,
                null);
    }

    /** n accounts per (band, tier) stratum, ids prefixed so that books can be extended. */
    static List<ScoredAccount> book(String prefix, int n) {
        List<ScoredAccount> out = new ArrayList<>();
        for (RiskBand band : RiskBand.values()) {
            for (Tier tier : Tier.values()) {
                for (int i = 0; i < n; i++) {
                    out.add(account(prefix + band.label() + "-" + tier.label() + "-" + i, band, tier));
                }
            }
        }
        return out;
    }

    @Test
    void theSameAccountsAndSaltGiveTheSameAssignmentsInAnyOrder() {
        List<ScoredAccount> accounts = book("A", 40);
        List<ScoredAccount> reversed = new ArrayList<>(accounts);
        java.util.Collections.reverse(reversed);

        assertThat(Holdouts.assign(reversed, TEN_PERCENT, Map.of(), DAY1))
                .isEqualTo(Holdouts.assign(accounts, TEN_PERCENT, Map.of(), DAY1));
    }

    @Test
    void everyStratumHoldsOutItsShareToWithinOneAccount() {
        Map<String, Assignment> a = Holdouts.assign(book("A", 40), TEN_PERCENT, Map.of(), DAY1);

        for (String band : List.of("red", "yellow")) {
            for (Tier tier : Tier.values()) {
                long held = a.values().stream().filter(x -> x.band().equals(band) && x.tier().equals(tier.label()))
                        .filter(Assignment::holdout).count();
                assertThat(held).as("%s %s", band, tier).isBetween(3L, 5L);
            }
        }
        assertThat(a.values().stream().filter(Assignment::holdout).count()).isBetween(23L, 25L);
    }

    @Test
    void greenAccountsAreNotAssigned() {
        Map<String, Assignment> a = Holdouts.assign(book("A", 10), TEN_PERCENT, Map.of(), DAY1);

        assertThat(a).hasSize(2 * 3 * 10);
        assertThat(a.keySet()).noneMatch(id -> id.contains("green"));
    }

    @Test
    void accountsKeepTheirArmWhenAccountsAreAddedOnALaterRun() {
        Map<String, Assignment> day1 = Holdouts.assign(book("A", 20), TEN_PERCENT, Map.of(), DAY1);
        List<ScoredAccount> bigger = new ArrayList<>(book("A", 20));
        bigger.addAll(book("B", 30));

        Map<String, Assignment> day2 = Holdouts.assign(bigger, TEN_PERCENT, day1, DAY1.plusDays(1));

        day1.forEach((id, arm) -> assertThat(day2.get(id)).as(id).isEqualTo(arm));
        assertThat(day2).hasSize(2 * 3 * 50);
        long newHeld = day2.entrySet().stream().filter(e -> e.getKey().startsWith("B"))
                .filter(e -> e.getValue().holdout()).count();
        assertThat(newHeld).isBetween(12L, 24L);
        assertThat(day2.get("Bred-growth-0").since()).isEqualTo(DAY1.plusDays(1));
    }

    @Test
    void anotherSaltHoldsOutOtherAccounts() {
        List<ScoredAccount> accounts = book("A", 40);
        Map<String, Assignment> a = Holdouts.assign(accounts, TEN_PERCENT, Map.of(), DAY1);
        Map<String, Assignment> b = Holdouts.assign(accounts, new HoldoutSettings(0.1, "other"), Map.of(), DAY1);

        assertThat(a.entrySet().stream().filter(e -> e.getValue().holdout()).map(Map.Entry::getKey).toList())
                .isNotEqualTo(b.entrySet().stream().filter(e -> e.getValue().holdout()).map(Map.Entry::getKey).toList());
    }
}
