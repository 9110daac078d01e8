package org.churnrisk.train.backtest;

import java.time.LocalDate;
import java.util.List;

/**
 * One rolling-origin fold: train on the snapshots of {@code trainDates}, test on those of
 * {@code testDate}. Every training date satisfies {@code date + horizon <= testDate}, so no
 * training label looks into the test period.
 */
public record Fold(List<LocalDate> trainDates, LocalDate testDate) {
    public Fold {
        trainDates = List.copyOf(trainDates);
    }
}
