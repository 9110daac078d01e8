package org.churnrisk.score.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Set;
import org.churnrisk.core.InvalidArgumentException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {
    private static final BusinessCalendar CAL = BusinessCalendar.DEFAULT
            .withHolidays(Set.of(LocalDate.parse("2026-12-25"), LocalDate.parse("2026-12-28")));

    @ParameterizedTest(name = "{0} + {1} business days = {2}")
    @CsvSource({
        "2026-11-02, 5, 2026-11-09",  // Monday to the next Monday
        "2026-11-06, 1, 2026-11-09",  // Friday to Monday
        "2026-11-07, 0, 2026-11-09",  // a Saturday starts on Monday
        "2026-11-07, 1, 2026-11-10",  // ... so one business day later is Tuesday
        "2026-12-24, 1, 2026-12-29",  // Thursday, over Christmas (Friday), the weekend and the Monday holiday
        "2026-12-21, 5, 2026-12-30",
    })
    void addsBusinessDaysSkippingWeekendsAndHolidays(String from, int days, String expected) {
        assertThat(CAL.plusBusinessDays(LocalDate.parse(from), days)).isEqualTo(LocalDate.parse(expected));
    }

    @ParameterizedTest(name = "{0} + {1} h = {2}")
    @CsvSource({
        "2026-11-02T09:00, 48, 2026-11-04T09:00",  // Monday morning to Wednesday morning
        "2026-11-06T09:00, 48, 2026-11-10T09:00",  // Friday: the weekend does not count
        "2026-11-07T10:00, 4, 2026-11-09T04:00",   // Saturday: the clock starts on Monday at midnight
        "2026-11-02T00:00, 0, 2026-11-02T00:00",
        "2026-12-24T12:00, 24, 2026-12-29T12:00",  // Christmas, the weekend and the 28th are holidays
    })
    void addsBusinessHoursSkippingWeekendsAndHolidays(String from, int hours, String expected) {
        assertThat(CAL.plusBusinessHours(LocalDateTime.parse(from), hours)).isEqualTo(LocalDateTime.parse(expected));
    }

    @Test
    void aCustomWeekendIsHonoured() {
        BusinessCalendar fridaySaturday = new BusinessCalendar(Set.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY), Set.of());
        assertThat(fridaySaturday.plusBusinessDays(LocalDate.parse("2026-11-05"), 1))
                .isEqualTo(LocalDate.parse("2026-11-08"));
    }

    @Test
    void refusesNegativeCountsAndAWeekWithoutBusinessDays() {
        assertThatThrownBy(() -> CAL.plusBusinessDays(LocalDate.parse("2026-11-02"), -1))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> new BusinessCalendar(Set.of(DayOfWeek.values()), Set.of()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("at least one business day");
    }
}
