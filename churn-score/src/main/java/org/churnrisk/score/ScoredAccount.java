package org.churnrisk.score;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.core.features.RiskBand;

/**
 * One line of the at-risk report: who the account is, its churn probability and band, why, and
 * what to do. An account the model could not score has no probability and no band, and says why
 * in {@code unscoredReason}.
 *
 * @param accountId      the account's key
 * @param name           the account name, or null when the export has none
 * @param tier           the tier of the contract in force
 * @param csm            the owning CSM, or null
 * @param arr            ARR of the contract in force
 * @param renewalDate    the next renewal date, or null when unknown
 * @param daysToRenewal  days from the as-of date to the renewal date, or -1 when unknown
 * @param probability    calibrated probability of churn within the model's horizon; NaN when unscored
 * @param band           the risk band of the probability; null when unscored
 * @param healthScore    the composite health score, 0-100
 * @param drivers        up to three drivers, largest first
 * @param play           the suggested play, or "" when no rule applies
 * @param unscoredReason why the model could not score the account, or null when it did
 * @param ae             the account executive from the optional {@code ae} column, or null
 *
 * <p>Serializable, so that an engine that scores a book in parts (churn-spark) can send each part's
 * accounts to the one that writes the report.
 */
public record ScoredAccount(String accountId, String name, Tier tier, String csm, double arr, LocalDate renewalDate,
                            int daysToRenewal, double probability, RiskBand band, double healthScore,
                            List<Driver> drivers, String play, String unscoredReason, String ae)
        implements Serializable {

    /** An account without an account executive. */
    public ScoredAccount(String accountId, String name, Tier tier, String csm, double arr, LocalDate renewalDate,
                         int daysToRenewal, double probability, RiskBand band, double healthScore,
                         List<Driver> drivers, String play, String unscoredReason) {
        this(accountId, name, tier, csm, arr, renewalDate, daysToRenewal, probability, band, healthScore, drivers, play,
                unscoredReason, null);
    }

    public ScoredAccount {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(tier, "tier");
        drivers = List.copyOf(drivers);
        Objects.requireNonNull(play, "play");
        if ((unscoredReason == null) == (band == null)) {
            throw new IllegalArgumentException("an account has a band exactly when it is scored");
        }
    }

    /** Whether the model scored the account. */
    public boolean scored() {
        return unscoredReason == null;
    }

    /** Probability x ARR: the ARR expected to be lost; NaN when unscored. */
    public double arrAtRisk() {
        return scored() ? probability * arr : Double.NaN;
    }

    /** The band's label, or {@code unscored}. */
    public String bandLabel() {
        return band == null ? PlayRule.UNSCORED : band.label();
    }
}
