package org.churnrisk.train.model;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.train.data.SnapshotDataset;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Turns rows of a {@link SnapshotDataset} into Tribuo examples: one {@link ArrayExample} per row,
 * its features named as in the schema and every value kept, zeros included, so that each example
 * is dense and all trainers see the same feature space.
 *
 * <p>Class weights: churned rows are rare (about one in ten), so a training set weighs each
 * churned row {@code negatives / positives} and each retained row 1. Both classes then weigh the
 * same in total ({@code negatives}), and a learner that minimises weighted loss cannot win by
 * calling everyone a stayer. Weighting shifts predicted probabilities up, away from the base rate:
 * they rank accounts well but must be calibrated before they are read as churn rates.
 *
 * <p>Stateless and thread-safe; the dataset is only read.
 *
 * <pre>{@code
 * MutableDataset<Label> train = TribuoData.trainingSet(snapshots, snapshots.rows(d -> d.isBefore(cutoff)));
 * List<Example<Label>> toScore = TribuoData.unlabelled(snapshots, snapshots.rows(d -> d.equals(today)));
 * }</pre>
 */
public final class TribuoData {
    /** The label of a row whose account churned within the horizon. */
    public static final String CHURN = "churn";
    /** The label of a row whose account stayed a customer through the horizon. */
    public static final String STAY = "stay";

    static final LabelFactory LABELS = new LabelFactory();
    private static final Label CHURN_LABEL = LABELS.generateOutput(CHURN);
    private static final Label STAY_LABEL = LABELS.generateOutput(STAY);

    private TribuoData() {}

    /**
     * A weighted, labelled training set of the given rows, in the order given, with a data
     * provenance that names the row and class counts, the snapshot dates, the horizon and the
     * schema. The provenance's timestamp is the last day of the data (midnight UTC), not the
     * wall clock, so the same rows always describe themselves the same way.
     *
     * @throws InvalidArgumentException if a row index is out of range, a feature value is not
     *                                  finite, or the rows lack churned or retained rows (class
     *                                  weights, and a classifier, need both)
     */
    public static MutableDataset<Label> trainingSet(SnapshotDataset d, int[] rows) {
        checkRows(d, rows);
        int positives = 0;
        for (int r : rows) {
            positives += d.churned(r) ? 1 : 0;
        }
        int negatives = rows.length - positives;
        float positiveWeight = positiveWeight(positives, negatives);
        MutableDataset<Label> data = new MutableDataset<>(provenance(d, rows, positives, positiveWeight), LABELS);
        String[] names = featureNames(d.schema());
        for (int r : rows) {
            boolean churned = d.churned(r);
            Example<Label> e = new ArrayExample<>(churned ? CHURN_LABEL : STAY_LABEL, names, values(d, r));
            e.setWeight(churned ? positiveWeight : 1f);
            data.add(e);
        }
        return data;
    }

    /**
     * Unweighted examples with Tribuo's unknown label, one per row in the order given, for
     * prediction.
     *
     * @throws InvalidArgumentException if a row index is out of range or a value is not finite
     */
    public static List<Example<Label>> unlabelled(SnapshotDataset d, int[] rows) {
        Objects.requireNonNull(rows, "rows");
        return unlabelled(d, rows, 0, rows.length);
    }

    /**
     * The weight of each churned row, {@code negatives / positives}, that makes the churned rows
     * weigh as much in total as the retained rows (each weighing 1).
     *
     * @throws InvalidArgumentException if either count is not positive
     */
    public static float positiveWeight(int positives, int negatives) {
        if (positives <= 0 || negatives <= 0) {
            throw new InvalidArgumentException("training rows: " + positives + " churned and " + negatives
                    + " retained; a churn model needs both (use more snapshot dates or a longer history)");
        }
        return (float) ((double) negatives / positives);
    }

    /** Examples of {@code rows[from, to)}. */
    static List<Example<Label>> unlabelled(SnapshotDataset d, int[] rows, int from, int to) {
        String[] names = featureNames(d.schema());
        List<Example<Label>> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            int r = rows[i];
            checkRow(d, r);
            out.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, values(d, r)));
        }
        return out;
    }

    static String[] featureNames(FeatureSchema schema) {
        return schema.names().toArray(new String[0]);
    }

    private static double[] values(SnapshotDataset d, int row) {
        int f = d.schema().size();
        double[] v = new double[f];
        System.arraycopy(d.features(), row * f, v, 0, f);
        for (int i = 0; i < f; i++) {
            if (!Double.isFinite(v[i])) {
                throw new InvalidArgumentException("snapshot of account " + d.account(row) + " as of " + d.asOf(row)
                        + ": feature '" + d.schema().name(i) + "' is " + v[i] + " (expected a finite number)");
            }
        }
        return v;
    }

    private static void checkRows(SnapshotDataset d, int[] rows) {
        Objects.requireNonNull(d, "dataset");
        Objects.requireNonNull(rows, "rows");
        for (int r : rows) {
            checkRow(d, r);
        }
    }

    private static void checkRow(SnapshotDataset d, int row) {
        if (row < 0 || row >= d.size()) {
            throw new InvalidArgumentException("row " + row + " is out of range (the dataset has " + d.size() + " rows)");
        }
    }

    private static SimpleDataSourceProvenance provenance(SnapshotDataset d, int[] rows, int positives,
                                                         float positiveWeight) {
        LocalDate first = null;
        LocalDate last = null;
        for (int r : rows) {
            LocalDate t = d.asOf(r);
            first = first == null || t.isBefore(first) ? t : first;
            last = last == null || t.isAfter(last) ? t : last;
        }
        FeatureSchema schema = d.schema();
        String description = String.format(Locale.ROOT,
                "churn-risk snapshots: %d rows (%d churned weighing %.6f each, %d retained weighing 1), "
                        + "as of %s to %s, %d-day horizon, data to %s, schema %s (%d features, fingerprint %s)",
                rows.length, positives, positiveWeight, rows.length - positives, first, last,
                d.policy().horizonDays(), d.dataEnd(), schema.version(), schema.size(), schema.fingerprint());
        return new SimpleDataSourceProvenance(description, d.dataEnd().atStartOfDay().atOffset(ZoneOffset.UTC), LABELS);
    }
}
