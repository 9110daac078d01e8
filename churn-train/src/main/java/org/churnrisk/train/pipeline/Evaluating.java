package org.churnrisk.train.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.churnrisk.core.InvalidDataException;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.features.ExtractionReport;
import org.churnrisk.features.FeatureConfig;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.train.bundle.LoadedBundle;
import org.churnrisk.train.data.LabelPolicy;
import org.churnrisk.train.data.SnapshotDataset;
import org.churnrisk.train.eval.Evaluation;
import org.churnrisk.train.eval.EvaluationReport;

/**
 * Evaluates a trained bundle on a book, for example a later period than it was trained on: the
 * same monthly snapshots, labels and censoring as training, the bundle's calibrated probabilities
 * against the composite health score on the same rows.
 */
public final class Evaluating {
    private Evaluating() {
    }

    /** The labelled snapshots and one report per scorer (the model first, then the health score). */
    public record Result(List<LocalDate> dates, ExtractionReport extraction, SnapshotDataset data,
                         Map<String, EvaluationReport> reports) {
    }

    public static Result run(Path book, ReadOptions read, FeatureConfig features, LoadedBundle bundle, int capacity)
            throws IOException {
        FeatureExtractor extractor = FeatureExtractor.create(features);
        LocalDate[] span = extractor.usageSpan(book, read);
        List<LocalDate> dates = SnapshotDataset.monthlyDates(span[0], span[1]);
        if (dates.isEmpty()) {
            throw new InvalidDataException("book " + book + ": usage covers " + span[0] + " to " + span[1]
                    + ", too short for a snapshot with a full 90-day window");
        }
        List<FeatureTable> tables = new ArrayList<>();
        ExtractionReport extraction = extractor.extract(book, read, dates, tables::add);
        SnapshotDataset data = SnapshotDataset.label(tables, extraction.churnDates(), extraction.usageLastDay(),
                new LabelPolicy(bundle.manifest().horizonDays()));
        if (data.size() == 0) {
            throw new InvalidDataException("book " + book + ": every snapshot is censored (the data ends "
                    + extraction.usageLastDay() + ", less than " + bundle.manifest().horizonDays()
                    + " days after the first snapshot); evaluation needs outcomes");
        }
        int f = data.schema().size();
        double[][] rows = new double[data.size()][];
        boolean[] y = new boolean[data.size()];
        double[] arr = new double[data.size()];
        double[] health = new double[data.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = java.util.Arrays.copyOfRange(data.features(), i * f, (i + 1) * f);
            y[i] = data.churned(i);
            arr[i] = data.arr(i);
            health[i] = Math.max(0, Math.min(1, 1 - data.healthScore(i) / 100));
        }
        Map<String, EvaluationReport> reports = new LinkedHashMap<>();
        reports.put(bundle.manifest().algorithm(), Evaluation.of(bundle.predictProbabilities(rows), y, arr, capacity));
        reports.put("health score", Evaluation.of(health, y, arr, capacity));
        return new Result(dates, extraction, data, reports);
    }
}
