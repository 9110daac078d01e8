package org.churnrisk.cli;

import static org.churnrisk.cli.CliRun.churnSuccessfully;

import java.nio.file.Path;

/**
 * Report folders filled by {@code churn score} runs of the committed sample book with the committed
 * logistic test bundle (churn-score's {@code src/test/resources/bundles/logistic}, kept current by
 * churn-train's {@code ScoringTestBundlesTest}), so that the commands which read a run history
 * have one to read without training a model first.
 */
final class ScoredRuns {
    static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    static final Path SAMPLE_BOOK = MODULE.resolve("../sample-data/book").normalize();
    static final Path BUNDLE = MODULE.resolve("../churn-score/src/test/resources/bundles/logistic").normalize();

    private ScoredRuns() {
    }

    /** The report of the run as of {@code asOf} in {@code reports}: {@code at-risk-<as-of>.csv}. */
    static Path report(Path reports, String asOf) {
        return reports.resolve("at-risk-" + asOf + ".csv");
    }

    /** The summary {@code churn score} writes beside {@link #report}. */
    static Path summary(Path reports, String asOf) {
        return reports.resolve("at-risk-" + asOf + ".summary.json");
    }

    /** Scores the sample book as of {@code asOf} into {@code reports}, failing the test unless it exits 0. */
    static CliRun score(Path reports, String asOf) {
        return churnSuccessfully("score", "--data", SAMPLE_BOOK.toString(), "--model", BUNDLE.toString(), "--as-of",
                asOf, "--out", report(reports, asOf).toString());
    }
}
