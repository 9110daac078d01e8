package org.churnrisk.features.extract;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Locale;
import org.churnrisk.core.contract.Bounds;
import org.churnrisk.core.contract.Source;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.features.io.RecordCursor;

/**
 * Reads the sources of a book into an {@link AccountBook} and the aggregators (or, when a book is
 * only checked, into nothing), checking the rules of the data contract that span rows: unique
 * account and ticket ids, events only for known accounts, scores in range for their survey kind,
 * and the {@link Bounds} of every date, ARR, seat count and usage quantity (errors at most the
 * quantity).
 */
final class BookLoader {
    private BookLoader() {
    }

    /** Where decoded usage rows go: the aggregator's pipeline, or nowhere when a book is only checked. */
    interface UsageTarget {
        /** Discards every row. */
        UsageTarget NONE = (account, second, user, code, quantity, errors) -> { };

        void add(int account, long second, long user, int code, long quantity, long errors);
    }

    /** Where decoded tickets, surveys and touchpoints go: the aggregator, or nowhere. */
    interface EngagementTarget {
        /** Discards every row. */
        EngagementTarget NONE = new EngagementTarget() {
            @Override
            public void ticket(int a, long created, long resolved, boolean highOrUrgent, boolean escalated,
                               int satisfaction) {
            }

            @Override
            public void survey(int a, long responded, boolean nps, int score) {
            }

            @Override
            public void touchpoint(int a, long second, boolean businessReview) {
            }
        };

        void ticket(int a, long created, long resolved, boolean highOrUrgent, boolean escalated, int satisfaction);

        void survey(int a, long responded, boolean nps, int score);

        void touchpoint(int a, long second, boolean businessReview);
    }

    static AccountBook accounts(BookRows rows) throws IOException {
        AccountBook.Builder b = new AccountBook.Builder();
        // with contracts, each day's ARR is its term's: accounts.arr is today's and may be left out
        boolean contracts = rows.has(Source.CONTRACTS);
        rows.read(Source.ACCOUNTS, c -> {
            long hash = c.hash(Col.ACC_ID);
            requireText(c, Col.ACC_ID);
            if (!contracts && c.isBlank(Col.ACC_ARR)) {
                throw c.problem(Col.ACC_ARR, "is blank (expected a number: without contracts, accounts.arr gives the"
                        + " ARR; it may be left out only when the book has contracts)");
            }
            double arr = c.isBlank(Col.ACC_ARR) ? AccountBook.UNKNOWN_ARR : arr(c, Col.ACC_ARR);
            int seats = c.isBlank(Col.ACC_SEATS) ? -1 : seats(c, Col.ACC_SEATS);
            long start = c.isBlank(Col.ACC_START) ? AccountBook.UNKNOWN_DAY : day(c, Col.ACC_START);
            long renewal = c.isBlank(Col.ACC_RENEWAL) ? AccountBook.UNKNOWN_DAY : day(c, Col.ACC_RENEWAL);
            Tier tier = null;
            if (!c.isBlank(Col.ACC_TIER)) {
                try {
                    tier = Tier.parse(c.text(Col.ACC_TIER));
                } catch (RuntimeException e) {
                    throw c.problem(Col.ACC_TIER, "is not a tier (expected starter, growth or enterprise)");
                }
            }
            String id = c.text(Col.ACC_ID);
            if (!b.addAccount(id, hash, c.text(Col.ACC_NAME), arr, seats, start, renewal, tier, c.text(Col.ACC_CSM),
                    c.text(Col.ACC_AE))) {
                throw c.problem(Col.ACC_ID, "is a duplicate (expected each account once in accounts)");
            }
        });
        rows.read(Source.CONTRACTS, c -> {
            int a = known(c, b, Col.C_ACCOUNT);
            long start = day(c, Col.C_START);
            long end = c.isBlank(Col.C_END) ? AccountBook.OPEN_END : day(c, Col.C_END);
            if (end <= start) {
                throw c.problem(Col.C_END, "is not after start_date " + LocalDate.ofEpochDay(start)
                        + " (expected an end after the start)");
            }
            double arr = arr(c, Col.C_ARR);
            int seats = c.isBlank(Col.C_SEATS) ? -1 : seats(c, Col.C_SEATS);
            b.addTerm(a, new AccountBook.Term(start, end, arr, seats));
        });
        rows.read(Source.CHURN, c -> b.addChurn(known(c, b, Col.X_ACCOUNT), day(c, Col.X_AT)));
        return b.build();
    }

    static void usage(BookRows rows, AccountBook book, UsageAggregator usage) throws IOException {
        UsagePipeline pipeline = new UsagePipeline(usage);
        boolean done = false;
        try {
            rows.read(Source.USAGE, new UsageDecoder(book, usage.catalog, pipeline)::row);
            pipeline.finish();
            done = true;
        } finally {
            if (!done) {
                pipeline.abort();
            }
        }
    }

    /** Reads and checks every usage row, keeping nothing but the event names in {@code catalog}. */
    static void checkUsage(BookRows rows, AccountBook book, EventCatalog catalog) throws IOException {
        checkUsage(rows, book, catalog, UsageTarget.NONE);
    }

    /** Reads and checks every usage row, handing each valid one to {@code target}. */
    static void checkUsage(BookRows rows, AccountBook book, EventCatalog catalog, UsageTarget target)
            throws IOException {
        rows.read(Source.USAGE, new UsageDecoder(book, catalog, target)::row);
    }

    /**
     * Decodes usage rows. Exports list an account's rows together, so the last account looked up
     * is remembered: most rows skip the hash table.
     */
    private static final class UsageDecoder {
        private final AccountBook book;
        private final EventCatalog catalog;
        private final UsageTarget usage;
        private long lastAccountHash;
        private int lastAccount = LongIntMap.MISSING;

        UsageDecoder(AccountBook book, EventCatalog catalog, UsageTarget usage) {
            this.book = book;
            this.catalog = catalog;
            this.usage = usage;
        }

        void row(RecordCursor c) {
            long accountHash = c.hash(Col.U_ACCOUNT);
            int a;
            if (accountHash == 0) {
                throw unknown(c, Col.U_ACCOUNT); // blank
            }
            if (accountHash == lastAccountHash && lastAccount != LongIntMap.MISSING) {
                a = lastAccount;
            } else {
                a = book.indexOf(accountHash);
                if (a == LongIntMap.MISSING) {
                    throw unknown(c, Col.U_ACCOUNT);
                }
                lastAccountHash = accountHash;
                lastAccount = a;
            }
            long second = second(c, Col.U_AT);
            long event = c.hash(Col.U_EVENT);
            if (event == 0) {
                throw c.problem(Col.U_EVENT, "is blank (expected an event name such as login)");
            }
            long quantity = c.isBlank(Col.U_QUANTITY) ? 1 : c.integer(Col.U_QUANTITY);
            if (quantity < 0) {
                throw c.problem(Col.U_QUANTITY, "is negative (expected a whole number >= 0)");
            }
            if (quantity > Bounds.MAX_QUANTITY) {
                throw c.problem(Col.U_QUANTITY, "is above the accepted maximum (expected at most "
                        + String.format(Locale.ROOT, "%,d", Bounds.MAX_QUANTITY) + " events in one row)");
            }
            long errors = c.isBlank(Col.U_ERRORS) ? 0 : c.integer(Col.U_ERRORS);
            if (errors < 0) {
                throw c.problem(Col.U_ERRORS, "is negative (expected a whole number >= 0)");
            }
            if (errors > quantity) {
                throw c.problem(Col.U_ERRORS, "is more than the row's quantity " + (c.isBlank(Col.U_QUANTITY)
                        ? "(blank, so 1)" : Long.toString(quantity))
                        + " (expected errors <= quantity: errors counts the events that failed)");
            }
            long user = c.isBlank(Col.U_USER) ? 0 : c.hash(Col.U_USER);
            // No lambda here: this runs per row, and a capturing lambda is an allocation per row.
            int code = catalog.find(event);
            if (code == LongIntMap.MISSING) {
                code = catalog.add(event, c.text(Col.U_EVENT));
            }
            usage.add(a, second, user, code, quantity, errors);
        }
    }

    static void engagement(BookRows rows, AccountBook book, EngagementTarget engagement) throws IOException {
        LongIntMap tickets = new LongIntMap(1 << 12);
        rows.read(Source.TICKETS, c -> {
            requireText(c, Col.T_ID);
            int a = known(c, book, Col.T_ACCOUNT);
            long created = second(c, Col.T_CREATED);
            long resolved = c.isBlank(Col.T_RESOLVED) ? Long.MAX_VALUE : second(c, Col.T_RESOLVED);
            if (resolved < created) {
                throw c.problem(Col.T_RESOLVED, "is before created_at (expected a time at or after creation)");
            }
            boolean high = false;
            if (!c.isBlank(Col.T_PRIORITY)) {
                String p = c.text(Col.T_PRIORITY).toLowerCase(Locale.ROOT);
                switch (p) {
                    case "high", "urgent" -> high = true;
                    case "low", "normal" -> high = false;
                    default -> throw c.problem(Col.T_PRIORITY, "is not a priority (expected low, normal, high or urgent)");
                }
            }
            boolean escalated = !c.isBlank(Col.T_ESCALATED) && c.bool(Col.T_ESCALATED);
            int satisfaction = 0;
            if (!c.isBlank(Col.T_SATISFACTION)) {
                long s = c.integer(Col.T_SATISFACTION);
                if (s < 1 || s > 5) {
                    throw c.problem(Col.T_SATISFACTION, "is out of range (expected 1-5)");
                }
                satisfaction = (int) s;
            }
            if (tickets.put(c.hash(Col.T_ID), 1) != LongIntMap.MISSING) {
                throw c.problem(Col.T_ID, "is a duplicate (expected each ticket once)");
            }
            engagement.ticket(a, created, resolved, high, escalated, satisfaction);
        });
        rows.read(Source.SURVEYS, c -> {
            int a = known(c, book, Col.S_ACCOUNT);
            long at = second(c, Col.S_AT);
            String kind = c.isBlank(Col.S_KIND) ? "" : c.text(Col.S_KIND).toLowerCase(Locale.ROOT);
            boolean nps;
            switch (kind) {
                case "nps" -> nps = true;
                case "csat" -> nps = false;
                default -> throw c.problem(Col.S_KIND, "is not a survey kind (expected nps or csat)");
            }
            long score = c.integer(Col.S_SCORE);
            if (nps ? score < 0 || score > 10 : score < 1 || score > 5) {
                throw c.problem(Col.S_SCORE, "is out of range for " + kind + " (expected " + (nps ? "0-10" : "1-5") + ")");
            }
            engagement.survey(a, at, nps, (int) score);
        });
        rows.read(Source.TOUCHPOINTS, c -> {
            int a = known(c, book, Col.P_ACCOUNT);
            long at = second(c, Col.P_AT);
            boolean review = false;
            if (!c.isBlank(Col.P_KIND)) {
                String kind = c.text(Col.P_KIND).toLowerCase(Locale.ROOT);
                switch (kind) {
                    case "qbr", "ebr" -> review = true;
                    case "call", "email", "meeting" -> review = false;
                    default -> throw c.problem(Col.P_KIND, "is not a touchpoint kind (expected call, email, meeting, qbr or ebr)");
                }
            }
            engagement.touchpoint(a, at, review);
        });
    }

    private static void requireText(RecordCursor c, int column) {
        if (c.isBlank(column)) {
            throw c.problem(column, "is blank (expected a value: the column is required)");
        }
    }

    /** An ARR: finite, >= 0 and at most {@link Bounds#MAX_ARR}. */
    private static double arr(RecordCursor c, int column) {
        double arr = c.decimal(column);
        if (arr < 0) {
            throw c.problem(column, "is negative (expected a number >= 0)");
        }
        if (!(arr <= Bounds.MAX_ARR)) { // NaN too: the readers give NaN for a number too large for a double
            throw c.problem(column, "is out of range (expected an ARR from 0 to "
                    + String.format(Locale.ROOT, "%,.0f", Bounds.MAX_ARR) + ")");
        }
        return arr;
    }

    /** A seat count: a whole number from 0 to {@link Bounds#MAX_SEATS}. */
    private static int seats(RecordCursor c, int column) {
        long v = c.integer(column);
        if (v < 0 || v > Bounds.MAX_SEATS) {
            throw c.problem(column, "is out of range (expected a whole number of seats from 0 to "
                    + String.format(Locale.ROOT, "%,d", Bounds.MAX_SEATS) + ")");
        }
        return (int) v;
    }

    /** A date within the {@link Bounds}, as days since the epoch. */
    static long day(RecordCursor c, int column) {
        long day = c.epochDay(column);
        if (!Bounds.dayInRange(day)) {
            throw c.problem(column, Bounds.expectedDate("a date"));
        }
        return day;
    }

    /** A timestamp within the {@link Bounds}, as seconds since the epoch. */
    static long second(RecordCursor c, int column) {
        long second = c.epochSecond(column);
        if (!Bounds.secondInRange(second)) {
            throw c.problem(column, Bounds.expectedDate("a time"));
        }
        return second;
    }

    private static int known(RecordCursor c, AccountBook.Builder b, int column) {
        requireText(c, column);
        int a = b.indexOf(c.hash(column));
        if (a == LongIntMap.MISSING) {
            throw unknown(c, column);
        }
        return a;
    }

    private static int known(RecordCursor c, AccountBook book, int column) {
        requireText(c, column);
        int a = book.indexOf(c.hash(column));
        if (a == LongIntMap.MISSING) {
            throw unknown(c, column);
        }
        return a;
    }

    private static RuntimeException unknown(RecordCursor c, int column) {
        if (c.isBlank(column)) {
            return c.problem(column, "is blank (expected a value: the column is required)");
        }
        return c.problem(column, "is not an account in accounts (expected the account_id of a listed account)");
    }
}
