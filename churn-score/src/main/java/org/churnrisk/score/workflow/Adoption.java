package org.churnrisk.score.workflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.core.features.ModuleUsage;
import org.churnrisk.features.Feature;
import org.churnrisk.score.ScoredAccount;

/**
 * The adoption scorecard ({@code adoption.csv}): per account and product module, the module's
 * events in the 30 days before the as-of date per licensed seat, against the median of the
 * accounts of the same tier in the book, with a red/yellow/green band per module and the module
 * most below its cohort marked as the conversation to open.
 *
 * <p>Cohort: every account of the tier in the feature table with known licensed seats, whether or
 * not it is given work (holdout accounts describe the book too); no churned or renewed reference
 * is used. Bands compare the ratio {@code utilisation / median} with
 * {@code adoption_red_below} and {@code adoption_yellow_below}; a median of 0 has no ratio and is
 * green (nobody in the tier uses the module, so no account is behind it). Accounts without known
 * seats have no utilisation, ratio or band. Memory: accounts x modules.
 */
final class Adoption {
    static final List<String> COLUMNS = List.of("rank", "account_id", "account_name", "tier", "csm", "licensed_seats",
            "module", "events_30d", "events_per_seat_30d", "cohort_median", "cohort_accounts", "ratio_to_median",
            "band", "conversation");

    private Adoption() {
    }

    /** The tier medians of events per licensed seat, per module, over the table's accounts with known seats. */
    static Map<Tier, double[]> medians(FeatureTable table, ModuleUsage usage, Map<String, Tier> tiers,
                                       Map<Tier, Integer> counts) {
        int m = usage.modules().size();
        Map<Tier, List<double[]>> byTier = new EnumMap<>(Tier.class);
        for (int row = 0; row < table.rows(); row++) {
            Tier tier = tiers.get(table.accountIds().get(row));
            double seats = table.value(row, Feature.LICENSED_SEATS.ordinal());
            if (tier == null || !(seats > 0)) {
                continue;
            }
            double[] u = new double[m];
            for (int j = 0; j < m; j++) {
                u[j] = usage.events(row, j) / seats;
            }
            byTier.computeIfAbsent(tier, t -> new ArrayList<>()).add(u);
        }
        Map<Tier, double[]> medians = new EnumMap<>(Tier.class);
        byTier.forEach((tier, rows) -> {
            double[] med = new double[m];
            double[] column = new double[rows.size()];
            for (int j = 0; j < m; j++) {
                for (int i = 0; i < rows.size(); i++) {
                    column[i] = rows.get(i)[j];
                }
                med[j] = median(column);
            }
            medians.put(tier, med);
            counts.put(tier, rows.size());
        });
        return medians;
    }

    /** The median: the middle value, or the mean of the two middle values of an even count. */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** The band of a ratio to the median; "green" when the median is 0 (NaN ratio). */
    static String band(double ratio, WorkflowSettings settings) {
        if (Double.isNaN(ratio)) {
            return "green";
        }
        return ratio < settings.adoptionRedBelow() ? "red" : ratio < settings.adoptionYellowBelow() ? "yellow" : "green";
    }

    /**
     * Writes {@code adoption.csv}: the ranked accounts in the feature table, in ranking order, one row
     * per module in module-name order.
     */
    static Map<String, Object> write(List<ScoredAccount> ranked, List<ScoredAccount> all, FeatureTable table,
                                     WorkflowSettings settings, Map<String, String> files, Map<String, Object> counts) {
        StringBuilder sb = new StringBuilder(Cells.header(COLUMNS));
        Map<String, Object> summary = new LinkedHashMap<>();
        ModuleUsage usage = table == null ? null : table.moduleUsage();
        if (usage == null) {
            files.put(Workflow.ADOPTION, sb.toString());
            counts.put(Workflow.ADOPTION, 0);
            summary.put("modules", List.of());
            summary.put("modules_configured", false);
            summary.put("conversations", 0);
            return summary;
        }
        Map<String, Tier> tiers = new LinkedHashMap<>();
        all.forEach(a -> tiers.put(a.accountId(), a.tier()));
        Map<Tier, Integer> cohortSizes = new EnumMap<>(Tier.class);
        Map<Tier, double[]> medians = medians(table, usage, tiers, cohortSizes);
        List<String> modules = usage.modules();
        int m = modules.size();
        int rows = 0;
        int conversations = 0;
        int rank = 0;
        for (ScoredAccount a : ranked) {
            rank++;
            int row = table.rowOf(a.accountId());
            if (row < 0) {
                continue;
            }
            double seats = table.value(row, Feature.LICENSED_SEATS.ordinal());
            boolean known = seats > 0;
            double[] med = medians.get(a.tier());
            double[] ratio = new double[m];
            String[] band = new String[m];
            int focus = -1;
            for (int j = 0; j < m; j++) {
                double u = known ? usage.events(row, j) / seats : Double.NaN;
                ratio[j] = known && med != null && med[j] > 0 ? u / med[j] : Double.NaN;
                band[j] = known && med != null ? band(ratio[j], settings) : null;
                // the module most below its cohort; ties by module name (the first)
                if (band[j] != null && !band[j].equals("green") && (focus < 0 || ratio[j] < ratio[focus])) {
                    focus = j;
                }
            }
            for (int j = 0; j < m; j++) {
                Cells c = new Cells(sb);
                long events = usage.events(row, j);
                c.whole(rank).text(a.accountId()).text(a.name()).text(a.tier().label()).text(a.csm())
                        .raw(known ? (Object) (long) seats : null).text(modules.get(j)).whole(events)
                        .number(known ? events / seats : Double.NaN, 100)
                        .number(med == null || !known ? Double.NaN : med[j], 100)
                        .raw(known ? cohortSizes.getOrDefault(a.tier(), 0) : null)
                        .number(ratio[j], 100).text(band[j])
                        .text(j == focus ? (events == 0 ? "expansion" : "training") : null);
                c.end();
                rows++;
            }
            conversations += focus >= 0 ? 1 : 0;
        }
        files.put(Workflow.ADOPTION, sb.toString());
        counts.put(Workflow.ADOPTION, rows);
        summary.put("modules", modules);
        summary.put("modules_configured", usage.configured());
        summary.put("window_days", 30);
        summary.put("red_below", settings.adoptionRedBelow());
        summary.put("yellow_below", settings.adoptionYellowBelow());
        summary.put("conversations", conversations);
        return summary;
    }
}
