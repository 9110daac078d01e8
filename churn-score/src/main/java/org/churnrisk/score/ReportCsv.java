package org.churnrisk.score;

import java.util.List;
import org.churnrisk.features.output.Csv;
import org.churnrisk.features.output.Numbers;

/**
 * The at-risk report as CSV, the file CS leaders open in a spreadsheet: a header of
 * {@link #COLUMNS}, then one line per account in report order (ranked accounts first, then the
 * unscored ones), UTF-8 with {@code \n} line ends.
 *
 * <p>Text cells go through {@link Csv}, so a name such as {@code =HYPERLINK(...)} is written with
 * a leading apostrophe and a spreadsheet shows it as text instead of running it. Numbers are
 * written by {@link Numbers} and never prefixed, so negative values stay numbers. Probabilities
 * keep 4 decimals, money 2, the health score 1. An unscored account has empty rank, probability
 * and ARR at risk, band {@code unscored}, and the reason in {@code driver_1}.
 *
 * <p>Same accounts, same bytes. Stateless.
 */
public final class ReportCsv {
    /** The columns, in order. */
    public static final List<String> COLUMNS = List.of("rank", "account_id", "account_name", "tier", "csm", "arr",
            "renewal_date", "days_to_renewal", "churn_probability", "risk_band", "arr_at_risk", "health_score",
            "driver_1", "driver_2", "driver_3", "suggested_play", "holdout");

    /** Drivers per account in the report. */
    public static final int DRIVERS = 3;

    private ReportCsv() {
    }

    /** The whole report, header included. */
    public static String write(List<ScoredAccount> accounts) {
        return write(accounts, a -> false);
    }

    /**
     * The whole report, header included, with {@code holdout} in the last column of the accounts
     * held out of the plays ({@code scoring.holdout}, docs/scoring.md).
     */
    public static String write(List<ScoredAccount> accounts, java.util.function.Predicate<ScoredAccount> holdout) {
        StringBuilder sb = new StringBuilder(256 * (accounts.size() + 1));
        sb.append(String.join(",", COLUMNS)).append('\n');
        int rank = 0;
        for (ScoredAccount a : accounts) {
            line(sb, a.scored() ? ++rank : 0, a, holdout.test(a));
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, int rank, ScoredAccount a, boolean holdout) {
        if (rank > 0) {
            sb.append(rank);
        }
        sb.append(',');
        Csv.appendText(sb, a.accountId());
        sb.append(',');
        Csv.appendText(sb, a.name());
        sb.append(',');
        Csv.appendText(sb, a.tier().label());
        sb.append(',');
        Csv.appendText(sb, a.csm());
        sb.append(',');
        Numbers.append(sb, round(a.arr(), 100));
        sb.append(',');
        if (a.renewalDate() != null) {
            sb.append(a.renewalDate());
        }
        sb.append(',');
        if (a.daysToRenewal() >= 0) {
            sb.append(a.daysToRenewal());
        }
        sb.append(',');
        if (a.scored()) {
            Numbers.append(sb, round(a.probability(), 10_000));
        }
        sb.append(',');
        sb.append(a.bandLabel());
        sb.append(',');
        if (a.scored()) {
            Numbers.append(sb, round(a.arrAtRisk(), 100));
        }
        sb.append(',');
        Numbers.append(sb, round(a.healthScore(), 10));
        for (int d = 0; d < DRIVERS; d++) {
            sb.append(',');
            if (!a.scored()) {
                if (d == 0) {
                    Csv.appendText(sb, "not scored: " + a.unscoredReason());
                }
            } else if (d < a.drivers().size()) {
                Csv.appendText(sb, a.drivers().get(d).phrase());
            }
        }
        sb.append(',');
        Csv.appendText(sb, a.play());
        sb.append(',');
        if (holdout) {
            sb.append("holdout");
        }
        sb.append('\n');
    }

    static double round(double v, double scale) {
        double scaled = v * scale;
        // From 2^52 on a double has no fraction left to round, and Math.round would saturate at 2^63.
        return Math.abs(scaled) >= 0x1p52 || !Double.isFinite(scaled) ? v : Math.round(scaled) / scale;
    }
}
