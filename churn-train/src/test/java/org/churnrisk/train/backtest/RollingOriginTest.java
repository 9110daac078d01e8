package org.churnrisk.train.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.churnrisk.core.InvalidDataException;
import org.junit.jupiter.api.Test;

class RollingOriginTest {
    private static List<LocalDate> monthStarts(String from, int months) {
        List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < months; i++) {
            dates.add(LocalDate.parse(from).plusMonths(i));
        }
        return dates;
    }

    @Test
    void noTrainingLabelWindowReachesIntoItsTestDate() {
        List<Fold> folds = RollingOrigin.folds(monthStarts("2025-01-01", 20), 120, 4, 3);

        assertThat(folds).hasSize(4);
        for (Fold f : folds) {
            assertThat(f.trainDates()).allSatisfy(d -> assertThat(d.plusDays(120)).isBeforeOrEqualTo(f.testDate()));
        }
    }

    @Test
    void theLastDatesAreTestedOldestFirstWithEveryClosedDateInTraining() {
        List<Fold> folds = RollingOrigin.folds(monthStarts("2025-01-01", 20), 120, 2, 3);

        assertThat(folds).extracting(Fold::testDate)
                .containsExactly(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 8, 1));
        // 2026-08-01 minus 120 days is 2026-04-03: the last closed training date is 2026-04-01.
        assertThat(folds.get(1).trainDates()).first().isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(folds.get(1).trainDates()).last().isEqualTo(LocalDate.of(2026, 4, 1));
    }

    @Test
    void aWindowClosingExactlyOnTheTestDateMayTrain() {
        List<LocalDate> dates = List.of(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 1).plusDays(120));

        List<Fold> folds = RollingOrigin.folds(dates, 120, 1, 1);

        assertThat(folds.get(0).trainDates()).containsExactly(LocalDate.of(2025, 1, 1));
    }

    @Test
    void aShortHistoryIsRefusedWithTheReason() {
        assertThatThrownBy(() -> RollingOrigin.folds(monthStarts("2025-01-01", 4), 120, 4, 3))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("needs a longer history");
    }
}
