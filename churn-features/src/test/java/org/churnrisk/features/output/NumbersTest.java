package org.churnrisk.features.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumbersTest {
    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "-0.0, 0",
        "42, 42",
        "-3, -3",
        "0.5, 0.5",
        "0.1234567, 0.123457",
        "-0.25, -0.25",
        "12500.5, 12500.5",
        "1e-9, 0",
        "1e7, 10000000",
        "123456789012345, 123456789012345",
        "0.000001, 0.000001",
        "2.05, 2.05"})
    void formatsWithoutExponentAndTrailingZeros(double value, String expected) {
        assertThat(Numbers.format(value)).isEqualTo(expected);
    }
}
