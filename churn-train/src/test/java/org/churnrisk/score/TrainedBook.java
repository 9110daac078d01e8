package org.churnrisk.score;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.churnrisk.core.AtomicFiles;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.core.model.BundleManifest;
import org.churnrisk.features.FeatureSettings;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.sample.BookGenerator;
import org.churnrisk.sample.GeneratorConfig;
import org.churnrisk.train.bundle.ModelBundle;
import org.churnrisk.train.data.LabelPolicy;
import org.churnrisk.train.model.Algorithm;
import org.churnrisk.train.pipeline.Training;

/**
 * A generated book of 200 accounts over 500 days (seed 11) and a logistic model trained on it
 * (seed 42, two backtest folds), made once per test JVM and shared by the scoring tests; deleted
 * when the JVM exits.
 */
record TrainedBook(Path book, Path model, LocalDate asOf) {
    private static TrainedBook instance;

    static synchronized TrainedBook get() {
        if (instance == null) {
            try {
                instance = make();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    private static TrainedBook make() throws IOException {
        Path dir = Files.createTempDirectory("churn-trained-book");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                AtomicFiles.deleteTree(dir);
            } catch (IOException e) {
                // a temp directory left behind is not worth failing the build
            }
        }));
        GeneratorConfig config = GeneratorConfig.builder().accounts(200).days(500).seed(11).truthSamples(0).build();
        Path book = dir.resolve("book");
        BookGenerator.generate(config, book, false, ProgressListener.NONE);
        Training.Outcome o = Training.run(new Training.Options(book, ReadOptions.forBook(book),
                FeatureSettings.forBook(book, null), LabelPolicy.DEFAULT, Algorithm.LOGISTIC, 42, 2, 20,
                ProgressListener.NONE));
        Path model = dir.resolve("model");
        ModelBundle.write(model, o.model().tribuoModel(), BundleManifest.of("churn-risk test", "logistic", 120,
                o.model().schema(), o.calibration()), Map.of(), Map.of("seed", 42));
        return new TrainedBook(book, model, config.end());
    }
}
