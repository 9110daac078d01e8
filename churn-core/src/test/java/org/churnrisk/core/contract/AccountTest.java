package org.churnrisk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.churnrisk.core.InvalidDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccountTest {

    private static Account account(String id, double arr, Integer seats, Tier tier) {
        return new Account(id, "Acme", arr, seats, LocalDate.of(2022, 1, 1), LocalDate.of(2026, 1, 1), tier, "dana");
    }

    @Test
    void keepsValidValues() {
        Account a = account("A-1", 12_000, 25, Tier.GROWTH);

        assertThat(a.accountId()).isEqualTo("A-1");
        assertThat(a.arr()).isEqualTo(12_000);
        assertThat(a.licensedSeats()).isEqualTo(25);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void rejectsBlankAccountId(String id) {
        assertThatThrownBy(() -> account(id, 1, null, null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("account_id: is required but blank");
    }

    @Test
    void stripsAccountId() {
        assertThat(account(" A-1 ", 1, null, null).accountId()).isEqualTo("A-1");
    }

    @Test
    void readsBlankOptionalTextAsAbsent() {
        Account a = new Account("A-1", " ", 1, null, null, null, null, "");

        assertThat(a.accountName()).isNull();
        assertThat(a.csm()).isNull();
    }

    @Test
    void rejectsNegativeArr() {
        assertThatThrownBy(() -> account("A-1", -5, null, null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("arr: value -5.0 is negative (expected a number >= 0)");
    }

    @Test
    void acceptsZeroArrOfAChurnedAccount() {
        assertThat(account("A-1", 0, null, null).arr()).isZero();
    }

    @Test
    void rejectsInfiniteArr() {
        assertThatThrownBy(() -> account("A-1", Double.POSITIVE_INFINITY, null, null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith("arr: value Infinity is not a finite number");
    }

    @Test
    void rejectsNegativeLicensedSeats() {
        assertThatThrownBy(() -> account("A-1", 1, -3, null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("licensed_seats: value -3 is negative (expected a whole number >= 0)");
    }

    @Test
    void effectiveTierIsTheGivenTier() {
        assertThat(account("A-1", 500, null, Tier.ENTERPRISE).effectiveTier()).isEqualTo(Tier.ENTERPRISE);
    }

    @Test
    void effectiveTierFollowsArrWhenTierIsAbsent() {
        assertThat(account("A-1", 60_000, null, null).effectiveTier()).isEqualTo(Tier.ENTERPRISE);
    }
}
