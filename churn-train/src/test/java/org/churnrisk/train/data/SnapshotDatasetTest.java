package org.churnrisk.train.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.churnrisk.core.contract.Account;
import org.churnrisk.core.contract.ChurnEvent;
import org.churnrisk.core.contract.Contract;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.features.AccountHistory;
import org.churnrisk.features.FeatureConfig;
import org.churnrisk.features.FeatureExtractor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Labels and censoring on a hand-made book, as of 2025-06-01 with a 120-day horizon (window ends 2025-09-29). */
class SnapshotDatasetTest {
    static final LocalDate T = LocalDate.of(2025, 6, 1);
    static final LocalDate DATA_END = LocalDate.of(2025, 12, 31);
    static List<FeatureTable> tables;
    static Map<String, List<LocalDate>> churns = new TreeMap<>();

    static AccountHistory account(String id, List<Contract> contracts, List<LocalDate> churnDates) {
        churns.put(id, churnDates);
        return new AccountHistory(new Account(id, id, 20_000, 10, contracts.get(0).startDate(), null, null, null),
                contracts, churnDates.stream().map(d -> new ChurnEvent(id, d, "budget")).toList(), List.of(), List.of(),
                List.of(), List.of());
    }

    static Contract term(String id, String start) {
        LocalDate s = LocalDate.parse(start);
        return new Contract(id, s, s.plusYears(1), 20_000, 10, "annual");
    }

    @BeforeAll
    static void extract() {
        List<AccountHistory> book = new ArrayList<>();
        book.add(account("A-at-horizon", List.of(term("A-at-horizon", "2025-01-01")), List.of(LocalDate.of(2025, 9, 29))));
        book.add(account("B-after-horizon", List.of(term("B-after-horizon", "2025-01-01")), List.of(LocalDate.of(2025, 9, 30))));
        book.add(account("C-on-the-date", List.of(term("C-on-the-date", "2025-01-01")), List.of(T)));
        book.add(account("D-came-back", List.of(term("D-came-back", "2024-06-01"), term("D-came-back", "2025-05-26")),
                List.of(LocalDate.of(2025, 5, 20))));
        book.add(account("E-stays", List.of(term("E-stays", "2025-01-01")), List.of()));
        book.add(account("F-gone", List.of(term("F-gone", "2024-01-01")), List.of(LocalDate.of(2024, 11, 1))));
        tables = FeatureExtractor.create(FeatureConfig.DEFAULT).extract(book, List.of(T));
    }

    @Test
    void aChurnExactlyAtTheEndOfTheWindowIsPositiveAndOneDayLaterIsNot() {
        SnapshotDataset d = SnapshotDataset.label(tables, churns, DATA_END, LabelPolicy.DEFAULT);

        assertThat(label(d, "A-at-horizon")).isTrue();
        assertThat(label(d, "B-after-horizon")).isFalse();
        assertThat(label(d, "E-stays")).isFalse();
    }

    @Test
    void anAccountThatChurnedOnTheDateIsNotActiveThen() {
        SnapshotDataset d = SnapshotDataset.label(tables, churns, DATA_END, LabelPolicy.DEFAULT);

        assertThat(accounts(d)).doesNotContain("C-on-the-date");
        assertThat(d.churnedOnDate()).isEqualTo(1);
    }

    @Test
    void aReactivatedAccountIsActiveAgainFromItsNewStart() {
        SnapshotDataset d = SnapshotDataset.label(tables, churns, DATA_END, LabelPolicy.DEFAULT);

        assertThat(label(d, "D-came-back")).isFalse();
        assertThat(accounts(d)).doesNotContain("F-gone");
        assertThat(accounts(d)).containsExactly("A-at-horizon", "B-after-horizon", "D-came-back", "E-stays");
    }

    @Test
    void aWindowRunningPastTheDataIsCensoredNotNegative() {
        SnapshotDataset d = SnapshotDataset.label(tables, churns, LocalDate.of(2025, 9, 28), LabelPolicy.DEFAULT);

        assertThat(d.size()).isZero();
        assertThat(d.censored()).isEqualTo(4);
        assertThat(d.churnedOnDate()).isEqualTo(1);
    }

    @Test
    void aWindowEndingOnTheLastDayOfDataIsKnown() {
        SnapshotDataset d = SnapshotDataset.label(tables, churns, LocalDate.of(2025, 9, 29), LabelPolicy.DEFAULT);

        assertThat(d.size()).isEqualTo(4);
        assertThat(d.positives()).isEqualTo(1);
    }

    @Test
    void aShorterHorizonMovesTheWindow() {
        SnapshotDataset d = SnapshotDataset.label(tables, churns, DATA_END, new LabelPolicy(30));

        assertThat(d.positives()).isZero();
    }

    @Test
    void monthlyDatesStartWhenNinetyDayWindowsAreFull() {
        assertThat(SnapshotDataset.monthlyDates(LocalDate.of(2024, 11, 1), LocalDate.of(2025, 4, 15)))
                .containsExactly(LocalDate.of(2025, 2, 1), LocalDate.of(2025, 3, 1), LocalDate.of(2025, 4, 1));
    }

    @Test
    void everyTwoMonthsStepsFromMonthStartToMonthStart() {
        assertThat(SnapshotDataset.dates(LocalDate.of(2024, 11, 1), LocalDate.of(2025, 7, 1), java.time.Period.ofMonths(2)))
                .containsExactly(LocalDate.of(2025, 2, 1), LocalDate.of(2025, 4, 1), LocalDate.of(2025, 6, 1));
    }

    @Test
    void everyTwoWeeksStepsFromTheFirstFullWindow() {
        // 2024-11-01 + 90 days = 2025-01-30
        assertThat(SnapshotDataset.dates(LocalDate.of(2024, 11, 1), LocalDate.of(2025, 2, 27), java.time.Period.ofWeeks(2)))
                .containsExactly(LocalDate.of(2025, 1, 30), LocalDate.of(2025, 2, 13), LocalDate.of(2025, 2, 27));
    }

    @Test
    void aMixedOrEmptyIntervalIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SnapshotDataset.dates(LocalDate.of(2024, 11, 1),
                        LocalDate.of(2025, 7, 1), java.time.Period.of(0, 1, 3)))
                .isInstanceOf(org.churnrisk.core.InvalidArgumentException.class).hasMessageContaining("P1M3D");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SnapshotDataset.dates(LocalDate.of(2024, 11, 1),
                        LocalDate.of(2025, 7, 1), java.time.Period.ZERO))
                .isInstanceOf(org.churnrisk.core.InvalidArgumentException.class);
    }

    private static boolean label(SnapshotDataset d, String account) {
        for (int i = 0; i < d.size(); i++) {
            if (d.account(i).equals(account)) {
                return d.churned(i);
            }
        }
        throw new AssertionError(account + " has no row");
    }

    private static List<String> accounts(SnapshotDataset d) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            ids.add(d.account(i));
        }
        return ids;
    }
}
