package org.churnrisk.train.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.churnrisk.core.InvalidDataException;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.features.FeatureSettings;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.sample.BookGenerator;
import org.churnrisk.sample.GeneratorConfig;
import org.churnrisk.train.data.LabelPolicy;
import org.churnrisk.train.eval.EvaluationReport;
import org.churnrisk.train.model.Algorithm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated book's truth.csv, scored on the backtest's own test rows beside the models. */
class TrainingTruthTest {
    @TempDir
    static Path dir;
    static Path book;
    static Training.Outcome outcome;

    @BeforeAll
    static void train() throws IOException {
        book = dir.resolve("book");
        BookGenerator.generate(GeneratorConfig.builder().accounts(300).days(730).seed(3).truthSamples(16).build(),
                book, false, ProgressListener.NONE);
        outcome = run(book);
    }

    private static Training.Outcome run(Path b) throws IOException {
        return Training.run(new Training.Options(b, ReadOptions.forBook(b), FeatureSettings.forBook(b, null),
                LabelPolicy.DEFAULT, Algorithm.LOGISTIC, 7, 3, 20, ProgressListener.NONE));
    }

    @Test
    void theTruthIsEvaluatedOnExactlyTheBacktestsTestRows() {
        EvaluationReport truth = outcome.truth().orElseThrow();
        EvaluationReport model = outcome.chosenReport();

        assertThat(truth.rows()).isEqualTo(outcome.backtest().testRows());
        assertThat(truth.positives()).isEqualTo(model.positives());
        assertThat(outcome.comparison()).containsKey(Training.GENERATOR_TRUTH);
    }

    @Test
    void theSimulationsOwnProbabilitiesRankChurnBetterThanTheHealthScore() {
        double truth = outcome.truth().orElseThrow().rocAuc();
        double health = outcome.backtest().calibrated().get("health score").rocAuc();

        assertThat(truth).isGreaterThan(health);
    }

    @Test
    void evaluationJsonCarriesTheTruthUnderItsOwnKey() {
        assertThat(EvaluationFiles.summary(outcome)).containsKey("generator_truth");
    }

    @Test
    void aBookWithoutTruthHasNothingToCompareWith(@TempDir Path other) throws IOException {
        Path copy = copyWithout(book, other.resolve("book"), "truth.csv");

        Training.Outcome o = run(copy);

        assertThat(o.truth()).isEmpty();
        assertThat(o.comparison()).doesNotContainKey(Training.GENERATOR_TRUTH);
        assertThat(EvaluationFiles.summary(o)).doesNotContainKey("generator_truth");
    }

    @Test
    void aTruthFileWithAnUnreadableLineIsRefusedWithItsLineNumber(@TempDir Path other) throws IOException {
        Path copy = copyWithout(book, other.resolve("book"), "truth.csv");
        Files.writeString(copy.resolve("truth.csv"), "account_id,as_of,p_churn_120d\nA00001,2025-01-01,high\n");

        assertThatThrownBy(() -> run(copy)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("truth.csv line 2");
    }

    private static Path copyWithout(Path from, Path to, String skip) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (f.getFileName().toString().equals(skip)) {
                    continue;
                }
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }
}
