package org.churnrisk.train.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.features.FeatureSettings;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.sample.BookGenerator;
import org.churnrisk.sample.GeneratorConfig;
import org.churnrisk.train.data.LabelPolicy;
import org.churnrisk.train.model.ChurnTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where XGBoost's native library cannot load, a training run that did not ask for an algorithm
 * says so and trains logistic regression. The failure is real: a child JVM whose temporary
 * directory does not exist, so xgboost4j cannot unpack its library (as with a read-only /tmp).
 */
class XGBoostFallbackTest {
    @Test
    void theNativeLibraryLoadsHere() {
        assertThat(ChurnTrainer.xgboostProblem()).isEmpty();
    }

    @Test
    void withoutXGBoostTheRunTrainsLogisticRegressionAndSaysWhy(@TempDir Path tmp) throws Exception {
        Path book = tmp.resolve("book");
        BookGenerator.generate(GeneratorConfig.builder().accounts(200).days(500).seed(2).truthSamples(0).build(), book,
                false, ProgressListener.NONE);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Djava.io.tmpdir=" + tmp.resolve("missing"),
                "-cp", System.getProperty("java.class.path"), Child.class.getName(), book.toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(child.exitValue()).as(output).isEqualTo(0);
        assertThat(output).contains("CHOSEN: logistic")
                .contains("WARNING: XGBoost's native library could not load on this machine")
                .contains("backtesting and training logistic regression only")
                .contains("BACKTESTED: [logistic, health score, dummy (base rate)]");
    }

    /** Trains on the book given, without asking for an algorithm, and prints what happened. */
    public static final class Child {
        public static void main(String[] args) throws IOException {
            Path book = Path.of(args[0]);
            Training.Outcome o = Training.run(new Training.Options(book, ReadOptions.forBook(book),
                    FeatureSettings.forBook(book, null), LabelPolicy.DEFAULT, null, 1, 3, 20, ProgressListener.NONE));
            o.warnings().forEach(w -> System.out.println("WARNING: " + w));
            System.out.println("BACKTESTED: " + o.backtest().calibrated().keySet());
            System.out.println("CHOSEN: " + o.chosen().label());
        }
    }
}
