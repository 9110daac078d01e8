package org.churnrisk.features.init;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Evidence#dateFormat}: numbers are times since the epoch only when they fall in a plausible span. */
class EvidenceTest {
    @ParameterizedTest(name = "{0} and {1}: {2}")
    @CsvSource({
        "1743843600, 1744618500, seconds since the epoch",
        "1743843600000, 1744618500250, milliseconds since the epoch",
        "1743843600.5, 1744618500, seconds since the epoch",
        "2025-04-05T09:00:00Z, 2025-04-14T08:15:00Z, ISO-8601"})
    void timestampsReadAs(String first, String second, String label) {
        Evidence.Format f = Evidence.dateFormat(List.of(first, second), true);

        assertThat(f.label()).isEqualTo(label);
        assertThat(f.parsed()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} and {1}")
    @CsvSource({"7001, 7002", "20250403, 20250404", "99999999999999, 99999999999998"})
    void idsCountsAndCompactDatesAreNotEpochTimes(String first, String second) {
        Evidence.Format f = Evidence.dateFormat(List.of(first, second), true);

        assertThat(f.label()).doesNotContain("since the epoch");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"1743843600", "1743843600000"})
    void aDateColumnIsNeverReadAsEpochNumbers(String value) {
        assertThat(Evidence.dateFormat(List.of(value), false).label()).doesNotContain("since the epoch");
    }
}
