package org.churnrisk.train.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.churnrisk.core.InvalidArgumentException;

/**
 * Evaluates scored snapshot rows into an {@link EvaluationReport}: every metric of
 * {@link Metrics} in one pass over one validated copy of the rows.
 *
 * <p>The report ranks rows as {@link Metrics#topK} does: probability descending, then ARR
 * descending, then row index ascending. Invalid rows throw {@link InvalidArgumentException}
 * naming the problem; the arrays are copied and never changed. Stateless and thread-safe.
 *
 * <pre>{@code
 * EvaluationReport report = Evaluation.of(probabilities, churned, arr, 50);
 * String table = ReportTables.text(report);
 * }</pre>
 */
public final class Evaluation {
    private Evaluation() {}

    /**
     * Evaluates one model on rows given as parallel arrays.
     *
     * @param p        predicted churn probability of each row, in [0, 1]
     * @param y        whether each row churned within the horizon
     * @param arr      ARR of each row, >= 0
     * @param capacity accounts the CSM team can call; above the row count it means every row
     * @throws InvalidArgumentException when the arrays differ in length or are empty, a probability
     *                                  is NaN or outside [0, 1], an ARR is negative or not finite,
     *                                  or the capacity is negative
     */
    public static EvaluationReport of(double[] p, boolean[] y, double[] arr, int capacity) {
        Scored.checkCapacity(capacity);
        if (arr == null) {
            throw new InvalidArgumentException("arr: is required but missing (expected one ARR per row, >= 0)");
        }
        return report(Scored.of(p, y, arr), capacity);
    }

    /**
     * Evaluates each group of rows on its own, for example one snapshot date or one tier, with
     * the same CSM capacity applied within each group.
     *
     * @param group the group key of each row; not null
     * @return one report per distinct key, in ascending key order; unmodifiable
     * @throws InvalidArgumentException as {@link #of}, or when a key is missing
     */
    public static Map<String, EvaluationReport> byGroup(double[] p, boolean[] y, double[] arr, String[] group,
                                                        int capacity) {
        Scored.checkCapacity(capacity);
        if (arr == null) {
            throw new InvalidArgumentException("arr: is required but missing (expected one ARR per row, >= 0)");
        }
        if (group == null) {
            throw new InvalidArgumentException("group: is required but missing (expected one group key per row)");
        }
        Scored all = Scored.of(p, y, arr);
        if (group.length != all.rows()) {
            throw new InvalidArgumentException("group has " + group.length + " rows but p has " + all.rows()
                    + " (expected one group key per score)");
        }
        Map<String, List<Integer>> rowsByKey = new TreeMap<>();
        for (int i = 0; i < group.length; i++) {
            if (group[i] == null) {
                throw new InvalidArgumentException("group[" + i + "]: is required but missing (expected a group key for every row)");
            }
            rowsByKey.computeIfAbsent(group[i], k -> new ArrayList<>()).add(i);
        }
        Map<String, EvaluationReport> out = new LinkedHashMap<>();
        rowsByKey.forEach((key, rows) -> {
            // Rows keep their input order, so the index tie-break means the same within a group.
            int m = rows.size();
            double[] gp = new double[m];
            boolean[] gy = new boolean[m];
            double[] ga = new double[m];
            for (int j = 0; j < m; j++) {
                int i = rows.get(j);
                gp[j] = all.p[i];
                gy[j] = all.y[i];
                ga[j] = all.arr[i];
            }
            out.put(key, report(Scored.of(gp, gy, ga), capacity));
        });
        return Collections.unmodifiableMap(out);
    }

    private static EvaluationReport report(Scored s, int capacity) {
        return new EvaluationReport(s.rows(), s.positives, (double) s.positives / s.rows(),
                Metrics.rocAuc(s), Metrics.averagePrecision(s), Metrics.brierScore(s), Metrics.logLoss(s),
                Metrics.topK(s, Metrics.tenPercentOf(s.rows())), capacity, Metrics.topK(s, capacity),
                Metrics.liftByDecile(s), Metrics.reliability(s),
                Metrics.topK(s, Metrics.tenPercentOf(s.rows()), true), Metrics.topK(s, capacity, true));
    }
}
