package org.churnrisk.core.contract;

import java.time.Instant;
import org.churnrisk.core.InvalidDataException;

/**
 * One row of {@code tickets}: a support ticket an account opened.
 *
 * <p>Components follow the canonical column order; optional reference fields are null when
 * absent. Immutable and thread-safe.
 *
 * @param ticketId required
 * @param accountId required
 * @param createdAt required
 * @param resolvedAt optional, not before {@code createdAt}; null while the ticket is open
 * @param priority optional
 * @param escalated whether the ticket was escalated; false when the file leaves it blank
 * @param satisfaction optional, the customer's rating of the support, 1-5
 */
public record Ticket(
        String ticketId,
        String accountId,
        Instant createdAt,
        Instant resolvedAt,
        TicketPriority priority,
        boolean escalated,
        Integer satisfaction) {

    /** The lowest satisfaction rating, inclusive. */
    public static final int MIN_SATISFACTION = 1;

    /** The highest satisfaction rating, inclusive. */
    public static final int MAX_SATISFACTION = 5;

    /**
     * Validates the fields and strips the required text.
     *
     * @throws InvalidDataException if a required field is blank or missing, {@code resolvedAt} is
     *     before {@code createdAt}, or {@code satisfaction} is outside 1-5
     */
    public Ticket {
        ticketId = Check.requiredText("ticket_id", ticketId);
        accountId = Check.requiredText("account_id", accountId);
        Check.required("created_at", createdAt);
        if (resolvedAt != null && resolvedAt.isBefore(createdAt)) {
            throw new InvalidDataException("resolved_at: value " + resolvedAt + " is before created_at "
                    + createdAt + " (expected a time at or after created_at)");
        }
        Check.inRangeOrNull("satisfaction", satisfaction, MIN_SATISFACTION, MAX_SATISFACTION);
    }

    /**
     * Returns whether the ticket is open as of {@code cutoff}: created strictly before it and not
     * resolved strictly before it. A ticket resolved at or after the cutoff was still open then.
     */
    public boolean isOpenAt(Instant cutoff) {
        return createdAt.isBefore(cutoff) && (resolvedAt == null || !resolvedAt.isBefore(cutoff));
    }
}
