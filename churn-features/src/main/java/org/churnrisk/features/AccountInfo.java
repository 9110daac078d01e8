package org.churnrisk.features;

import java.util.Objects;

/**
 * What a report needs to name an account for the people who read it, from {@code accounts} as
 * exported today: the name and the customer-success manager who owns it.
 *
 * @param accountId the account's key
 * @param name      the account name, or null when the export has none
 * @param csm       the owning CSM (or team), or null when the export has none
 * @param ae        the account executive, or null when the export has none (the column is optional)
 */
public record AccountInfo(String accountId, String name, String csm, String ae) {

    /** An account without an account executive. */
    public AccountInfo(String accountId, String name, String csm) {
        this(accountId, name, csm, null);
    }

    public AccountInfo {
        Objects.requireNonNull(accountId, "accountId");
    }
}
