package org.churnrisk.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The money and rounding of the report and its summary do not saturate: Math.round of cents stops
 * at 2^63, about 9.2 x 10^16 in currency units, which a book's total ARR can pass within the
 * bounds of the data contract (10^12 per account).
 */
class NoSaturationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "1234.565, 1234.57",
            "42000, 42000.00",
            "0.004, 0.00",
            "1e17, 100000000000000000.00",
            "1e18, 1000000000000000000.00",
            "123456789012345678, 123456789012345680.00"})
    void summaryMoneyIsWrittenToTheCentWithoutSaturating(double value, String expected) {
        assertThat(RunSummary.money(value)).isEqualByComparingTo(new BigDecimal(expected));
        assertThat(RunSummary.money(value).scale()).isEqualTo(2);
    }

    @Test
    void reportRoundingKeepsLargeValues() {
        assertThat(ReportCsv.round(1e17, 100)).isEqualTo(1e17);
        assertThat(ReportCsv.round(1e12 * 0.9999, 100)).isEqualTo(999_900_000_000.0);
        assertThat(ReportCsv.round(0.123456, 10_000)).isEqualTo(0.1235);
    }
}
