package org.churnrisk.train.backtest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.InvalidDataException;

/**
 * Rolling-origin folds over snapshot dates, as the model is used in production: each fold tests
 * on one snapshot date and trains on every earlier date whose label window had closed by then
 * ({@code trainDate + horizon <= testDate}). The last {@code folds} dates with enough training
 * history are the test dates, oldest first. Accounts appear on both sides, as they do when the
 * model is used.
 */
public final class RollingOrigin {
    private RollingOrigin() {
    }

    /**
     * @param dates        the snapshot dates with labels
     * @param horizonDays  the label horizon
     * @param folds        how many test dates, at most
     * @param minTrainDates the fewest training dates a fold may have
     * @throws InvalidArgumentException when {@code folds} is below 1
     * @throws InvalidDataException     when no date has enough training history: the book is too short
     */
    public static List<Fold> folds(List<LocalDate> dates, int horizonDays, int folds, int minTrainDates) {
        if (folds < 1) {
            throw new InvalidArgumentException("folds: " + folds + " (expected at least 1)");
        }
        List<LocalDate> sorted = new ArrayList<>(new TreeSet<>(dates));
        List<Fold> result = new ArrayList<>();
        for (int i = sorted.size() - 1; i >= 0 && result.size() < folds; i--) {
            LocalDate test = sorted.get(i);
            List<LocalDate> train = sorted.stream().filter(d -> !d.plusDays(horizonDays).isAfter(test)).toList();
            if (train.size() >= minTrainDates) {
                result.add(0, new Fold(train, test));
            }
        }
        if (result.isEmpty()) {
            throw new InvalidDataException("backtest: no snapshot date has " + minTrainDates
                    + " earlier dates whose " + horizonDays + "-day label windows have closed (dates: "
                    + (sorted.isEmpty() ? "none" : sorted.get(0) + " to " + sorted.get(sorted.size() - 1))
                    + "); the book needs a longer history");
        }
        return result;
    }
}
