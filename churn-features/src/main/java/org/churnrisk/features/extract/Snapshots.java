package org.churnrisk.features.extract;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.TreeSet;
import org.churnrisk.core.InvalidArgumentException;

/**
 * The as-of dates of one extraction and the instants that bound their windows.
 *
 * <p>The snapshot at T sees only what happened before the start of day T in the book's zone
 * (the cutoff is exclusive). Usage windows are split into four disjoint segments, so that one
 * event updates one segment per snapshot and every window is a sum of segments:
 * {@code [T-90d, T-60d)}, {@code [T-60d, T-30d)}, {@code [T-30d, T-7d)}, {@code [T-7d, T)}
 * ({@link #SEG_90_TO_60} to {@link #SEG_LAST_7}); {@link UsageWindow} names the windows they make.
 * Immutable.
 */
final class Snapshots {
    /** Segment bounds in days before T, oldest first; segment s is [T - BOUNDS[s], T - BOUNDS[s+1]). */
    static final int[] USAGE_BOUNDS = {90, 60, 30, 7, 0};
    static final int SEGMENTS = USAGE_BOUNDS.length - 1;
    /** The usage segment {@code [T-90d, T-60d)}. */
    static final int SEG_90_TO_60 = 0;
    /** The usage segment {@code [T-60d, T-30d)}: the 30 days before the last 30. */
    static final int SEG_60_TO_30 = 1;
    /** The usage segment {@code [T-30d, T-7d)}: the first of the last 30 days. */
    static final int SEG_30_TO_7 = 2;
    /** The usage segment {@code [T-7d, T)}. */
    static final int SEG_LAST_7 = 3;

    final LocalDate[] dates;
    final long[] days;
    /** Cutoff of snapshot k: start of day T in seconds. */
    final long[] cutoff;
    /** For snapshot k, the start of each usage segment and the cutoff: SEGMENTS + 1 instants. */
    final long[][] usageBounds;
    final ZoneId zone;
    /** Start of the day 30, 90 and 180 days before T, per snapshot. */
    final long[] minus30;
    final long[] minus90;
    final long[] minus180;

    Snapshots(List<LocalDate> asOf, ZoneId zone) {
        if (asOf.isEmpty()) {
            throw new InvalidArgumentException("as-of dates: at least one is needed");
        }
        TreeSet<LocalDate> sorted = new TreeSet<>(asOf);
        dates = sorted.toArray(new LocalDate[0]);
        this.zone = zone;
        int k = dates.length;
        days = new long[k];
        cutoff = new long[k];
        usageBounds = new long[k][];
        minus30 = new long[k];
        minus90 = new long[k];
        minus180 = new long[k];
        for (int i = 0; i < k; i++) {
            days[i] = dates[i].toEpochDay();
            cutoff[i] = startOf(dates[i]);
            usageBounds[i] = new long[USAGE_BOUNDS.length];
            for (int s = 0; s < USAGE_BOUNDS.length; s++) {
                usageBounds[i][s] = startOf(dates[i].minusDays(USAGE_BOUNDS[s]));
            }
            minus30[i] = startOf(dates[i].minusDays(30));
            minus90[i] = startOf(dates[i].minusDays(90));
            minus180[i] = startOf(dates[i].minusDays(180));
        }
    }

    int size() {
        return dates.length;
    }

    long startOf(LocalDate date) {
        return date.atStartOfDay(zone).toEpochSecond();
    }

    /** Seconds of the start of {@code days} days before snapshot k. */
    long daysBefore(int k, int daysBack) {
        return startOf(dates[k].minusDays(daysBack));
    }

    /** The first snapshot whose cutoff is after {@code second}: the first that can see it; {@link #size()} if none. */
    int firstSeeing(long second) {
        int lo = 0;
        int hi = cutoff.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cutoff[mid] > second) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The usage segment of {@code second} for snapshot k, or -1 when it is outside the 90 days. */
    int usageSegment(int k, long second) {
        long[] b = usageBounds[k];
        if (second < b[0] || second >= b[SEGMENTS]) {
            return -1;
        }
        int s = SEGMENTS - 1;
        while (second < b[s]) {
            s--;
        }
        return s;
    }
}
