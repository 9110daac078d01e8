package org.churnrisk.score;

import static org.churnrisk.features.Feature.*;

import java.util.Locale;
import java.util.Map;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.features.Feature;

/**
 * One feature of one account in words a CSM reads without the feature glossary: "logins down 62%
 * vs the previous 30 days", "2 escalated tickets in 30 days", "no CSM touchpoint on record".
 *
 * <p>{@link #of} states what is true of the account, not whether it is good; {@link #compared}
 * adds what a driver compares it with (the median of the tier's renewed accounts, or the previous
 * 30 days), and {@link #withReference} the cohort median of a context theme. A feature whose value
 * is unknown (its {@code has_...} flag is 0) is phrased as unknown, and a {@code has_...} flag
 * that is 1 is phrased as the value it vouches for. Stateless; vectors are in the order of
 * {@link Feature#SCHEMA}.
 */
final class Phrases {
    private Phrases() {
    }

    /** The phrase of {@code feature} for the vector that starts at {@code offset} in {@code x}. */
    static String of(Feature feature, double[] x, int offset) {
        V v = new V(x, offset);
        return switch (feature) {
            case ARR, LOG_ARR -> "ARR " + money(v.get(ARR));
            case TIER_STARTER, TIER_GROWTH, TIER_ENTERPRISE -> tier(v) + " tier";
            case LICENSED_SEATS, HAS_LICENSED_SEATS -> v.known(HAS_LICENSED_SEATS)
                    ? count(v.get(LICENSED_SEATS), "licensed seat", "licensed seats") : "licensed seats unknown";
            case DAYS_TO_RENEWAL, HAS_RENEWAL_DATE -> !v.known(HAS_RENEWAL_DATE) ? "no renewal date on file"
                    : v.get(DAYS_TO_RENEWAL) < 1 ? "renews today"
                    : "renews in " + count(v.get(DAYS_TO_RENEWAL), "day", "days");
            case TENURE_DAYS, HAS_TENURE -> v.known(HAS_TENURE) ? "customer for " + duration(v.get(TENURE_DAYS))
                    : "customer since an unknown date";
            case CURRENT_TENURE_DAYS -> v.known(HAS_TENURE) && v.get(CURRENT_TENURE_DAYS) < v.get(TENURE_DAYS) - 1
                    ? "came back as a customer " + duration(v.get(CURRENT_TENURE_DAYS)) + " ago"
                    : "customer for " + duration(v.get(CURRENT_TENURE_DAYS));
            case TERM_NUMBER -> v.get(TERM_NUMBER) <= 1 ? "first term, not renewed yet"
                    : "term " + whole(v.get(TERM_NUMBER)) + " (renewed " + times(v.get(TERM_NUMBER) - 1) + ")";
            case ARR_CHANGE_LAST_RENEWAL, HAS_ARR_CHANGE -> !v.known(HAS_ARR_CHANGE) ? "first term, not renewed yet"
                    : change("ARR", v.get(ARR_CHANGE_LAST_RENEWAL), "at the last renewal");
            case LOGINS_7D -> count(v.get(LOGINS_7D), "login", "logins") + " in 7 days";
            case LOGINS_30D -> count(v.get(LOGINS_30D), "login", "logins") + " in 30 days";
            case LOGINS_90D -> count(v.get(LOGINS_90D), "login", "logins") + " in 90 days";
            case LOGINS_TREND -> trend("logins", v.get(LOGINS_TREND), v.get(LOGINS_30D));
            case DAYS_SINCE_LAST_LOGIN -> since("login", v.get(DAYS_SINCE_LAST_LOGIN));
            case ALERT_NO_LOGIN_7D -> v.known(ALERT_NO_LOGIN_7D) ? "no login in 7 days" : "logged in within 7 days";
            case ACTIVE_USERS_7D -> count(v.get(ACTIVE_USERS_7D), "active user", "active users") + " in 7 days";
            case ACTIVE_USERS_30D -> count(v.get(ACTIVE_USERS_30D), "active user", "active users") + " in 30 days";
            case ACTIVE_USERS_90D -> count(v.get(ACTIVE_USERS_90D), "active user", "active users") + " in 90 days";
            case ACTIVE_USERS_TREND -> trend("active users", v.get(ACTIVE_USERS_TREND), v.get(ACTIVE_USERS_30D));
            case SEAT_UTILISATION_30D -> !v.known(HAS_LICENSED_SEATS) ? "seat use unknown (no licensed seats on file)"
                    : percent(v.get(SEAT_UTILISATION_30D)) + " of licensed seats active in 30 days";
            case ALERT_LOW_UTILISATION -> v.known(ALERT_LOW_UTILISATION)
                    ? "under half of licensed seats active (" + percent(v.get(SEAT_UTILISATION_30D)) + ")"
                    : "at least half of licensed seats active";
            case EVENTS_30D -> count(v.get(EVENTS_30D), "feature event", "feature events") + " in 30 days";
            case EVENTS_PER_ACTIVE_USER_30D -> number(v.get(EVENTS_PER_ACTIVE_USER_30D))
                    + " feature events per active user in 30 days";
            case EVENTS_TREND -> trend("feature use", v.get(EVENTS_TREND), v.get(EVENTS_30D));
            case DISTINCT_FEATURES_30D -> count(v.get(DISTINCT_FEATURES_30D), "product feature", "product features")
                    + " used in 30 days";
            case DISTINCT_FEATURES_90D -> count(v.get(DISTINCT_FEATURES_90D), "product feature", "product features")
                    + " used in 90 days";
            case DISTINCT_FEATURES_TREND -> trend("features used", v.get(DISTINCT_FEATURES_TREND),
                    v.get(DISTINCT_FEATURES_30D));
            case CORE_EVENTS_30D -> count(v.get(CORE_EVENTS_30D), "core-feature event", "core-feature events")
                    + " in 30 days";
            case CORE_DEPTH_30D -> count(v.get(CORE_DEPTH_30D), "core feature", "core features") + " used in 30 days";
            case CORE_DEPTH_TREND -> trend("core features used", v.get(CORE_DEPTH_TREND), v.get(CORE_DEPTH_30D));
            case CORE_DEPTH_VS_TIER_MEDIAN -> vsMedian(v.get(CORE_DEPTH_VS_TIER_MEDIAN));
            case DAYS_SINCE_LAST_ACTIVITY, HAS_ACTIVITY -> !v.known(HAS_ACTIVITY) ? "no product usage on record"
                    : since("activity", v.get(DAYS_SINCE_LAST_ACTIVITY));
            case USAGE_WINDOW_DAYS -> v.get(USAGE_WINDOW_DAYS) >= 90 ? "usage seen over the full 90 days"
                    : "usage seen over only " + count(v.get(USAGE_WINDOW_DAYS), "day", "days") + " of the last 90";
            case ERROR_RATE_30D -> percent(v.get(ERROR_RATE_30D)) + " of product actions failed in 30 days";
            case INTEGRATION_SYNCS_30D -> count(v.get(INTEGRATION_SYNCS_30D), "integration sync", "integration syncs")
                    + " in 30 days";
            case INTEGRATION_ERROR_RATE_30D -> percent(v.get(INTEGRATION_ERROR_RATE_30D))
                    + " of integration syncs failed in 30 days";
            case DAYS_SINCE_LAST_INTEGRATION, HAS_INTEGRATION -> !v.known(HAS_INTEGRATION) ? "no integration connected"
                    : since("integration sync", v.get(DAYS_SINCE_LAST_INTEGRATION));
            case HAS_ONBOARDING -> v.known(HAS_ONBOARDING) ? "onboarding seen in the usage data" : ONBOARDING_UNKNOWN;
            case FIVE_USERS_REACHED, DAYS_TO_FIVE_USERS -> milestone(v, "five users active", FIVE_USERS_REACHED,
                    DAYS_TO_FIVE_USERS);
            case FIVE_USERS_BY_30 -> by(v, "five users active", FIVE_USERS_BY_30, 30);
            case FIVE_USERS_BY_60 -> by(v, "five users active", FIVE_USERS_BY_60, 60);
            case FIVE_USERS_BY_90 -> by(v, "five users active", FIVE_USERS_BY_90, 90);
            case FIRST_EXPORT_REACHED, DAYS_TO_FIRST_EXPORT -> milestone(v, "first report exported",
                    FIRST_EXPORT_REACHED, DAYS_TO_FIRST_EXPORT);
            case FIRST_EXPORT_BY_30 -> by(v, "first report exported", FIRST_EXPORT_BY_30, 30);
            case FIRST_EXPORT_BY_60 -> by(v, "first report exported", FIRST_EXPORT_BY_60, 60);
            case FIRST_EXPORT_BY_90 -> by(v, "first report exported", FIRST_EXPORT_BY_90, 90);
            case FIRST_INTEGRATION_REACHED, DAYS_TO_FIRST_INTEGRATION -> milestone(v, "first integration connected",
                    FIRST_INTEGRATION_REACHED, DAYS_TO_FIRST_INTEGRATION);
            case FIRST_INTEGRATION_BY_30 -> by(v, "first integration connected", FIRST_INTEGRATION_BY_30, 30);
            case FIRST_INTEGRATION_BY_60 -> by(v, "first integration connected", FIRST_INTEGRATION_BY_60, 60);
            case FIRST_INTEGRATION_BY_90 -> by(v, "first integration connected", FIRST_INTEGRATION_BY_90, 90);
            case ALERT_30D_MILESTONE_MISSED -> v.known(ALERT_30D_MILESTONE_MISSED)
                    ? "onboarding milestone missed by day 30"
                    : v.known(HAS_ONBOARDING) ? "no onboarding milestone missed by day 30" : ONBOARDING_UNKNOWN;
            case TICKETS_30D -> count(v.get(TICKETS_30D), "ticket", "tickets") + " in 30 days";
            case TICKETS_90D -> count(v.get(TICKETS_90D), "ticket", "tickets") + " in 90 days";
            case OPEN_TICKETS -> count(v.get(OPEN_TICKETS), "open ticket", "open tickets");
            case HIGH_URGENT_TICKETS_90D -> count(v.get(HIGH_URGENT_TICKETS_90D), "high or urgent ticket",
                    "high or urgent tickets") + " in 90 days";
            case ESCALATED_TICKETS_30D -> count(v.get(ESCALATED_TICKETS_30D), "escalated ticket", "escalated tickets")
                    + " in 30 days";
            case ESCALATED_TICKETS_90D -> count(v.get(ESCALATED_TICKETS_90D), "escalated ticket", "escalated tickets")
                    + " in 90 days";
            case MEAN_SATISFACTION_90D, HAS_SATISFACTION -> v.known(HAS_SATISFACTION)
                    ? "ticket satisfaction " + number(v.get(MEAN_SATISFACTION_90D)) + " of 5 in 90 days"
                    : "no rated tickets in 90 days";
            case MEAN_RESOLUTION_HOURS_90D, HAS_RESOLUTION -> v.known(HAS_RESOLUTION)
                    ? "tickets took " + count(v.get(MEAN_RESOLUTION_HOURS_90D), "hour", "hours")
                    + " to resolve on average" : "no tickets resolved in 90 days";
            case NPS_MEAN_90D, HAS_NPS -> v.known(HAS_NPS) ? "NPS " + number(v.get(NPS_MEAN_90D)) + " of 10 in 90 days"
                    : "no NPS response in 90 days";
            case NPS_CHANGE, HAS_NPS_CHANGE -> v.known(HAS_NPS_CHANGE)
                    ? points("NPS", v.get(NPS_CHANGE)) : "no NPS responses to compare with the 90 days before";
            case NPS_DETRACTORS_180D -> count(v.get(NPS_DETRACTORS_180D), "NPS detractor", "NPS detractors")
                    + " (score 0-6) in 180 days";
            case CSAT_MEAN_90D, HAS_CSAT -> v.known(HAS_CSAT) ? "CSAT " + number(v.get(CSAT_MEAN_90D)) + " of 5 in 90 days"
                    : "no CSAT response in 90 days";
            case CSAT_CHANGE, HAS_CSAT_CHANGE -> v.known(HAS_CSAT_CHANGE)
                    ? points("CSAT", v.get(CSAT_CHANGE)) : "no CSAT responses to compare with the 90 days before";
            case DAYS_SINCE_LAST_TOUCHPOINT, HAS_TOUCHPOINT -> !v.known(HAS_TOUCHPOINT) ? "no CSM touchpoint on record"
                    : since("CSM touchpoint", v.get(DAYS_SINCE_LAST_TOUCHPOINT));
            case TOUCHPOINTS_90D -> count(v.get(TOUCHPOINTS_90D), "CSM touchpoint", "CSM touchpoints") + " in 90 days";
            case BUSINESS_REVIEWS_180D -> count(v.get(BUSINESS_REVIEWS_180D), "business review", "business reviews")
                    + " in 180 days";
        };
    }

    /**
     * The phrase of a driver: the value of {@code rule}'s feature on its risky side, and what it is
     * worse than. A cohort comparison names the tier's renewed accounts and their median ("12 logins
     * in 30 days, 40% below the median of growth accounts that renewed (20)"); a trend of a count
     * names both windows ("active users fell from 38 in the 30 days before to 21 in the last 30");
     * a change or an alert flag is already a comparison and keeps its {@link #of} phrase.
     *
     * @param reference the cohort median for a cohort rule (else unused)
     */
    static String compared(Comparisons.Rule rule, double[] x, int offset, double reference, Tier tier) {
        Feature f = rule.feature();
        double value = x[offset + f.ordinal()];
        if (rule.kind() == Comparisons.Kind.OWN) {
            Feature count = TREND_COUNTS.get(f);
            double current = count == null ? 0 : x[offset + count.ordinal()];
            if (count != null && current > 0 && value > -1 + 1e-9) {
                long before = Math.round(current * (1 - value) / (1 + value));
                return TREND_NOUNS.get(f) + " fell from " + whole(before) + " in the 30 days before to "
                        + whole(current) + " in the last 30";
            }
            return of(f, x, offset);
        }
        if (rule.kind() == Comparisons.Kind.RULE) {
            return of(f, x, offset);
        }
        String peers = tier.label() + " accounts that renewed";
        if (rule.unit() == Comparisons.Unit.FLAG) {
            return of(f, x, offset) + "; " + (reference >= 1 ? "most " : "half of the ") + peers + " "
                    + rule.peers();
        }
        if (rule.direction() == Comparisons.Direction.LOWER && value > 0) {
            long pct = Math.round((1 - value / reference) * 100);
            return of(f, x, offset) + ", " + (pct >= 1 ? pct + "% " : "") + "below the median of " + peers + " ("
                    + quantity(rule.unit(), reference) + ")";
        }
        return of(f, x, offset) + median(rule, reference, tier);
    }

    /**
     * The phrase of a context theme: {@link #of}, followed by the cohort median when there is one,
     * so that "18 logins in 30 days; growth accounts that renewed have a median of 12" shows why it
     * is not a risk driver.
     */
    static String withReference(Comparisons.Rule rule, double[] x, int offset, double reference, Tier tier) {
        String phrase = of(rule.feature(), x, offset);
        if (rule.kind() != Comparisons.Kind.COHORT || Double.isNaN(reference) || rule.unit() == Comparisons.Unit.FLAG) {
            return phrase;
        }
        return phrase + median(rule, reference, tier);
    }

    /** "; growth accounts that renewed have a median of 12". */
    private static String median(Comparisons.Rule rule, double reference, Tier tier) {
        return "; " + tier.label() + " accounts that renewed have a median of " + quantity(rule.unit(), reference);
    }

    /** The 30-day count a trend compares, for the trends of counts. */
    private static final Map<Feature, Feature> TREND_COUNTS = Map.of(LOGINS_TREND, LOGINS_30D,
            ACTIVE_USERS_TREND, ACTIVE_USERS_30D, EVENTS_TREND, EVENTS_30D, DISTINCT_FEATURES_TREND,
            DISTINCT_FEATURES_30D, CORE_DEPTH_TREND, CORE_DEPTH_30D);
    private static final Map<Feature, String> TREND_NOUNS = Map.of(LOGINS_TREND, "logins",
            ACTIVE_USERS_TREND, "active users", EVENTS_TREND, "feature events", DISTINCT_FEATURES_TREND,
            "product features used", CORE_DEPTH_TREND, "core features used");

    private static String quantity(Comparisons.Unit unit, double m) {
        return switch (unit) {
            case SHARE -> percent(m);
            case DAYS -> count(m, "day", "days").replace("no days", "0 days");
            case HOURS -> count(m, "hour", "hours").replace("no hours", "0 hours");
            case COUNT, SCORE, FLAG -> m == 0 ? "0" : whole(m);
        };
    }

    /** Reads features of one vector by name. */
    private record V(double[] x, int offset) {
        double get(Feature f) {
            return x[offset + f.ordinal()];
        }

        /** For 0/1 flags. */
        boolean known(Feature flag) {
            return get(flag) > 0;
        }
    }

    private static String tier(V v) {
        return v.known(TIER_ENTERPRISE) ? "Enterprise" : v.known(TIER_GROWTH) ? "Growth" : "Starter";
    }

    /**
     * A trend {@code t = (a - b) / (a + b)} of the last 30 days {@code a} against the 30 before
     * {@code b}, as the percentage change {@code a / b - 1 = 2t / (1 - t)}.
     */
    static String trend(String noun, double t, double current) {
        if (t <= -1 + 1e-9) {
            return "no " + noun + " in 30 days, after some in the 30 days before";
        }
        if (t >= 1 - 1e-9) {
            return noun + " started in the last 30 days, none in the 30 days before";
        }
        if (t == 0) {
            return current > 0 ? noun + " flat vs the previous 30 days" : "no " + noun + " in 60 days";
        }
        long pct = Math.round(Math.abs(2 * t / (1 - t)) * 100);
        return noun + (t < 0 ? " down " : " up ") + pct + "% vs the previous 30 days";
    }

    private static String since(String what, double days) {
        if (days >= 365) {
            return "no " + what + " in the last year";
        }
        if (days < 1) {
            return "last " + what + " within the last day";
        }
        return "last " + what + " " + count(days, "day", "days") + " ago";
    }

    /** Said of every onboarding feature of an account whose onboarding the usage export does not cover. */
    static final String ONBOARDING_UNKNOWN = "onboarding milestones unknown (the customer started before the usage data)";

    private static String milestone(V v, String what, Feature reached, Feature days) {
        if (!v.known(HAS_ONBOARDING)) {
            return ONBOARDING_UNKNOWN;
        }
        return v.known(reached) ? what + " on day " + whole(v.get(days))
                : what + ": not yet, after " + count(v.get(days), "day", "days");
    }

    private static String by(V v, String what, Feature flag, int day) {
        if (!v.known(HAS_ONBOARDING)) {
            return ONBOARDING_UNKNOWN;
        }
        return (v.known(flag) ? what + " within " : what + ": not within ") + day + " days";
    }

    private static String vsMedian(double d) {
        if (d == 0) {
            return "as many core features used as the tier's median";
        }
        String n = count(Math.abs(d), "core feature", "core features");
        return d < 0 ? n + " fewer used than the tier's median" : n + " more used than the tier's median";
    }

    private static String change(String what, double ratio, String when) {
        long pct = Math.round(Math.abs(ratio) * 100);
        if (pct == 0) {
            return what + " unchanged " + when;
        }
        return what + (ratio < 0 ? " cut " : " up ") + pct + "% " + when;
    }

    private static String points(String what, double change) {
        if (Math.abs(change) < 0.05) {
            return what + " unchanged vs the 90 days before";
        }
        String size = number(Math.abs(change));
        return what + (change < 0 ? " down " : " up ") + size + (size.equals("1") ? " point" : " points")
                + " vs the 90 days before";
    }

    private static String count(double n, String one, String many) {
        if (n == 0) {
            return "no " + many;
        }
        return whole(n) + " " + (n == 1 ? one : many);
    }

    private static String times(double n) {
        return n == 1 ? "once" : whole(n) + " times";
    }

    private static String duration(double days) {
        if (days < 60) {
            return count(Math.floor(days), "day", "days");
        }
        if (days < 730) {
            return count(Math.floor(days / 30.44), "month", "months");
        }
        return number(Math.floor(days / 365.25 * 10) / 10) + " years";
    }

    /** A count with thousands separators; a fraction keeps one decimal. */
    private static String whole(double n) {
        return n == Math.rint(n) ? String.format(Locale.ROOT, "%,d", (long) n) : number(n);
    }

    /** One decimal, without a trailing {@code .0}. */
    private static String number(double v) {
        String s = String.format(Locale.ROOT, "%,.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    private static String percent(double share) {
        double pct = share * 100;
        return (pct >= 10 || pct == 0 ? String.format(Locale.ROOT, "%.0f", pct) : number(pct)) + "%";
    }

    private static String money(double amount) {
        return String.format(Locale.ROOT, "$%,.0f", amount);
    }
}
