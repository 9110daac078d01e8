package org.churnrisk.core.contract;

import java.time.LocalDate;
import org.churnrisk.core.InvalidDataException;

/**
 * One row of {@code accounts}: what is true of a customer account today, at export time.
 *
 * <p>Today's values are not history: a churned account shows {@code arr} 0 and no
 * {@code renewalDate}. For a date in the past, take ARR, seats, tier and renewal date from the
 * {@link Contract} in force then. Components follow the canonical column order; optional ones
 * are null when absent, and text is stripped with blank read as absent.
 *
 * @param accountId required, the key every other source joins on
 * @param accountName optional, for people reading reports
 * @param arr required, annual recurring revenue today, {@code >= 0} (0 for a churned account)
 * @param licensedSeats optional, seats paid for today, {@code >= 0}
 * @param contractStart optional, the date the account first became a customer
 * @param renewalDate optional, the next renewal date; absent for a churned account
 * @param tier optional; see {@link #effectiveTier()}
 * @param csm optional, the customer-success manager who owns the account
 * @param ae optional, the account executive, looped in on red-flag alerts
 */
public record Account(
        String accountId,
        String accountName,
        double arr,
        Integer licensedSeats,
        LocalDate contractStart,
        LocalDate renewalDate,
        Tier tier,
        String csm,
        String ae) {

    /** An account without an account executive. */
    public Account(String accountId, String accountName, double arr, Integer licensedSeats, LocalDate contractStart,
                   LocalDate renewalDate, Tier tier, String csm) {
        this(accountId, accountName, arr, licensedSeats, contractStart, renewalDate, tier, csm, null);
    }

    /**
     * Validates the fields; text is stripped and blank optional text becomes null.
     *
     * @throws InvalidDataException if a required field is blank or missing, {@code arr} is negative
     *     or not finite, or {@code licensedSeats} is negative; the message names the field and value
     */
    public Account {
        accountId = Check.requiredText("account_id", accountId);
        accountName = Check.optionalText(accountName);
        Check.nonNegative("arr", arr);
        Check.nonNegativeOrNull("licensed_seats", licensedSeats);
        csm = Check.optionalText(csm);
        ae = Check.optionalText(ae);
    }

    /** Returns {@link #tier()} when the file gives one, else the tier today's ARR falls in. */
    public Tier effectiveTier() {
        return tier != null ? tier : Tier.fromArr(arr);
    }
}
