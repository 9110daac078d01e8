package org.churnrisk.features.io.mapping;

import java.util.Objects;

/**
 * Churn taken from the account list instead of a churn file: a date column, and optionally a flag
 * column, of the accounts export ({@code sources.churn.from_accounts} in {@code churn.yaml}). An
 * account row is a churn on {@code date} when its flag is true (or, without a flag column, when
 * the date is not blank). Immutable.
 *
 * <pre>{@code
 * sources:
 *   churn:
 *     from_accounts: {flag: Churned, date: Churn Date}
 * }</pre>
 *
 * @param flag the accounts file's boolean column saying the account churned, or null for none
 * @param date the accounts file's column holding the churn date
 */
public record AccountChurn(String flag, String date) {
    public AccountChurn {
        Objects.requireNonNull(date, "date");
    }
}
