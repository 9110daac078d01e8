package org.churnrisk.train.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.train.eval.EvaluationReport;
import org.churnrisk.train.eval.ReportTables;
import org.churnrisk.train.model.Algorithm;
import org.churnrisk.train.model.GeneratedBook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backtest on a 400-account generated book: models against baselines on the same rows. */
class BacktestTest {
    @TempDir
    static Path dir;
    static GeneratedBook book;
    static Backtest.Result result;

    @BeforeAll
    static void run() throws IOException {
        book = GeneratedBook.generate(dir.resolve("book"), 0);
        result = Backtest.run(book.data(), List.of(Algorithm.LOGISTIC), 4, 25, 7, ProgressListener.NONE);
        System.out.println(ReportTables.text(result.calibrated()));
    }

    @Test
    void everyModelAndBaselineIsScoredOnTheSameRows() {
        assertThat(result.calibrated().keySet()).containsExactly("logistic", Backtest.HEALTH_SCORE, Backtest.DUMMY);
        assertThat(result.calibrated().values()).extracting(EvaluationReport::rows).containsOnly(result.testRows());
        assertThat(result.folds()).hasSize(4);
    }

    @Test
    void theModelBeatsTheHealthScoreAndTheHealthScoreBeatsTheDummy() {
        double model = result.calibrated().get("logistic").rocAuc();
        double health = result.calibrated().get(Backtest.HEALTH_SCORE).rocAuc();
        double dummy = result.calibrated().get(Backtest.DUMMY).rocAuc();

        assertThat(model).isGreaterThan(health + 0.05);
        assertThat(health).isGreaterThan(dummy);
        // Each fold's dummy predicts its own training base rate, so the pooled AUC is near, not at, 0.5.
        assertThat(dummy).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void calibrationBringsTheWeightedModelsProbabilitiesDownToChurnRates() {
        EvaluationReport raw = result.uncalibrated().get("logistic");
        EvaluationReport calibrated = result.calibrated().get("logistic");

        assertThat(calibrated.brierScore()).isLessThan(raw.brierScore());
        assertThat(calibrated.reliability().ece()).isLessThan(raw.reliability().ece());
    }

    @Test
    void noFoldTrainsOnALabelWindowReachingItsTestDate() {
        int horizon = book.data().policy().horizonDays();
        for (Fold f : result.folds()) {
            assertThat(f.trainDates()).allSatisfy(d -> assertThat(d.plusDays(horizon)).isBeforeOrEqualTo(f.testDate()));
        }
    }

    @Test
    void testedRowsAreEachFoldsTestDateInFoldOrder() {
        int[] tested = result.testedRows();
        List<java.time.LocalDate> expected = new java.util.ArrayList<>();
        for (Fold f : result.folds()) {
            for (int row : book.data().rows(f.testDate()::equals)) {
                expected.add(book.data().asOf(row));
            }
        }

        assertThat(tested).hasSize(result.testRows());
        assertThat(java.util.Arrays.stream(tested).mapToObj(book.data()::asOf).toList()).isEqualTo(expected);
    }

    @Test
    void foldsRunInParallelGiveTheSameReportsAsARepeatRun() {
        Backtest.Result again = Backtest.run(book.data(), List.of(Algorithm.LOGISTIC), 4, 25, 7, ProgressListener.NONE);

        assertThat(again.testedRows()).isEqualTo(result.testedRows());
        assertThat(again.calibrated()).isEqualTo(result.calibrated());
    }
}
