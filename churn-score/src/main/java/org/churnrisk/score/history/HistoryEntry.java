package org.churnrisk.score.history;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One run in the history: its summary, every account as the report showed it, the holdout
 * assignments so far, and the model card that the HTML report shows.
 *
 * @param asOf        the run's as-of date (one entry per date: a rerun replaces it)
 * @param summary     the run summary's values ({@code report.summary.json})
 * @param accounts    every account of the report, in report order
 * @param holdout     the holdout setting of the run ({@code share}, {@code salt}), or null for none
 * @param assignments every account assigned to an arm so far, by account id
 * @param modelCard   the model's backtest from its {@code evaluation.json}, or null when the bundle had none
 * @param notes       what the read noticed (a missing optional source ...), one line each
 */
public record HistoryEntry(LocalDate asOf, Map<String, Object> summary, List<RecordedAccount> accounts,
                           Map<String, Object> holdout, Map<String, Assignment> assignments,
                           Map<String, Object> modelCard, List<String> notes) {

    public HistoryEntry {
        Objects.requireNonNull(asOf, "asOf");
        summary = Collections.unmodifiableMap(new LinkedHashMap<>(summary));
        accounts = List.copyOf(accounts);
        holdout = holdout == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(holdout));
        assignments = Collections.unmodifiableMap(new TreeMap<>(assignments));
        modelCard = modelCard == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(modelCard));
        notes = List.copyOf(notes);
    }

    /** The account with this id, or null. */
    public RecordedAccount account(String id) {
        for (RecordedAccount a : accounts) {
            if (a.accountId().equals(id)) {
                return a;
            }
        }
        return null;
    }

    /** A nested value of the summary, such as {@code get("arr", "at_risk")}; null when absent. */
    @SuppressWarnings("unchecked")
    public Object get(String... path) {
        Object v = summary;
        for (String key : path) {
            if (!(v instanceof Map)) {
                return null;
            }
            v = ((Map<String, Object>) v).get(key);
        }
        return v;
    }

    /** A nested number of the summary, or 0 when absent. */
    public double number(String... path) {
        return get(path) instanceof Number n ? n.doubleValue() : 0;
    }

    /** The model's horizon in days (120 when the summary does not say). */
    public int horizonDays() {
        return get("model", "horizon_days") instanceof Number n ? n.intValue() : 120;
    }
}
