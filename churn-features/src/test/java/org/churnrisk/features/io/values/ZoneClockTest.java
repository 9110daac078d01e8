package org.churnrisk.features.io.values;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Local times to instants, against java.time, with attention to DST transitions. */
class ZoneClockTest {

    @ParameterizedTest
    @CsvSource({
        "America/New_York, 2025-03-09T02:30",   // in the spring gap
        "America/New_York, 2025-11-02T01:30",   // in the autumn overlap
        "America/New_York, 2025-03-09T01:59:59",
        "America/New_York, 2025-03-09T03:00",
        "Europe/Berlin, 2025-03-30T02:15",
        "Europe/Berlin, 2025-10-26T02:15",
        "America/Sao_Paulo, 2018-11-04T00:30",  // DST began at midnight
        "Australia/Lord_Howe, 2025-04-06T01:45", // a 30-minute overlap
    })
    void transitionTimesMatchAtZone(String zoneName, LocalDateTime local) {
        ZoneId zone = ZoneId.of(zoneName);
        ZoneClock clock = new ZoneClock(zone);
        assertThat(clock.toEpochSecond(local.toLocalDate().toEpochDay(), local.toLocalTime().toSecondOfDay()))
                .isEqualTo(local.atZone(zone).toEpochSecond());
    }

    @ParameterizedTest
    @CsvSource({"America/Sao_Paulo, 2018-11-04", "America/Havana, 2025-03-09", "Asia/Beirut, 2025-03-30",
        "America/New_York, 2025-03-09", "UTC, 2025-03-09"})
    void startOfDayMatchesAtStartOfDay(String zoneName, LocalDate date) {
        ZoneId zone = ZoneId.of(zoneName);
        assertThat(new ZoneClock(zone).startOfDay(date.toEpochDay())).isEqualTo(date.atStartOfDay(zone).toEpochSecond());
    }

    @ParameterizedTest
    @ValueSource(strings = {"America/New_York", "Europe/London", "America/Sao_Paulo", "Australia/Lord_Howe",
        "America/Havana", "Asia/Tehran", "Pacific/Chatham", "Europe/Dublin", "Africa/Casablanca", "Etc/GMT+5"})
    void everyMinuteAroundEveryTransitionMatchesJavaTime(String zoneName) {
        ZoneId zone = ZoneId.of(zoneName);
        ZoneClock clock = new ZoneClock(zone);
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        List<LocalDate> days = new ArrayList<>();
        for (ZoneOffsetTransition t : zone.getRules().getTransitions()) {
            if (t.getDateTimeBefore().getYear() >= 1990) {
                days.add(t.getDateTimeBefore().toLocalDate());
            }
        }
        for (int y = 2020; y <= 2035; y++) {
            for (var rule : zone.getRules().getTransitionRules()) {
                days.add(rule.createTransition(y).getDateTimeBefore().toLocalDate());
            }
        }
        days.add(LocalDate.of(2025, 6, 1));
        for (LocalDate day : days) {
            for (LocalDate d = day.minusDays(1); !d.isAfter(day.plusDays(1)); d = d.plusDays(1)) {
                for (int second = 0; second < 86_400; second += 60 * 15) {
                    LocalDateTime local = d.atStartOfDay().plusSeconds(second);
                    long expected = local.atZone(zone).toEpochSecond();
                    checked++;
                    if (clock.toEpochSecond(d.toEpochDay(), second) != expected) {
                        mismatches.add(local.toString());
                    }
                }
                checked++;
                if (clock.startOfDay(d.toEpochDay()) != d.atStartOfDay(zone).toEpochSecond()) {
                    mismatches.add(d + " start");
                }
            }
        }
        assertThat(checked).isGreaterThan(288);
        assertThat(mismatches).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"America/New_York", "Asia/Kolkata", "Europe/Berlin"})
    void randomLocalTimesMatchJavaTime(String zoneName) {
        ZoneId zone = ZoneId.of(zoneName);
        ZoneClock clock = new ZoneClock(zone);
        Random random = new Random(5);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long day = random.nextInt(150 * 365) - 50 * 365;
            int second = random.nextInt(86_400);
            LocalDateTime local = LocalDate.ofEpochDay(day).atStartOfDay().plusSeconds(second);
            if (clock.toEpochSecond(day, second) != local.atZone(zone).toEpochSecond()) {
                mismatches.add(local.toString());
            }
        }
        assertThat(mismatches).isEmpty();
    }
}
