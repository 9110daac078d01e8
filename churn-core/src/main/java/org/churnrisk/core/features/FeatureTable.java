package org.churnrisk.core.features;

import java.time.LocalDate;
import java.util.List;
import org.churnrisk.core.InvalidArgumentException;

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
    private final ModuleUsage moduleUsage;

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
        this(schema, asOf, accountIds, values, healthScores, null);
    }

    private FeatureTable(FeatureSchema schema, LocalDate asOf, List<String> accountIds, double[] values,
                         double[] healthScores, ModuleUsage moduleUsage) {
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
        if (moduleUsage != null && moduleUsage.events30d().length != this.accountIds.size() * moduleUsage.modules().size()) {
            throw new InvalidArgumentException("feature table: module usage for " + moduleUsage.events30d().length
                    + " cells, not " + this.accountIds.size() + " accounts x " + moduleUsage.modules().size() + " modules");
        }
        this.values = values;
        this.healthScores = healthScores;
        this.moduleUsage = moduleUsage;
    }

    /** This table with product-module usage beside it (the arrays are shared, not copied). */
    public FeatureTable withModuleUsage(ModuleUsage usage) {
        return new FeatureTable(schema, asOf, accountIds, values, healthScores, usage);
    }

    /** The product-module usage counted with these features, or null when none was counted. */
    public ModuleUsage moduleUsage() {
        return moduleUsage;
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
     * Copies the values of rows {@code [from, to)}, one row after another, into {@code dest} from
     * {@code destOffset}: a block of vectors in the layout the compiled scorers take.
     *
     * @throws InvalidArgumentException if the range is not within the table or does not fit {@code dest}
     */
    public void copyRows(int from, int to, double[] dest, int destOffset) {
        int n = schema.size();
        if (from < 0 || from > to || to > rows() || destOffset < 0
                || (long) destOffset + (long) (to - from) * n > dest.length) {
            throw new InvalidArgumentException("rows [" + from + ", " + to + ") are not within the table's " + rows()
                    + " rows, or their " + (to - from) * (long) n + " values do not fit the " + dest.length
                    + " places of the destination from " + destOffset);
        }
        System.arraycopy(values, from * n, dest, destOffset, (to - from) * n);
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
