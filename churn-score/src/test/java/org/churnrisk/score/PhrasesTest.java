package org.churnrisk.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.churnrisk.features.Feature.*;

import org.churnrisk.features.Feature;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class PhrasesTest {

    @ParameterizedTest
    @EnumSource(Feature.class)
    void everyFeatureHasAPhraseForAnEmptyAccount(Feature feature) {
        assertThat(Phrases.of(feature, new double[Feature.values().length], 0)).isNotBlank().doesNotContain("NaN");
    }

    @ParameterizedTest
    @EnumSource(Feature.class)
    void everyFeatureHasAPhraseForABusyAccount(Feature feature) {
        double[] x = new double[Feature.values().length];
        java.util.Arrays.fill(x, 1);
        x[LOGINS_TREND.ordinal()] = -0.45;

        assertThat(Phrases.of(feature, x, 0)).isNotBlank().doesNotContain("NaN");
    }

    @Test
    void aLoginTrendIsSaidAsThePercentageChange() {
        // (a - b) / (a + b) = -0.45 with a = 38, b = 100: 62% fewer logins
        double[] x = Vectors.zeros().set(LOGINS_30D, 38).set(LOGINS_TREND, -62.0 / 138).get();

        assertThat(Phrases.of(LOGINS_TREND, x, 0)).isEqualTo("logins down 62% vs the previous 30 days");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-1   | 0  | no logins in 30 days, after some in the 30 days before",
        "1    | 9  | logins started in the last 30 days, none in the 30 days before",
        "0    | 0  | no logins in 60 days",
        "0    | 12 | logins flat vs the previous 30 days",
        "0.2  | 12 | logins up 50% vs the previous 30 days"})
    void trendsAtTheEdgesSayWhatHappened(double trend, double current, String phrase) {
        assertThat(Phrases.trend("logins", trend, current)).isEqualTo(phrase);
    }

    @Test
    void countsArePluralised() {
        double[] x = Vectors.zeros().set(ESCALATED_TICKETS_30D, 2).set(OPEN_TICKETS, 1).get();

        assertThat(Phrases.of(ESCALATED_TICKETS_30D, x, 0)).isEqualTo("2 escalated tickets in 30 days");
        assertThat(Phrases.of(OPEN_TICKETS, x, 0)).isEqualTo("1 open ticket");
    }

    @Test
    void anUnknownValueIsSaidToBeUnknownNotZero() {
        double[] x = Vectors.zeros().set(HAS_TOUCHPOINT, 0).set(DAYS_SINCE_LAST_TOUCHPOINT, 365).get();

        assertThat(Phrases.of(DAYS_SINCE_LAST_TOUCHPOINT, x, 0)).isEqualTo("no CSM touchpoint on record");
    }

    @Test
    void aKnownFlagIsSaidAsTheValueItVouchesFor() {
        double[] x = Vectors.zeros().set(HAS_NPS, 1).set(NPS_MEAN_90D, 4.5).get();

        assertThat(Phrases.of(HAS_NPS, x, 0)).isEqualTo("NPS 4.5 of 10 in 90 days");
    }

    @Test
    void moneyAndDaysAreWrittenForPeople() {
        double[] x = Vectors.zeros().set(ARR, 12_400).set(HAS_RENEWAL_DATE, 1).set(DAYS_TO_RENEWAL, 45)
                .set(SEAT_UTILISATION_30D, 0.125).set(HAS_LICENSED_SEATS, 1).get();

        assertThat(Phrases.of(LOG_ARR, x, 0)).isEqualTo("ARR $12,400");
        assertThat(Phrases.of(DAYS_TO_RENEWAL, x, 0)).isEqualTo("renews in 45 days");
        assertThat(Phrases.of(SEAT_UTILISATION_30D, x, 0)).isEqualTo("13% of licensed seats active in 30 days");
    }

    @Test
    void theVectorIsReadFromItsOffset() {
        double[] two = new double[2 * Feature.values().length];
        two[Feature.values().length + OPEN_TICKETS.ordinal()] = 3;

        assertThat(Phrases.of(OPEN_TICKETS, two, Feature.values().length)).isEqualTo("3 open tickets");
    }
}
