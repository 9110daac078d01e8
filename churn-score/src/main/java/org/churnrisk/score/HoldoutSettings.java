package org.churnrisk.score;

import java.util.Objects;
import org.churnrisk.core.InvalidArgumentException;

/**
 * The {@code scoring.holdout} setting of {@code churn.yaml}: the share of newly flagged (red or
 * yellow) accounts that get no play, so that {@code churn outcomes} can compare their rescue rate
 * with that of the treated accounts. Which accounts are held out is decided by
 * {@link org.churnrisk.score.history.Holdouts}: by a hash of the account id and {@code salt},
 * stratified by band and tier, once per account.
 *
 * <pre>
 * scoring:
 *   holdout: {share: 0.1, salt: "2026-q4-rescue"}
 * </pre>
 *
 * @param share the share held out, above 0 and at most 0.5
 * @param salt  any text; changing it starts a new experiment (accounts already assigned keep their arm)
 */
public record HoldoutSettings(double share, String salt) {

    /** @throws InvalidArgumentException if the share is not in (0, 0.5] or the salt is blank */
    public HoldoutSettings {
        if (!(share > 0 && share <= 0.5)) {
            throw new InvalidArgumentException("scoring.holdout.share is " + share
                    + " (expected a share above 0 and at most 0.5, e.g. 0.1 for 10% of newly flagged accounts)");
        }
        Objects.requireNonNull(salt, "salt");
        if (salt.isBlank()) {
            throw new InvalidArgumentException("scoring.holdout.salt is blank (expected any text, e.g. \"2026-q4\")");
        }
    }
}
