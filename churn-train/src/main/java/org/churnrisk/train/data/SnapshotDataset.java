package org.churnrisk.train.data;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.core.features.FeatureTable;

/**
 * Labelled snapshots, one row per account and as-of date, column-wise: the feature vector, the
 * outcome, the ARR (for ARR-weighted metrics) and the composite health score (the baseline).
 *
 * <p>Which rows are kept, from the accounts a feature table lists at T (customers on the day
 * before T):
 * <ul>
 *   <li>a row whose account has a churn dated exactly T is dropped: it was not active at T;</li>
 *   <li>a row whose window T + horizon runs past the last day of the data is censored: dropped
 *       and counted, never taken as "did not churn";</li>
 *   <li>every other row is positive when a churn is dated in (T, T + horizon].</li>
 * </ul>
 * Rows are ordered by as-of date, then account id. Immutable; the accessors return views that
 * must not be changed.
 */
public final class SnapshotDataset {
    private final FeatureSchema schema;
    private final LabelPolicy policy;
    private final LocalDate dataEnd;
    private final String[] accounts;
    private final LocalDate[] asOf;
    private final double[] x;
    private final boolean[] y;
    private final double[] arr;
    private final double[] health;
    private final int censored;
    private final int churnedOnDate;

    private SnapshotDataset(FeatureSchema schema, LabelPolicy policy, LocalDate dataEnd, List<String> accounts,
                            List<LocalDate> asOf, double[] x, boolean[] y, double[] arr, double[] health, int censored,
                            int churnedOnDate) {
        this.schema = schema;
        this.policy = policy;
        this.dataEnd = dataEnd;
        this.accounts = accounts.toArray(new String[0]);
        this.asOf = asOf.toArray(new LocalDate[0]);
        this.x = x;
        this.y = y;
        this.arr = arr;
        this.health = health;
        this.censored = censored;
        this.churnedOnDate = churnedOnDate;
    }

    /**
     * Labels the rows of feature tables.
     *
     * @param churnDates every account's churn dates
     * @param dataEnd    the last day the data covers
     */
    public static SnapshotDataset label(List<FeatureTable> tables, Map<String, List<LocalDate>> churnDates,
                                        LocalDate dataEnd, LabelPolicy policy) {
        if (tables.isEmpty()) {
            throw new InvalidArgumentException("no feature tables to label");
        }
        FeatureSchema schema = tables.get(0).schema();
        int f = schema.size();
        List<String> accounts = new ArrayList<>();
        List<LocalDate> dates = new ArrayList<>();
        int total = tables.stream().mapToInt(FeatureTable::rows).sum();
        double[] x = new double[total * f];
        boolean[] y = new boolean[total];
        double[] arr = new double[total];
        double[] health = new double[total];
        int arrIndex = schema.indexOf("arr");
        int n = 0;
        int censored = 0;
        int churnedOnDate = 0;
        List<FeatureTable> ordered = new ArrayList<>(tables);
        ordered.sort(java.util.Comparator.comparing(FeatureTable::asOf));
        for (FeatureTable t : ordered) {
            if (!t.schema().equals(schema)) {
                throw new InvalidArgumentException("feature tables of different schemas: " + schema + " and " + t.schema());
            }
            LocalDate asOfDate = t.asOf();
            LocalDate windowEnd = asOfDate.plusDays(policy.horizonDays());
            boolean windowOpen = windowEnd.isAfter(dataEnd);
            for (int r = 0; r < t.rows(); r++) {
                String id = t.accountIds().get(r);
                List<LocalDate> churns = churnDates.getOrDefault(id, List.of());
                if (churns.contains(asOfDate)) {
                    churnedOnDate++;
                    continue;
                }
                if (windowOpen) {
                    censored++;
                    continue;
                }
                boolean positive = false;
                for (LocalDate c : churns) {
                    if (c.isAfter(asOfDate) && !c.isAfter(windowEnd)) {
                        positive = true;
                        break;
                    }
                }
                System.arraycopy(t.row(r), 0, x, n * f, f);
                y[n] = positive;
                arr[n] = t.value(r, arrIndex);
                health[n] = t.healthScore(r);
                accounts.add(id);
                dates.add(asOfDate);
                n++;
            }
        }
        return new SnapshotDataset(schema, policy, dataEnd, accounts, dates, java.util.Arrays.copyOf(x, n * f),
                java.util.Arrays.copyOf(y, n), java.util.Arrays.copyOf(arr, n), java.util.Arrays.copyOf(health, n),
                censored, churnedOnDate);
    }

    /**
     * Month starts from three months after the first day of usage (so that 90-day windows are
     * full) up to the last day of the data: the default snapshot dates.
     */
    public static List<LocalDate> monthlyDates(LocalDate usageFirstDay, LocalDate dataEnd) {
        return dates(usageFirstDay, dataEnd, Period.ofMonths(1));
    }

    /**
     * Snapshot dates every {@code every} from three months after the first day of usage (so that
     * 90-day windows are full) up to the last day of the data. A whole number of months steps
     * from month start to month start ({@code P1M} gives {@link #monthlyDates}); days or weeks
     * step from the first date with a full 90-day window.
     *
     * @throws InvalidArgumentException if {@code every} is not a positive number of months, or of
     *         days and weeks
     */
    public static List<LocalDate> dates(LocalDate usageFirstDay, LocalDate dataEnd, Period every) {
        boolean months = every.getYears() == 0 && every.getMonths() > 0 && every.getDays() == 0;
        boolean days = every.getYears() == 0 && every.getMonths() == 0 && every.getDays() > 0;
        if (!months && !days) {
            throw new InvalidArgumentException("snapshot interval " + every
                    + " is not a positive number of months, or of days or weeks (e.g. 1m, 2w, 10d)");
        }
        LocalDate first = usageFirstDay.plusDays(90);
        LocalDate d = first;
        if (months) {
            d = first.withDayOfMonth(1);
            if (d.isBefore(first)) {
                d = d.plusMonths(1);
            }
        }
        List<LocalDate> dates = new ArrayList<>();
        while (!d.isAfter(dataEnd)) {
            dates.add(d);
            d = months ? d.withDayOfMonth(1).plusMonths((long) every.getMonths()) : d.plusDays(every.getDays());
        }
        return dates;
    }

    public FeatureSchema schema() {
        return schema;
    }

    public LabelPolicy policy() {
        return policy;
    }

    public LocalDate dataEnd() {
        return dataEnd;
    }

    public int size() {
        return y.length;
    }

    public String account(int row) {
        return accounts[row];
    }

    public LocalDate asOf(int row) {
        return asOf[row];
    }

    /** The feature vectors, row after row; a view. */
    public double[] features() {
        return x;
    }

    public double feature(int row, int feature) {
        return x[row * schema.size() + feature];
    }

    public boolean churned(int row) {
        return y[row];
    }

    public double arr(int row) {
        return arr[row];
    }

    public double healthScore(int row) {
        return health[row];
    }

    public int positives() {
        int p = 0;
        for (boolean b : y) {
            p += b ? 1 : 0;
        }
        return p;
    }

    /** Rows left out because their label window runs past the data. */
    public int censored() {
        return censored;
    }

    /** Rows left out because the account churned on the as-of date itself. */
    public int churnedOnDate() {
        return churnedOnDate;
    }

    /** The distinct as-of dates, in order. */
    public List<LocalDate> dates() {
        return java.util.Arrays.stream(asOf).distinct().sorted().toList();
    }

    /** The rows whose as-of date satisfies {@code keep}, in order. */
    public int[] rows(java.util.function.Predicate<LocalDate> keep) {
        return java.util.stream.IntStream.range(0, size()).filter(i -> keep.test(asOf[i])).toArray();
    }
}
