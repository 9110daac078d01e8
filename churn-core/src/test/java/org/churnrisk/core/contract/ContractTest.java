package org.churnrisk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.churnrisk.core.InvalidDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContractTest {

    private static final LocalDate START = LocalDate.of(2024, 3, 1);
    private static final LocalDate END = LocalDate.of(2025, 3, 1);

    private static Contract contract(LocalDate end, double arr, Integer seats) {
        return new Contract("A-1", START, end, arr, seats, "pro");
    }

    @Test
    void rejectsEndBeforeStart() {
        assertThatThrownBy(() -> contract(LocalDate.of(2024, 1, 1), 1, null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("end_date: value 2024-01-01 is not after start_date 2024-03-01"
                        + " (expected a later date; end_date is exclusive)");
    }

    @Test
    void rejectsEndOnStartBecauseTheTermWouldBeEmpty() {
        assertThatThrownBy(() -> contract(START, 1, null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith("end_date: value 2024-03-01 is not after start_date 2024-03-01");
    }

    @Test
    void rejectsNegativeArr() {
        assertThatThrownBy(() -> contract(END, -1200.5, null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("arr: value -1200.5 is negative (expected a number >= 0)");
    }

    @Test
    void rejectsNegativeSeats() {
        assertThatThrownBy(() -> contract(END, 1, -1))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("seats: value -1 is negative (expected a whole number >= 0)");
    }

    @Test
    void rejectsMissingStartDate() {
        assertThatThrownBy(() -> new Contract("A-1", null, END, 1, null, null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("start_date: is required but missing");
    }

    @ParameterizedTest(name = "{0}: in force={1}")
    @CsvSource({
        "2024-02-29, false",
        "2024-03-01, true", // start is inclusive
        "2025-02-28, true",
        "2025-03-01, false" // end is exclusive
    })
    void inForceOnIncludesStartAndExcludesEnd(LocalDate date, boolean inForce) {
        assertThat(contract(END, 1, null).inForceOn(date)).isEqualTo(inForce);
    }

    @Test
    void aTermWithNoEndStaysInForce() {
        assertThat(contract(null, 1, null).inForceOn(LocalDate.of(2040, 1, 1))).isTrue();
    }

    @Test
    void impliedTierFollowsTheTermsArr() {
        assertThat(contract(END, 10_000, null).impliedTier()).isEqualTo(Tier.GROWTH);
    }
}
