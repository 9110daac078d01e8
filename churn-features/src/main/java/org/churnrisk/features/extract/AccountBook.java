package org.churnrisk.features.extract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.churnrisk.core.contract.Tier;

/**
 * The accounts of a book and their commercial history, and what was true of each account on any
 * past day: whether it was a customer, its ARR, seats, tier, term and tenure.
 *
 * <p>Built from {@code accounts}, and from {@code contracts} and {@code churn} when the book has
 * them. Days are epoch days in the book's zone. Immutable once built; thread-safe.
 *
 * <p>Customer on day d: the term with the latest start on or before d whose end is after d is in
 * force, and no churn is dated from that term's start up to d. Without contracts the account is
 * taken to hold one open-ended term from {@code contract_start} with today's ARR and seats (a
 * leak for accounts whose ARR changed; docs/features.md says so), and renewals are assumed
 * annual on the anniversaries of {@code renewal_date}.
 */
final class AccountBook {
    static final long UNKNOWN_DAY = Long.MIN_VALUE;
    static final long OPEN_END = Long.MAX_VALUE;
    /** Today's ARR of an account whose row leaves it blank, allowed when the book has contracts. */
    static final double UNKNOWN_ARR = Double.NaN;

    /** One commercial term in epoch days; {@code end} is exclusive or {@link #OPEN_END}. */
    record Term(long start, long end, double arr, int seats) { }

    /** What was true of an account on a day when it was a customer. */
    record State(Term term, long tenureStart, int termNumber, double previousArr, long renewalDay) { }

    final String[] ids;
    final String[] names;
    final double[] arrToday;
    final int[] seatsToday;
    final long[] contractStart;
    final long[] renewalToday;
    final Tier[] tierToday;
    final String[] csm;
    final String[] ae;
    final boolean hasContracts;
    private final Term[][] terms;
    private final long[][] churns;
    private final LongIntMap byHash;

    private AccountBook(Builder b) {
        int n = b.ids.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(b.ids::get));
        ids = new String[n];
        names = new String[n];
        arrToday = new double[n];
        seatsToday = new int[n];
        contractStart = new long[n];
        renewalToday = new long[n];
        tierToday = new Tier[n];
        csm = new String[n];
        ae = new String[n];
        terms = new Term[n][];
        churns = new long[n][];
        byHash = new LongIntMap(n);
        hasContracts = b.hasContracts;
        for (int i = 0; i < n; i++) {
            int from = order[i];
            ids[i] = b.ids.get(from);
            names[i] = b.names.get(from);
            arrToday[i] = b.arr.get(from);
            seatsToday[i] = b.seats.get(from);
            contractStart[i] = b.start.get(from);
            renewalToday[i] = b.renewal.get(from);
            tierToday[i] = b.tier.get(from);
            csm[i] = b.csm.get(from);
            ae[i] = b.ae.get(from);
            byHash.put(b.hashes.get(from), i);
            List<Term> t = new ArrayList<>(b.terms.get(from));
            t.sort(Comparator.comparingLong(Term::start).thenComparingLong(Term::end));
            if (!hasContracts) {
                // (a blank ARR needs a contracts file; when none of its rows is valid, ARR counts as 0)
                t = List.of(new Term(contractStart[i] == UNKNOWN_DAY ? UNKNOWN_DAY : contractStart[i], OPEN_END,
                        Double.isNaN(arrToday[i]) ? 0 : arrToday[i], seatsToday[i]));
            }
            terms[i] = t.toArray(new Term[0]);
            churns[i] = b.churns.get(from).stream().mapToLong(Long::longValue).sorted().toArray();
        }
    }

    int size() {
        return ids.length;
    }

    /** The account_id of account {@code a}. */
    String id(int a) {
        return ids[a];
    }

    /** Every churn date of every account that has one, by account id, sorted; for labels. */
    java.util.Map<String, java.util.List<java.time.LocalDate>> churnDates() {
        java.util.Map<String, java.util.List<java.time.LocalDate>> result = new java.util.TreeMap<>();
        for (int a = 0; a < ids.length; a++) {
            if (churns[a].length > 0) {
                result.put(ids[a], java.util.Arrays.stream(churns[a]).mapToObj(java.time.LocalDate::ofEpochDay).toList());
            }
        }
        return result;
    }

    /** The name and CSM of every account, by account id; for reports. */
    java.util.Map<String, org.churnrisk.features.AccountInfo> infos() {
        java.util.Map<String, org.churnrisk.features.AccountInfo> result = new java.util.TreeMap<>();
        for (int a = 0; a < ids.length; a++) {
            result.put(ids[a], new org.churnrisk.features.AccountInfo(ids[a], names[a], csm[a], ae[a]));
        }
        return result;
    }

    /** The index of the account with this id hash, or {@link LongIntMap#MISSING}. */
    int indexOf(long idHash) {
        return byHash.get(idHash);
    }

    /** Sorted start days of every tenure an account had (a tenure starts after a churn or a gap). */
    long[] tenureStarts(int a) {
        Term[] t = terms[a];
        long[] starts = new long[t.length];
        int n = 0;
        for (int i = 0; i < t.length; i++) {
            if (i == 0 || isNewTenure(a, t[i - 1], t[i])) {
                starts[n++] = t[i].start();
            }
        }
        return Arrays.copyOf(starts, n);
    }

    private boolean isNewTenure(int a, Term before, Term term) {
        if (term.start() > before.end()) {
            return true;
        }
        for (long c : churns[a]) {
            if (c >= before.start() && c <= term.start()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The account's state on {@code day}, or null when it was not a customer that day. Uses only
     * terms that started on or before {@code day} and churns dated on or before it.
     */
    State stateOn(int a, long day) {
        Term[] t = terms[a];
        int inForce = -1;
        for (int i = 0; i < t.length; i++) {
            if (t[i].start() <= day && day < t[i].end() && (inForce < 0 || t[i].start() >= t[inForce].start())) {
                inForce = i;
            }
        }
        if (inForce < 0) {
            return null;
        }
        Term term = t[inForce];
        for (long c : churns[a]) {
            if (c >= term.start() && c <= day) {
                return null;
            }
        }
        int first = inForce;
        while (first > 0 && !isNewTenure(a, t[first - 1], t[first])) {
            first--;
        }
        double previousArr = inForce > first ? t[inForce - 1].arr() : Double.NaN;
        long renewal;
        if (hasContracts) {
            renewal = term.end() == OPEN_END ? UNKNOWN_DAY : term.end();
        } else {
            renewal = nextAnniversary(renewalToday[a], day);
        }
        return new State(term, t[first].start(), inForce - first + 1, previousArr, renewal);
    }

    /** The first anniversary of {@code renewal} (going back or forward in whole years) after {@code day}. */
    private static long nextAnniversary(long renewal, long day) {
        if (renewal == UNKNOWN_DAY) {
            return UNKNOWN_DAY;
        }
        java.time.LocalDate r = java.time.LocalDate.ofEpochDay(renewal);
        java.time.LocalDate d = java.time.LocalDate.ofEpochDay(day);
        int years = d.getYear() - r.getYear() - 1;
        java.time.LocalDate candidate = r.plusYears(years);
        while (!candidate.isAfter(d)) {
            candidate = candidate.plusYears(1);
        }
        return candidate.toEpochDay();
    }

    /** Collects accounts, then contracts and churns, and builds the book. */
    static final class Builder {
        private final List<String> ids = new ArrayList<>();
        private final List<Long> hashes = new ArrayList<>();
        private final List<String> names = new ArrayList<>();
        private final List<Double> arr = new ArrayList<>();
        private final List<Integer> seats = new ArrayList<>();
        private final List<Long> start = new ArrayList<>();
        private final List<Long> renewal = new ArrayList<>();
        private final List<Tier> tier = new ArrayList<>();
        private final List<String> csm = new ArrayList<>();
        private final List<String> ae = new ArrayList<>();
        private final List<List<Term>> terms = new ArrayList<>();
        private final List<List<Long>> churns = new ArrayList<>();
        private final LongIntMap index = new LongIntMap(1024);
        private boolean hasContracts;

        /** Adds an account; returns false when its id is already there. */
        boolean addAccount(String id, long hash, String name, double arrToday, int seatsToday, long contractStart,
                           long renewalDay, Tier tierToday, String csmName) {
            return addAccount(id, hash, name, arrToday, seatsToday, contractStart, renewalDay, tierToday, csmName, null);
        }

        /** Adds an account with its account executive; returns false when its id is already there. */
        boolean addAccount(String id, long hash, String name, double arrToday, int seatsToday, long contractStart,
                           long renewalDay, Tier tierToday, String csmName, String aeName) {
            if (index.get(hash) != LongIntMap.MISSING) {
                return false;
            }
            index.put(hash, ids.size());
            ids.add(id);
            hashes.add(hash);
            names.add(name);
            arr.add(arrToday);
            seats.add(seatsToday);
            start.add(contractStart);
            renewal.add(renewalDay);
            tier.add(tierToday);
            csm.add(csmName);
            ae.add(aeName);
            terms.add(new ArrayList<>());
            churns.add(new ArrayList<>());
            return true;
        }

        /** The position of an account added so far, or {@link LongIntMap#MISSING}. */
        int indexOf(long hash) {
            return index.get(hash);
        }

        void addTerm(int account, Term term) {
            hasContracts = true;
            terms.get(account).add(term);
        }

        void addChurn(int account, long day) {
            churns.get(account).add(day);
        }

        int size() {
            return ids.size();
        }

        AccountBook build() {
            return new AccountBook(this);
        }
    }
}
