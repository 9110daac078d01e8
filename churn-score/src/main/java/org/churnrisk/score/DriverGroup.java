package org.churnrisk.score;

import static org.churnrisk.features.Feature.*;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.features.Feature;

/**
 * The themes a driver names. Each feature belongs to exactly one; an account's drivers are the
 * themes whose features, added up, push its churn risk up the most. Adding up keeps a driver
 * exact (contributions are additive) and keeps one cause from filling all three driver columns
 * ({@code logins_7d}, {@code logins_30d} and {@code logins_trend} are one story to a CSM).
 *
 * <p>{@link #ONBOARDING} is never a driver of an account whose tenure began before the usage export
 * ({@code has_onboarding} 0): its milestones are unknown then, and "unknown" is a gap in the data,
 * not something a CSM can act on. {@code churn explain} still shows those contributions.
 *
 * <p>{@linkplain #context() Context} themes (size, renewal, tenure, price change) are never
 * drivers either: they are facts of the contract, shown in the report's own columns.
 *
 * <p>Play rules refer to themes by {@link #key()}; docs/scoring.md lists them with their features
 * (a test keeps the two in step).
 */
public enum DriverGroup {
    ACCOUNT_SIZE(ARR, LOG_ARR, TIER_STARTER, TIER_GROWTH, TIER_ENTERPRISE, LICENSED_SEATS, HAS_LICENSED_SEATS),
    RENEWAL(DAYS_TO_RENEWAL, HAS_RENEWAL_DATE),
    TENURE(TENURE_DAYS, HAS_TENURE, CURRENT_TENURE_DAYS, TERM_NUMBER),
    PRICE_CHANGE(ARR_CHANGE_LAST_RENEWAL, HAS_ARR_CHANGE),
    LOGINS(LOGINS_7D, LOGINS_30D, LOGINS_90D, LOGINS_TREND, DAYS_SINCE_LAST_LOGIN, ALERT_NO_LOGIN_7D),
    ACTIVE_USERS(ACTIVE_USERS_7D, ACTIVE_USERS_30D, ACTIVE_USERS_90D, ACTIVE_USERS_TREND),
    SEAT_USE(SEAT_UTILISATION_30D, ALERT_LOW_UTILISATION),
    FEATURE_ADOPTION(EVENTS_30D, EVENTS_PER_ACTIVE_USER_30D, EVENTS_TREND, DISTINCT_FEATURES_30D,
            DISTINCT_FEATURES_90D, DISTINCT_FEATURES_TREND),
    CORE_ADOPTION(CORE_EVENTS_30D, CORE_DEPTH_30D, CORE_DEPTH_TREND, CORE_DEPTH_VS_TIER_MEDIAN),
    ACTIVITY(DAYS_SINCE_LAST_ACTIVITY, HAS_ACTIVITY, USAGE_WINDOW_DAYS),
    PRODUCT_ERRORS(ERROR_RATE_30D),
    INTEGRATION(INTEGRATION_SYNCS_30D, INTEGRATION_ERROR_RATE_30D, DAYS_SINCE_LAST_INTEGRATION, HAS_INTEGRATION),
    ONBOARDING(HAS_ONBOARDING, FIVE_USERS_REACHED, DAYS_TO_FIVE_USERS, FIVE_USERS_BY_30, FIVE_USERS_BY_60,
            FIVE_USERS_BY_90, FIRST_EXPORT_REACHED, DAYS_TO_FIRST_EXPORT, FIRST_EXPORT_BY_30, FIRST_EXPORT_BY_60,
            FIRST_EXPORT_BY_90, FIRST_INTEGRATION_REACHED, DAYS_TO_FIRST_INTEGRATION, FIRST_INTEGRATION_BY_30,
            FIRST_INTEGRATION_BY_60, FIRST_INTEGRATION_BY_90, ALERT_30D_MILESTONE_MISSED),
    TICKETS(TICKETS_30D, TICKETS_90D, OPEN_TICKETS, HIGH_URGENT_TICKETS_90D),
    ESCALATIONS(ESCALATED_TICKETS_30D, ESCALATED_TICKETS_90D),
    SUPPORT_EXPERIENCE(MEAN_SATISFACTION_90D, HAS_SATISFACTION, MEAN_RESOLUTION_HOURS_90D, HAS_RESOLUTION),
    NPS(NPS_MEAN_90D, HAS_NPS, NPS_CHANGE, HAS_NPS_CHANGE, NPS_DETRACTORS_180D),
    CSAT(CSAT_MEAN_90D, HAS_CSAT, CSAT_CHANGE, HAS_CSAT_CHANGE),
    CSM_ENGAGEMENT(DAYS_SINCE_LAST_TOUCHPOINT, HAS_TOUCHPOINT, TOUCHPOINTS_90D),
    BUSINESS_REVIEWS(BUSINESS_REVIEWS_180D);

    private static final Map<Feature, DriverGroup> BY_FEATURE = new EnumMap<>(Feature.class);

    static {
        for (DriverGroup g : values()) {
            for (Feature f : g.features) {
                DriverGroup before = BY_FEATURE.put(f, g);
                if (before != null) {
                    throw new IllegalStateException(f + " is in both " + before + " and " + g);
                }
            }
        }
        if (BY_FEATURE.size() != Feature.values().length) {
            throw new IllegalStateException("features without a driver group: "
                    + java.util.EnumSet.complementOf(java.util.EnumSet.copyOf(BY_FEATURE.keySet())));
        }
    }

    private final List<Feature> features;

    DriverGroup(Feature... features) {
        this.features = List.of(features);
    }

    /** The name used in play rules and files, e.g. {@code core_adoption}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The features of this theme, in schema order. */
    public List<Feature> features() {
        return features;
    }

    /**
     * Whether this theme is the account's context rather than something a CSM can change: its
     * size, renewal date, tenure and last price change. The report shows size and renewal in
     * their own columns, so a context theme is never a driver; it still moves the probability,
     * and {@code churn explain} shows its contributions.
     */
    public boolean context() {
        return this == ACCOUNT_SIZE || this == RENEWAL || this == TENURE || this == PRICE_CHANGE;
    }

    /** The flag that says whether the data covers this theme for an account, or null when it always does. */
    Feature coverage() {
        return this == ONBOARDING ? HAS_ONBOARDING : null;
    }

    /** The theme a feature belongs to. */
    public static DriverGroup of(Feature feature) {
        return BY_FEATURE.get(feature);
    }

    /**
     * The theme with this key, ignoring case.
     *
     * @throws InvalidArgumentException naming the keys when there is none
     */
    public static DriverGroup parse(String key) {
        for (DriverGroup g : values()) {
            if (g.key().equalsIgnoreCase(key == null ? "" : key.strip())) {
                return g;
            }
        }
        throw new InvalidArgumentException("driver '" + key + "' is not known (expected one of "
                + String.join(", ", java.util.Arrays.stream(values()).map(DriverGroup::key).toList()) + ")");
    }
}
