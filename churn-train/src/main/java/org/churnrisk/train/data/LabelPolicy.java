package org.churnrisk.train.data;

import org.churnrisk.core.InvalidArgumentException;

/**
 * How outcomes are read: a snapshot at T is positive when the account has a churn dated in
 * (T, T + horizon]; it is censored when T + horizon runs past the last day of the data, since
 * its outcome is not known yet.
 *
 * @param horizonDays days after T in which a churn counts, 120 by default
 */
public record LabelPolicy(int horizonDays) {
    public static final LabelPolicy DEFAULT = new LabelPolicy(120);

    public LabelPolicy {
        if (horizonDays < 1 || horizonDays > 730) {
            throw new InvalidArgumentException("horizon: " + horizonDays + " days is out of range (expected 1 to 730)");
        }
    }
}
