package org.churnrisk.score;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * The committed sample book ({@code sample-data/book}) and the bundles trained on it that
 * churn-score's tests load, committed under {@code src/test/resources/bundles/} (churn-train's
 * {@code ScoringTestBundlesTest} writes them and checks that they are current): {@link #LOGISTIC}
 * and a small XGBoost model, {@link #XGBOOST}. Scored as of the day after the book's data ends.
 */
record TrainedBook(Path book, Path model, LocalDate asOf) {
    static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    static final Path BOOK = MODULE.resolve("../sample-data/book").normalize();
    static final Path BUNDLES = MODULE.resolve("src/test/resources/bundles");
    static final LocalDate AS_OF = LocalDate.parse("2026-11-01");
    static final TrainedBook LOGISTIC = new TrainedBook(BOOK, BUNDLES.resolve("logistic"), AS_OF);
    static final TrainedBook XGBOOST = new TrainedBook(BOOK, BUNDLES.resolve("xgboost"), AS_OF);

    /** The logistic bundle and the sample book. */
    static TrainedBook get() {
        return LOGISTIC;
    }
}
