package org.churnrisk.features.io.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.churnrisk.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The mapping's extra date and timestamp patterns. */
class DatePatternTest {
    private static final ZoneClock UTC = new ZoneClock(ZoneOffset.UTC);

    private static ValueParser parser(List<String> datePatterns, List<String> timestampPatterns) {
        return new ValueParser(new ValueFormats(ZoneId.of("UTC"), datePatterns, timestampPatterns,
                List.of("true"), List.of("false")));
    }

    private static long epochDay(DatePattern p, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return p.epochDay(b, 0, b.length);
    }

    private static long epochSecond(DatePattern p, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return p.epochSecond(b, 0, b.length, UTC);
    }

    @ParameterizedTest
    @CsvSource({
        "dd-MM-yyyy, 04-03-2025, 2025-03-04",
        "M/d/yyyy, 3/4/2025, 2025-03-04",
        "M/d/yyyy, 12/31/2024, 2024-12-31",
        "M/d/yyyy, 03/04/2025, 2025-03-04",
        "yyyyMMdd, 20250304, 2025-03-04",
        "dd.MM.uuuu, 29.02.2024, 2024-02-29",
        "d MMM yyyy, 4 Mar 2025, 2025-03-04",
        "d MMM yyyy, 4 mar 2025, 2025-03-04",
        "yy-MM-dd, 25-03-04, 2025-03-04",
    })
    void readsDatesWithAPattern(String pattern, String text, LocalDate expected) {
        DatePattern p = DatePattern.compile(pattern, false);
        assertThat(epochDay(p, text)).isEqualTo(expected.toEpochDay());
        assertThat(p.epochDay(text)).isEqualTo(expected.toEpochDay());
    }

    @ParameterizedTest
    @CsvSource({
        "dd-MM-yyyy, 30-02-2024",
        "dd-MM-yyyy, 29-02-2025",
        "dd-MM-yyyy, 31-04-2025",
        "dd-MM-yyyy, 32-01-2025",
        "dd-MM-yyyy, 01-13-2025",
        "dd-MM-yyyy, 1-3-2025",
        "dd-MM-yyyy, 2025-03-04",
        "M/d/yyyy, 2/30/2024",
        "M/d/yyyy, 13/1/2025",
        "M/d/yyyy, 3/4/25",
        "M/d/yyyy, 3/4/20251",
        "M/d/yyyy, 3/4/2025 10:00",
        "yyyyMMdd, 20240230",
        "yyyyMMdd, 2024023",
        "yyyyMMdd, 202402301",
        "d MMM yyyy, 30 Feb 2024",
    })
    void rejectsImpossibleOrMisshapenDates(String pattern, String text) {
        DatePattern p = DatePattern.compile(pattern, false);
        assertThat(epochDay(p, text)).isEqualTo(DatePattern.INVALID);
        assertThat(p.epochDay(text)).isEqualTo(DatePattern.INVALID);
    }

    @ParameterizedTest
    @CsvSource({
        "yyyy-MM-dd H:mm, 2025-03-04 9:05, 2025-03-04T09:05:00",
        "yyyy-MM-dd H:mm, 2025-03-04 23:59, 2025-03-04T23:59:00",
        "M/d/yyyy H:mm, 3/4/2025 14:30, 2025-03-04T14:30:00",
        "M/d/yyyy h:mm a, 3/4/2025 2:30 PM, 2025-03-04T14:30:00",
        "M/d/yyyy h:mm a, 3/4/2025 12:05 am, 2025-03-04T00:05:00",
        "M/d/yyyy h:mm a, 3/4/2025 12:05 PM, 2025-03-04T12:05:00",
        "M/d/yyyy h:mm:ss a, 3/4/2025 1:02:03 AM, 2025-03-04T01:02:03",
        "dd.MM.yyyy HH:mm:ss, 04.03.2025 10:15:30, 2025-03-04T10:15:30",
        "yyyy-MM-dd HH:mm:ss.SSS, 2025-03-04 10:15:30.250, 2025-03-04T10:15:30",
        "yyyyMMdd'T'HHmmss, 20250304T101530, 2025-03-04T10:15:30",
        "M/d/yyyy, 3/4/2025, 2025-03-04T00:00:00",
    })
    void readsTimestampsWithAPattern(String pattern, String text, LocalDateTime expected) {
        DatePattern p = DatePattern.compile(pattern, true);
        assertThat(epochSecond(p, text)).isEqualTo(expected.toEpochSecond(ZoneOffset.UTC));
        assertThat(p.epochSecond(text, UTC)).isEqualTo(expected.toEpochSecond(ZoneOffset.UTC));
    }

    @Test
    void readsAPatternWithAnOffsetAsAnInstant() {
        DatePattern p = DatePattern.compile("yyyy-MM-dd HH:mm:ss Z", true);
        assertThat(p.epochSecond("2025-03-04 10:15:30 -0500", UTC))
                .isEqualTo(LocalDateTime.of(2025, 3, 4, 15, 15, 30).toEpochSecond(ZoneOffset.UTC));
    }

    @ParameterizedTest
    @CsvSource({
        "yyyy-MM-dd H:mm, 2025-03-04 24:00",
        "yyyy-MM-dd H:mm, 2025-03-04 10:60",
        "yyyy-MM-dd H:mm, 2025-02-30 10:00",
        "yyyy-MM-dd H:mm, 2025-03-04",
        "M/d/yyyy h:mm a, 3/4/2025 13:05 PM",
        "M/d/yyyy h:mm a, 3/4/2025 0:05 AM",
        "M/d/yyyy h:mm a, 3/4/2025 1:05 XM",
        "M/d/yyyy h:mm a, 3/4/2025 1:05",
    })
    void rejectsImpossibleOrMisshapenTimestamps(String pattern, String text) {
        DatePattern p = DatePattern.compile(pattern, true);
        assertThat(epochSecond(p, text)).isEqualTo(DatePattern.INVALID);
        assertThat(p.epochSecond(text, UTC)).isEqualTo(DatePattern.INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"M/d/yyyy", "dd-MM-yyyy", "yyyyMMdd", "yyyy-MM-dd H:mm", "M/d/yyyy h:mm a",
        "dd.MM.yyyy HH:mm:ss", "yyyy-MM-dd HH:mm:ss.SSS", "yyyyMMdd'T'HHmmss"})
    void usualExportPatternsTakeTheAllocationFreePath(String pattern) {
        assertThat(DatePattern.compile(pattern, true).isFast()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"M/d/yyyy", "d/M/yyyy", "dd-MM-yyyy", "yyyyMMdd", "yyyy-MM-dd H:mm", "M/d/yyyy h:mm a",
        "dd.MM.yyyy HH:mm:ss", "yyyy-MM-dd HH:mm:ss.SSS", "M/d/yyyy H:mm:ss", "yyyyMMdd HHmm"})
    void theFastMatcherAgreesWithDateTimeFormatter(String pattern) {
        DatePattern p = DatePattern.compile(pattern, true);
        DateTimeFormatter writer = DateTimeFormatter.ofPattern(DatePattern.yearOfEraToYear(pattern), Locale.US);
        Random random = new Random(pattern.hashCode());
        String mutations = "0123456789/:- .APMapm";
        List<String> mismatches = new ArrayList<>();
        int valid = 0;
        int total = 0;
        for (int i = 0; i < 5000; i++) {
            LocalDateTime t = LocalDateTime.of(1990 + random.nextInt(50), 1 + random.nextInt(12), 1, 0, 0)
                    .plusDays(random.nextInt(31)).plusSeconds(random.nextInt(86_400)).plusNanos(random.nextInt(1_000_000_000));
            StringBuilder s = new StringBuilder(writer.format(t));
            if (random.nextInt(3) > 0) {
                int at = random.nextInt(s.length());
                char c = mutations.charAt(random.nextInt(mutations.length()));
                switch (random.nextInt(3)) {
                    case 0 -> s.insert(at, c);
                    case 1 -> s.deleteCharAt(at);
                    default -> s.setCharAt(at, c);
                }
            }
            String text = s.toString();
            long slow = p.epochSecond(text, UTC);
            long fast = epochSecond(p, text);
            total++;
            if (slow != DatePattern.INVALID) {
                valid++;
            }
            if (slow != fast) {
                mismatches.add("'" + text + "': formatter " + slow + ", matcher " + fast);
            }
        }
        assertThat(total).isEqualTo(5000);
        assertThat(valid).isGreaterThan(1000);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void yearOfEraIsReadAsYearOutsideQuotes() {
        assertThat(DatePattern.yearOfEraToYear("yyyy-MM-dd 'by y'")).isEqualTo("uuuu-MM-dd 'by y'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "YYYY-MM-dd | does not read back the date it writes",
        "yyyy-mm-dd | does not read back the date it writes",
        "MM/dd     | does not read back the date it writes",
        "yyyy-MM-dd'T | is not a valid pattern",
        "yyyy-MM-dd bbb | is not a valid pattern",
    })
    void rejectsDatePatternsThatCannotWork(String pattern, String message) {
        assertThatThrownBy(() -> DatePattern.compile(pattern, false))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("'" + pattern + "' ")
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"M/d/yyyy h:mm", "YYYY-MM-dd HH:mm", "yyyy-MM-dd hh:mm"})
    void rejectsTimestampPatternsThatLoseTheTime(String pattern) {
        assertThatThrownBy(() -> DatePattern.compile(pattern, true))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("does not read back");
    }

    @Test
    void triesDatePatternsInOrder() {
        ValueParser dayFirst = parser(List.of("d/M/yyyy", "M/d/yyyy"), List.of());
        assertThat(dayFirst.epochDay("1/2/2025")).isEqualTo(LocalDate.of(2025, 2, 1).toEpochDay());
        assertThat(dayFirst.epochDay("1/13/2025")).isEqualTo(LocalDate.of(2025, 1, 13).toEpochDay());
    }

    @Test
    void triesIsoBeforeThePatterns() {
        ValueParser p = parser(List.of("yyyy-dd-MM"), List.of());
        assertThat(p.epochDay("2025-03-04")).isEqualTo(LocalDate.of(2025, 3, 4).toEpochDay());
        assertThat(p.epochDay("2025-31-01")).isEqualTo(LocalDate.of(2025, 1, 31).toEpochDay());
    }

    @Test
    void timestampColumnsAlsoAcceptTheDatePatternsAsStartOfDay() {
        ValueParser p = parser(List.of("M/d/yyyy"), List.of("M/d/yyyy H:mm"));
        assertThat(p.epochSecond("3/4/2025 10:30"))
                .isEqualTo(LocalDateTime.of(2025, 3, 4, 10, 30).toEpochSecond(ZoneOffset.UTC));
        assertThat(p.epochSecond("3/4/2025")).isEqualTo(LocalDate.of(2025, 3, 4).toEpochDay() * 86_400);
        assertThat(p.timestampExpected()).endsWith(", or M/d/yyyy H:mm or M/d/yyyy)");
    }

    @Test
    void readsPatternTimesInTheZone() {
        ValueParser ny = new ValueParser(new ValueFormats(ZoneId.of("America/New_York"), List.of(),
                List.of("M/d/yyyy H:mm"), List.of("true"), List.of("false")));
        assertThat(ny.epochSecond("7/1/2025 12:00"))
                .isEqualTo(LocalDateTime.of(2025, 7, 1, 16, 0).toEpochSecond(ZoneOffset.UTC));
    }

    @Test
    void patternsNeedNotBeAscii() {
        ValueParser p = parser(List.of("d. MMMM yyyy"), List.of());
        assertThat(p.epochDay("4. March 2025")).isEqualTo(LocalDate.of(2025, 3, 4).toEpochDay());
        assertThat(p.epochDay("4. März 2025")).isEqualTo(ValueParser.INVALID);
    }
}
