package org.churnrisk.features;

import java.util.Objects;

/**
 * What a report needs to name an account for the people who read it, from {@code accounts} as
 * exported today: the name and the customer-success manager who owns it.
 *
 * @param accountId the account's key
 * @param name      the account name, or null when the export has none
 * @param csm       the owning CSM (or team), or null when the export has none
 */
public record AccountInfo(String accountId, String name, String csm) {
    public AccountInfo {
        Objects.requireNonNull(accountId, "accountId");
    }
}
