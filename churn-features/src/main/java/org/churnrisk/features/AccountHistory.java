package org.churnrisk.features;

import java.util.List;
import java.util.Objects;
import org.churnrisk.core.contract.Account;
import org.churnrisk.core.contract.ChurnEvent;
import org.churnrisk.core.contract.Contract;
import org.churnrisk.core.contract.SurveyResponse;
import org.churnrisk.core.contract.Ticket;
import org.churnrisk.core.contract.Touchpoint;
import org.churnrisk.core.contract.UsageEvent;

/**
 * Everything known about one account, in memory: for services that hold their own data and want
 * its features without writing files. Every list may be empty; records belong to
 * {@code account} (checked when features are extracted). Immutable.
 */
public record AccountHistory(Account account, List<Contract> contracts, List<ChurnEvent> churns,
                             List<UsageEvent> usage, List<Ticket> tickets, List<SurveyResponse> surveys,
                             List<Touchpoint> touchpoints) {

    public AccountHistory {
        Objects.requireNonNull(account, "account");
        contracts = List.copyOf(contracts);
        churns = List.copyOf(churns);
        usage = List.copyOf(usage);
        tickets = List.copyOf(tickets);
        surveys = List.copyOf(surveys);
        touchpoints = List.copyOf(touchpoints);
    }

    /** An account with its usage only. */
    public static AccountHistory of(Account account, List<UsageEvent> usage) {
        return new AccountHistory(account, List.of(), List.of(), usage, List.of(), List.of(), List.of());
    }
}
