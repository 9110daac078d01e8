package org.churnrisk.train.eval;

import org.churnrisk.core.InvalidArgumentException;

/**
 * How well the {@code k} highest-risk rows cover the churners: what a CSM team that can call
 * {@code k} accounts would reach.
 *
 * <p>Rows are ranked by probability descending, then ARR descending, then row index ascending.
 * Undefined ratios are NaN: precision when {@code k} is 0, recall when there is no positive, and
 * ARR captured when the positives have no ARR.
 *
 * @param k           rows taken: the requested count, capped at the number of rows
 * @param positives   churned rows among them
 * @param precision   {@code positives / k}
 * @param recall      {@code positives / all positives}
 * @param arrCaptured ARR of the positives among them over the ARR of all positives
 */
public record TopK(int k, int positives, double precision, double recall, double arrCaptured) {
    public TopK {
        if (k < 0 || positives < 0 || positives > k) {
            throw new InvalidArgumentException("top k: k " + k + " and positives " + positives
                    + " must satisfy 0 <= positives <= k");
        }
    }
}
