package org.churnrisk.score;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.features.ExtractionReport;

/**
 * The accounts of a book scored as of one date, in report order: scored accounts by churn
 * probability (highest first), ties by ARR (highest first) then account id; after them the
 * accounts the model could not score, by ARR then account id.
 *
 * @param asOf       the as-of date: features use only what happened before it
 * @param accounts   every account that was a customer on the day before {@code asOf}, in report order
 * @param extraction rows read, accepted and rejected per source; null for accounts scored from memory
 * @param model      where the model came from, for the run summary
 * @param data       where the data came from (the book, its files with sizes and SHA-256), for the
 *                   run summary; empty for accounts scored from memory
 * @param stages     seconds spent per stage, in order: {@code features} (reading the book, hashing
 *                   its files as they are read, and computing features) and {@code scoring}
 *                   (probabilities, drivers and plays)
 * @param features   the feature table the accounts were scored from (the workflow files read the
 *                   onboarding milestones and last logins from it), or null when not kept
 */
public record ScoredBook(LocalDate asOf, List<ScoredAccount> accounts, ExtractionReport extraction,
                         Map<String, Object> model, Map<String, Object> data, Map<String, Double> stages,
                         FeatureTable features) {

    /** A scored book without its feature table. */
    public ScoredBook(LocalDate asOf, List<ScoredAccount> accounts, ExtractionReport extraction,
                      Map<String, Object> model, Map<String, Object> data, Map<String, Double> stages) {
        this(asOf, accounts, extraction, model, data, stages, null);
    }

    public ScoredBook {
        Objects.requireNonNull(asOf, "asOf");
        accounts = List.copyOf(accounts);
        model = Collections.unmodifiableMap(new LinkedHashMap<>(model));
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        stages = Collections.unmodifiableMap(new LinkedHashMap<>(stages));
    }

    /** The seconds of all stages. */
    public double seconds() {
        return stages.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The scored accounts, highest risk first. */
    public List<ScoredAccount> ranked() {
        return accounts.stream().filter(ScoredAccount::scored).toList();
    }

    /** The account with this id, or null when it was not a customer on the day before {@code asOf}. */
    public ScoredAccount account(String accountId) {
        for (ScoredAccount a : accounts) {
            if (a.accountId().equals(accountId)) {
                return a;
            }
        }
        return null;
    }
}
