package org.churnrisk.score;

import java.io.Serializable;
import java.util.Objects;
import org.churnrisk.features.Feature;

/**
 * One reason an account's churn risk is up: a theme, what is worse than it should be and against
 * what in words, and how much the theme's features add to the model's log-odds of churn. The same
 * record carries a theme that {@code churn explain} shows as context (it raises the risk, but its
 * value is on the healthy side of its reference).
 *
 * @param group        the theme, e.g. {@link DriverGroup#LOGINS}
 * @param phrase       what a CSM reads, e.g. "logins fell from 120 in the 30 days before to 45 in the last 30"
 * @param contribution the theme's exact share of the margin, in log-odds; positive
 * @param feature      the feature the phrase is about
 * @param value        the account's value of it
 * @param reference    what the value is compared with: the median of the tier's renewed accounts,
 *                     or 0 for a trend, a change or an alert flag; NaN when there is no reference
 */
public record Driver(DriverGroup group, String phrase, double contribution, Feature feature, double value,
                     double reference) implements Serializable {
    public Driver {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(phrase, "phrase");
        Objects.requireNonNull(feature, "feature");
    }
}
