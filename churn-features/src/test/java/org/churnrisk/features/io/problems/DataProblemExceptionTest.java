package org.churnrisk.features.io.problems;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataProblemExceptionTest {

    @ParameterizedTest
    @CsvSource({"usage.csv, 'usage.csv line 1,204', 1204", "usage.parquet, usage.parquet row 17, 17",
        "usage.csv, usage.csv, 0", "usage.csv, other.csv line 3, 0", "usage.csv, usage.csv line x, 0"})
    void takesTheLineFromTheLocation(String file, String location, long line) {
        assertThat(new DataProblemException(location, "bad").lineIn(file)).isEqualTo(line);
    }

    @Test
    void aValueProblemNamesTheColumnTheFilesNameForItAndTheValue() {
        DataProblemException e = DataProblemException.ofValue("usage.csv line 3", "occurred_at", "Time", "3/32/2025",
                "is not a timestamp (expected M/d/yyyy)");

        assertThat(e).hasMessage("usage.csv line 3: column 'occurred_at' ('Time') value '3/32/2025' is not a timestamp "
                + "(expected M/d/yyyy)");
    }

    @Test
    void aBlankValueIsLeftOutOfTheMessage() {
        DataProblemException e = DataProblemException.ofValue("usage.csv line 3", "account_id", "account_id", null,
                "is blank (expected a value: the column is required)");

        assertThat(e.reason()).isEqualTo("column 'account_id' is blank (expected a value: the column is required)");
    }

    @Test
    void aValueProblemKeepsTheColumnAndTheWholeValueApart() {
        String longValue = "x".repeat(100);
        DataProblemException e = DataProblemException.ofValue("a.csv line 2", "arr", "ARR (USD)", longValue,
                "is not a number (expected a number such as 12500.50)");

        assertThat(e.column()).isEqualTo("arr");
        assertThat(e.value()).isEqualTo(longValue);
        assertThat(e.reason()).contains("(100 characters)");
    }

    @Test
    void theKindOfAValueProblemLeavesOutTheValueAndTheExplanation() {
        DataProblemException e = DataProblemException.ofValue("usage.csv line 3", "quantity", "Count", "-2",
                "is negative (expected a whole number >= 0)");

        assertThat(e.kind()).isEqualTo("column 'quantity' is negative");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "has 5 columns, the header has 6|has 5 columns, the header has 6",
        "missing required column 'occurred_at'; the file has columns: a, b|missing required column 'occurred_at'",
        "is empty (expected a header row with columns a, b)|is empty"})
    void theKindOfAnotherProblemIsItsReasonWithoutTheExplanation(String reason, String kind) {
        assertThat(new DataProblemException("usage.csv line 4", reason).kind()).isEqualTo(kind);
    }
}
