package org.churnrisk.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.churnrisk.features.Feature.*;

import java.util.stream.Stream;
import org.churnrisk.features.Feature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden phrases of drivers for hand-made Growth accounts, against a hand-made cohort of Growth
 * accounts that renewed: each account differs from the cohort in one theme, whose feature is
 * given a positive contribution.
 */
class DriverPhrasesTest {
    static final References RENEWED = Vectors.renewed(growth().set(LOGINS_30D, 60).set(ACTIVE_USERS_30D, 30)
            .set(HAS_LICENSED_SEATS, 1).set(SEAT_UTILISATION_30D, 0.92).set(HAS_TOUCHPOINT, 1)
            .set(DAYS_SINCE_LAST_LOGIN, 1).set(HAS_NPS, 1).set(NPS_MEAN_90D, 8).set(ERROR_RATE_30D, 0.02)
            .set(HAS_INTEGRATION, 1).set(BUSINESS_REVIEWS_180D, 1).get());

    private static Vectors growth() {
        return Vectors.zeros().set(TIER_GROWTH, 1).set(HAS_ACTIVITY, 1);
    }

    static Stream<Arguments> accounts() {
        return Stream.of(
                Arguments.of(growth().set(LOGINS_30D, 38), LOGINS_30D,
                        "38 logins in 30 days, 37% below the median of growth accounts that renewed (60)"),
                Arguments.of(growth().set(LOGINS_30D, 0), LOGINS_30D,
                        "no logins in 30 days; growth accounts that renewed have a median of 60"),
                Arguments.of(growth().set(LOGINS_30D, 0).set(LOGINS_TREND, -1), LOGINS_TREND,
                        "no logins in 30 days, after some in the 30 days before"),
                Arguments.of(growth().set(ACTIVE_USERS_30D, 21).set(ACTIVE_USERS_TREND, -17.0 / 59),
                        ACTIVE_USERS_TREND, "active users fell from 38 in the 30 days before to 21 in the last 30"),
                Arguments.of(growth().set(ESCALATED_TICKETS_30D, 3), ESCALATED_TICKETS_30D,
                        "3 escalated tickets in 30 days; growth accounts that renewed have a median of 0"),
                Arguments.of(growth().set(HAS_LICENSED_SEATS, 1).set(SEAT_UTILISATION_30D, 0.31),
                        SEAT_UTILISATION_30D, "31% of licensed seats active in 30 days, 66% below the median of"
                                + " growth accounts that renewed (92%)"),
                Arguments.of(growth().set(DAYS_SINCE_LAST_LOGIN, 45), DAYS_SINCE_LAST_LOGIN,
                        "last login 45 days ago; growth accounts that renewed have a median of 1 day"),
                Arguments.of(growth().set(ALERT_NO_LOGIN_7D, 1), ALERT_NO_LOGIN_7D, "no login in 7 days"),
                Arguments.of(growth(), HAS_TOUCHPOINT, "no CSM touchpoint on record; most growth accounts that"
                        + " renewed have a CSM touchpoint on record"),
                Arguments.of(growth().set(HAS_NPS, 1).set(NPS_MEAN_90D, 4), NPS_MEAN_90D,
                        "NPS 4 of 10 in 90 days, 50% below the median of growth accounts that renewed (8)"),
                Arguments.of(growth().set(HAS_NPS, 1).set(NPS_MEAN_90D, 8).set(HAS_NPS_CHANGE, 1)
                        .set(NPS_CHANGE, -2.5), NPS_CHANGE, "NPS down 2.5 points vs the 90 days before"),
                Arguments.of(growth().set(ERROR_RATE_30D, 0.08), ERROR_RATE_30D,
                        "8% of product actions failed in 30 days; growth accounts that renewed have a median of 2%"),
                Arguments.of(growth(), HAS_INTEGRATION, "no integration connected; most growth accounts that renewed"
                        + " have an integration connected"),
                Arguments.of(growth(), BUSINESS_REVIEWS_180D,
                        "no business reviews in 180 days; growth accounts that renewed have a median of 1"),
                Arguments.of(growth().set(CORE_DEPTH_VS_TIER_MEDIAN, -2), CORE_DEPTH_VS_TIER_MEDIAN,
                        "2 core features fewer used than the tier's median"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("accounts")
    void aDriverSaysWhatIsWorseAndThanWhat(Vectors account, Feature feature, String phrase) {
        double[] c = Vectors.contributions(feature, 0.5);

        assertThat(Drivers.top(account.get(), 0, c, 3, RENEWED)).extracting(Driver::phrase).containsExactly(phrase);
    }

    @Test
    void theSameValueOnTheHealthySideIsContextWithItsReference() {
        double[] account = growth().set(LOGINS_30D, 75).get();
        double[] c = Vectors.contributions(LOGINS_30D, 0.5);

        assertThat(Drivers.top(account, 0, c, 3, RENEWED)).isEmpty();
        assertThat(Drivers.context(account, 0, c, RENEWED)).extracting(Driver::phrase)
                .containsExactly("75 logins in 30 days; growth accounts that renewed have a median of 60");
    }
}
