package org.churnrisk.features.extract;

/**
 * The users seen in a usage export: for each, its account, when it was first seen, and one bit
 * per snapshot and usage segment in which it was active. Memory grows with the number of
 * distinct users (bounded by seats), never with the number of events. Not thread-safe.
 *
 * <p>The table is its own hash map: a user's key, first-seen time and activity bits sit side by
 * side in one slot of one array, found by open addressing, so that a usage row for a user not
 * seen in the last row costs one cache miss instead of one per array. A user's id is its slot;
 * ids are in [0, {@link #slots()}), and {@link #used} tells the slots that hold a user. Ids change
 * when the table grows, so they are valid only until the next {@link #id} call that adds a user.
 */
final class UserTable {
    private static final int KEY = 0;
    private static final int FIRST_SEEN = 1;
    private static final int BITS = 2;
    /** Keep at most 3 slots in 4 used: with the whole slot in a cache line or two, probing is cheap. */
    private static final int LOAD_PERCENT = 75;

    private final int words;
    private final int stride;
    /** Slot s at s * stride: the key (0: empty), the first-seen second, then the activity bits. */
    private long[] table;
    private int[] account;
    private int mask;
    private int size;
    private int limit;
    private long lastKey;
    private int lastId;
    private long growths;

    UserTable(int bitsPerUser) {
        this.words = (bitsPerUser + 63) >>> 6;
        this.stride = BITS + words;
        allocate(1 << 12);
    }

    private void allocate(int slots) {
        if ((long) slots * stride > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("too many distinct users for one table (" + size + ")");
        }
        table = new long[slots * stride];
        account = new int[slots];
        mask = slots - 1;
        limit = (int) ((long) slots * LOAD_PERCENT / 100);
        lastKey = 0;
    }

    /**
     * The id of the user with this key (non-zero), added on first sight with {@code accountIndex};
     * its first-seen time becomes {@code second} if that is earlier.
     */
    int id(long key, int accountIndex, long second) {
        // A user's rows of a day usually come together (a login, then features): skip the lookup.
        if (key == lastKey) {
            int at = lastId * stride + FIRST_SEEN;
            if (second < table[at]) {
                table[at] = second;
            }
            return lastId;
        }
        long[] t = table;
        int s = slot(key);
        while (true) {
            int at = s * stride;
            long k = t[at + KEY];
            if (k == key) {
                if (second < t[at + FIRST_SEEN]) {
                    t[at + FIRST_SEEN] = second;
                }
                break;
            }
            if (k == 0) {
                if (size == limit) {
                    grow();
                    return id(key, accountIndex, second);
                }
                t[at + KEY] = key;
                t[at + FIRST_SEEN] = second;
                account[s] = accountIndex;
                size++;
                break;
            }
            s = (s + 1) & mask;
        }
        lastKey = key;
        lastId = s;
        return s;
    }

    private int slot(long key) {
        return (int) (key ^ (key >>> 32)) & mask;
    }

    /** How many times the table has grown, which moves every id. */
    long growths() {
        return growths;
    }

    private void grow() {
        growths++;
        long[] oldTable = table;
        int[] oldAccount = account;
        allocate((mask + 1) * 2);
        for (int from = 0; from < oldAccount.length; from++) {
            int at = from * stride;
            long key = oldTable[at + KEY];
            if (key == 0) {
                continue;
            }
            int s = slot(key);
            while (table[s * stride + KEY] != 0) {
                s = (s + 1) & mask;
            }
            System.arraycopy(oldTable, at, table, s * stride, stride);
            account[s] = oldAccount[from];
        }
    }

    void mark(int id, int bit) {
        table[id * stride + BITS + (bit >>> 6)] |= 1L << bit;
    }

    /** Sets the bits set in {@code bits}, one long per 64 bits, as {@link #mark} would one by one. */
    void mark(int id, long[] bits) {
        int at = id * stride + BITS;
        for (int w = 0; w < bits.length; w++) {
            table[at + w] |= bits[w];
        }
    }

    boolean marked(int id, int bit) {
        return (table[id * stride + BITS + (bit >>> 6)] & (1L << bit)) != 0;
    }

    /** How many distinct users there are. */
    int size() {
        return size;
    }

    /** The bound of the ids: every user's id is below it, and {@link #used} tells which ids are users. */
    int slots() {
        return mask + 1;
    }

    /** Whether {@code id} is a user's id. */
    boolean used(int id) {
        return table[id * stride + KEY] != 0;
    }

    int account(int id) {
        return account[id];
    }

    long firstSeen(int id) {
        return table[id * stride + FIRST_SEEN];
    }

    /** Approximate bytes held, for the memory figures in docs/benchmarks.md. */
    long bytes() {
        return (long) table.length * 8 + (long) account.length * 4;
    }

    @Override
    public String toString() {
        return "UserTable[size=" + size + ", slots=" + slots() + ", words=" + words + "]";
    }

    /** The users' ids, in id order, for callers that go through every user. */
    int[] ids() {
        int[] ids = new int[size];
        int n = 0;
        for (int id = 0; id < slots(); id++) {
            if (used(id)) {
                ids[n++] = id;
            }
        }
        return ids;
    }
}
