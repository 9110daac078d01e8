package org.churnrisk.features.io.values;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Whole numbers, decimals and booleans. */
class NumberAndBooleanParsingTest {
    private static final ValueParser PARSER = new ValueParser(ValueFormats.DEFAULT);

    private static long integer(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        long fromBytes = PARSER.integer(b, 0, b.length);
        assertThat(PARSER.integer(text)).as("text and bytes agree").isEqualTo(fromBytes);
        return fromBytes;
    }

    private static double decimal(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        double fromBytes = PARSER.decimal(b, 0, b.length);
        assertThat(Double.compare(PARSER.decimal(text), fromBytes)).as("text and bytes agree").isZero();
        return fromBytes;
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "42, 42", "-3, -3", "+7, 7", "' 12 ', 12", "007, 7", "3.0, 3", "3.000, 3", "-2.0, -2",
        "9223372036854775807, 9223372036854775807", "-9223372036854775807, -9223372036854775807",
        // eighteen digits are read unchecked, the nineteenth on with the check for overflow
        "999999999999999999, 999999999999999999", "1000000000000000000, 1000000000000000000",
        "0000000000000000000000000042, 42", "000000000000000000009223372036854775807, 9223372036854775807",
        "123456789012345678.000, 123456789012345678", "1761955200, 1761955200"})
    void readsWholeNumbers(String text, long expected) {
        assertThat(integer(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "1.5", "3.01", "abc", "1,200", "1 200", "12a", "-", "+", "--1", "1e3", "0x10",
        "9223372036854775808", "-9223372036854775808", "99999999999999999999", "١٢", "NaN", ".0",
        "12345678901234567x", "123456789012345678x", "1234567890123456789x", "00000000000000000009223372036854775808"})
    void rejectsWhatIsNotAWholeNumber(String text) {
        assertThat(integer(text)).isEqualTo(ValueParser.INVALID);
    }

    @ParameterizedTest
    @CsvSource({"12500.50, 12500.5", "-3, -3", "+3, 3", "0, 0", "0.1, 0.1", ".5, 0.5", "5., 5", "' 42 ', 42",
        "1.25E7, 12500000", "1e-3, 0.001", "2.5e+2, 250", "123456789012345678, 123456789012345678",
        "0.30000000000000004, 0.30000000000000004", "1.7976931348623157E308, 1.7976931348623157E308"})
    void readsDecimals(String text, double expected) {
        assertThat(decimal(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1,200", "12,5", "NaN", "Infinity", "-Infinity", "abc", "1.2.3", "1e", "e5", ".", "-",
        "1e999", "0x1p3", "1d", "1f", "$100", "12 500", "1_000"})
    void rejectsWhatIsNotANumber(String text) {
        assertThat(decimal(text)).isNaN();
    }

    @Test
    void randomDecimalsMatchDoubleParseDouble() {
        Random random = new Random(3);
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (int i = 0; i < 50_000; i++) {
            String text;
            switch (random.nextInt(4)) {
                case 0 -> text = Long.toString(random.nextLong() >> random.nextInt(64));
                case 1 -> text = BigDecimal.valueOf(random.nextLong() >> random.nextInt(64), random.nextInt(20)).toPlainString();
                case 2 -> text = Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
                default -> text = String.format("%d.%0" + (1 + random.nextInt(8)) + "d", random.nextInt(1_000_000),
                        random.nextInt(100));
            }
            checked++;
            double expected = Double.parseDouble(text);
            if (Double.compare(decimal(text), expected) != 0) {
                mismatches.add(text);
            }
        }
        assertThat(checked).isEqualTo(50_000);
        assertThat(mismatches).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"true, 1", "TRUE, 1", "True, 1", "yes, 1", "Yes, 1", "y, 1", "Y, 1", "1, 1", "' true ', 1",
        "false, 0", "FALSE, 0", "no, 0", "NO, 0", "n, 0", "N, 0", "0, 0"})
    void readsBooleansInEachSpelling(String text, int expected) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        assertThat(PARSER.bool(b, 0, b.length)).isEqualTo(expected);
        assertThat(PARSER.bool(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "t", "f", "2", "yes!", "tru", "on", "off", "-1", "x"})
    void rejectsOtherBooleanSpellings(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        assertThat(PARSER.bool(b, 0, b.length)).isEqualTo(-1);
        assertThat(PARSER.bool(text)).isEqualTo(-1);
    }

    @Test
    void readsConfiguredSpellingsIncludingNonAscii() {
        ValueParser french = new ValueParser(new ValueFormats(ZoneId.of("UTC"), List.of(), List.of(),
                List.of("Oui", "Vrai"), List.of("Non", "Écarté")));
        byte[] b = "ÉCARTÉ".getBytes(StandardCharsets.UTF_8);
        assertThat(french.bool(b, 0, b.length)).isEqualTo(0);
        assertThat(french.bool("oui")).isEqualTo(1);
        assertThat(french.bool("yes")).isEqualTo(-1);
    }

    @Test
    void booleanMessageListsTheSpellingsInPairs() {
        assertThat(PARSER.booleanExpected()).isEqualTo("is not a boolean (expected true/false, yes/no, y/n, 1/0)");
    }

    @Test
    void booleanMessageListsUnpairedSpellingsBySide() {
        ValueParser p = new ValueParser(new ValueFormats(ZoneId.of("UTC"), List.of(), List.of(),
                List.of("Yes", "Y"), List.of("No")));
        assertThat(p.booleanExpected()).isEqualTo("is not a boolean (expected Yes, Y for true; No for false)");
    }
}
