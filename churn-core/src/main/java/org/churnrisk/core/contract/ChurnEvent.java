package org.churnrisk.core.contract;

import java.time.LocalDate;
import org.churnrisk.core.InvalidDataException;

/**
 * One row of {@code churn}: the date an account stopped being a customer.
 *
 * <p>An account that comes back with a new contract is a customer again from that contract's
 * start date, so one account can have several churn events. {@code reason} is null when absent.
 * Immutable and thread-safe.
 *
 * @param accountId required
 * @param churnedAt required, the first day the account was no longer a customer
 * @param reason optional, free text
 */
public record ChurnEvent(String accountId, LocalDate churnedAt, String reason) {

    /**
     * Validates the fields; text is stripped and blank optional text becomes null.
     *
     * @throws InvalidDataException if a required field is blank or missing
     */
    public ChurnEvent {
        accountId = Check.requiredText("account_id", accountId);
        Check.required("churned_at", churnedAt);
        reason = Check.optionalText(reason);
    }
}
