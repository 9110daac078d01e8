package org.churnrisk.features.extract;

import java.util.Arrays;

/**
 * Folds tickets, surveys and CSM touchpoints into per account and snapshot counters in one pass,
 * whatever their order. Every snapshot sees only what happened before its cutoff: a ticket
 * resolved at or after T is open at T, its satisfaction and resolution time do not exist yet;
 * a survey answered at or after T does not exist yet.
 *
 * <p>Memory: {@code accounts x snapshots x 21} ints plus one long. Not thread-safe.
 */
final class EngagementAggregator implements BookLoader.EngagementTarget {
    static final int TICKETS_30 = 0;
    static final int TICKETS_90 = 1;
    static final int OPEN = 2;
    static final int HIGH_URGENT_90 = 3;
    static final int ESCALATED_30 = 4;
    static final int ESCALATED_90 = 5;
    static final int SATISFACTION_SUM_90 = 6;
    static final int SATISFACTION_N_90 = 7;
    static final int RESOLUTION_HOURS_SUM_90 = 8;
    static final int RESOLUTION_N_90 = 9;
    static final int NPS_SUM_90 = 10;
    static final int NPS_N_90 = 11;
    static final int NPS_SUM_PREV = 12;
    static final int NPS_N_PREV = 13;
    static final int DETRACTORS_180 = 14;
    static final int CSAT_SUM_90 = 15;
    static final int CSAT_N_90 = 16;
    static final int CSAT_SUM_PREV = 17;
    static final int CSAT_N_PREV = 18;
    static final int TOUCHPOINTS_90 = 19;
    static final int BUSINESS_REVIEWS_180 = 20;
    static final int FIELDS = 21;

    /** NPS scores at or below this are detractors. */
    static final int DETRACTOR_MAX = 6;

    private final Snapshots snaps;
    private final int k;
    /** Longs, so that no sum (resolution hours above all) can saturate or wrap. */
    private final long[] values;
    /** Latest touchpoint second in [cutoff[k-1], cutoff[k]); Long.MIN_VALUE if none. */
    private final long[] lastTouch;

    EngagementAggregator(Snapshots snaps, int accounts) {
        this.snaps = snaps;
        this.k = snaps.size();
        long cells = (long) accounts * k * FIELDS;
        if (cells > Integer.MAX_VALUE - 8) {
            throw new org.churnrisk.core.InvalidArgumentException("too many accounts x as-of dates for one pass");
        }
        values = new long[(int) cells];
        lastTouch = new long[accounts * k];
        Arrays.fill(lastTouch, Long.MIN_VALUE);
    }

    /**
     * Adds a ticket.
     *
     * @param resolved     seconds, or Long.MAX_VALUE when unresolved
     * @param satisfaction 1-5, or 0 when none
     */
    @Override
    public void ticket(int a, long created, long resolved, boolean highOrUrgent, boolean escalated, int satisfaction) {
        for (int s = snaps.firstSeeing(created); s < k; s++) {
            long cutoff = snaps.cutoff[s];
            int base = (a * k + s) * FIELDS;
            if (resolved >= cutoff) {
                values[base + OPEN]++;
            }
            boolean in90 = created >= snaps.minus90[s];
            if (in90) {
                values[base + TICKETS_90]++;
                if (highOrUrgent) {
                    values[base + HIGH_URGENT_90]++;
                }
                if (escalated) {
                    values[base + ESCALATED_90]++;
                }
                if (created >= snaps.minus30[s]) {
                    values[base + TICKETS_30]++;
                    if (escalated) {
                        values[base + ESCALATED_30]++;
                    }
                }
            }
            if (resolved < cutoff && resolved >= snaps.minus90[s]) {
                values[base + RESOLUTION_N_90]++;
                // Dates are within Bounds, so one ticket adds at most about 1.2 million hours.
                values[base + RESOLUTION_HOURS_SUM_90] += (resolved - created) / 3_600;
                if (satisfaction > 0) {
                    values[base + SATISFACTION_SUM_90] += satisfaction;
                    values[base + SATISFACTION_N_90]++;
                }
            }
            if (!in90 && resolved < snaps.minus90[s]) {
                return; // created and resolved more than 90 days before here, and so before every later snapshot
            }
        }
    }

    /** Adds a survey response; {@code nps} false means CSAT. */
    @Override
    public void survey(int a, long responded, boolean nps, int score) {
        for (int s = snaps.firstSeeing(responded); s < k; s++) {
            if (responded < snaps.minus180[s]) {
                return;
            }
            int base = (a * k + s) * FIELDS;
            boolean recent = responded >= snaps.minus90[s];
            if (nps) {
                values[base + (recent ? NPS_SUM_90 : NPS_SUM_PREV)] += score;
                values[base + (recent ? NPS_N_90 : NPS_N_PREV)]++;
                if (score <= DETRACTOR_MAX) {
                    values[base + DETRACTORS_180]++;
                }
            } else {
                values[base + (recent ? CSAT_SUM_90 : CSAT_SUM_PREV)] += score;
                values[base + (recent ? CSAT_N_90 : CSAT_N_PREV)]++;
            }
        }
    }

    /** Adds a CSM touchpoint; business reviews are QBRs and EBRs. */
    @Override
    public void touchpoint(int a, long second, boolean businessReview) {
        int first = snaps.firstSeeing(second);
        if (first == k) {
            return;
        }
        if (second > lastTouch[a * k + first]) {
            lastTouch[a * k + first] = second;
        }
        for (int s = first; s < k; s++) {
            if (second < snaps.minus180[s]) {
                return;
            }
            int base = (a * k + s) * FIELDS;
            if (businessReview) {
                values[base + BUSINESS_REVIEWS_180]++;
            }
            if (second >= snaps.minus90[s]) {
                values[base + TOUCHPOINTS_90]++;
            }
        }
    }

    long get(int a, int snapshot, int field) {
        return values[(a * k + snapshot) * FIELDS + field];
    }

    long lastTouchBefore(int a, int snapshot) {
        long best = Long.MIN_VALUE;
        for (int s = 0; s <= snapshot; s++) {
            best = Math.max(best, lastTouch[a * k + s]);
        }
        return best;
    }
}
