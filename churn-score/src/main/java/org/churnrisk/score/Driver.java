package org.churnrisk.score;

import java.util.Objects;

/**
 * One reason an account's churn risk is up: a theme, what is true of the account in words, and
 * how much the theme's features add to the model's log-odds of churn.
 *
 * @param group        the theme, e.g. {@link DriverGroup#LOGINS}
 * @param phrase       what a CSM reads, e.g. "logins down 62% vs the previous 30 days"
 * @param contribution the theme's exact share of the margin, in log-odds; positive
 */
public record Driver(DriverGroup group, String phrase, double contribution) {
    public Driver {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(phrase, "phrase");
    }
}
