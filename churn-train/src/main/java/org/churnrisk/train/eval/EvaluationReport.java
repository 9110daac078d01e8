package org.churnrisk.train.eval;

import java.util.List;
import org.churnrisk.core.InvalidArgumentException;

/**
 * Every metric of one model on one set of scored rows; built by {@link Evaluation#of}.
 *
 * <p>See {@link Metrics} for each definition, its tie rule and when it is NaN. Immutable; records
 * compare doubles with {@link Double#compare}, so two reports with NaN in the same places are equal.
 *
 * @param rows             scored rows
 * @param positives        rows that churned within the horizon
 * @param baseRate         {@code positives / rows}
 * @param rocAuc           {@link Metrics#rocAuc}
 * @param averagePrecision {@link Metrics#averagePrecision}
 * @param brierScore       {@link Metrics#brierScore}
 * @param logLoss          {@link Metrics#logLoss}
 * @param topTenPercent    the top {@code ceil(rows / 10)} rows
 * @param capacity         the CSM capacity asked for, before capping at {@code rows}
 * @param atCapacity       the top {@code min(capacity, rows)} rows
 * @param deciles          ten lift-by-decile rows, decile 1 (highest risk) first
 * @param reliability      ten fixed-width calibration bins and the ECE
 * @param topTenPercentByArrAtRisk the top {@code ceil(rows / 10)} rows ranked by expected ARR lost
 *                         ({@link Metrics#topKByArrAtRisk}) instead of by probability
 * @param atCapacityByArrAtRisk    the top {@code min(capacity, rows)} rows ranked by expected ARR lost
 */
public record EvaluationReport(int rows, int positives, double baseRate,
                               double rocAuc, double averagePrecision, double brierScore, double logLoss,
                               TopK topTenPercent, int capacity, TopK atCapacity,
                               List<DecileRow> deciles, Reliability reliability,
                               TopK topTenPercentByArrAtRisk, TopK atCapacityByArrAtRisk) {
    public EvaluationReport {
        if (rows < 1 || positives < 0 || positives > rows) {
            throw new InvalidArgumentException("report: rows " + rows + " and positives " + positives
                    + " must satisfy 0 <= positives <= rows and rows >= 1");
        }
        if (capacity < 0) {
            throw new InvalidArgumentException("report: capacity " + capacity + " is negative");
        }
        if (topTenPercent == null || atCapacity == null || reliability == null || topTenPercentByArrAtRisk == null
                || atCapacityByArrAtRisk == null) {
            throw new InvalidArgumentException("report: top k results and reliability are required");
        }
        deciles = List.copyOf(deciles);
        if (deciles.size() != 10) {
            throw new InvalidArgumentException("report: " + deciles.size() + " deciles (expected 10)");
        }
    }

    /** Expected calibration error, {@code reliability().ece()}. */
    public double ece() {
        return reliability.ece();
    }
}
