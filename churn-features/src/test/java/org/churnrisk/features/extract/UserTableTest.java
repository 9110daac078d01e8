package org.churnrisk.features.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.churnrisk.features.io.values.Hashing;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link UserTable}: users found again by key, their first-seen times and bits kept while the table grows. */
class UserTableTest {

    private static final int USERS = 20_000; // the table starts at 4,096 slots, so it grows three times

    private static long key(int user) {
        return Hashing.combine(user % 97, Hashing.hash64("u-" + user));
    }

    /** What the table should hold for one user after {@link #fill}. */
    private record Expected(int account, long firstSeen, int bit) {
    }

    private static Expected expected(int user, int bitsPerUser) {
        return new Expected(user % 97, 1_000_000L - user, (user * 7) % bitsPerUser);
    }

    /** Adds every user twice, in two passes (the second earlier in time for even users), marking one bit each. */
    private static void fill(UserTable users, int bitsPerUser) {
        for (int pass = 0; pass < 2; pass++) {
            for (int u = 0; u < USERS; u++) {
                Expected e = expected(u, bitsPerUser);
                long second = pass == 1 && u % 2 == 0 ? e.firstSeen() : e.firstSeen() + 500;
                int id = users.id(key(u), e.account(), second);
                users.mark(id, e.bit());
            }
        }
    }

    @ParameterizedTest(name = "{0} bits per user")
    @ValueSource(ints = {4, 48, 64, 96, 200})
    void everyUserKeepsItsAccountFirstSeenTimeAndBitsThroughGrowth(int bitsPerUser) {
        UserTable users = new UserTable(bitsPerUser);
        fill(users, bitsPerUser);

        assertThat(users.size()).isEqualTo(USERS);
        List<String> wrong = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            Expected e = expected(u, bitsPerUser);
            int id = users.id(key(u), e.account(), Long.MAX_VALUE); // found again, changes nothing
            long firstSeen = u % 2 == 0 ? e.firstSeen() : e.firstSeen() + 500;
            boolean onlyItsBit = true;
            for (int b = 0; b < bitsPerUser; b++) {
                onlyItsBit &= users.marked(id, b) == (b == e.bit());
            }
            if (users.account(id) != e.account() || users.firstSeen(id) != firstSeen || !onlyItsBit) {
                wrong.add("user " + u);
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(users.size()).isEqualTo(USERS);
    }

    @ParameterizedTest(name = "{0} bits per user")
    @ValueSource(ints = {4, 96})
    void idsListsEachUserOnceAndOnlyUsedSlots(int bitsPerUser) {
        UserTable users = new UserTable(bitsPerUser);
        fill(users, bitsPerUser);

        int[] ids = users.ids();
        Set<Integer> distinct = new HashSet<>();
        for (int id : ids) {
            distinct.add(id);
        }
        int used = 0;
        for (int id = 0; id < users.slots(); id++) {
            used += users.used(id) ? 1 : 0;
        }

        assertThat(ids).hasSize(USERS);
        assertThat(distinct).hasSize(USERS);
        assertThat(used).isEqualTo(USERS);
        assertThat(users.slots()).isGreaterThanOrEqualTo(USERS * 4 / 3);
    }
}
