package org.churnrisk.train.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.churnrisk.core.InvalidDataException;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.core.model.Calibration;
import org.churnrisk.features.ExtractionReport;
import org.churnrisk.features.FeatureConfig;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.train.backtest.Backtest;
import org.churnrisk.train.calibrate.Calibrators;
import org.churnrisk.train.data.LabelPolicy;
import org.churnrisk.train.data.SnapshotDataset;
import org.churnrisk.train.eval.Evaluation;
import org.churnrisk.train.eval.EvaluationReport;
import org.churnrisk.train.model.Algorithm;
import org.churnrisk.train.model.ChurnClassifier;
import org.churnrisk.train.model.ChurnTrainer;

/**
 * One training run: monthly snapshots over the book's usage span, labels with censoring, a
 * rolling-origin backtest of every algorithm against the baselines, the choice of algorithm
 * (the one asked for, or the best calibrated ROC AUC), and the final model trained on all
 * labelled snapshots but the latest two, which calibrate it.
 */
public final class Training {
    /** The name of the generator's truth in reports. */
    public static final String GENERATOR_TRUTH = "generator truth";
    /** The default interval between snapshot dates. */
    public static final Period MONTHLY = Period.ofMonths(1);

    private Training() {
    }

    /**
     * @param algorithm the algorithm of the final model, or null to take the backtest's best
     * @param capacity      accounts a CSM team can call, for precision and recall at capacity
     * @param snapshotEvery the interval between snapshot dates (see {@link SnapshotDataset#dates})
     */
    public record Options(Path book, ReadOptions read, FeatureConfig features, LabelPolicy labels, Algorithm algorithm,
                          long seed, int folds, int capacity, Period snapshotEvery, ProgressListener progress) {
        /** Options with monthly snapshots, the default. */
        public Options(Path book, ReadOptions read, FeatureConfig features, LabelPolicy labels, Algorithm algorithm,
                       long seed, int folds, int capacity, ProgressListener progress) {
            this(book, read, features, labels, algorithm, seed, folds, capacity, MONTHLY, progress);
        }

        public Options {
            Objects.requireNonNull(snapshotEvery, "snapshotEvery");
            Objects.requireNonNull(book, "book");
            Objects.requireNonNull(read, "read");
            Objects.requireNonNull(features, "features");
            Objects.requireNonNull(labels, "labels");
            Objects.requireNonNull(progress, "progress");
        }
    }

    /**
     * Everything a run produced. {@code truth} evaluates a generated book's own churn
     * probabilities ({@code truth.csv}) on the backtest's test rows, when the book has them.
     * {@code warnings} says what the run had to do differently from what was asked, e.g. leave
     * out XGBoost because its native library cannot load.
     */
    public record Outcome(List<LocalDate> dates, ExtractionReport extraction, SnapshotDataset data,
                          Backtest.Result backtest, Optional<EvaluationReport> truth, Algorithm chosen,
                          ChurnClassifier model, Calibration calibration, List<String> warnings) {
        public Outcome {
            Objects.requireNonNull(truth, "truth");
            warnings = List.copyOf(warnings);
        }

        /** The calibrated backtest report of the chosen algorithm. */
        public EvaluationReport chosenReport() {
            return backtest.calibrated().get(chosen.label());
        }

        /**
         * The calibrated backtest reports, followed by the generator's truth on the same rows
         * when the book has it, for printing side by side.
         */
        public Map<String, EvaluationReport> comparison() {
            Map<String, EvaluationReport> m = new LinkedHashMap<>(backtest.calibrated());
            truth.ifPresent(t -> m.put(GENERATOR_TRUTH, t));
            return m;
        }
    }

    public static Outcome run(Options o) throws IOException {
        FeatureExtractor extractor = FeatureExtractor.create(o.features());
        LocalDate[] span = extractor.usageSpan(o.book(), o.read());
        List<LocalDate> dates = SnapshotDataset.dates(span[0], span[1], o.snapshotEvery());
        if (dates.isEmpty()) {
            throw new InvalidDataException("book " + o.book() + ": usage covers " + span[0] + " to " + span[1]
                    + ", too short for a snapshot with a full 90-day window");
        }
        List<FeatureTable> tables = new ArrayList<>();
        // hashed while read, for the bundle's provenance of its inputs
        ExtractionReport extraction = extractor.extract(o.book(), o.read().withFileHashes(true), dates, tables::add);
        SnapshotDataset data = SnapshotDataset.label(tables, extraction.churnDates(), extraction.usageLastDay(),
                o.labels());
        if (data.positives() == 0) {
            throw new InvalidDataException("book " + o.book() + ": no labelled snapshot churned within "
                    + o.labels().horizonDays() + " days (churn.csv lists " + extraction.churnDates().size()
                    + " churned accounts); a model needs churns to learn from");
        }
        List<String> warnings = new ArrayList<>();
        List<Algorithm> algorithms = o.algorithm() == null ? candidates(warnings) : List.of(o.algorithm());
        Backtest.Result backtest;
        try {
            backtest = Backtest.run(data, algorithms, o.folds(), o.capacity(), o.seed(), o.progress());
        } catch (InvalidDataException e) {
            // the fold rules know the dates, not the book: say which book is too short
            throw new InvalidDataException("book " + o.book() + ": usage covers " + span[0] + " to " + span[1] + "; "
                    + e.getMessage(), e);
        }
        Optional<EvaluationReport> truth = truthReport(o, data, backtest);
        Algorithm chosen = o.algorithm() != null ? o.algorithm() : best(backtest, algorithms);

        List<LocalDate> labelled = data.dates();
        Set<LocalDate> calibrationDates = new HashSet<>(labelled.subList(
                Math.max(0, labelled.size() - Backtest.CALIBRATION_DATES), labelled.size()));
        int[] fit = data.rows(d -> !calibrationDates.contains(d));
        int[] calibrate = data.rows(calibrationDates::contains);
        ChurnClassifier model = ChurnTrainer.train(data, fit, chosen, o.seed());
        boolean[] y = new boolean[calibrate.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = data.churned(calibrate[i]);
        }
        Calibration calibration = Calibrators.fit(model.predict(data, calibrate), y);
        return new Outcome(dates, extraction, data, backtest, truth, chosen, model, calibration, warnings);
    }

    /**
     * The algorithms to backtest when none was asked for: both, or logistic regression alone,
     * with a warning, where XGBoost's native library cannot load.
     */
    private static List<Algorithm> candidates(List<String> warnings) {
        Optional<String> problem = ChurnTrainer.xgboostProblem();
        if (problem.isPresent()) {
            warnings.add(problem.get() + "; backtesting and training logistic regression only");
            return List.of(Algorithm.LOGISTIC);
        }
        return List.of(Algorithm.LOGISTIC, Algorithm.XGBOOST);
    }

    private static Optional<EvaluationReport> truthReport(Options o, SnapshotDataset data, Backtest.Result backtest)
            throws IOException {
        Optional<GeneratorTruth> truth = GeneratorTruth.read(o.book());
        if (truth.isEmpty()) {
            return Optional.empty();
        }
        int[] rows = backtest.testedRows();
        boolean[] y = new boolean[rows.length];
        double[] arr = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = data.churned(rows[i]);
            arr[i] = data.arr(rows[i]);
        }
        return truth.get().of(data, rows).map(p -> Evaluation.of(p, y, arr, o.capacity()));
    }

    private static Algorithm best(Backtest.Result backtest, List<Algorithm> algorithms) {
        Algorithm best = algorithms.get(0);
        for (Algorithm a : algorithms) {
            if (backtest.calibrated().get(a.label()).rocAuc() > backtest.calibrated().get(best.label()).rocAuc()) {
                best = a;
            }
        }
        return best;
    }
}
