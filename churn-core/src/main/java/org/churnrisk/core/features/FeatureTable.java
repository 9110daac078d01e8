package org.churnrisk.core.features;

import java.time.LocalDate;
import java.util.List;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.scoring.CompiledScorer;

/**
 * The features of the accounts active at one as-of date: one row per account, sorted by account
 * id, columns in {@link FeatureSchema} order, plus each account's composite health score.
 *
 * <p>Immutable: the arrays are copied in and never handed out; read values with {@link #value}
 * or copy a row with {@link #row}. Thread-safe.
 */
public final class FeatureTable {
    private final FeatureSchema schema;
    private final LocalDate asOf;
    private final List<String> accountIds;
    private final double[] values;
    private final double[] healthScores;

    public FeatureTable(FeatureSchema schema, LocalDate asOf, List<String> accountIds, double[] values,
                        double[] healthScores) {
        this(schema, asOf, accountIds, values.clone(), healthScores.clone(), true);
    }

    /**
     * A table over arrays the caller hands over and never touches again, without copying them:
     * for the extractor, whose tables can hold tens of megabytes each.
     */
    public static FeatureTable ofOwnedArrays(FeatureSchema schema, LocalDate asOf, List<String> accountIds,
                                             double[] values, double[] healthScores) {
        return new FeatureTable(schema, asOf, accountIds, values, healthScores, true);
    }

    private FeatureTable(FeatureSchema schema, LocalDate asOf, List<String> accountIds, double[] values,
                         double[] healthScores, boolean owned) {
        this.schema = schema;
        this.asOf = asOf;
        this.accountIds = List.copyOf(accountIds);
        if (values.length != this.accountIds.size() * schema.size()) {
            throw new InvalidArgumentException("feature table: " + values.length + " values for "
                    + this.accountIds.size() + " accounts x " + schema.size() + " features");
        }
        if (healthScores.length != this.accountIds.size()) {
            throw new InvalidArgumentException("feature table: " + healthScores.length + " health scores for "
                    + this.accountIds.size() + " accounts");
        }
        this.values = values;
        this.healthScores = healthScores;
    }

    public FeatureSchema schema() {
        return schema;
    }

    public LocalDate asOf() {
        return asOf;
    }

    public List<String> accountIds() {
        return accountIds;
    }

    public int rows() {
        return accountIds.size();
    }

    public double value(int row, int feature) {
        return values[row * schema.size() + feature];
    }

    public double value(int row, String feature) {
        return value(row, schema.indexOf(feature));
    }

    /** A copy of one account's feature vector. */
    public double[] row(int row) {
        double[] r = new double[schema.size()];
        System.arraycopy(values, row * schema.size(), r, 0, r.length);
        return r;
    }

    /**
     * Writes the calibrated churn probability of rows {@code [from, to)} to {@code out[from, to)},
     * letting the scorer read the values in place: a book is scored without copying its rows.
     * {@link CompiledScorer} is sealed and its scorers only read, so the table stays immutable.
     *
     * @throws InvalidArgumentException if the range is not within the table and {@code out}, or
     *         the scorer's schema is not this table's
     */
    public void scoreRows(CompiledScorer scorer, int from, int to, double[] out) {
        if (!scorer.schema().equals(schema)) {
            throw new InvalidArgumentException("the feature table has schema " + schema.version() + " (fingerprint "
                    + schema.fingerprint() + ") but the model was trained on " + scorer.schema().version()
                    + " (fingerprint " + scorer.schema().fingerprint()
                    + "); extract the features again with the model's schema");
        }
        if (from < 0 || from > to || to > rows() || to > out.length) {
            throw new InvalidArgumentException("rows [" + from + ", " + to + ") are not within the table's " + rows()
                    + " rows and the " + out.length + " places of the output");
        }
        scorer.probabilities(values, from * schema.size(), to - from, out, from);
    }

    public double healthScore(int row) {
        return healthScores[row];
    }

    /** The row of an account, or -1. */
    public int rowOf(String accountId) {
        int i = java.util.Collections.binarySearch(accountIds, accountId);
        return i >= 0 ? i : -1;
    }
}
