package org.churnrisk.core.contract;

import java.time.Instant;
import org.churnrisk.core.InvalidDataException;

/**
 * One row of {@code touchpoints}: a contact the customer-success team had with an account.
 *
 * <p>{@code kind} is null when absent. Immutable and thread-safe.
 *
 * @param accountId required
 * @param occurredAt required
 * @param kind optional
 */
public record Touchpoint(String accountId, Instant occurredAt, TouchpointKind kind) {

    /**
     * Validates the fields and strips the required text.
     *
     * @throws InvalidDataException if a required field is blank or missing
     */
    public Touchpoint {
        accountId = Check.requiredText("account_id", accountId);
        Check.required("occurred_at", occurredAt);
    }
}
