package org.churnrisk.score.outcomes;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.churnrisk.score.history.Assignment;
import org.churnrisk.score.history.HistoryEntry;
import org.churnrisk.score.history.RecordedAccount;

/**
 * Joins the run history of a report folder with what happened later in a newer book: for each
 * past run, predicted against realised churn by band and decile, the realised AUC, the ARR that
 * churned from each band and the accounts that churned while green; and, for the accounts assigned
 * to a holdout experiment, the rescue rate of treated against held-out accounts.
 *
 * <p>An account of a run as of {@code D} <em>churned</em> when the newer book has a churn date in
 * {@code [D, D + horizon]}; it <em>renewed</em> when it has none and the book's data (the last day
 * of its usage export) reaches {@code D + horizon}; otherwise it is <em>pending</em>, counted
 * neither way: a run whose window is not over is partial. ARR is always the ARR the report
 * recorded on the day of the run, not today's. Stateless; the result is maps and lists in a fixed
 * order ({@link OutcomesFiles} writes them).
 */
public final class Outcomes {
    private static final String[] BANDS = {"red", "yellow", "green"};
    /** The difference the power line is about: 20 points of rescue rate. */
    static final double DETECTABLE = 0.20;

    private Outcomes() {
    }

    /** Outcome of one account from one date. */
    enum Outcome { CHURNED, RENEWED, PENDING }

    static Outcome outcome(List<LocalDate> churns, LocalDate from, int horizon, LocalDate dataEnd) {
        LocalDate end = from.plusDays(horizon);
        for (LocalDate c : churns) {
            if (!c.isBefore(from) && !c.isAfter(end)) {
                return c.isAfter(dataEnd) ? Outcome.PENDING : Outcome.CHURNED;
            }
        }
        return end.isAfter(dataEnd) ? Outcome.PENDING : Outcome.RENEWED;
    }

    /**
     * The outcomes of every run of {@code history} before {@code dataEnd}.
     *
     * @param churnDates the newer book's churn dates by account id
     * @param dataEnd    the last day the newer book covers
     */
    public static Map<String, Object> of(List<HistoryEntry> history, Map<String, List<LocalDate>> churnDates,
                                         LocalDate dataEnd) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", "churn-risk/outcomes/1");
        out.put("data_end", dataEnd.toString());
        out.put("arr_source", "the ARR each report recorded on the day of its run");
        List<Object> runs = new ArrayList<>();
        for (HistoryEntry e : history) {
            if (e.asOf().isAfter(dataEnd)) {
                continue;
            }
            runs.add(run(e, churnDates, dataEnd));
        }
        out.put("runs", runs);
        HistoryEntry last = history.isEmpty() ? null : history.get(history.size() - 1);
        out.put("rescue", rescue(last, churnDates, dataEnd));
        return out;
    }

    private static Map<String, Object> run(HistoryEntry e, Map<String, List<LocalDate>> churnDates, LocalDate dataEnd) {
        int horizon = e.horizonDays();
        LocalDate windowEnd = e.asOf().plusDays(horizon);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("as_of", e.asOf().toString());
        m.put("report", e.get("report"));
        m.put("horizon_days", horizon);
        m.put("window_end", windowEnd.toString());
        boolean complete = !windowEnd.isAfter(dataEnd);
        m.put("complete", complete);
        List<RecordedAccount> scored = e.accounts().stream().filter(RecordedAccount::scored).toList();
        Outcome[] outcomes = new Outcome[scored.size()];
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = outcome(churnDates.getOrDefault(scored.get(i).accountId(), List.of()), e.asOf(), horizon,
                    dataEnd);
        }
        Map<String, Object> bands = new LinkedHashMap<>();
        for (String band : BANDS) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < outcomes.length; i++) {
                if (band.equals(scored.get(i).band())) {
                    idx.add(i);
                }
            }
            bands.put(band, group(scored, outcomes, idx));
        }
        m.put("by_band", bands);
        List<Object> deciles = new ArrayList<>();
        int n = scored.size();
        for (int d = 0; d < 10 && n > 0; d++) {
            int from = (int) ((long) d * n / 10);
            int to = (int) ((long) (d + 1) * n / 10);
            List<Integer> idx = new ArrayList<>();
            for (int i = from; i < to; i++) {
                idx.add(i); // the report lists scored accounts by probability, highest first
            }
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("decile", d + 1);
            g.putAll(group(scored, outcomes, idx));
            deciles.add(g);
        }
        m.put("by_decile", deciles);
        List<Double> scores = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (outcomes[i] != Outcome.PENDING) {
                scores.add(scored.get(i).probability());
                labels.add(outcomes[i] == Outcome.CHURNED);
            }
        }
        double auc = Stats.auc(scores.stream().mapToDouble(Double::doubleValue).toArray(), toArray(labels));
        m.put("realised_auc", Double.isNaN(auc) ? null : round(auc, 4));
        m.put("auc_accounts", scores.size());
        List<Object> misses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RecordedAccount a = scored.get(i);
            if (outcomes[i] == Outcome.CHURNED && "green".equals(a.band())) {
                Map<String, Object> miss = new LinkedHashMap<>();
                miss.put("account_id", a.accountId());
                miss.put("name", a.name());
                miss.put("tier", a.tier());
                miss.put("arr", round(a.arr(), 2));
                miss.put("probability", round(a.probability(), 4));
                miss.put("churned_at", firstChurn(churnDates.get(a.accountId()), e.asOf()).toString());
                miss.put("drivers", a.drivers());
                misses.add(miss);
            }
        }
        m.put("churned_while_green", misses);
        return m;
    }

    private static Map<String, Object> group(List<RecordedAccount> scored, Outcome[] outcomes, List<Integer> idx) {
        long churned = 0;
        long renewed = 0;
        long pending = 0;
        double predicted = 0;
        double arr = 0;
        double arrChurned = 0;
        for (int i : idx) {
            predicted += scored.get(i).probability();
            arr += scored.get(i).arr();
            switch (outcomes[i]) {
                case CHURNED -> {
                    churned++;
                    arrChurned += scored.get(i).arr();
                }
                case RENEWED -> renewed++;
                default -> pending++;
            }
        }
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("accounts", idx.size());
        g.put("mean_predicted", idx.isEmpty() ? null : round(predicted / idx.size(), 4));
        g.put("churned", churned);
        g.put("renewed", renewed);
        g.put("pending", pending);
        // with pending accounts the rate is a lower bound: churned over all, since any pending may still churn
        g.put("realised_rate", idx.isEmpty() ? null : round(churned / (double) (churned + renewed + pending), 4));
        g.put("arr", round(arr, 2));
        g.put("arr_churned", round(arrChurned, 2));
        return g;
    }

    private static Map<String, Object> rescue(HistoryEntry last, Map<String, List<LocalDate>> churnDates,
                                              LocalDate dataEnd) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Assignment> assignments = last == null ? Map.of() : last.assignments();
        boolean anyHoldout = assignments.values().stream().anyMatch(Assignment::holdout);
        m.put("holdout", anyHoldout);
        Arm treated = new Arm();
        Arm holdout = new Arm();
        Map<String, Arm> byPlay = new TreeMap<>();
        int horizon = last == null ? 120 : last.horizonDays();
        for (Map.Entry<String, Assignment> entry : assignments.entrySet()) {
            Assignment a = entry.getValue();
            if (a.since().isAfter(dataEnd)) {
                continue;
            }
            Outcome o = outcome(churnDates.getOrDefault(entry.getKey(), List.of()), a.since(), horizon, dataEnd);
            (a.holdout() ? holdout : treated).add(o, a.arr());
            if (!a.holdout()) {
                byPlay.computeIfAbsent(a.play().isEmpty() ? "(no play)" : a.play(), k -> new Arm()).add(o, a.arr());
            }
        }
        m.put("treated", treated.toMap());
        m.put("holdout_arm", holdout.toMap());
        if (!anyHoldout) {
            m.put("statement", "No holdout was set (scoring.holdout in churn.yaml), so every flagged account got a play:"
                    + " the rescue rate of flagged accounts says how many stayed, not how many stayed because of a"
                    + " play. It is not causal.");
            return m;
        }
        double[] diff = Stats.newcombe(treated.rescued, treated.resolved(), holdout.rescued, holdout.resolved());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("rescue_rate_difference", treated.resolved() == 0 || holdout.resolved() == 0 ? null
                : round(treated.rate() - holdout.rate(), 4));
        d.put("ci95", List.of(round(diff[0], 4), round(diff[1], 4)));
        double saved = treated.resolved() == 0 || holdout.resolved() == 0 ? 0
                : (treated.arrShare() - holdout.arrShare()) * treated.arrResolved;
        d.put("arr_saved", round(saved, 2));
        m.put("difference", d);
        List<Object> plays = new ArrayList<>();
        byPlay.forEach((play, arm) -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("play", play);
            p.putAll(arm.toMap());
            double[] ci = Stats.newcombe(arm.rescued, arm.resolved(), holdout.rescued, holdout.resolved());
            p.put("difference_vs_holdout", arm.resolved() == 0 || holdout.resolved() == 0 ? null
                    : round(arm.rate() - holdout.rate(), 4));
            p.put("difference_ci95", List.of(round(ci[0], 4), round(ci[1], 4)));
            plays.add(p);
        });
        m.put("by_play", plays);
        long all = treated.resolved() + holdout.resolved();
        double base = holdout.resolved() > 0 ? holdout.rate()
                : all > 0 ? (treated.rescued + holdout.rescued) / (double) all : 0.5;
        double other = base + DETECTABLE <= 1 ? base + DETECTABLE : base - DETECTABLE;
        long needed = Stats.perArm(base, other);
        long have = Math.min(treated.resolved(), holdout.resolved());
        Map<String, Object> power = new LinkedHashMap<>();
        power.put("baseline_rescue_rate", round(base, 4));
        power.put("per_arm_needed", needed);
        power.put("per_arm_have", have);
        power.put("line", "with " + needed + " flagged accounts per arm a 20-point difference is detectable at 80%"
                + " power; you have " + have);
        m.put("power", power);
        return m;
    }

    /** One arm of the experiment: accounts by outcome and their recorded ARR. */
    static final class Arm {
        long rescued;
        long lost;
        long pending;
        double arrResolved;
        double arrRetained;

        void add(Outcome o, double arr) {
            switch (o) {
                case RENEWED -> {
                    rescued++;
                    arrResolved += arr;
                    arrRetained += arr;
                }
                case CHURNED -> {
                    lost++;
                    arrResolved += arr;
                }
                default -> pending++;
            }
        }

        long resolved() {
            return rescued + lost;
        }

        double rate() {
            return resolved() == 0 ? Double.NaN : rescued / (double) resolved();
        }

        double arrShare() {
            return arrResolved == 0 ? 0 : arrRetained / arrResolved;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("accounts", resolved() + pending);
            m.put("rescued", rescued);
            m.put("churned", lost);
            m.put("pending", pending);
            m.put("rescue_rate", resolved() == 0 ? null : round(rate(), 4));
            double[] ci = Stats.wilson(rescued, resolved());
            m.put("ci95", resolved() == 0 ? null : List.of(round(ci[0], 4), round(ci[1], 4)));
            m.put("arr", round(arrResolved, 2));
            m.put("arr_retained", round(arrRetained, 2));
            return m;
        }
    }

    private static LocalDate firstChurn(List<LocalDate> churns, LocalDate from) {
        return churns.stream().filter(c -> !c.isBefore(from)).min(LocalDate::compareTo).orElse(from);
    }

    private static boolean[] toArray(List<Boolean> list) {
        boolean[] out = new boolean[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }
}
