package org.churnrisk.core.contract;

import java.time.LocalDate;
import org.churnrisk.core.InvalidDataException;

/**
 * One row of {@code contracts}: one subscription term of an account, as signed.
 *
 * <p>The term covers {@code startDate} inclusive to {@code endDate} exclusive. {@code endDate} is
 * the planned end as signed and is not moved when the customer cancels early; the cancellation
 * is a {@link ChurnEvent}. A renewal is a new row starting on the previous {@code endDate}. As of
 * a past date, ARR, seats, tier ({@link #impliedTier()}) and renewal date ({@code endDate}) come
 * from the contract in force then. Components follow the canonical column order; optional ones
 * are null when absent. Immutable and thread-safe.
 *
 * @param accountId required
 * @param startDate required, first day of the term
 * @param endDate optional, the day after the term ends (exclusive), after {@code startDate};
 *     null for a term with no planned end
 * @param arr required, the term's annual recurring revenue, {@code >= 0}
 * @param seats optional, seats in the term, {@code >= 0}
 * @param plan optional, the plan or product name
 */
public record Contract(
        String accountId, LocalDate startDate, LocalDate endDate, double arr, Integer seats, String plan) {

    /**
     * Validates the fields; text is stripped and blank optional text becomes null.
     *
     * @throws InvalidDataException if a required field is blank or missing, {@code endDate} is not
     *     after {@code startDate}, or {@code arr} or {@code seats} is negative
     */
    public Contract {
        accountId = Check.requiredText("account_id", accountId);
        Check.required("start_date", startDate);
        if (endDate != null && !endDate.isAfter(startDate)) {
            throw new InvalidDataException("end_date: value " + endDate + " is not after start_date "
                    + startDate + " (expected a later date; end_date is exclusive)");
        }
        Check.nonNegative("arr", arr);
        Check.nonNegativeOrNull("seats", seats);
        plan = Check.optionalText(plan);
    }

    /** Returns whether {@code date} falls in the term: {@code startDate <= date < endDate}. */
    public boolean inForceOn(LocalDate date) {
        return !date.isBefore(startDate) && (endDate == null || date.isBefore(endDate));
    }

    /** Returns the tier this term's ARR falls in (contracts carry no tier column). */
    public Tier impliedTier() {
        return Tier.fromArr(arr);
    }
}
