package org.churnrisk.train.eval;

import org.churnrisk.core.InvalidArgumentException;

/**
 * The rows whose predicted probability falls in {@code [lower, upper)} ({@code [0.9, 1.0]} for the
 * last bin), and how often they churned.
 *
 * @param lower         inclusive lower edge
 * @param upper         exclusive upper edge, inclusive for the last bin
 * @param count         rows in the bin
 * @param meanPredicted mean probability of those rows; NaN when the bin is empty
 * @param observedRate  share of those rows that churned; NaN when the bin is empty
 */
public record ReliabilityBin(double lower, double upper, int count, double meanPredicted, double observedRate) {
    public ReliabilityBin {
        if (!(lower >= 0 && lower < upper && upper <= 1)) {
            throw new InvalidArgumentException("reliability bin [" + lower + ", " + upper
                    + "): edges must satisfy 0 <= lower < upper <= 1");
        }
        if (count < 0) {
            throw new InvalidArgumentException("reliability bin count: value " + count + " is negative");
        }
    }
}
