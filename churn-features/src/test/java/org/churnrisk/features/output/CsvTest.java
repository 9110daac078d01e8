package org.churnrisk.features.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsvTest {
    static Stream<Arguments> cells() {
        return Stream.of(
                Arguments.of("A00042", "A00042"),
                Arguments.of("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
                Arguments.of("+1 555", "'+1 555"),
                Arguments.of("-12", "'-12"),
                Arguments.of("@SUM(A1)", "'@SUM(A1)"),
                Arguments.of("\tcmd", "'\tcmd"),
                Arguments.of("Acme, Inc.", "\"Acme, Inc.\""),
                Arguments.of("say \"hi\"", "\"say \"\"hi\"\"\""),
                Arguments.of("\uFF1D1+1", "'\uFF1D1+1"),
                Arguments.of("\uFF0BA", "'\uFF0BA"),
                Arguments.of("\uFF0DA", "'\uFF0DA"),
                Arguments.of("\uFF20SUM(A1)", "'\uFF20SUM(A1)"),
                Arguments.of("\uFF5Ccmd", "'\uFF5Ccmd"),
                Arguments.of("|cmd", "'|cmd"),
                Arguments.of("  =1+1", "'  =1+1"),
                Arguments.of(" \u00A0\u3000@A1", "' \u00A0\u3000@A1"),
                Arguments.of("  \uFF1D1", "'  \uFF1D1"),
                Arguments.of("\rx", "\"'\rx\""),
                Arguments.of("a=b", "a=b"),
                Arguments.of("  plain", "  plain"),
                Arguments.of("   ", "   "),
                Arguments.of("", ""));
    }

    @ParameterizedTest
    @MethodSource("cells")
    void neutralisesFormulasAndQuotesSeparators(String value, String expected) {
        assertThat(Csv.text(value)).isEqualTo(expected);
    }

    @Test
    void nullIsAnEmptyCell() {
        assertThat(Csv.text(null)).isEmpty();
    }

    /** Numeric columns go through Numbers, never through the guard: a negative number stays a number. */
    @Test
    void numbersStayNumbers() {
        StringBuilder sb = new StringBuilder();
        Numbers.append(sb, -12.5);
        assertThat(sb).hasToString("-12.5");
    }
}
