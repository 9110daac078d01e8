package org.churnrisk.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.churnrisk.features.Feature.*;

import java.util.List;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.features.Feature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DriversTest {
    private static final double[] ACCOUNT = Vectors.zeros().set(LOGINS_30D, 38).set(LOGINS_TREND, -62.0 / 138)
            .set(ESCALATED_TICKETS_30D, 2).set(ESCALATED_TICKETS_90D, 3).set(HAS_TOUCHPOINT, 0).get();

    @ParameterizedTest
    @EnumSource(Feature.class)
    void everyFeatureBelongsToADriverGroup(Feature feature) {
        assertThat(DriverGroup.of(feature).features()).contains(feature);
    }

    @Test
    void theLargestThemesComeFirst() {
        double[] c = Vectors.contributions(LOGINS_TREND, 0.4, ESCALATED_TICKETS_30D, 0.9, HAS_TOUCHPOINT, 0.2,
                ARR, 0.1);

        List<Driver> drivers = Drivers.top(ACCOUNT, 0, c, 3);

        assertThat(drivers).extracting(Driver::group).containsExactly(DriverGroup.ESCALATIONS, DriverGroup.LOGINS,
                DriverGroup.CSM_ENGAGEMENT);
    }

    @Test
    void aThemesContributionIsTheSumOfItsFeatures() {
        double[] c = Vectors.contributions(LOGINS_TREND, 0.3, LOGINS_7D, 0.2, LOGINS_90D, -0.1,
                ESCALATED_TICKETS_30D, 0.35);

        List<Driver> drivers = Drivers.top(ACCOUNT, 0, c, 3);

        assertThat(drivers.get(0).group()).isEqualTo(DriverGroup.LOGINS);
        assertThat(drivers.get(0).contribution()).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aThemeIsPhrasedByItsStrongestFeature() {
        double[] c = Vectors.contributions(LOGINS_TREND, 0.3, LOGINS_30D, 0.1);

        assertThat(Drivers.top(ACCOUNT, 0, c, 3).get(0).phrase()).isEqualTo("logins down 62% vs the previous 30 days");
    }

    @Test
    void themesThatLowerTheRiskOrBarelyRaiseItAreNotDrivers() {
        double[] c = Vectors.contributions(LOGINS_TREND, -0.8, ESCALATED_TICKETS_30D, 0.005, OPEN_TICKETS, 0.5);

        assertThat(Drivers.top(ACCOUNT, 0, c, 3)).extracting(Driver::group).containsExactly(DriverGroup.TICKETS);
    }

    @Test
    void tiesKeepTheOrderOfTheThemes() {
        double[] c = Vectors.contributions(BUSINESS_REVIEWS_180D, 0.5, LOGINS_30D, 0.5, OPEN_TICKETS, 0.5, ERROR_RATE_30D, 0.5);

        assertThat(Drivers.top(ACCOUNT, 0, c, 3)).extracting(Driver::group).containsExactly(DriverGroup.LOGINS,
                DriverGroup.PRODUCT_ERRORS, DriverGroup.TICKETS);
    }

    @Test
    void theAccountsContextIsNoDriverHoweverMuchItAdds() {
        double[] c = Vectors.contributions(DAYS_TO_RENEWAL, 2.0, TENURE_DAYS, 1.5, ARR, 1.0, ARR_CHANGE_LAST_RENEWAL, 0.9,
                OPEN_TICKETS, 0.2);

        assertThat(Drivers.top(ACCOUNT, 0, c, 3)).extracting(Driver::group).containsExactly(DriverGroup.TICKETS);
    }

    @Test
    void onboardingTheDataDoesNotCoverIsNoDriver() {
        double[] c = Vectors.contributions(FIVE_USERS_BY_30, 0.9, OPEN_TICKETS, 0.2);

        assertThat(Drivers.top(ACCOUNT, 0, c, 3)).extracting(Driver::group).containsExactly(DriverGroup.TICKETS);
    }

    @Test
    void onboardingTheDataCoversIsADriver() {
        double[] seen = Vectors.zeros().set(HAS_ONBOARDING, 1).set(DAYS_TO_FIVE_USERS, 45).get();
        double[] c = Vectors.contributions(FIVE_USERS_BY_30, 0.9);

        assertThat(Drivers.top(seen, 0, c, 3)).extracting(Driver::phrase)
                .containsExactly("five users active: not within 30 days");
    }

    @Test
    void anUnknownThemeNamesTheKnownOnes() {
        assertThatThrownBy(() -> DriverGroup.parse("logons")).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'logons'").hasMessageContaining("logins, active_users");
    }
}
