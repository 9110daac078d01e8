package org.churnrisk.features;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.churnrisk.core.features.FeatureSchema;

/**
 * Every feature churn-risk computes for an account as of a date T, in schema order.
 *
 * <p>Windows end at T exclusive: "30d" is [T-30 days, T). A trend compares the last 30 days
 * {@code a} with the 30 before {@code b} as {@code (a - b) / (a + b)}, from -1 (stopped) to +1
 * (started), 0 when both are 0. Where a value can be unknown, a {@code has_...} feature says
 * whether it is known and the value then holds the documented fill. docs/features.md defines
 * each one; a test keeps it in step with this list.
 */
public enum Feature {
    // Commercial: from the contract in force on the day before T (accounts.csv when the book has no contracts).
    ARR("ARR of the contract in force."),
    LOG_ARR("ln(1 + ARR)."),
    TIER_STARTER("1 if the tier is Starter (ARR below 10,000)."),
    TIER_GROWTH("1 if the tier is Growth (ARR 10,000 to 50,000)."),
    TIER_ENTERPRISE("1 if the tier is Enterprise (ARR above 50,000)."),
    LICENSED_SEATS("Licensed seats of the contract in force; 0 when unknown."),
    HAS_LICENSED_SEATS("1 if licensed seats are known."),
    DAYS_TO_RENEWAL("Days from T to the renewal date; 0 when unknown."),
    HAS_RENEWAL_DATE("1 if the renewal date is known."),
    TENURE_DAYS("Days from the first contract start to T; 0 when unknown."),
    HAS_TENURE("1 if the first contract start is known."),
    CURRENT_TENURE_DAYS("Days from the start of the current tenure (first start, or the return after a churn) to T."),
    TERM_NUMBER("Which term of the current tenure is in force: 1 for the first, 2 after one renewal."),
    ARR_CHANGE_LAST_RENEWAL("ARR of this term / ARR of the previous term - 1; 0 when there is none."),
    HAS_ARR_CHANGE("1 if the current term follows a previous term of the same tenure."),
    // Usage
    LOGINS_7D("Sum of login quantities in 7d."),
    LOGINS_30D("Sum of login quantities in 30d."),
    LOGINS_90D("Sum of login quantities in 90d."),
    LOGINS_TREND("Trend of logins, last 30d vs the 30 days before."),
    ACTIVE_USERS_7D("Distinct users with any event in 7d."),
    ACTIVE_USERS_30D("Distinct users with any event in 30d."),
    ACTIVE_USERS_90D("Distinct users with any event in 90d."),
    ACTIVE_USERS_TREND("Trend of distinct active users."),
    EVENTS_30D("Sum of quantities of feature events (not logins, not integration events) in 30d."),
    EVENTS_PER_ACTIVE_USER_30D("events_30d / active_users_30d; 0 with no active user."),
    EVENTS_TREND("Trend of feature events."),
    DISTINCT_FEATURES_30D("Distinct feature events used in 30d."),
    DISTINCT_FEATURES_90D("Distinct feature events used in 90d."),
    DISTINCT_FEATURES_TREND("Trend of distinct features used."),
    CORE_EVENTS_30D("Sum of quantities of core-feature events in 30d."),
    CORE_DEPTH_30D("Distinct core features used in 30d."),
    CORE_DEPTH_TREND("Trend of distinct core features used."),
    CORE_DEPTH_VS_TIER_MEDIAN("core_depth_30d minus the median core_depth_30d of the active accounts of the same tier at T."),
    SEAT_UTILISATION_30D("active_users_30d / licensed seats; 0 when seats are unknown."),
    DAYS_SINCE_LAST_ACTIVITY("Days from the last usage event before T to T, capped at 365; 365 when there is none."),
    DAYS_SINCE_LAST_LOGIN("Days from the last login before T to T, capped at 365; 365 when there is none."),
    HAS_ACTIVITY("1 if the account has any usage event before T."),
    ERROR_RATE_30D("Errors / quantity over every usage event in 30d; 0 with no events."),
    INTEGRATION_SYNCS_30D("Sum of quantities of integration events in 30d."),
    INTEGRATION_ERROR_RATE_30D("Errors / quantity of integration events in 30d; 0 with none."),
    DAYS_SINCE_LAST_INTEGRATION("Days from the last integration event before T, capped at 365; 365 when there is none."),
    HAS_INTEGRATION("1 if the account has any integration event before T."),
    USAGE_WINDOW_DAYS("Days of the 90d window covered by both the usage export and the current tenure."),
    // Onboarding, relative to the start of the current tenure
    HAS_ONBOARDING("1 if the usage export covers the start of the current tenure, so milestones can be seen."),
    FIVE_USERS_REACHED("1 if five distinct users had been active before T."),
    DAYS_TO_FIVE_USERS("Days from tenure start to the fifth distinct user; days so far if not reached; 0 without onboarding data."),
    FIVE_USERS_BY_30("1 if reached within 30 days of tenure start."),
    FIVE_USERS_BY_60("1 if reached within 60 days."),
    FIVE_USERS_BY_90("1 if reached within 90 days."),
    FIRST_EXPORT_REACHED("1 if a report had been exported before T."),
    DAYS_TO_FIRST_EXPORT("Days from tenure start to the first export event; days so far if not reached."),
    FIRST_EXPORT_BY_30("1 if reached within 30 days."),
    FIRST_EXPORT_BY_60("1 if reached within 60 days."),
    FIRST_EXPORT_BY_90("1 if reached within 90 days."),
    FIRST_INTEGRATION_REACHED("1 if an integration event had happened before T."),
    DAYS_TO_FIRST_INTEGRATION("Days from tenure start to the first integration event; days so far if not reached."),
    FIRST_INTEGRATION_BY_30("1 if reached within 30 days."),
    FIRST_INTEGRATION_BY_60("1 if reached within 60 days."),
    FIRST_INTEGRATION_BY_90("1 if reached within 90 days."),
    // Support
    TICKETS_30D("Tickets created in 30d."),
    TICKETS_90D("Tickets created in 90d."),
    OPEN_TICKETS("Tickets created before T and not resolved before T."),
    HIGH_URGENT_TICKETS_90D("Tickets of priority high or urgent created in 90d."),
    ESCALATED_TICKETS_30D("Escalated tickets created in 30d."),
    ESCALATED_TICKETS_90D("Escalated tickets created in 90d."),
    MEAN_SATISFACTION_90D("Mean satisfaction (1-5) of tickets resolved in 90d; 0 when none."),
    HAS_SATISFACTION("1 if mean_satisfaction_90d is known."),
    MEAN_RESOLUTION_HOURS_90D("Mean whole hours (rounded down per ticket) from creation to resolution of tickets resolved in 90d; 0 when none."),
    HAS_RESOLUTION("1 if mean_resolution_hours_90d is known."),
    // Surveys
    NPS_MEAN_90D("Mean NPS score (0-10) of responses in 90d; 0 when none."),
    HAS_NPS("1 if nps_mean_90d is known."),
    NPS_CHANGE("nps_mean_90d minus the mean of the 90 days before; 0 unless both are known."),
    HAS_NPS_CHANGE("1 if nps_change is known."),
    NPS_DETRACTORS_180D("NPS responses of 0-6 in 180d."),
    CSAT_MEAN_90D("Mean CSAT score (1-5) of responses in 90d; 0 when none."),
    HAS_CSAT("1 if csat_mean_90d is known."),
    CSAT_CHANGE("csat_mean_90d minus the mean of the 90 days before; 0 unless both are known."),
    HAS_CSAT_CHANGE("1 if csat_change is known."),
    // CSM engagement
    DAYS_SINCE_LAST_TOUCHPOINT("Days from the last CSM touchpoint before T, capped at 365; 365 when there is none."),
    HAS_TOUCHPOINT("1 if the account has any touchpoint before T."),
    TOUCHPOINTS_90D("CSM touchpoints in 90d."),
    BUSINESS_REVIEWS_180D("QBRs and EBRs in 180d."),
    // Alerts a CSM acts on
    ALERT_NO_LOGIN_7D("1 if there was no login in 7d."),
    ALERT_30D_MILESTONE_MISSED("1 if the tenure is 31 to 180 days old and a milestone was not reached by day 30."),
    ALERT_LOW_UTILISATION("1 if seats are known and seat_utilisation_30d is below 0.5.");

    /** Bumped whenever a feature is added, removed, reordered or redefined. */
    public static final String SCHEMA_VERSION = "churn-features/1";

    /** The schema of every feature vector churn-features produces. */
    public static final FeatureSchema SCHEMA = new FeatureSchema(SCHEMA_VERSION,
            Arrays.stream(values()).map(Feature::key).toList());

    private final String description;

    Feature(String description) {
        this.description = description;
    }

    /** The name in files and schemas, e.g. {@code logins_30d}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }

    public static List<Feature> all() {
        return List.of(values());
    }
}
