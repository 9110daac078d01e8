package org.churnrisk.score;

import java.util.Objects;

/**
 * One account of a book explained: its line of the report and every feature's contribution.
 *
 * @param account     the account as the report lists it
 * @param explanation the model's numbers behind that line
 */
public record ExplainedAccount(ScoredAccount account, Explanation explanation) {
    public ExplainedAccount {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(explanation, "explanation");
    }
}
