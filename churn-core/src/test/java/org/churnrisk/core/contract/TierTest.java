package org.churnrisk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.churnrisk.core.InvalidDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class TierTest {

    @ParameterizedTest(name = "arr {0} is {1}")
    @CsvSource({
        "0, STARTER",
        "9999.99, STARTER",
        "10000, GROWTH",
        "50000, GROWTH",
        "50000.01, ENTERPRISE",
        "2000000, ENTERPRISE"
    })
    void fromArrPutsBoundariesInTheDocumentedTier(double arr, Tier expected) {
        assertThat(Tier.fromArr(arr)).isEqualTo(expected);
    }

    @Test
    void thresholdsArePublishedAsConstants() {
        assertThat(Tier.GROWTH_MIN_ARR).isEqualTo(10_000.0);
        assertThat(Tier.GROWTH_MAX_ARR).isEqualTo(50_000.0);
    }

    @Test
    void fromArrRejectsNegativeArr() {
        assertThatThrownBy(() -> Tier.fromArr(-5))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("arr: value -5.0 is negative (expected a number >= 0)");
    }

    @Test
    void fromArrRejectsNaN() {
        assertThatThrownBy(() -> Tier.fromArr(Double.NaN))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("arr: value NaN is not a finite number (expected a number >= 0)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"enterprise", "Enterprise", "ENTERPRISE", " enterprise "})
    void parseIgnoresCaseAndSurroundingSpaces(String value) {
        assertThat(Tier.parse(value)).isEqualTo(Tier.ENTERPRISE);
    }

    @Test
    void parseRejectsUnknownTierListingTheAllowedValues() {
        assertThatThrownBy(() -> Tier.parse("gold"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("tier: value 'gold' is not allowed (expected one of starter, growth, enterprise)");
    }

    @Test
    void parseRejectsBlankListingTheAllowedValues() {
        assertThatThrownBy(() -> Tier.parse(" "))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("tier: value is blank (expected one of starter, growth, enterprise)");
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void labelIsLowercaseAndParsesBack(Tier tier) {
        assertThat(tier.label()).isLowerCase();
        assertThat(Tier.parse(tier.label())).isEqualTo(tier);
    }
}
