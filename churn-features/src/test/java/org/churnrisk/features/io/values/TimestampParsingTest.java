package org.churnrisk.features.io.values;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ISO-8601 timestamps and dates, against java.time. */
class TimestampParsingTest {
    private static final ValueParser UTC = new ValueParser(ValueFormats.DEFAULT);

    private static ValueParser inZone(String zone) {
        ValueFormats d = ValueFormats.DEFAULT;
        return new ValueParser(new ValueFormats(ZoneId.of(zone), d.datePatterns(), d.timestampPatterns(),
                d.trueSpellings(), d.falseSpellings()));
    }

    private static long bytes(ValueParser parser, String text) {
        byte[] b = ("##" + text + "##").getBytes(StandardCharsets.UTF_8);
        return parser.epochSecond(b, 2, b.length - 4);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2025-03-04T10:15:30Z        | 2025-03-04T10:15:30Z",
        "2025-03-04t10:15:30z        | 2025-03-04T10:15:30Z",
        "2025-03-04 10:15:30Z        | 2025-03-04T10:15:30Z",
        "2025-03-04T10:15Z           | 2025-03-04T10:15:00Z",
        "2025-03-04T10:15:30.5Z      | 2025-03-04T10:15:30Z",
        "2025-03-04T10:15:30.123456789Z | 2025-03-04T10:15:30Z",
        "2025-03-04T10:15:30+01:00   | 2025-03-04T09:15:30Z",
        "2025-03-04T10:15:30+0100    | 2025-03-04T09:15:30Z",
        "2025-03-04T10:15:30+01      | 2025-03-04T09:15:30Z",
        "2025-03-04T10:15:30-05:30   | 2025-03-04T15:45:30Z",
        "2025-03-04 10:15:30.250+00  | 2025-03-04T10:15:30Z",
        "2025-03-04T10:15:30         | 2025-03-04T10:15:30Z",
        "2025-03-04T10:15            | 2025-03-04T10:15:00Z",
        "2025-03-04                  | 2025-03-04T00:00:00Z",
        "2024-02-29                  | 2024-02-29T00:00:00Z",
        "0001-01-01T00:00:00Z        | 0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z        | 9999-12-31T23:59:59Z",
        "1969-12-31T23:59:59.999Z    | 1969-12-31T23:59:59Z",
        "2025-03-04T10:15:30+18:00   | 2025-03-03T16:15:30Z",
    })
    void readsIsoTimestamps(String text, String expected) {
        long want = OffsetDateTime.parse(expected).toEpochSecond();
        assertThat(bytes(UTC, text)).isEqualTo(want);
        assertThat(UTC.epochSecond(text)).isEqualTo(want);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "2025", "2025-13-01", "2025-00-10", "2025-02-30", "2024-02-30", "2023-02-29",
        "2025-04-31", "2025-03-32", "2025-03-00", "2025-3-4", "25-03-04", "2025/03/04", "2025-03-04T",
        "2025-03-04T10", "2025-03-04T10:1", "2025-03-04T24:00", "2025-03-04T10:60", "2025-03-04T10:15:60",
        "2025-03-04T10:15:30.", "2025-03-04T10:15:30.1234567890", "2025-03-04T10:15.5", "2025-03-04T10:15:30ZZ",
        "2025-03-04T10:15:30+19:00", "2025-03-04T10:15:30+01:60", "2025-03-04T10:15:30+1", "2025-03-04T10:15:30+01:0",
        "2025-03-04T10:15:30+010", "2025-03-04T10:15:30 Z", "2025-03-04x", "2025-03-04X10:15", "+2025-03-04",
        "2025-03-04T10:15:30[UTC]", "１９９９-03-04", "1741083330", "2025-03-04Z"})
    void rejectsWhatIsNotAnIsoTimestamp(String text) {
        assertThat(bytes(UTC, text)).isEqualTo(ValueParser.INVALID);
        assertThat(UTC.epochSecond(text)).isEqualTo(ValueParser.INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-03-04T10:15:30", "2025-03-04", "2025-03-04T10:15:30Z", "2025-03-04T10:15:30.999+02:00"})
    void ignoresSurroundingWhitespace(String text) {
        assertThat(UTC.epochSecond("  " + text + "\t")).isEqualTo(UTC.epochSecond(text)).isNotEqualTo(ValueParser.INVALID);
    }

    @Test
    void readsLocalTimesInTheZoneAndInstantsExactly() {
        ValueParser berlin = inZone("Europe/Berlin");
        assertThat(berlin.epochSecond("2025-07-01T12:00:00"))
                .isEqualTo(LocalDateTime.of(2025, 7, 1, 12, 0).atZone(ZoneId.of("Europe/Berlin")).toEpochSecond());
        assertThat(berlin.epochSecond("2025-07-01"))
                .isEqualTo(LocalDate.of(2025, 7, 1).atStartOfDay(ZoneId.of("Europe/Berlin")).toEpochSecond());
        assertThat(berlin.epochSecond("2025-07-01T12:00:00Z"))
                .isEqualTo(LocalDateTime.of(2025, 7, 1, 12, 0).toEpochSecond(ZoneOffset.UTC));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "+05:30", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kolkata",
        "America/Sao_Paulo", "Pacific/Apia"})
    void randomTimestampsMatchJavaTime(String zoneName) {
        ZoneId zone = ZoneId.of(zoneName);
        ValueParser parser = inZone(zoneName);
        Random random = new Random(zoneName.hashCode());
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (int i = 0; i < 4000; i++) {
            LocalDate date = LocalDate.ofEpochDay(random.nextInt(200 * 365) - 70 * 365);
            LocalTime time = LocalTime.ofSecondOfDay(random.nextInt(86_400)).withNano(random.nextInt(1_000_000_000));
            String sep = random.nextBoolean() ? "T" : " ";
            int form = random.nextInt(6);
            String text;
            long expected;
            LocalDateTime whole = LocalDateTime.of(date, time.withNano(0));
            switch (form) {
                case 0 -> {
                    text = date.toString();
                    expected = date.atStartOfDay(zone).toEpochSecond();
                }
                case 1 -> {
                    text = date + sep + String.format("%02d:%02d", time.getHour(), time.getMinute());
                    expected = whole.withSecond(0).atZone(zone).toEpochSecond();
                }
                case 2 -> {
                    text = date + sep + String.format("%02d:%02d:%02d.%09d", time.getHour(), time.getMinute(),
                            time.getSecond(), time.getNano());
                    expected = whole.atZone(zone).toEpochSecond();
                }
                case 3 -> {
                    text = date + sep + time.withNano(0) + (time.getSecond() == 0 ? ":00" : "") + "Z";
                    expected = whole.toEpochSecond(ZoneOffset.UTC);
                }
                default -> {
                    ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(36 * 4 + 1) - 72) * 900);
                    String id = offset.getId().equals("Z") ? "+00:00" : offset.getId();
                    String written = form == 4 ? id : id.replace(":", "");
                    text = date + sep + String.format("%02d:%02d:%02d", time.getHour(), time.getMinute(),
                            time.getSecond()) + written;
                    expected = whole.toEpochSecond(offset);
                }
            }
            checked++;
            long fromBytes = bytes(parser, text);
            long fromText = parser.epochSecond(text);
            if (fromBytes != expected || fromText != expected) {
                mismatches.add(text + " -> " + fromBytes + "/" + fromText + ", java.time " + expected);
            }
        }
        assertThat(checked).isEqualTo(4000);
        assertThat(mismatches).isEmpty();
    }

    /** An independent reading of the accepted forms: a regular expression for the shape, java.time for ranges. */
    private static final Pattern SHAPE = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[Tt ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.\\d{1,9})?)?"
                    + "([Zz]|[+-]\\d{2}(?::?\\d{2})?)?)?");

    private static long oracle(String text) {
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            return ValueParser.INVALID;
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            if (m.group(4) == null) {
                return date.toEpochDay() * 86_400;
            }
            LocalTime time = LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            String offset = m.group(7);
            if (offset == null || offset.equalsIgnoreCase("z")) {
                return LocalDateTime.of(date, time).toEpochSecond(ZoneOffset.UTC);
            }
            String digits = offset.replace(":", "");
            int hours = Integer.parseInt(digits.substring(1, 3));
            int minutes = digits.length() > 3 ? Integer.parseInt(digits.substring(3)) : 0;
            if (minutes > 59) {
                return ValueParser.INVALID;
            }
            ZoneOffset zo = ZoneOffset.ofTotalSeconds((offset.startsWith("-") ? -1 : 1) * (hours * 3600 + minutes * 60));
            return LocalDateTime.of(date, time).toEpochSecond(zo);
        } catch (DateTimeException e) {
            return ValueParser.INVALID;
        }
    }

    @Test
    void mutatedTimestampsAreAcceptedExactlyWhenTheOracleAcceptsThem() {
        Random random = new Random(7);
        String alphabet = "0123456789-:T Z+.z";
        String[] seeds = {"2024-02-29T23:59:59.123+05:30", "2025-12-31 00:00:00Z", "2025-03-04T10:15", "2025-03-04",
            "2023-02-28T12:00:00-0800", "2000-01-31T09:09:09+01"};
        List<String> mismatches = new ArrayList<>();
        int accepted = 0;
        int total = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder(seeds[random.nextInt(seeds.length)]);
            int edits = 1 + random.nextInt(2);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(s.length() + 1);
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> s.insert(at, c);
                    case 1 -> {
                        if (at < s.length()) {
                            s.deleteCharAt(at);
                        }
                    }
                    default -> {
                        if (at < s.length()) {
                            s.setCharAt(at, c);
                        }
                    }
                }
            }
            String text = s.toString().trim();
            long expected = oracle(text);
            long actual = bytes(UTC, text);
            total++;
            if (expected != ValueParser.INVALID) {
                accepted++;
            }
            if (actual != expected) {
                mismatches.add("'" + text + "' -> " + actual + ", oracle " + expected);
            }
        }
        assertThat(total).isEqualTo(20_000);
        assertThat(accepted).as("some mutations stay valid").isGreaterThan(500);
        assertThat(mismatches).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"2025-03-04, 2025-03-04", "2024-02-29, 2024-02-29", "1970-01-01, 1970-01-01", "0000-01-01, 0000-01-01",
        "' 2025-12-31 ', 2025-12-31"})
    void readsIsoDates(String text, LocalDate expected) {
        assertThat(UTC.epochDay(text)).isEqualTo(expected.toEpochDay());
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        assertThat(UTC.epochDay(b, 0, b.length)).isEqualTo(expected.toEpochDay());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-02-29", "2025-13-01", "2025-04-31", "2025-03-04T00:00", "2025-03-04Z", "20250304",
        "04-03-2025", "2025-3-04", ""})
    void rejectsWhatIsNotAnIsoDate(String text) {
        assertThat(UTC.epochDay(text)).isEqualTo(ValueParser.INVALID);
    }

    @Test
    void randomDatesMatchLocalDate() {
        Random random = new Random(11);
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (int i = 0; i < 20_000; i++) {
            int year = random.nextInt(10_000);
            int month = 1 + random.nextInt(12);
            int day = 1 + random.nextInt(31);
            String text = String.format("%04d-%02d-%02d", year, month, day);
            long expected;
            try {
                expected = LocalDate.of(year, month, day).toEpochDay();
            } catch (DateTimeException e) {
                expected = ValueParser.INVALID;
            }
            checked++;
            if (UTC.epochDay(text) != expected) {
                mismatches.add(text);
            }
        }
        assertThat(checked).isEqualTo(20_000);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void timestampMessageNamesIsoAndThePatterns() {
        assertThat(UTC.timestampExpected()).isEqualTo(
                "is not a timestamp (expected ISO-8601 such as 2025-03-04T10:15:30Z, 2025-03-04T10:15:30 or 2025-03-04)");
        ValueParser withPattern = new ValueParser(new ValueFormats(ZoneId.of("UTC"), List.of(),
                List.of("yyyy-MM-dd H:mm"), List.of("true"), List.of("false")));
        assertThat(withPattern.timestampExpected())
                .isEqualTo("is not a timestamp (expected ISO-8601 such as 2025-03-04T10:15:30Z, or yyyy-MM-dd H:mm)");
    }

    @Test
    void dateMessageNamesIsoAndThePatterns() {
        assertThat(UTC.dateExpected()).isEqualTo("is not a date (expected yyyy-MM-dd)");
        ValueParser withPattern = new ValueParser(new ValueFormats(ZoneId.of("UTC"), List.of("dd-MM-yyyy"),
                List.of(), List.of("true"), List.of("false")));
        assertThat(withPattern.dateExpected()).isEqualTo("is not a date (expected yyyy-MM-dd or dd-MM-yyyy)");
    }
}
