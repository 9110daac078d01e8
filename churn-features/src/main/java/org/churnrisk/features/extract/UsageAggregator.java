package org.churnrisk.features.extract;

import java.util.Arrays;
import org.churnrisk.features.io.values.Hashing;

/**
 * Folds usage events into per account and snapshot counters in one pass, whatever the order of
 * the events: sums per usage segment, the set of features used, active users, the last activity
 * before each snapshot and the onboarding milestones.
 *
 * <p>Memory: about {@code accounts x snapshots x (10 ints + 3 longs)} plus three longs
 * per account and snapshot plus the users; never proportional to the number of events. Not
 * thread-safe: one thread adds.
 */
final class UsageAggregator {
    static final int M_LOGINS = 0;
    static final int M_EVENTS = 1;
    static final int M_CORE = 2;
    static final int M_ERRORS = 3;
    static final int M_INTEGRATION = 4;
    static final int M_INTEGRATION_ERRORS = 5;
    static final int METRICS = 6;

    private static final int SEG = Snapshots.SEGMENTS;

    final Snapshots snaps;
    final EventCatalog catalog;
    final int accounts;
    final int k;
    /**
     * Logins per account, snapshot and usage segment. The sums are longs: quantities are at most
     * {@code Bounds.MAX_QUANTITY} a row, so they cannot overflow, and none saturates.
     */
    private final long[] logins;
    /** Per account and snapshot, over [T-30d, T): the metrics other than logins (index metric - 1). */
    private final long[] recent;
    /** Feature events in the 30 days before the last 30. */
    private final long[] eventsPrevious;
    /** Feature bits over [T-30d, T), [T-60d, T-30d) and [T-90d, T-60d). */
    private final long[] bits30;
    private final long[] bitsPrevious;
    private final long[] bitsOlder;
    /** Per account, snapshot and adoption module, events over [T-30d, T). */
    private final long[] moduleEvents;
    final int modules;
    /** Latest event second in [cutoff[k-1], cutoff[k]) per account and snapshot; Long.MIN_VALUE if none. */
    final long[] lastAny;
    final long[] lastLogin;
    final long[] lastIntegration;
    final UserTable users;
    /** Tenure starts (seconds) per account, and the first export and integration per tenure. */
    final long[][] tenureStarts;
    final long[][] firstExport;
    final long[][] firstIntegration;
    long minSecond = Long.MAX_VALUE;
    long maxSecond = Long.MIN_VALUE;
    long rows;

    /** Rows whose users are looked up together before their counters are added. */
    private static final int USER_RUN = 256;
    /** Every segment bound and cutoff of every snapshot, sorted, without repeats. */
    private final long[] bounds;
    /** The last {@link #span}: for seconds in [spanFrom, spanTo), the first snapshot that sees them... */
    private long spanFrom = Long.MAX_VALUE;
    private long spanTo = Long.MIN_VALUE;
    private int spanFirst;
    /** ...how many snapshots from it do, the usage segment for each, and the users' activity bits to set. */
    private int spanCount;
    private final int[] spanSegments;
    private final long[] spanUserBits;

    UsageAggregator(Snapshots snaps, EventCatalog catalog, int accounts, long[][] tenureStartSeconds) {
        this.snaps = snaps;
        this.catalog = catalog;
        this.accounts = accounts;
        this.k = snaps.size();
        long cells = (long) accounts * k;
        if (cells * SEG > Integer.MAX_VALUE - 8 || cells * (METRICS - 1) > Integer.MAX_VALUE - 8) {
            throw new org.churnrisk.core.InvalidArgumentException("too many accounts x as-of dates for one pass ("
                    + accounts + " x " + k + "); extract fewer dates at a time");
        }
        // Only what features read is kept: logins by segment (7d, 30d, the 30 before, 90d), the
        // other metrics over 30 days only, feature events of the 30 days before, three bit sets.
        logins = new long[(int) cells * SEG];
        recent = new long[(int) cells * (METRICS - 1)];
        eventsPrevious = new long[(int) cells];
        bits30 = new long[(int) cells];
        bitsPrevious = new long[(int) cells];
        bitsOlder = new long[(int) cells];
        modules = catalog.moduleCount();
        if (cells * modules > Integer.MAX_VALUE - 8) {
            throw new org.churnrisk.core.InvalidArgumentException("too many accounts x as-of dates x modules for one "
                    + "pass (" + accounts + " x " + k + " x " + modules + "); extract fewer dates at a time");
        }
        moduleEvents = new long[(int) cells * modules];
        lastAny = filled(accounts * k);
        lastLogin = filled(accounts * k);
        lastIntegration = filled(accounts * k);
        users = new UserTable(k * SEG);
        bounds = Arrays.stream(snaps.usageBounds).flatMapToLong(Arrays::stream).sorted().distinct().toArray();
        spanSegments = new int[k];
        spanUserBits = new long[(k * SEG + 63) >>> 6];
        tenureStarts = tenureStartSeconds;
        firstExport = new long[accounts][];
        firstIntegration = new long[accounts][];
        for (int a = 0; a < accounts; a++) {
            firstExport[a] = new long[tenureStarts[a].length];
            firstIntegration[a] = new long[tenureStarts[a].length];
            Arrays.fill(firstExport[a], Long.MAX_VALUE);
            Arrays.fill(firstIntegration[a], Long.MAX_VALUE);
        }
    }

    private static long[] filled(int n) {
        long[] a = new long[n];
        Arrays.fill(a, Long.MIN_VALUE);
        return a;
    }

    /**
     * Adds rows [0, n) of a batch, column by column, in order; the event of each row is already
     * resolved to its kind, feature bit and flags. The users of a run of rows are looked up in one
     * tight loop before their counters are added, so that the cache misses of the lookups (one per
     * row whose user differs from the last row's) overlap instead of following one another.
     *
     * @param account  account index
     * @param second   when it happened, seconds since the epoch
     * @param userHash hash of the user id, 0 when the row has none
     * @param quantity how many, at least 0
     * @param errors   how many failed, at least 0
     * @param userIds  scratch space for n ids
     */
    void add(int n, int[] account, long[] second, long[] userHash, byte[] kind, long[] bit, boolean[] core,
             boolean[] export, long[] module, long[] quantity, long[] errors, int[] userIds) {
        long seenBefore = snaps.cutoff[k - 1];
        for (int from = 0; from < n; from += USER_RUN) {
            int to = Math.min(n, from + USER_RUN);
            long grown = users.growths();
            for (int i = from; i < to; i++) {
                userIds[i] = userId(account[i], second[i], userHash[i], seenBefore);
            }
            if (users.growths() != grown) {
                // the table grew during the run, so the ids before the growth moved: find them again
                for (int i = from; i < to; i++) {
                    userIds[i] = userId(account[i], second[i], userHash[i], seenBefore);
                }
            }
            for (int i = from; i < to; i++) {
                add(account[i], second[i], userIds[i], kind[i], bit[i], core[i], export[i], module[i], quantity[i],
                        errors[i]);
            }
        }
    }

    /** The user's id, added on first sight; -1 if the row has no user or happened at or after every cutoff. */
    private int userId(int a, long second, long userHash, long seenBefore) {
        return userHash == 0 || second >= seenBefore ? -1 : users.id(Hashing.combine(a, userHash), a, second);
    }

    /** Adds one usage row whose user is resolved to its id (-1 for none). */
    private void add(int a, long second, int user, byte kind, long bit, boolean core, boolean export, long module,
                     long quantity, long errors) {
        rows++;
        if (second < minSecond) {
            minSecond = second;
        }
        if (second > maxSecond) {
            maxSecond = second;
        }
        if (second < spanFrom || second >= spanTo) {
            span(second);
        }
        int k0 = spanFirst;
        if (k0 == k) {
            return; // at or after every cutoff: the future of every snapshot
        }
        int ak = a * k + k0;
        if (second > lastAny[ak]) {
            lastAny[ak] = second;
        }
        if (kind == EventCatalog.LOGIN && second > lastLogin[ak]) {
            lastLogin[ak] = second;
        }
        if (kind == EventCatalog.INTEGRATION) {
            if (second > lastIntegration[ak]) {
                lastIntegration[ak] = second;
            }
            milestone(firstIntegration[a], a, second);
        } else if (export) {
            milestone(firstExport[a], a, second);
        }
        long q = quantity;
        long e = errors;
        int[] segments = spanSegments;
        for (int j = 0, count = spanCount; j < count; j++) {
            int seg = segments[j];
            int cell = ak + j;
            if (kind == EventCatalog.LOGIN) {
                add(logins, cell * SEG + seg, q);
            }
            if (seg >= Snapshots.SEG_30_TO_7) { // the last 30 days
                for (long m = module; m != 0; m &= m - 1) {
                    add(moduleEvents, cell * modules + Long.numberOfTrailingZeros(m), q);
                }
                int base = cell * (METRICS - 1) - 1;
                switch (kind) {
                    case EventCatalog.LOGIN -> { }
                    case EventCatalog.INTEGRATION -> {
                        add(recent, base + M_INTEGRATION, q);
                        add(recent, base + M_INTEGRATION_ERRORS, e);
                    }
                    default -> {
                        add(recent, base + M_EVENTS, q);
                        bits30[cell] |= bit;
                        if (core) {
                            add(recent, base + M_CORE, q);
                        }
                    }
                }
                add(recent, base + M_ERRORS, e);
            } else if (kind == EventCatalog.FEATURE) {
                if (seg == Snapshots.SEG_60_TO_30) {
                    add(eventsPrevious, cell, q);
                    bitsPrevious[cell] |= bit;
                } else {
                    bitsOlder[cell] |= bit;
                }
            }
        }
        if (user >= 0) {
            users.mark(user, spanUserBits);
        }
    }

    /**
     * Finds which snapshots see {@code second} and in which usage segment, and the stretch of time
     * around it where that stays the same: between two consecutive segment bounds of any snapshot.
     * Usage comes roughly in time order, so most rows fall in the stretch of the row before.
     */
    private void span(long second) {
        int first = snaps.firstSeeing(second);
        int count = 0;
        Arrays.fill(spanUserBits, 0);
        for (int s = first; s < k; s++) {
            int seg = snaps.usageSegment(s, second);
            if (seg < 0) {
                break; // older than 90 days for this snapshot and every later one
            }
            spanSegments[count++] = seg;
            int b = s * SEG + seg;
            spanUserBits[b >>> 6] |= 1L << b;
        }
        spanFirst = first;
        spanCount = count;
        int at = Arrays.binarySearch(bounds, second);
        int next = at >= 0 ? at + 1 : -at - 1; // the first bound after second
        spanFrom = next == 0 ? Long.MIN_VALUE : bounds[next - 1];
        spanTo = next == bounds.length ? Long.MAX_VALUE : bounds[next];
    }

    private static void add(long[] sums, int i, long v) {
        // Unreachable within the bounds of the contract; if it ever is, fail rather than wrap or saturate.
        sums[i] = Math.addExact(sums[i], v);
    }

    private void milestone(long[] firsts, int a, long second) {
        long[] starts = tenureStarts[a];
        for (int i = starts.length - 1; i >= 0; i--) {
            if (second >= starts[i]) {
                if (second < firsts[i]) {
                    firsts[i] = second;
                }
                return;
            }
        }
    }

    /** Events of adoption module {@code m} over [T-30d, T) of a snapshot. */
    long moduleEvents(int a, int snapshot, int m) {
        return moduleEvents[(a * k + snapshot) * modules + m];
    }

    /** Logins in one usage segment of a snapshot. */
    long segmentLogins(int a, int snapshot, int segment) {
        return logins[(a * k + snapshot) * SEG + segment];
    }

    /**
     * A metric summed over a window: logins over any window, feature events also over the 30
     * days before the last 30, the other metrics over the last 30 days only (nothing else is kept).
     */
    long count(int a, int snapshot, UsageWindow window, int metric) {
        int cell = a * k + snapshot;
        if (metric == M_LOGINS) {
            long total = 0;
            for (int s = window.fromSegment; s < window.toSegment; s++) {
                total += logins[cell * SEG + s];
            }
            return total;
        }
        if (window == UsageWindow.LAST_30_DAYS) {
            return recent[cell * (METRICS - 1) + metric - 1];
        }
        if (window == UsageWindow.PREVIOUS_30_DAYS && metric == M_EVENTS) {
            return eventsPrevious[cell];
        }
        throw new IllegalArgumentException("metric " + metric + " is not kept over " + window);
    }

    /** The feature bits of the events used in a window: the last 30 days, the 30 before, or all 90. */
    long featuresUsed(int a, int snapshot, UsageWindow window) {
        int cell = a * k + snapshot;
        return switch (window) {
            case LAST_30_DAYS -> bits30[cell];
            case PREVIOUS_30_DAYS -> bitsPrevious[cell];
            case LAST_90_DAYS -> bits30[cell] | bitsPrevious[cell] | bitsOlder[cell];
            default -> throw new IllegalArgumentException("feature bits are not kept over " + window);
        };
    }

    /** The latest second before the cutoff of {@code snapshot} in {@code last}, or Long.MIN_VALUE. */
    long latestBefore(long[] last, int a, int snapshot) {
        long best = Long.MIN_VALUE;
        for (int s = 0; s <= snapshot; s++) {
            best = Math.max(best, last[a * k + s]);
        }
        return best;
    }
}
