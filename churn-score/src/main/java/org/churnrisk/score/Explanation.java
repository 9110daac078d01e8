package org.churnrisk.score;

import java.util.List;
import org.churnrisk.core.features.RiskBand;
import org.churnrisk.features.Feature;

/**
 * Why the model gives one account the probability it does: every feature's exact contribution to
 * the log-odds of churn, largest in size first.
 *
 * @param probability    calibrated probability of churn within the model's horizon
 * @param band           the probability's risk band
 * @param margin         the model's log-odds of churn before calibration
 * @param base           the log-odds of an account at the training average (linear) or of no
 *                       known feature (trees): {@code base + sum of contributions == margin}
 * @param contributions  every feature, sorted by the size of its contribution, largest first (ties
 *                       in schema order)
 * @param drivers        the up to three themes that push the risk up most, as the report shows them
 * @param context        the themes that push the risk up but whose values are on the healthy side
 *                       of their references (or have none), largest first: never drivers
 * @param unscoredReason why the report lists the account as not scored, or null; the numbers above
 *                       are what the model computes all the same
 */
public record Explanation(double probability, RiskBand band, double margin, double base,
                          List<Contribution> contributions, List<Driver> drivers, List<Driver> context,
                          String unscoredReason) {

    public Explanation {
        contributions = List.copyOf(contributions);
        drivers = List.copyOf(drivers);
        context = List.copyOf(context);
    }

    /**
     * One feature's part in the margin.
     *
     * @param feature      the feature
     * @param value        the account's value
     * @param contribution log-odds it adds (positive: pushes the risk up)
     * @param phrase       the value in words
     */
    public record Contribution(Feature feature, double value, double contribution, String phrase) {
    }
}
