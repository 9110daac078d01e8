package org.churnrisk.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.churnrisk.core.features.FeatureTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every feature of {@link TinyBook} as of 2025-06-01, computed by hand. */
class FeatureDefinitionsTest {
    static FeatureTable table;

    @BeforeAll
    static void extract() {
        table = FeatureExtractor.create(FeatureConfig.DEFAULT).extract(List.of(TinyBook.history()), TinyBook.AS_OF);
    }

    static Stream<Arguments> handComputed() {
        return Stream.of(
                // commercial: no contracts, so today's ARR and seats; renewal on the anniversary
                Arguments.of("arr", 20_000.0),
                Arguments.of("tier_growth", 1.0),
                Arguments.of("tier_starter", 0.0),
                Arguments.of("licensed_seats", 10.0),
                Arguments.of("days_to_renewal", 214.0),
                Arguments.of("tenure_days", 151.0),
                Arguments.of("current_tenure_days", 151.0),
                Arguments.of("term_number", 1.0),
                Arguments.of("has_arr_change", 0.0),
                // usage; the login on 2025-06-01 is the future
                Arguments.of("logins_7d", 2.0),
                Arguments.of("logins_30d", 3.0),
                Arguments.of("logins_90d", 7.0),
                Arguments.of("logins_trend", 0.0),
                Arguments.of("active_users_7d", 2.0),
                Arguments.of("active_users_30d", 3.0),
                Arguments.of("active_users_90d", 5.0),
                Arguments.of("active_users_trend", 0.5),
                Arguments.of("events_30d", 4.0),
                Arguments.of("events_per_active_user_30d", 4.0 / 3),
                Arguments.of("events_trend", 1.0),
                Arguments.of("distinct_features_30d", 1.0),
                Arguments.of("distinct_features_90d", 1.0),
                Arguments.of("core_events_30d", 4.0),
                Arguments.of("core_depth_30d", 1.0),
                Arguments.of("core_depth_vs_tier_median", 0.0),
                Arguments.of("seat_utilisation_30d", 0.3),
                Arguments.of("days_since_last_activity", 1.0),
                Arguments.of("days_since_last_login", 1.0),
                Arguments.of("has_activity", 1.0),
                Arguments.of("error_rate_30d", 2.0 / 17),
                Arguments.of("integration_syncs_30d", 10.0),
                Arguments.of("integration_error_rate_30d", 0.2),
                Arguments.of("days_since_last_integration", 2.0),
                Arguments.of("usage_window_days", 90.0),
                // onboarding from 2025-01-01: users first seen 01-01, 01-20, 03-10, 04-15, 05-25
                Arguments.of("has_onboarding", 1.0),
                Arguments.of("five_users_reached", 1.0),
                Arguments.of("days_to_five_users", 144.0),
                Arguments.of("five_users_by_90", 0.0),
                Arguments.of("first_export_reached", 1.0),
                Arguments.of("days_to_first_export", 19.0),
                Arguments.of("first_export_by_30", 1.0),
                Arguments.of("first_integration_reached", 1.0),
                Arguments.of("days_to_first_integration", 149.0),
                Arguments.of("first_integration_by_90", 0.0),
                // support: T1 is open at T (resolved exactly at the cutoff), T3 is the future
                Arguments.of("tickets_30d", 1.0),
                Arguments.of("tickets_90d", 2.0),
                Arguments.of("open_tickets", 1.0),
                Arguments.of("high_urgent_tickets_90d", 1.0),
                Arguments.of("escalated_tickets_30d", 0.0),
                Arguments.of("escalated_tickets_90d", 1.0),
                Arguments.of("mean_satisfaction_90d", 4.0),
                Arguments.of("has_satisfaction", 1.0),
                Arguments.of("mean_resolution_hours_90d", 24.0),
                // surveys: the NPS 3 on 2025-06-01 does not exist yet
                Arguments.of("nps_mean_90d", 9.0),
                Arguments.of("nps_change", 4.0),
                Arguments.of("has_nps_change", 1.0),
                Arguments.of("nps_detractors_180d", 1.0),
                Arguments.of("csat_mean_90d", 4.0),
                Arguments.of("has_csat_change", 0.0),
                // CSM
                Arguments.of("days_since_last_touchpoint", 21.0),
                Arguments.of("touchpoints_90d", 2.0),
                Arguments.of("business_reviews_180d", 1.0),
                // alerts
                Arguments.of("alert_no_login_7d", 0.0),
                Arguments.of("alert_30d_milestone_missed", 1.0),
                Arguments.of("alert_low_utilisation", 1.0));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("handComputed")
    void featureHasItsHandComputedValue(String feature, double expected) {
        assertThat(table.value(0, feature)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void healthScoreCombinesTheFourPartsByTheirWeights() {
        // usage 42.5 (utilisation 0.3 of target 0.8, flat trend), support 65, NPS/CSAT 82.5, CSM 100
        assertThat(table.healthScore(0)).isCloseTo(0.4 * 42.5 + 0.3 * 65 + 0.2 * 82.5 + 0.1 * 100, within(1e-9));
    }

    @Test
    void oneRowPerActiveAccount() {
        assertThat(table.accountIds()).containsExactly("A1");
        assertThat(table.asOf()).isEqualTo(TinyBook.AS_OF);
    }
}
