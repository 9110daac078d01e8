package org.churnrisk.score;

import static org.churnrisk.features.Feature.*;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.churnrisk.features.Feature;

/**
 * Which side of its reference is risky, per feature a driver may be phrased by: the table that
 * keeps a red account from showing good news as its reason. A feature not in the table never
 * phrases a driver. The direction is a product judgement (fewer logins, more escalated tickets,
 * an older last login are worse), never fitted to a book; the model's contribution still has to
 * push the risk up as well (see {@link Drivers}).
 *
 * <p>Three kinds of reference: the median of the account's tier cohort of accounts that renewed,
 * as the bundle's {@link References} hold it ({@link Kind#COHORT}); the account's own previous
 * window, which a trend or a change already compares with, so the reference is 0
 * ({@link Kind#OWN}); and a rule of the feature itself, such as an alert flag, whose healthy value
 * is 0 ({@link Kind#RULE}). Stateless.
 */
final class Comparisons {
    /** Which values are worse than the reference. */
    enum Direction {
        /** A value below the reference is risky (fewer logins). */
        LOWER,
        /** A value above the reference is risky (more escalated tickets). */
        HIGHER;

        /** Whether {@code value} is strictly on the risky side of {@code reference}; false when either is NaN. */
        boolean risky(double value, double reference) {
            return this == LOWER ? value < reference : value > reference;
        }
    }

    /** What a feature is compared with. */
    enum Kind { COHORT, OWN, RULE }

    /** How a cohort median is written. */
    enum Unit { COUNT, SHARE, DAYS, HOURS, SCORE, FLAG }

    /**
     * One row of the table.
     *
     * @param feature   the feature
     * @param direction which side of the reference is risky
     * @param kind      what the reference is
     * @param unit      how a cohort median is written
     * @param condition the flag that must be 1 for the value to be known, or null; a cohort median
     *                  is taken over the renewed accounts whose flag is 1 too
     * @param peers     for a {@link Unit#FLAG}, what most renewed accounts do, e.g. "have an integration connected"
     */
    record Rule(Feature feature, Direction direction, Kind kind, Unit unit, Feature condition, String peers) {
        /** Whether the account's value is known, i.e. its condition flag (if any) is 1. */
        boolean applies(double[] x, int offset) {
            return condition == null || x[offset + condition.ordinal()] > 0;
        }
    }

    private static final Direction L = Direction.LOWER;
    private static final Direction H = Direction.HIGHER;

    /** The table, in schema order. */
    static final List<Rule> RULES = List.of(
            cohort(LOGINS_7D, L, Unit.COUNT, null),
            cohort(LOGINS_30D, L, Unit.COUNT, null),
            cohort(LOGINS_90D, L, Unit.COUNT, null),
            own(LOGINS_TREND),
            cohort(DAYS_SINCE_LAST_LOGIN, H, Unit.DAYS, null),
            rule(ALERT_NO_LOGIN_7D),
            cohort(ACTIVE_USERS_7D, L, Unit.COUNT, null),
            cohort(ACTIVE_USERS_30D, L, Unit.COUNT, null),
            cohort(ACTIVE_USERS_90D, L, Unit.COUNT, null),
            own(ACTIVE_USERS_TREND),
            cohort(SEAT_UTILISATION_30D, L, Unit.SHARE, HAS_LICENSED_SEATS),
            rule(ALERT_LOW_UTILISATION),
            cohort(EVENTS_30D, L, Unit.COUNT, null),
            cohort(EVENTS_PER_ACTIVE_USER_30D, L, Unit.SCORE, null),
            own(EVENTS_TREND),
            cohort(DISTINCT_FEATURES_30D, L, Unit.COUNT, null),
            cohort(DISTINCT_FEATURES_90D, L, Unit.COUNT, null),
            own(DISTINCT_FEATURES_TREND),
            cohort(CORE_EVENTS_30D, L, Unit.COUNT, null),
            cohort(CORE_DEPTH_30D, L, Unit.COUNT, null),
            own(CORE_DEPTH_TREND),
            // already a comparison with the tier's median in the scored book
            own(CORE_DEPTH_VS_TIER_MEDIAN),
            cohort(DAYS_SINCE_LAST_ACTIVITY, H, Unit.DAYS, HAS_ACTIVITY),
            cohort(ERROR_RATE_30D, H, Unit.SHARE, null),
            cohort(INTEGRATION_SYNCS_30D, L, Unit.COUNT, null),
            cohort(INTEGRATION_ERROR_RATE_30D, H, Unit.SHARE, HAS_INTEGRATION),
            cohort(DAYS_SINCE_LAST_INTEGRATION, H, Unit.DAYS, HAS_INTEGRATION),
            flag(HAS_INTEGRATION, null, "have an integration connected"),
            flag(FIVE_USERS_BY_30, HAS_ONBOARDING, "had five users active within 30 days"),
            flag(FIRST_EXPORT_BY_30, HAS_ONBOARDING, "exported a first report within 30 days"),
            flag(FIRST_INTEGRATION_BY_30, HAS_ONBOARDING, "connected a first integration within 30 days"),
            rule(ALERT_30D_MILESTONE_MISSED),
            cohort(TICKETS_30D, H, Unit.COUNT, null),
            cohort(TICKETS_90D, H, Unit.COUNT, null),
            cohort(OPEN_TICKETS, H, Unit.COUNT, null),
            cohort(HIGH_URGENT_TICKETS_90D, H, Unit.COUNT, null),
            cohort(ESCALATED_TICKETS_30D, H, Unit.COUNT, null),
            cohort(ESCALATED_TICKETS_90D, H, Unit.COUNT, null),
            cohort(MEAN_SATISFACTION_90D, L, Unit.SCORE, HAS_SATISFACTION),
            cohort(MEAN_RESOLUTION_HOURS_90D, H, Unit.HOURS, HAS_RESOLUTION),
            cohort(NPS_MEAN_90D, L, Unit.SCORE, HAS_NPS),
            flag(HAS_NPS, null, "answered an NPS survey in 90 days"),
            new Rule(NPS_CHANGE, L, Kind.OWN, Unit.SCORE, HAS_NPS_CHANGE, null),
            cohort(NPS_DETRACTORS_180D, H, Unit.COUNT, null),
            cohort(CSAT_MEAN_90D, L, Unit.SCORE, HAS_CSAT),
            flag(HAS_CSAT, null, "answered a CSAT survey in 90 days"),
            new Rule(CSAT_CHANGE, L, Kind.OWN, Unit.SCORE, HAS_CSAT_CHANGE, null),
            cohort(DAYS_SINCE_LAST_TOUCHPOINT, H, Unit.DAYS, HAS_TOUCHPOINT),
            flag(HAS_TOUCHPOINT, null, "have a CSM touchpoint on record"),
            cohort(TOUCHPOINTS_90D, L, Unit.COUNT, null),
            cohort(BUSINESS_REVIEWS_180D, L, Unit.COUNT, null));

    private static final Map<Feature, Rule> BY_FEATURE = new EnumMap<>(Feature.class);

    static {
        for (Rule r : RULES) {
            if (BY_FEATURE.put(r.feature(), r) != null) {
                throw new IllegalStateException(r.feature() + " is in the table twice");
            }
        }
    }

    private Comparisons() {
    }

    /** The rule of {@code feature}, or null when it never phrases a driver. */
    static Rule of(Feature feature) {
        return BY_FEATURE.get(feature);
    }

    private static Rule cohort(Feature f, Direction d, Unit unit, Feature condition) {
        return new Rule(f, d, Kind.COHORT, unit, condition, null);
    }

    private static Rule flag(Feature f, Feature condition, String peers) {
        return new Rule(f, L, Kind.COHORT, Unit.FLAG, condition, peers);
    }

    /** A trend of the last 30 days against the 30 before: lower than 0 (flat) is risky. */
    private static Rule own(Feature f) {
        return new Rule(f, L, Kind.OWN, Unit.SCORE, null, null);
    }

    /** An alert flag: 1 is risky. */
    private static Rule rule(Feature f) {
        return new Rule(f, H, Kind.RULE, Unit.FLAG, null, null);
    }
}
