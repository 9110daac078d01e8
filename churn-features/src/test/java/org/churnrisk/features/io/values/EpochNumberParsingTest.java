package org.churnrisk.features.io.values;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Timestamps given as numbers of seconds or milliseconds since the epoch ({@code epoch_seconds},
 * {@code epoch_millis}): plain digits, digits with a sign or a fraction, and digits that another
 * timestamp pattern reads first, from bytes (inside a longer array) and from text alike.
 */
class EpochNumberParsingTest {
    private static ValueParser parser(String... timestampPatterns) {
        return new ValueParser(new ValueFormats(ZoneId.of("UTC"), List.of("yyyyMMdd"), List.of(timestampPatterns),
                List.of("true"), List.of("false")));
    }

    private static long both(ValueParser parser, String text) {
        byte[] b = ("7" + text + "7").getBytes(StandardCharsets.UTF_8);
        long fromBytes = parser.epochSecond(b, 1, b.length - 2);
        assertThat(parser.epochSecond(text)).as("text and bytes agree").isEqualTo(fromBytes);
        return fromBytes;
    }

    @ParameterizedTest
    @CsvSource({"1741083330, 1741083330", "' 1741083330 ', 1741083330", "0, 0", "7, 7", "0000001741083330, 1741083330",
        "999999999999999999, 999999999999999999", "9223372036854775807, 9223372036854775807",
        "1741083330.75, 1741083330", "-1, -1", "-1.5, -2", "+12, 12", "20250304, 20250304", "1.5e3, 1500"})
    void readsSeconds(String text, long expected) {
        assertThat(both(parser("epoch_seconds"), text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1741083330250, 1741083330", "1741083330999, 1741083330", "999, 0", "-1, -1", "-1000, -1",
        "-1001, -2", "000000000000001000, 1", "9223372036854775807, 9223372036854775"})
    void readsMilliseconds(String text, long expected) {
        assertThat(both(parser("epoch_millis"), text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"20250304, 2025-03-04", "' 20250304 ', 2025-03-04"})
    void anotherTimestampPatternReadsDigitsFirst(String text, LocalDate day) {
        long start = day.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        assertThat(both(parser("yyyyMMdd", "epoch_seconds"), text)).isEqualTo(start);
        assertThat(both(parser("epoch_seconds", "yyyyMMdd"), text)).isEqualTo(start);
    }

    @ParameterizedTest
    @CsvSource({"1741083330", "20250304x", "''", "12 34", "1e999"})
    void withoutEpochPatternsDigitsAreNoTimestamp(String text) {
        assertThat(both(new ValueParser(ValueFormats.DEFAULT), text)).isEqualTo(ValueParser.INVALID);
    }
}
