package org.churnrisk.train.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.features.ExtractionReport;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.features.FeatureSettings;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.sample.BookGenerator;
import org.churnrisk.sample.GeneratorConfig;
import org.churnrisk.train.data.LabelPolicy;
import org.churnrisk.train.data.SnapshotDataset;

/**
 * A generated book of 400 accounts over two years (seed 5), labelled at month starts and split by
 * time: the test rows are the last four snapshot dates, the training rows every date whose
 * 120-day label window closes by the first test date, so no training label looks into the test period.
 */
public record GeneratedBook(Path dir, SnapshotDataset data, int[] train, int[] test, LocalDate firstTest) {
    static final int ACCOUNTS = 400;
    static final int DAYS = 730;
    static final long SEED = 5;
    static final int TEST_DATES = 4;

    public static GeneratedBook generate(Path dir, int truthSamples) throws IOException {
        GeneratorConfig config = GeneratorConfig.builder().accounts(ACCOUNTS).days(DAYS).seed(SEED)
                .truthSamples(truthSamples).build();
        BookGenerator.generate(config, dir, false, ProgressListener.NONE);
        // The dates come from the generator's span so that one pass over the files suffices; the
        // check below holds them to the usage span the extraction reports.
        List<LocalDate> dates = SnapshotDataset.monthlyDates(config.start(), config.end().minusDays(1));
        List<FeatureTable> tables = new ArrayList<>();
        ExtractionReport report = FeatureExtractor.create(FeatureSettings.forBook(dir, null))
                .extract(dir, ReadOptions.forBook(dir), dates, tables::add);
        List<LocalDate> fromReport = SnapshotDataset.monthlyDates(report.usageFirstDay(), report.usageLastDay());
        if (!fromReport.equals(dates)) {
            throw new IllegalStateException("snapshot dates " + dates + " differ from the usage span's " + fromReport);
        }
        SnapshotDataset data = SnapshotDataset.label(tables, report.churnDates(), report.usageLastDay(),
                LabelPolicy.DEFAULT);
        List<LocalDate> labelled = data.dates();
        LocalDate firstTest = labelled.get(labelled.size() - TEST_DATES);
        int horizon = data.policy().horizonDays();
        int[] train = data.rows(t -> !t.plusDays(horizon).isAfter(firstTest));
        int[] test = data.rows(t -> !t.isBefore(firstTest));
        return new GeneratedBook(dir, data, train, test, firstTest);
    }

    boolean[] churned(int[] rows) {
        boolean[] y = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = data.churned(rows[i]);
        }
        return y;
    }

    /** The composite health score as a risk: {@code 1 - health / 100}. */
    double[] healthRisk(int[] rows) {
        double[] p = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            p[i] = 1 - data.healthScore(rows[i]) / 100;
        }
        return p;
    }

    /** The generator's true 120-day churn probability by "account_id|as_of", from truth.csv. */
    Map<String, Double> truth() throws IOException {
        Map<String, Double> truth = new HashMap<>();
        List<String> lines = Files.readAllLines(dir.resolve("truth.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split(",");
            truth.put(cols[0] + "|" + cols[1], Double.parseDouble(cols[2]));
        }
        return truth;
    }
}
