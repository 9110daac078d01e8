package org.churnrisk.score;

import static org.churnrisk.score.DriverGroup.*;
import static org.churnrisk.score.PlayRule.FeatureCondition.atLeast;

import java.util.List;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.features.Feature;

/**
 * The table that suggests a play for each account: rules in order, the first that applies wins,
 * and an account no rule applies to gets no play (an empty cell). docs/scoring.md shows
 * {@link #DEFAULT} (a test keeps the two in step) and how to replace it in {@code churn.yaml}.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * PlayRules rules = new PlayRules(List.of(
 *         PlayRule.of("Executive escalation", "red").withTiers(Tier.ENTERPRISE).withRenewalWithinDays(120),
 *         PlayRule.of("Training session", "red", "yellow").withDrivers(DriverGroup.CORE_ADOPTION)));
 * }</pre>
 */
public record PlayRules(List<PlayRule> rules) {

    /** The plays churn-risk suggests unless told otherwise. */
    public static final PlayRules DEFAULT = new PlayRules(List.of(
            PlayRule.of("Data check: find out why the account has no product usage in the exports",
                    PlayRule.UNSCORED),
            PlayRule.of("Executive escalation: executive sponsor call and a save plan before the renewal", "red")
                    .withTiers(Tier.ENTERPRISE).withRenewalWithinDays(120),
            PlayRule.of("Renewal save plan: review value and terms with the decision maker before the renewal",
                    "red").withRenewalWithinDays(90),
            PlayRule.of("Success-plan reset: restart onboarding with named goals, owners and dates", "red", "yellow")
                    .withDrivers(ONBOARDING).withFeatures(atLeast(Feature.HAS_ONBOARDING, 1)),
            PlayRule.of("Support recovery: go through open issues with support and agree fixes with the customer",
                    "red", "yellow").withDrivers(ESCALATIONS, TICKETS, SUPPORT_EXPERIENCE, PRODUCT_ERRORS),
            PlayRule.of("Training session: a workshop on the core features for the account's users", "red", "yellow")
                    .withDrivers(CORE_ADOPTION, FEATURE_ADOPTION, SEAT_USE),
            PlayRule.of("Integration health check: fix the failing or missing integration with solutions engineering",
                    "red", "yellow").withDrivers(INTEGRATION),
            PlayRule.of("Re-engagement: reach the champion and book a usage review", "red", "yellow")
                    .withDrivers(LOGINS, ACTIVE_USERS, ACTIVITY),
            PlayRule.of("Feedback follow-up: call the detractors and close the loop on their feedback", "red",
                    "yellow").withDrivers(NPS, CSAT),
            PlayRule.of("Business review: schedule a QBR to restate the value delivered", "red", "yellow")
                    .withDrivers(CSM_ENGAGEMENT, BUSINESS_REVIEWS),
            PlayRule.of("CSM check-in: call this week to understand the risk", "red"),
            PlayRule.of("Watch: CSM check-in within 30 days", "yellow"),
            PlayRule.of("Keep the usual cadence", "green")));

    /** @throws InvalidArgumentException if there is no rule */
    public PlayRules {
        rules = List.copyOf(rules);
        if (rules.isEmpty()) {
            throw new InvalidArgumentException("play rules: the table is empty (give at least one rule, or leave"
                    + " 'plays' out to use the default table)");
        }
    }

    /** The play of the first rule that applies, or "" when none does; see {@link PlayRule#matches}. */
    String play(String band, Tier tier, int daysToRenewal, List<Driver> drivers, double[] x, int offset) {
        for (PlayRule rule : rules) {
            if (rule.matches(band, tier, daysToRenewal, drivers, x, offset)) {
                return rule.play();
            }
        }
        return "";
    }
}
