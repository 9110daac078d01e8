package org.churnrisk.features.extract;

import static org.churnrisk.features.Feature.*;
import static org.churnrisk.features.extract.UsageWindow.LAST_30_DAYS;
import static org.churnrisk.features.extract.UsageWindow.LAST_7_DAYS;
import static org.churnrisk.features.extract.UsageWindow.LAST_90_DAYS;
import static org.churnrisk.features.extract.UsageWindow.PREVIOUS_30_DAYS;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.core.features.HealthScore;
import org.churnrisk.features.Feature;

/**
 * Turns the aggregated counters of one pass into a {@link FeatureTable} per as-of date: one row
 * per account that was a customer on the day before T, sorted by account id.
 *
 * <p>Every value follows docs/features.md; where a value can be unknown a {@code has_} feature
 * says so and the value holds the documented fill. Not thread-safe, but each call of
 * {@link #table(int)} only reads the aggregators, so tables may be built in any order.
 */
final class FeatureAssembler {
    static final double DAYS_CAP = 365;
    private static final int F = Feature.values().length;
    private static final FeatureSchema SCHEMA = Feature.SCHEMA;

    private final AccountBook book;
    private final Snapshots snaps;
    private final UsageAggregator usage;
    private final EngagementAggregator engagement;
    private final HealthScore health;
    private final HealthScore.Inputs healthInputs = HealthScore.Inputs.of(SCHEMA);
    /** Per account, first-seen seconds of its users, sorted. */
    private final long[][] userFirstSeen;
    private final long usageStartSecond;

    /** The adoption modules counted by {@code usage}, in its module order, and whether churn.yaml named them. */
    private final List<String> modules;
    private final boolean modulesConfigured;

    FeatureAssembler(AccountBook book, Snapshots snaps, UsageAggregator usage, EngagementAggregator engagement,
                     HealthScore health, List<String> modules, boolean modulesConfigured) {
        this(book, snaps, usage, engagement, health, modules, modulesConfigured, usage.minSecond);
    }

    /**
     * @param usageMinSecond the first usage second of the whole book (Long.MAX_VALUE for none):
     *                       the start of the usage export, which decides has_onboarding and
     *                       usage_window_days; a part of a book passes the whole book's
     */
    FeatureAssembler(AccountBook book, Snapshots snaps, UsageAggregator usage, EngagementAggregator engagement,
                     HealthScore health, List<String> modules, boolean modulesConfigured, long usageMinSecond) {
        this.modules = modules;
        this.modulesConfigured = modulesConfigured;
        this.book = book;
        this.snaps = snaps;
        this.usage = usage;
        this.engagement = engagement;
        this.health = health;
        this.userFirstSeen = usersByAccount(usage.users, book.size());
        this.usageStartSecond = usageMinSecond == Long.MAX_VALUE ? Long.MAX_VALUE
                : snaps.startOf(java.time.Instant.ofEpochSecond(usageMinSecond).atZone(snaps.zone).toLocalDate());
    }

    private static long[][] usersByAccount(UserTable users, int accounts) {
        int[] counts = new int[accounts];
        int[] ids = users.ids();
        for (int u : ids) {
            counts[users.account(u)]++;
        }
        long[][] result = new long[accounts][];
        for (int a = 0; a < accounts; a++) {
            result[a] = new long[counts[a]];
        }
        int[] fill = new int[accounts];
        for (int u : ids) {
            int a = users.account(u);
            result[a][fill[a]++] = users.firstSeen(u);
        }
        for (long[] r : result) {
            Arrays.sort(r);
        }
        return result;
    }

    /** The feature table of snapshot {@code k}. */
    FeatureTable table(int k) {
        long asOfDay = snaps.days[k];
        List<Integer> active = new ArrayList<>();
        List<AccountBook.State> states = new ArrayList<>();
        for (int a = 0; a < book.size(); a++) {
            AccountBook.State state = book.stateOn(a, asOfDay - 1);
            if (state != null) {
                active.add(a);
                states.add(state);
            }
        }
        int rows = active.size();
        List<String> ids = new ArrayList<>(rows);
        List<Integer> tiers = new ArrayList<>(rows);
        double[] values = new double[rows * F];
        for (int r = 0; r < rows; r++) {
            int a = active.get(r);
            tiers.add(fill(values, r * F, a, k, states.get(r)));
            ids.add(book.ids[a]);
        }
        tierMedians(values, rows, tiers);
        double[] scores = new double[rows];
        for (int r = 0; r < rows; r++) {
            scores[r] = health.score(values, r * F, healthInputs);
        }
        int m = modules.size();
        long[] moduleEvents = new long[rows * m];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < m; j++) {
                moduleEvents[r * m + j] = usage.moduleEvents(active.get(r), k, j);
            }
        }
        return FeatureTable.ofOwnedArrays(SCHEMA, snaps.dates[k], ids, values, scores)
                .withModuleUsage(new org.churnrisk.core.features.ModuleUsage(modules, modulesConfigured, moduleEvents));
    }

    /** Fills one row; returns the tier ordinal. */
    private int fill(double[] v, int o, int a, int k, AccountBook.State st) {
        long asOfDay = snaps.days[k];
        long cutoff = snaps.cutoff[k];

        // Commercial
        double arr = st.term().arr();
        Tier tier = book.hasContracts || book.tierToday[a] == null ? Tier.fromArr(arr) : book.tierToday[a];
        set(v, o, ARR, arr);
        set(v, o, LOG_ARR, Math.log1p(Math.max(0, arr)));
        set(v, o, TIER_STARTER, tier == Tier.STARTER ? 1 : 0);
        set(v, o, TIER_GROWTH, tier == Tier.GROWTH ? 1 : 0);
        set(v, o, TIER_ENTERPRISE, tier == Tier.ENTERPRISE ? 1 : 0);
        int seats = st.term().seats();
        set(v, o, LICENSED_SEATS, Math.max(0, seats));
        set(v, o, HAS_LICENSED_SEATS, seats > 0 ? 1 : 0);
        known(v, o, DAYS_TO_RENEWAL, HAS_RENEWAL_DATE, st.renewalDay() != AccountBook.UNKNOWN_DAY,
                st.renewalDay() - asOfDay);
        long firstStart = book.contractStart[a] != AccountBook.UNKNOWN_DAY ? book.contractStart[a]
                : book.hasContracts ? firstTermStart(a) : AccountBook.UNKNOWN_DAY;
        known(v, o, TENURE_DAYS, HAS_TENURE, firstStart != AccountBook.UNKNOWN_DAY, asOfDay - firstStart);
        boolean tenureKnown = st.tenureStart() != AccountBook.UNKNOWN_DAY;
        set(v, o, CURRENT_TENURE_DAYS, tenureKnown ? asOfDay - st.tenureStart() : 0);
        set(v, o, TERM_NUMBER, st.termNumber());
        known(v, o, ARR_CHANGE_LAST_RENEWAL, HAS_ARR_CHANGE, !Double.isNaN(st.previousArr()) && st.previousArr() > 0,
                arr / st.previousArr() - 1);

        // Usage
        long logins7 = usage.count(a, k, LAST_7_DAYS, UsageAggregator.M_LOGINS);
        long logins30 = usage.count(a, k, LAST_30_DAYS, UsageAggregator.M_LOGINS);
        long loginsPrev = usage.count(a, k, PREVIOUS_30_DAYS, UsageAggregator.M_LOGINS);
        set(v, o, LOGINS_7D, logins7);
        set(v, o, LOGINS_30D, logins30);
        set(v, o, LOGINS_90D, usage.count(a, k, LAST_90_DAYS, UsageAggregator.M_LOGINS));
        set(v, o, LOGINS_TREND, trend(logins30, loginsPrev));
        ActiveUsers active = activeUsers(a, k);
        set(v, o, ACTIVE_USERS_7D, active.last7Days());
        set(v, o, ACTIVE_USERS_30D, active.last30Days());
        set(v, o, ACTIVE_USERS_90D, active.last90Days());
        set(v, o, ACTIVE_USERS_TREND, trend(active.last30Days(), active.previous30Days()));
        long events30 = usage.count(a, k, LAST_30_DAYS, UsageAggregator.M_EVENTS);
        set(v, o, EVENTS_30D, events30);
        set(v, o, EVENTS_PER_ACTIVE_USER_30D, active.last30Days() > 0 ? (double) events30 / active.last30Days() : 0);
        set(v, o, EVENTS_TREND, trend(events30, usage.count(a, k, PREVIOUS_30_DAYS, UsageAggregator.M_EVENTS)));
        long bits30 = usage.featuresUsed(a, k, LAST_30_DAYS);
        long bitsPrev = usage.featuresUsed(a, k, PREVIOUS_30_DAYS);
        set(v, o, DISTINCT_FEATURES_30D, Long.bitCount(bits30));
        set(v, o, DISTINCT_FEATURES_90D, Long.bitCount(usage.featuresUsed(a, k, LAST_90_DAYS)));
        set(v, o, DISTINCT_FEATURES_TREND, trend(Long.bitCount(bits30), Long.bitCount(bitsPrev)));
        long core = usage.catalog.coreMask();
        set(v, o, CORE_EVENTS_30D, usage.count(a, k, LAST_30_DAYS, UsageAggregator.M_CORE));
        set(v, o, CORE_DEPTH_30D, Long.bitCount(bits30 & core));
        set(v, o, CORE_DEPTH_TREND, trend(Long.bitCount(bits30 & core), Long.bitCount(bitsPrev & core)));
        set(v, o, SEAT_UTILISATION_30D, seats > 0 ? (double) active.last30Days() / seats : 0);
        long lastAny = usage.latestBefore(usage.lastAny, a, k);
        set(v, o, DAYS_SINCE_LAST_ACTIVITY, daysSince(lastAny, cutoff));
        set(v, o, DAYS_SINCE_LAST_LOGIN, daysSince(usage.latestBefore(usage.lastLogin, a, k), cutoff));
        set(v, o, HAS_ACTIVITY, lastAny != Long.MIN_VALUE ? 1 : 0);
        long syncs30 = usage.count(a, k, LAST_30_DAYS, UsageAggregator.M_INTEGRATION);
        long total30 = logins30 + events30 + syncs30;
        set(v, o, ERROR_RATE_30D,
                total30 > 0 ? (double) usage.count(a, k, LAST_30_DAYS, UsageAggregator.M_ERRORS) / total30 : 0);
        set(v, o, INTEGRATION_SYNCS_30D, syncs30);
        long syncErrors30 = usage.count(a, k, LAST_30_DAYS, UsageAggregator.M_INTEGRATION_ERRORS);
        set(v, o, INTEGRATION_ERROR_RATE_30D, syncs30 > 0 ? (double) syncErrors30 / syncs30 : 0);
        long lastIntegration = usage.latestBefore(usage.lastIntegration, a, k);
        set(v, o, DAYS_SINCE_LAST_INTEGRATION, daysSince(lastIntegration, cutoff));
        set(v, o, HAS_INTEGRATION, lastIntegration != Long.MIN_VALUE ? 1 : 0);
        long windowStart = Math.max(asOfDay - 90, Math.max(tenureKnown ? st.tenureStart() : Long.MIN_VALUE,
                usageStartSecond == Long.MAX_VALUE ? asOfDay : java.time.Instant.ofEpochSecond(usageStartSecond)
                        .atZone(snaps.zone).toLocalDate().toEpochDay()));
        set(v, o, USAGE_WINDOW_DAYS, Math.max(0, asOfDay - windowStart));

        // Onboarding
        long tenureSecond = tenureKnown ? snaps.startOf(java.time.LocalDate.ofEpochDay(st.tenureStart())) : 0;
        boolean onboarding = tenureKnown && usageStartSecond <= tenureSecond;
        set(v, o, HAS_ONBOARDING, onboarding ? 1 : 0);
        long elapsedDays = tenureKnown ? asOfDay - st.tenureStart() : 0;
        milestone(v, o, onboarding, fifthUser(a, tenureSecond), tenureSecond, cutoff, elapsedDays,
                FIVE_USERS_REACHED, DAYS_TO_FIVE_USERS, FIVE_USERS_BY_30);
        int tenureIndex = tenureIndex(a, tenureSecond);
        milestone(v, o, onboarding, tenureIndex < 0 ? Long.MAX_VALUE : usage.firstExport[a][tenureIndex], tenureSecond,
                cutoff, elapsedDays, FIRST_EXPORT_REACHED, DAYS_TO_FIRST_EXPORT, FIRST_EXPORT_BY_30);
        milestone(v, o, onboarding, tenureIndex < 0 ? Long.MAX_VALUE : usage.firstIntegration[a][tenureIndex],
                tenureSecond, cutoff, elapsedDays, FIRST_INTEGRATION_REACHED, DAYS_TO_FIRST_INTEGRATION,
                FIRST_INTEGRATION_BY_30);

        // Support
        set(v, o, TICKETS_30D, engagement.get(a, k, EngagementAggregator.TICKETS_30));
        set(v, o, TICKETS_90D, engagement.get(a, k, EngagementAggregator.TICKETS_90));
        set(v, o, OPEN_TICKETS, engagement.get(a, k, EngagementAggregator.OPEN));
        set(v, o, HIGH_URGENT_TICKETS_90D, engagement.get(a, k, EngagementAggregator.HIGH_URGENT_90));
        set(v, o, ESCALATED_TICKETS_30D, engagement.get(a, k, EngagementAggregator.ESCALATED_30));
        set(v, o, ESCALATED_TICKETS_90D, engagement.get(a, k, EngagementAggregator.ESCALATED_90));
        mean(v, o, MEAN_SATISFACTION_90D, HAS_SATISFACTION, engagement.get(a, k, EngagementAggregator.SATISFACTION_SUM_90),
                engagement.get(a, k, EngagementAggregator.SATISFACTION_N_90));
        mean(v, o, MEAN_RESOLUTION_HOURS_90D, HAS_RESOLUTION,
                engagement.get(a, k, EngagementAggregator.RESOLUTION_HOURS_SUM_90),
                engagement.get(a, k, EngagementAggregator.RESOLUTION_N_90));

        // Surveys
        surveyMean(v, o, a, k, EngagementAggregator.NPS_SUM_90, EngagementAggregator.NPS_N_90,
                EngagementAggregator.NPS_SUM_PREV, EngagementAggregator.NPS_N_PREV,
                NPS_MEAN_90D, HAS_NPS, NPS_CHANGE, HAS_NPS_CHANGE);
        set(v, o, NPS_DETRACTORS_180D, engagement.get(a, k, EngagementAggregator.DETRACTORS_180));
        surveyMean(v, o, a, k, EngagementAggregator.CSAT_SUM_90, EngagementAggregator.CSAT_N_90,
                EngagementAggregator.CSAT_SUM_PREV, EngagementAggregator.CSAT_N_PREV,
                CSAT_MEAN_90D, HAS_CSAT, CSAT_CHANGE, HAS_CSAT_CHANGE);

        // CSM engagement
        long lastTouch = engagement.lastTouchBefore(a, k);
        set(v, o, DAYS_SINCE_LAST_TOUCHPOINT, daysSince(lastTouch, cutoff));
        set(v, o, HAS_TOUCHPOINT, lastTouch != Long.MIN_VALUE ? 1 : 0);
        set(v, o, TOUCHPOINTS_90D, engagement.get(a, k, EngagementAggregator.TOUCHPOINTS_90));
        set(v, o, BUSINESS_REVIEWS_180D, engagement.get(a, k, EngagementAggregator.BUSINESS_REVIEWS_180));

        // Alerts
        set(v, o, ALERT_NO_LOGIN_7D, logins7 == 0 ? 1 : 0);
        boolean onboardingWindow = onboarding && elapsedDays > 30 && elapsedDays <= 180;
        boolean missed = get(v, o, FIVE_USERS_BY_30) == 0 || get(v, o, FIRST_EXPORT_BY_30) == 0
                || get(v, o, FIRST_INTEGRATION_BY_30) == 0;
        set(v, o, ALERT_30D_MILESTONE_MISSED, onboardingWindow && missed ? 1 : 0);
        set(v, o, ALERT_LOW_UTILISATION, seats > 0 && (double) active.last30Days() / seats < 0.5 ? 1 : 0);
        return tier.ordinal();
    }

    private long firstTermStart(int a) {
        long[] starts = book.tenureStarts(a);
        return starts.length == 0 ? AccountBook.UNKNOWN_DAY : starts[0];
    }

    /** Distinct users of an account active in each window before a snapshot. */
    record ActiveUsers(int last7Days, int last30Days, int previous30Days, int last90Days) {
    }

    private ActiveUsers activeUsers(int a, int k) {
        int last7 = 0;
        int last30 = 0;
        int previous30 = 0;
        int last90 = 0;
        UserTable users = usage.users;
        int base = k * Snapshots.SEGMENTS;
        // Users of one account are found through the sorted first-seen index only by count, so
        // scan the ids of this account: kept per account at construction.
        for (int u : userIds(a)) {
            boolean days90To60 = users.marked(u, base + Snapshots.SEG_90_TO_60);
            boolean days60To30 = users.marked(u, base + Snapshots.SEG_60_TO_30);
            boolean days30To7 = users.marked(u, base + Snapshots.SEG_30_TO_7);
            boolean days7 = users.marked(u, base + Snapshots.SEG_LAST_7);
            if (days7) {
                last7++;
            }
            if (days30To7 || days7) {
                last30++;
            }
            if (days60To30) {
                previous30++;
            }
            if (days90To60 || days60To30 || days30To7 || days7) {
                last90++;
            }
        }
        return new ActiveUsers(last7, last30, previous30, last90);
    }

    private int[][] idsByAccount;

    private int[] userIds(int a) {
        if (idsByAccount == null) {
            UserTable users = usage.users;
            int[] counts = new int[book.size()];
            int[] ids = users.ids();
            for (int u : ids) {
                counts[users.account(u)]++;
            }
            idsByAccount = new int[book.size()][];
            for (int i = 0; i < counts.length; i++) {
                idsByAccount[i] = new int[counts[i]];
            }
            int[] fill = new int[book.size()];
            for (int u : ids) {
                int acc = users.account(u);
                idsByAccount[acc][fill[acc]++] = u;
            }
        }
        return idsByAccount[a];
    }

    /** When the fifth distinct user of the tenure was first seen, or Long.MAX_VALUE. */
    private long fifthUser(int a, long tenureSecond) {
        long[] seen = userFirstSeen[a];
        int from = Arrays.binarySearch(seen, tenureSecond);
        if (from < 0) {
            from = -from - 1;
        } else {
            while (from > 0 && seen[from - 1] == tenureSecond) {
                from--;
            }
        }
        return from + 4 < seen.length ? seen[from + 4] : Long.MAX_VALUE;
    }

    private int tenureIndex(int a, long tenureSecond) {
        long[] starts = usage.tenureStarts[a];
        for (int i = 0; i < starts.length; i++) {
            if (starts[i] == tenureSecond) {
                return i;
            }
        }
        return -1;
    }

    private static void milestone(double[] v, int o, boolean onboarding, long when, long tenureSecond, long cutoff,
                                  long elapsedDays, Feature reached, Feature days, Feature by30) {
        if (!onboarding) {
            return; // every milestone feature keeps its fill of 0
        }
        boolean isReached = when < cutoff;
        long daysTo = isReached ? Math.max(0, (when - tenureSecond) / 86_400) : elapsedDays;
        set(v, o, reached, isReached ? 1 : 0);
        set(v, o, days, daysTo);
        int by = by30.ordinal();
        v[o + by] = isReached && daysTo <= 30 ? 1 : 0;
        v[o + by + 1] = isReached && daysTo <= 60 ? 1 : 0;
        v[o + by + 2] = isReached && daysTo <= 90 ? 1 : 0;
    }

    private void surveyMean(double[] v, int o, int a, int k, int sum, int n, int sumPrev, int nPrev,
                            Feature mean, Feature has, Feature change, Feature hasChange) {
        long count = engagement.get(a, k, n);
        long countPrev = engagement.get(a, k, nPrev);
        double m = count > 0 ? (double) engagement.get(a, k, sum) / count : 0;
        known(v, o, mean, has, count > 0, m);
        known(v, o, change, hasChange, count > 0 && countPrev > 0,
                m - (countPrev > 0 ? (double) engagement.get(a, k, sumPrev) / countPrev : 0));
    }

    private static void mean(double[] v, int o, Feature mean, Feature has, long sum, long n) {
        known(v, o, mean, has, n > 0, n > 0 ? (double) sum / n : 0);
    }

    private void tierMedians(double[] values, int rows, List<Integer> tiers) {
        TierMedians cohorts = new TierMedians();
        for (int r = 0; r < rows; r++) {
            cohorts.add(tiers.get(r), values[r * F + CORE_DEPTH_30D.ordinal()]);
        }
        for (int r = 0; r < rows; r++) {
            cohorts.apply(values, r, tiers.get(r));
        }
    }

    static double trend(double last, double previous) {
        double total = last + previous;
        return total > 0 ? (last - previous) / total : 0;
    }

    private static double daysSince(long second, long cutoff) {
        if (second == Long.MIN_VALUE) {
            return DAYS_CAP;
        }
        return Math.min(DAYS_CAP, Math.floor((cutoff - second) / 86_400.0));
    }

    private static void known(double[] v, int o, Feature value, Feature has, boolean isKnown, double x) {
        v[o + value.ordinal()] = isKnown ? x : 0;
        v[o + has.ordinal()] = isKnown ? 1 : 0;
    }

    private static void set(double[] v, int o, Feature f, double x) {
        v[o + f.ordinal()] = x;
    }

    private static double get(double[] v, int o, Feature f) {
        return v[o + f.ordinal()];
    }
}
