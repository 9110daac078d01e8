package org.churnrisk.train.eval;

import org.churnrisk.core.InvalidArgumentException;

/**
 * One tenth of the rows by predicted risk, decile 1 holding the highest.
 *
 * <p>Empty deciles (fewer than 10 rows in all) have a NaN churn rate and lift; lift is NaN too
 * when the base rate is 0, and cumulative recall when there is no positive.
 *
 * @param decile           1 to 10
 * @param rows             rows in this decile
 * @param positives        churned rows in this decile
 * @param churnRate        {@code positives / rows}
 * @param lift             churn rate over the base rate of all rows
 * @param cumulativeRecall positives in deciles 1 to this one over all positives
 */
public record DecileRow(int decile, int rows, int positives, double churnRate, double lift, double cumulativeRecall) {
    public DecileRow {
        if (decile < 1 || decile > 10) {
            throw new InvalidArgumentException("decile: value " + decile + " is out of range (expected 1-10)");
        }
        if (rows < 0 || positives < 0 || positives > rows) {
            throw new InvalidArgumentException("decile " + decile + ": rows " + rows + " and positives "
                    + positives + " must satisfy 0 <= positives <= rows");
        }
    }
}
