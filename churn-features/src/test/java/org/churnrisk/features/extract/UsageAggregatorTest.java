package org.churnrisk.features.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.churnrisk.features.io.values.Hashing;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link UsageAggregator} fed in batches against sums worked out row by row from {@link
 * Snapshots#usageSegment}: rows out of time order, on segment bounds and cutoffs, and more users
 * than the user table starts with, so that it grows in the middle of a run of lookups.
 */
class UsageAggregatorTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin"); // days of 23 and 25 hours
    private static final int ACCOUNTS = 40;
    private static final int USERS_PER_ACCOUNT = 200; // 8,000 users: the table grows from 4,096 slots twice
    private static final int ROWS = 60_000;
    private static final String[] EVENTS = {"login", "sync", "report_export", "dashboard_view"};

    /** One usage row, as the pipeline hands it over. */
    private record Row(int account, long second, long userHash, int code, long quantity, long errors) {
    }

    private static Snapshots snapshots(int dates, boolean weekly) {
        List<LocalDate> asOf = new ArrayList<>();
        LocalDate last = LocalDate.of(2025, 11, 1);
        for (int i = 0; i < dates; i++) {
            asOf.add(weekly ? last.minusWeeks(i) : last.minusMonths(i));
        }
        return new Snapshots(asOf, ZONE);
    }

    /** Seconds spread over the year before the last cutoff and a little after, a tenth exactly on a bound. */
    private static List<Row> rows(Snapshots snaps, EventCatalog catalog, long seed) {
        long[] bounds = Arrays.stream(snaps.usageBounds).flatMapToLong(Arrays::stream).toArray();
        long last = snaps.cutoff[snaps.size() - 1];
        Random random = new Random(seed);
        int[] codes = new int[EVENTS.length];
        for (int i = 0; i < EVENTS.length; i++) {
            codes[i] = catalog.add(Hashing.hash64(EVENTS[i]), EVENTS[i]);
        }
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < ROWS; r++) {
            long second = random.nextInt(10) == 0 ? bounds[random.nextInt(bounds.length)] - random.nextInt(2)
                    : last - 400L * 86_400 + (long) (random.nextDouble() * 410 * 86_400);
            int account = random.nextInt(ACCOUNTS);
            long user = random.nextInt(8) == 0 ? 0 : Hashing.hash64("u" + random.nextInt(USERS_PER_ACCOUNT));
            rows.add(new Row(account, second, user, codes[random.nextInt(codes.length)], random.nextInt(5),
                    random.nextInt(3)));
        }
        return rows;
    }

    private static UsageAggregator aggregate(Snapshots snaps, EventCatalog catalog, List<Row> rows, int batch) {
        long[][] tenures = new long[ACCOUNTS][];
        Arrays.fill(tenures, new long[] {Long.MIN_VALUE});
        UsageAggregator usage = new UsageAggregator(snaps, catalog, ACCOUNTS, tenures);
        int[] ids = new int[batch];
        for (int from = 0; from < rows.size(); from += batch) {
            int n = Math.min(batch, rows.size() - from);
            int[] account = new int[n];
            long[] second = new long[n];
            long[] user = new long[n];
            byte[] kind = new byte[n];
            long[] bit = new long[n];
            boolean[] core = new boolean[n];
            boolean[] export = new boolean[n];
            long[] quantity = new long[n];
            long[] errors = new long[n];
            for (int i = 0; i < n; i++) {
                Row r = rows.get(from + i);
                account[i] = r.account();
                second[i] = r.second();
                user[i] = r.userHash();
                kind[i] = catalog.kind(r.code());
                bit[i] = catalog.bit(r.code());
                core[i] = (bit[i] & catalog.coreMask()) != 0;
                export[i] = catalog.isExport(r.code());
                quantity[i] = r.quantity();
                errors[i] = r.errors();
            }
            usage.add(n, account, second, user, kind, bit, core, export, new long[n], quantity, errors, ids);
        }
        return usage;
    }

    @ParameterizedTest(name = "{0} as-of dates")
    @ValueSource(strings = {"1 monthly", "12 monthly", "24 weekly"})
    void batchesGiveTheSumsAndActiveUsersOfEachSegmentRowByRow(String dates) {
        Snapshots snaps = snapshots(Integer.parseInt(dates.split(" ")[0]), dates.endsWith("weekly"));
        EventCatalog catalog = new EventCatalog("login", Set.of("sync"), Set.of("report_export"), Set.of());
        List<Row> rows = rows(snaps, catalog, 7);
        int k = snaps.size();

        UsageAggregator usage = aggregate(snaps, catalog, rows, 4096);

        long[][][] logins = new long[ACCOUNTS][k][Snapshots.SEGMENTS];
        long[][] events30 = new long[ACCOUNTS][k];
        long[][] lastAny = new long[ACCOUNTS][k];
        Map<Long, boolean[]> active = new HashMap<>();
        Map<Long, Long> firstSeen = new HashMap<>();
        for (long[] a : lastAny) {
            Arrays.fill(a, Long.MIN_VALUE);
        }
        for (Row r : rows) {
            byte kind = catalog.kind(r.code());
            long userKey = Hashing.combine(r.account(), r.userHash());
            if (r.userHash() != 0 && r.second() < snaps.cutoff[k - 1]) {
                firstSeen.merge(userKey, r.second(), Math::min);
            }
            for (int s = 0; s < k; s++) {
                if (r.second() < snaps.cutoff[s]) {
                    lastAny[r.account()][s] = Math.max(lastAny[r.account()][s], r.second());
                }
                int seg = snaps.usageSegment(s, r.second());
                if (seg < 0) {
                    continue;
                }
                if (kind == EventCatalog.LOGIN) {
                    logins[r.account()][s][seg] += r.quantity();
                } else if (kind == EventCatalog.FEATURE && seg >= 2) {
                    events30[r.account()][s] += r.quantity();
                }
                if (r.userHash() != 0) {
                    active.computeIfAbsent(userKey, x -> new boolean[k * Snapshots.SEGMENTS])[s * Snapshots.SEGMENTS
                            + seg] = true;
                }
            }
        }

        List<String> wrong = new ArrayList<>();
        for (int a = 0; a < ACCOUNTS; a++) {
            for (int s = 0; s < k; s++) {
                for (int seg = 0; seg < Snapshots.SEGMENTS; seg++) {
                    if (usage.segmentLogins(a, s, seg) != logins[a][s][seg]) {
                        wrong.add("logins of account " + a + ", snapshot " + s + ", segment " + seg);
                    }
                }
                if (usage.count(a, s, UsageWindow.LAST_30_DAYS, UsageAggregator.M_EVENTS) != events30[a][s]) {
                    wrong.add("events in 30 days of account " + a + ", snapshot " + s);
                }
                if (usage.latestBefore(usage.lastAny, a, s) != lastAny[a][s]) {
                    wrong.add("last activity of account " + a + ", snapshot " + s);
                }
            }
        }
        UserTable users = usage.users;
        assertThat(users.size()).isEqualTo(firstSeen.size());
        for (Map.Entry<Long, Long> user : firstSeen.entrySet()) {
            int id = users.id(user.getKey(), 0, Long.MAX_VALUE); // found, so nothing changes
            boolean[] bits = active.getOrDefault(user.getKey(), new boolean[k * Snapshots.SEGMENTS]);
            for (int b = 0; b < bits.length; b++) {
                if (users.marked(id, b) != bits[b]) {
                    wrong.add("activity bit " + b + " of a user");
                }
            }
            if (users.firstSeen(id) != user.getValue()) {
                wrong.add("first seen time of a user");
            }
        }
        assertThat(users.size()).isEqualTo(firstSeen.size());
        assertThat(wrong).isEmpty();
    }

    @ParameterizedTest(name = "batches of {0}")
    @ValueSource(ints = {1, 255, 257, 4096})
    void theBatchSizeDoesNotChangeAnything(int batch) {
        Snapshots snaps = snapshots(12, false);
        EventCatalog catalog = new EventCatalog("login", Set.of("sync"), Set.of("report_export"), Set.of());
        List<Row> rows = rows(snaps, catalog, 11);

        UsageAggregator one = aggregate(snaps, catalog, rows, rows.size());
        UsageAggregator other = aggregate(snaps, catalog, rows, batch);

        for (int a = 0; a < ACCOUNTS; a++) {
            for (int s = 0; s < snaps.size(); s++) {
                for (int seg = 0; seg < Snapshots.SEGMENTS; seg++) {
                    assertThat(other.segmentLogins(a, s, seg)).isEqualTo(one.segmentLogins(a, s, seg));
                }
                assertThat(other.featuresUsed(a, s, UsageWindow.LAST_90_DAYS))
                        .isEqualTo(one.featuresUsed(a, s, UsageWindow.LAST_90_DAYS));
                assertThat(other.count(a, s, UsageWindow.LAST_30_DAYS, UsageAggregator.M_ERRORS))
                        .isEqualTo(one.count(a, s, UsageWindow.LAST_30_DAYS, UsageAggregator.M_ERRORS));
            }
        }
        assertThat(other.users.ids()).containsExactly(one.users.ids());
        for (int id : one.users.ids()) {
            assertThat(other.users.firstSeen(id)).isEqualTo(one.users.firstSeen(id));
            for (int b = 0; b < snaps.size() * Snapshots.SEGMENTS; b++) {
                assertThat(other.users.marked(id, b)).isEqualTo(one.users.marked(id, b));
            }
        }
    }
}
