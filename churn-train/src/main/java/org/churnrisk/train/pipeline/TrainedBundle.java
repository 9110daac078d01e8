package org.churnrisk.train.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.churnrisk.core.contract.Source;
import org.churnrisk.core.model.BundleManifest;
import org.churnrisk.core.model.TrainingProvenance;
import org.churnrisk.features.ExtractionReport;
import org.churnrisk.features.InputFile;
import org.churnrisk.score.References;
import org.churnrisk.train.bundle.ModelBundle;
import org.churnrisk.train.data.SnapshotDataset;

/**
 * Writes the model bundle of a training run: the model, its manifest, the backtest's metrics and
 * evaluation files, and the run's {@link TrainingProvenance}. {@code churn train} and
 * {@code churn demo} write their bundles through it, and so can a service that trains.
 *
 * <pre>{@code
 * Training.Options options = new Training.Options(book, read, features, LabelPolicy.DEFAULT, null, 42, 6, 50,
 *         ProgressListener.NONE);
 * Training.Outcome outcome = Training.run(options);
 * TrainedBundle.write(Path.of("model"), options, outcome, ModelBundle.createdBy("0.1.0"));
 * }</pre>
 */
public final class TrainedBundle {
    private TrainedBundle() {
    }

    /**
     * Writes the bundle of {@code outcome} into {@code dir}, replacing an earlier bundle there
     * (see {@link ModelBundle#write(Path, org.tribuo.Model, BundleManifest, Map, TrainingProvenance, References,
     * Map)}),
     * with the {@linkplain #references references} of its training snapshots.
     *
     * @param options   the options the run was started with (seed, folds, capacity, core features)
     * @param createdBy what wrote the bundle, e.g. {@code ModelBundle.createdBy(version)}
     * @throws IOException if a file cannot be written; {@code dir} is then unchanged
     */
    public static void write(Path dir, Training.Options options, Training.Outcome outcome, String createdBy)
            throws IOException {
        Objects.requireNonNull(dir, "dir");
        BundleManifest manifest = BundleManifest.of(createdBy, outcome.chosen().label(),
                outcome.data().policy().horizonDays(), outcome.model().schema(), outcome.calibration());
        ModelBundle.write(dir, outcome.model().tribuoModel(), manifest, EvaluationFiles.summary(outcome),
                provenance(options, outcome), references(outcome.data()), EvaluationFiles.files(outcome));
    }

    /**
     * What the bundle's drivers compare accounts with: per tier, the medians over the training
     * snapshots whose account did not churn within the horizon (see {@link References}). Every
     * labelled snapshot counts, as it does for training; censored ones are not in the data set.
     */
    public static References references(SnapshotDataset data) {
        return references(data, java.util.stream.IntStream.range(0, data.size()).toArray());
    }

    /** As {@link #references(SnapshotDataset)}, over the given rows of {@code data} only. */
    public static References references(SnapshotDataset data, int[] rows) {
        int n = data.schema().size();
        double[] x = new double[rows.length * n];
        boolean[] renewed = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(data.features(), rows[i] * n, x, i * n, n);
            renewed[i] = !data.churned(rows[i]);
        }
        return References.of(x, renewed);
    }

    /** The provenance of a run, without the runtime, which the bundle writer fills in. */
    public static TrainingProvenance provenance(Training.Options options, Training.Outcome outcome) {
        TrainingProvenance.Trainer trainer = new TrainingProvenance.Trainer(outcome.chosen().label(),
                outcome.data().policy().horizonDays(), options.folds(), options.capacity(),
                options.features().coreFeatures().stream().sorted().toList());
        return new TrainingProvenance(inputs(outcome.extraction()), outcome.dates(), options.seed(), trainer, null);
    }

    /**
     * The input files as the extraction hashed them while reading, in source and reading order;
     * a source's row count goes with its file when it has one file.
     */
    private static List<TrainingProvenance.InputFile> inputs(ExtractionReport extraction) {
        Map<Source, Integer> filesPerSource = new EnumMap<>(Source.class);
        for (InputFile f : extraction.inputFiles()) {
            filesPerSource.merge(f.source(), 1, Integer::sum);
        }
        List<TrainingProvenance.InputFile> inputs = new ArrayList<>();
        for (InputFile f : extraction.inputFiles()) {
            String name = f.path().substring(f.path().lastIndexOf('/') + 1);
            long rows = filesPerSource.get(f.source()) == 1 ? extraction.stats().of(f.source()).accepted() : -1;
            inputs.add(new TrainingProvenance.InputFile(name, f.sha256(), rows));
        }
        return inputs;
    }
}
