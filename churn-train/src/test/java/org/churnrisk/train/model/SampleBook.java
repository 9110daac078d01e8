package org.churnrisk.train.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.features.ExtractionReport;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.features.FeatureSettings;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.train.data.LabelPolicy;
import org.churnrisk.train.data.SnapshotDataset;

/**
 * The committed sample book ({@code sample-data/book}, 500 accounts): snapshots at month starts,
 * a model of each algorithm trained on every row whose label window has closed, and the feature
 * tables of every account at two later as-of dates to score. Built once per test JVM: training
 * XGBoost on it takes seconds.
 */
public final class SampleBook {
    public static final Path DIR = Path.of("..", "sample-data", "book");
    /** The dates scored: the last month start of the data, and one half a year before. */
    public static final List<LocalDate> SCORED = List.of(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 10, 1));
    static final long SEED = 42;

    private static SampleBook instance;

    public final SnapshotDataset data;
    public final int[] train;
    public final List<FeatureTable> scored;
    private final Map<Algorithm, ChurnClassifier> models = new EnumMap<>(Algorithm.class);

    private SampleBook() throws IOException {
        LocalDate[] span = FeatureExtractor.create(FeatureSettings.forBook(DIR, null))
                .usageSpan(DIR, ReadOptions.forBook(DIR));
        List<LocalDate> dates = new ArrayList<>(SnapshotDataset.monthlyDates(span[0], span[1]));
        dates.addAll(SCORED);
        List<FeatureTable> tables = new ArrayList<>();
        ExtractionReport report = FeatureExtractor.create(FeatureSettings.forBook(DIR, null))
                .extract(DIR, ReadOptions.forBook(DIR), dates.stream().distinct().sorted().toList(), tables::add);
        data = SnapshotDataset.label(tables, report.churnDates(), report.usageLastDay(), LabelPolicy.DEFAULT);
        int horizon = data.policy().horizonDays();
        train = data.rows(t -> !t.plusDays(horizon).isAfter(report.usageLastDay()));
        scored = tables.stream().filter(t -> SCORED.contains(t.asOf())).toList();
    }

    public static synchronized SampleBook get() {
        if (instance == null) {
            try {
                instance = new SampleBook();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public synchronized ChurnClassifier model(Algorithm algorithm) {
        return models.computeIfAbsent(algorithm, a -> ChurnTrainer.train(data, train, a, SEED));
    }
}
