package org.churnrisk.core.contract;

import java.time.Instant;
import org.churnrisk.core.InvalidDataException;

/**
 * One row of {@code usage}: how often an account (or one of its users) did something in the
 * product, typically aggregated per user, day and event.
 *
 * <p>An {@code event} of {@value #LOGIN} (any case) is a login; any other value names a feature.
 * Components follow the canonical column order; {@code userId} is null when absent. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * var e = new UsageEvent("A-1001", Instant.parse("2025-03-04T00:00:00Z"), "u-17", "export");
 * e.quantity(); // 1, the default
 * }</pre>
 *
 * @param accountId required
 * @param occurredAt required; a date-only value in a file means the start of that day
 * @param userId optional
 * @param event required, {@value #LOGIN} or a feature name, stripped
 * @param quantity how many times it happened, {@code >= 0}; {@value #DEFAULT_QUANTITY} when the
 *     file leaves it blank
 * @param errors how many of them failed, {@code >= 0}; {@value #DEFAULT_ERRORS} when blank
 */
public record UsageEvent(
        String accountId, Instant occurredAt, String userId, String event, long quantity, long errors) {

    /** The {@code event} value that marks a login rather than a feature. */
    public static final String LOGIN = "login";

    /** The quantity of a row whose {@code quantity} cell is blank or whose file has no such column. */
    public static final long DEFAULT_QUANTITY = 1;

    /** The error count of a row whose {@code errors} cell is blank or whose file has no such column. */
    public static final long DEFAULT_ERRORS = 0;

    /**
     * Validates the fields; text is stripped and blank optional text becomes null.
     *
     * @throws InvalidDataException if a required field is blank or missing, or a count is negative
     */
    public UsageEvent {
        accountId = Check.requiredText("account_id", accountId);
        Check.required("occurred_at", occurredAt);
        userId = Check.optionalText(userId);
        event = Check.requiredText("event", event);
        Check.nonNegative("quantity", quantity);
        Check.nonNegative("errors", errors);
    }

    /**
     * Creates an event with the default quantity ({@value #DEFAULT_QUANTITY}) and error count
     * ({@value #DEFAULT_ERRORS}).
     *
     * @throws InvalidDataException as the canonical constructor does
     */
    public UsageEvent(String accountId, Instant occurredAt, String userId, String event) {
        this(accountId, occurredAt, userId, event, DEFAULT_QUANTITY, DEFAULT_ERRORS);
    }

    /** Returns whether this row counts logins rather than use of a feature. */
    public boolean isLogin() {
        return LOGIN.equalsIgnoreCase(event);
    }
}
