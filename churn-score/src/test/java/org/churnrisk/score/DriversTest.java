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
    /** A Growth account: 38 logins in 30 days after 100, 2 escalated tickets, 1 open, no CSM touchpoint. */
    static final double[] ACCOUNT = Vectors.zeros().set(TIER_GROWTH, 1).set(LOGINS_30D, 38)
            .set(LOGINS_TREND, -62.0 / 138).set(ESCALATED_TICKETS_30D, 2).set(ESCALATED_TICKETS_90D, 3)
            .set(OPEN_TICKETS, 1).set(ERROR_RATE_30D, 0.05).set(HAS_TOUCHPOINT, 0).get();
    /** The Growth accounts that renewed: 60 logins, no escalations or open tickets, a touchpoint, a review. */
    static final References RENEWED = Vectors.renewed(Vectors.zeros().set(TIER_GROWTH, 1).set(LOGINS_30D, 60)
            .set(ERROR_RATE_30D, 0.01).set(HAS_TOUCHPOINT, 1).set(DAYS_SINCE_LAST_TOUCHPOINT, 20)
            .set(BUSINESS_REVIEWS_180D, 1).get());

    @ParameterizedTest
    @EnumSource(Feature.class)
    void everyFeatureBelongsToADriverGroup(Feature feature) {
        assertThat(DriverGroup.of(feature).features()).contains(feature);
    }

    @Test
    void theLargestThemesComeFirst() {
        double[] c = Vectors.contributions(LOGINS_TREND, 0.4, ESCALATED_TICKETS_30D, 0.9, HAS_TOUCHPOINT, 0.2,
                ARR, 0.1);

        List<Driver> drivers = Drivers.top(ACCOUNT, 0, c, 3, RENEWED);

        assertThat(drivers).extracting(Driver::group).containsExactly(DriverGroup.ESCALATIONS, DriverGroup.LOGINS,
                DriverGroup.CSM_ENGAGEMENT);
    }

    @Test
    void aThemesContributionIsTheSumOfItsFeatures() {
        double[] c = Vectors.contributions(LOGINS_TREND, 0.3, LOGINS_7D, 0.2, LOGINS_90D, -0.1,
                ESCALATED_TICKETS_30D, 0.35);

        List<Driver> drivers = Drivers.top(ACCOUNT, 0, c, 3, RENEWED);

        assertThat(drivers.get(0).group()).isEqualTo(DriverGroup.LOGINS);
        assertThat(drivers.get(0).contribution()).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aThemeIsPhrasedByItsStrongestFeatureOnTheRiskySide() {
        // logins_7d adds the most, but 0 logins in 7 days is also the renewed accounts' median: not worse
        double[] c = Vectors.contributions(LOGINS_7D, 0.5, LOGINS_TREND, 0.3, LOGINS_30D, 0.1);

        Driver driver = Drivers.top(ACCOUNT, 0, c, 3, RENEWED).get(0);

        assertThat(driver.phrase()).isEqualTo("logins fell from 100 in the 30 days before to 38 in the last 30");
        assertThat(driver.feature()).isEqualTo(LOGINS_TREND);
        assertThat(driver.contribution()).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aFeatureThatLowersTheRiskDoesNotPhraseItsTheme() {
        double[] c = Vectors.contributions(LOGINS_TREND, -0.1, LOGINS_30D, 0.5);

        assertThat(Drivers.top(ACCOUNT, 0, c, 3, RENEWED).get(0).phrase())
                .isEqualTo("38 logins in 30 days, 37% below the median of growth accounts that renewed (60)");
    }

    @Test
    void themesThatLowerTheRiskOrBarelyRaiseItAreNotDrivers() {
        double[] c = Vectors.contributions(LOGINS_TREND, -0.8, ESCALATED_TICKETS_30D, 0.005, OPEN_TICKETS, 0.5);

        assertThat(Drivers.top(ACCOUNT, 0, c, 3, RENEWED)).extracting(Driver::group)
                .containsExactly(DriverGroup.TICKETS);
    }

    @Test
    void tiesKeepTheOrderOfTheThemes() {
        double[] c = Vectors.contributions(BUSINESS_REVIEWS_180D, 0.5, LOGINS_30D, 0.5, OPEN_TICKETS, 0.5,
                ERROR_RATE_30D, 0.5);

        assertThat(Drivers.top(ACCOUNT, 0, c, 3, RENEWED)).extracting(Driver::group).containsExactly(
                DriverGroup.LOGINS, DriverGroup.PRODUCT_ERRORS, DriverGroup.TICKETS);
    }

    @Test
    void theAccountsContractIsNoDriverHoweverMuchItAdds() {
        double[] c = Vectors.contributions(DAYS_TO_RENEWAL, 2.0, TENURE_DAYS, 1.5, ARR, 1.0, ARR_CHANGE_LAST_RENEWAL,
                0.9, OPEN_TICKETS, 0.2);

        assertThat(Drivers.top(ACCOUNT, 0, c, 3, RENEWED)).extracting(Driver::group)
                .containsExactly(DriverGroup.TICKETS);
        assertThat(Drivers.context(ACCOUNT, 0, c, RENEWED)).isEmpty();
    }

    @Test
    void aThemeOnTheHealthySideOfItsReferenceIsContextNotADriver() {
        double[] busy = Vectors.zeros().set(TIER_GROWTH, 1).set(LOGINS_30D, 75).set(LOGINS_TREND, 7.0 / 207)
                .set(OPEN_TICKETS, 1).get();
        double[] c = Vectors.contributions(LOGINS_TREND, 0.6, LOGINS_30D, 0.3, OPEN_TICKETS, 0.2);

        assertThat(Drivers.top(busy, 0, c, 3, RENEWED)).extracting(Driver::group)
                .containsExactly(DriverGroup.TICKETS);
        List<Driver> context = Drivers.context(busy, 0, c, RENEWED);
        assertThat(context).extracting(Driver::group).containsExactly(DriverGroup.LOGINS);
        assertThat(context.get(0).phrase()).isEqualTo("logins up 7% vs the previous 30 days");
        assertThat(context.get(0).contribution()).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aThemeWithoutAnyComparisonIsContext() {
        double[] c = Vectors.contributions(USAGE_WINDOW_DAYS, 0.4);

        assertThat(Drivers.top(ACCOUNT, 0, c, 3, RENEWED)).isEmpty();
        assertThat(Drivers.context(ACCOUNT, 0, c, RENEWED)).extracting(Driver::group)
                .containsExactly(DriverGroup.ACTIVITY);
    }

    @Test
    void withoutReferencesOnlyTheAccountsOwnHistoryAndAlertsCount() {
        double[] c = Vectors.contributions(ESCALATED_TICKETS_30D, 0.9, LOGINS_TREND, 0.4, HAS_TOUCHPOINT, 0.2);

        assertThat(Drivers.top(ACCOUNT, 0, c, 3, References.NONE)).extracting(Driver::phrase)
                .containsExactly("logins fell from 100 in the 30 days before to 38 in the last 30");
        assertThat(Drivers.context(ACCOUNT, 0, c, References.NONE)).extracting(Driver::group)
                .containsExactly(DriverGroup.ESCALATIONS, DriverGroup.CSM_ENGAGEMENT);
    }

    @Test
    void aTierWithoutRenewedAccountsHasNoCohortReference() {
        double[] starter = ACCOUNT.clone();
        starter[TIER_GROWTH.ordinal()] = 0;
        double[] c = Vectors.contributions(ESCALATED_TICKETS_30D, 0.9);

        assertThat(Drivers.top(starter, 0, c, 3, RENEWED)).isEmpty();
    }

    @Test
    void onboardingTheDataDoesNotCoverIsNoDriver() {
        double[] c = Vectors.contributions(ALERT_30D_MILESTONE_MISSED, 0.9, OPEN_TICKETS, 0.2);
        double[] unseen = ACCOUNT.clone();
        unseen[ALERT_30D_MILESTONE_MISSED.ordinal()] = 1;

        assertThat(Drivers.top(unseen, 0, c, 3, RENEWED)).extracting(Driver::group)
                .containsExactly(DriverGroup.TICKETS);
    }

    @Test
    void onboardingTheDataCoversIsADriverWhenAMilestoneIsMissed() {
        double[] seen = Vectors.zeros().set(HAS_ONBOARDING, 1).set(DAYS_TO_FIVE_USERS, 45)
                .set(ALERT_30D_MILESTONE_MISSED, 1).get();
        double[] c = Vectors.contributions(FIVE_USERS_BY_30, 0.9, ALERT_30D_MILESTONE_MISSED, 0.1);

        assertThat(Drivers.top(seen, 0, c, 3, References.NONE)).extracting(Driver::phrase)
                .containsExactly("onboarding milestone missed by day 30");
    }

    @Test
    void anUnknownThemeNamesTheKnownOnes() {
        assertThatThrownBy(() -> DriverGroup.parse("logons")).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'logons'").hasMessageContaining("logins, active_users");
    }
}
