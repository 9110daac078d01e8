package org.churnrisk.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.churnrisk.core.AtomicFiles;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.core.model.BundleException;
import org.churnrisk.core.model.BundleManifest;
import org.churnrisk.core.model.Calibration;
import org.churnrisk.features.ExtractionReport;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.features.FeatureSettings;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.sample.BookGenerator;
import org.churnrisk.sample.GeneratorConfig;
import org.churnrisk.sample.UsageLayout;
import org.churnrisk.train.bundle.LoadedBundle;
import org.churnrisk.train.bundle.ModelBundle;
import org.churnrisk.train.calibrate.Calibrators;
import org.churnrisk.train.data.LabelPolicy;
import org.churnrisk.train.data.SnapshotDataset;
import org.churnrisk.train.model.Algorithm;
import org.churnrisk.train.model.ChurnClassifier;
import org.churnrisk.train.model.ChurnTrainer;

/**
 * The book, models and feature vectors the scoring benchmarks share: a generated book of
 * {@value #ACCOUNTS} accounts over {@value #DAYS} days (seed {@value #SEED}), a model of each
 * algorithm trained on it by {@link ChurnTrainer} (XGBoost: {@link #BOOSTING}, 100 rounds of depth 6, 200 trees)
 * and calibrated by {@link Calibrators#fit}, and the feature vectors of every account active at
 * the last {@value #POOL_DATES} month starts.
 *
 * <p>Making the book and training take a minute, and JMH forks a JVM per benchmark and
 * parameter, so both are kept under {@code <java.io.tmpdir>/churn-bench-books/}: the book as
 * {@code accounts-2000-days-730-seed-42}, each model as a bundle in
 * {@code accounts-2000-days-730-seed-42-models-3/<algorithm>}. A cached book is checked against its
 * {@code generator.json}, a cached bundle by {@link ModelBundle#load}; anything else is made
 * again. Delete the directories to start afresh.
 */
final class ScoringModels {
    static final int ACCOUNTS = 2000;
    static final int DAYS = 730;
    static final long SEED = 42;
    static final int POOL_DATES = 4;
    /**
     * The ensemble the scoring issue measures against (100 rounds of depth 6, eta 0.1, 80% of
     * rows per tree), not the tuned default of {@link ChurnTrainer}, so the figures stay
     * comparable when the default changes.
     */
    static final ChurnTrainer.Boosting BOOSTING = new ChurnTrainer.Boosting(100, 6, 0.1, 0.8, 1.0);
    /**
     * Bumped whenever the models would come out differently, or their bundles' format changes, so
     * no stale cached model is measured (3: bundle format 2, with scorer.bin; 4: format 3, with its digest).
     */
    static final int MODELS_VERSION = 4;

    final Path book;
    /** The feature tables of the last {@value #POOL_DATES} month starts, oldest first. */
    final List<FeatureTable> poolTables;
    final FeatureSchema schema;

    private ScoringModels(Path book, List<FeatureTable> poolTables) {
        this.book = book;
        this.poolTables = poolTables;
        this.schema = poolTables.get(0).schema();
    }

    /** Finds or makes the book and extracts the feature vectors of the pool dates. */
    static ScoringModels open() throws IOException {
        GeneratorConfig config = GeneratorConfig.builder().accounts(ACCOUNTS).days(DAYS).seed(SEED).truthSamples(0)
                .usageLayout(UsageLayout.CSV).build();
        BookManifest wanted = new BookManifest(ACCOUNTS, DAYS, config.end(), SEED, "csv");
        Path book = cacheDir().resolve(name());
        if (!wanted.equals(BookManifest.read(book)) || !Files.isRegularFile(book.resolve("usage.csv"))) {
            Files.createDirectories(book.getParent());
            Path partial = Files.createTempDirectory(book.getParent(), name() + "-partial-");
            BookGenerator.generate(config, partial.resolve("book"), false, ProgressListener.NONE);
            if (Files.exists(book)) {
                AtomicFiles.deleteTree(book);
            }
            Files.move(partial.resolve("book"), book, StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.deleteTree(partial);
        }
        List<LocalDate> dates = wanted.asOfDates(POOL_DATES, 0);
        List<FeatureTable> tables = new ArrayList<>();
        extractor(book).extract(book, ReadOptions.forBook(book), dates, tables::add);
        return new ScoringModels(book, tables);
    }

    /** The cached bundle of {@code algorithm}, trained and written first if there is none. */
    LoadedBundle bundle(Algorithm algorithm) throws IOException {
        Path dir = cacheDir().resolve(name() + "-models-" + MODELS_VERSION).resolve(algorithm.label());
        if (Files.isDirectory(dir)) {
            try {
                return ModelBundle.load(dir, schema);
            } catch (BundleException e) {
                // Made by another version: train again below.
            }
        }
        LocalDate[] span = extractor(book).usageSpan(book, ReadOptions.forBook(book));
        List<FeatureTable> tables = new ArrayList<>();
        ExtractionReport report = extractor(book).extract(book, ReadOptions.forBook(book),
                SnapshotDataset.monthlyDates(span[0], span[1]), tables::add);
        SnapshotDataset data = SnapshotDataset.label(tables, report.churnDates(), report.usageLastDay(),
                LabelPolicy.DEFAULT);
        int horizon = data.policy().horizonDays();
        int[] rows = data.rows(t -> !t.plusDays(horizon).isAfter(report.usageLastDay()));
        ChurnClassifier model = algorithm == Algorithm.XGBOOST
                ? ChurnTrainer.trainXGBoost(data, rows, BOOSTING, SEED)
                : ChurnTrainer.train(data, rows, algorithm, SEED);
        boolean[] churned = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            churned[i] = data.churned(rows[i]);
        }
        Calibration calibration = Calibrators.fit(model.predict(data, rows), churned);
        BundleManifest manifest = BundleManifest.of(ModelBundle.createdBy("benchmarks"), algorithm.label(), horizon,
                schema, calibration);
        ModelBundle.write(dir, model.tribuoModel(), manifest, Map.of(), Map.of("seed", SEED, "rows", rows.length,
                "boosting", algorithm == Algorithm.XGBOOST ? BOOSTING.toString() : "none"));
        return ModelBundle.load(dir, schema);
    }

    /** Every pool vector, row-major, {@code schema.size()} values each. */
    double[] poolVectors() {
        int n = schema.size();
        int rows = poolTables.stream().mapToInt(FeatureTable::rows).sum();
        double[] pool = new double[rows * n];
        int at = 0;
        for (FeatureTable t : poolTables) {
            for (int r = 0; r < t.rows(); r++, at += n) {
                for (int f = 0; f < n; f++) {
                    pool[at + f] = t.value(r, f);
                }
            }
        }
        return pool;
    }

    private static FeatureExtractor extractor(Path book) throws IOException {
        return FeatureExtractor.create(FeatureSettings.forBook(book, null));
    }

    private static String name() {
        return "accounts-" + ACCOUNTS + "-days-" + DAYS + "-seed-" + SEED;
    }

    private static Path cacheDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "churn-bench-books");
    }
}
