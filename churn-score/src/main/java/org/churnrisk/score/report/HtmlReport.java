package org.churnrisk.score.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.churnrisk.core.AtomicFiles;
import org.churnrisk.score.history.HistoryEntry;
import org.churnrisk.score.history.RecordedAccount;

/**
 * {@code report.html}: the at-risk report for CS leaders as one self-contained page (inline CSS
 * and SVG, no script, nothing fetched), readable on a laptop and printable. Built from the run
 * history alone, so {@code churn score} and {@code churn report} write the same bytes for the same
 * history. Sections, each a {@code <section id=...>}: {@code tiles}, {@code arr-at-risk},
 * {@code trends}, {@code top-accounts}, {@code model-card}, {@code data-quality}. Every text value
 * is escaped (account names are user data). Stateless.
 */
public final class HtmlReport {
    /** The file name beside the reports. */
    public static final String FILE = "report.html";
    /** Accounts listed under "Top accounts". */
    public static final int TOP = 25;
    private static final String[] BANDS = {"red", "yellow", "green"};
    private static final String[] TIERS = {"starter", "growth", "enterprise"};

    private HtmlReport() {
    }

    /** {@code report.html} in a report folder. */
    public static Path fileOf(Path folder) {
        return folder.resolve(FILE);
    }

    /**
     * Writes the page of the latest entry of {@code history} (atomically: a hidden sibling renamed
     * into place). Nothing is written for an empty history.
     */
    public static void write(Path file, List<HistoryEntry> history) throws IOException {
        if (history.isEmpty()) {
            return;
        }
        Path tmp = AtomicFiles.createSibling(file);
        try {
            Files.writeString(tmp, render(history, history.get(history.size() - 1).asOf()), StandardCharsets.UTF_8);
            AtomicFiles.moveIntoPlace(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The page for the run of {@code asOf}, with the trends of every run up to it.
     *
     * @throws IllegalArgumentException if the history has no entry for {@code asOf}
     */
    public static String render(List<HistoryEntry> history, LocalDate asOf) {
        List<HistoryEntry> runs = history.stream().filter(e -> !e.asOf().isAfter(asOf)).toList();
        if (runs.isEmpty() || !runs.get(runs.size() - 1).asOf().equals(asOf)) {
            throw new IllegalArgumentException("the history has no run as of " + asOf);
        }
        HistoryEntry now = runs.get(runs.size() - 1);
        HistoryEntry before = runs.size() > 1 ? runs.get(runs.size() - 2) : null;
        StringBuilder sb = new StringBuilder(64 * 1024);
        head(sb, now);
        tiles(sb, now, before);
        arrAtRisk(sb, now);
        trends(sb, runs);
        topAccounts(sb, now);
        modelCard(sb, now);
        dataQuality(sb, now);
        sb.append("<footer><p>Written by churn-risk from the run history in <code>history/</code>; rebuild it with"
                + " <code>churn report --reports DIR</code>. Probabilities are calibrated chances of churn within ")
                .append(now.horizonDays()).append(" days; ARR at risk is probability &times; ARR.</p></footer>\n");
        sb.append("</main>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static void head(StringBuilder sb, HistoryEntry now) {
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Churn risk as of ").append(now.asOf()).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n<main>\n<header>\n<h1>Churn risk as of ").append(now.asOf())
                .append("</h1>\n<p class=\"meta\">Report <code>").append(Html.esc(str(now.get("report"))))
                .append("</code> &middot; model ").append(Html.esc(str(now.get("model", "algorithm"))))
                .append(" &middot; churn within ").append(now.horizonDays()).append(" days &middot; red from ")
                .append(Html.pct(now.number("bands", "red_at"), 0)).append(", yellow from ")
                .append(Html.pct(now.number("bands", "yellow_at"), 0)).append("</p>\n</header>\n");
    }

    private static void tiles(StringBuilder sb, HistoryEntry now, HistoryEntry before) {
        double redArr = 0;
        int renewing = 0;
        double renewingArr = 0;
        for (RecordedAccount a : now.accounts()) {
            if ("red".equals(a.band())) {
                redArr += a.arr();
            }
            long days = a.daysToRenewal(now.asOf());
            if (a.flagged() && days >= 0 && days <= 120) {
                renewing++;
                renewingArr += a.arr();
            }
        }
        sb.append("<section id=\"tiles\">\n<h2>At a glance</h2>\n<div class=\"tiles\">\n");
        tile(sb, "Accounts scored", "accounts.scored", Html.count(now.number("accounts", "scored")),
                "of " + Html.count(now.number("accounts", "active")) + " active; "
                        + Html.count(now.number("accounts", "unscored")) + " not scored");
        tile(sb, "ARR at risk", "arr.at_risk", Html.money(now.number("arr", "at_risk")),
                "of " + Html.money(now.number("arr", "scored")) + " scored ARR");
        tile(sb, "Red ARR", "arr.red", Html.money(redArr), Html.count(now.number("accounts", "by_band", "red"))
                + " red accounts, " + Html.money(now.number("arr", "at_risk_by_band", "red")) + " at risk");
        tile(sb, "At risk, renewing within 120 days", "accounts.renewing_at_risk", Html.count(renewing),
                "red or yellow accounts with " + Html.money(renewingArr) + " ARR");
        if (before == null) {
            tile(sb, "Change since the last run", "change", "first run", "no earlier run in this folder");
        } else {
            tile(sb, "Change since " + before.asOf(), "change.arr_at_risk",
                    Html.moneyChange(now.number("arr", "at_risk") - before.number("arr", "at_risk")),
                    "ARR at risk; red accounts " + Html.countChange(now.number("accounts", "by_band", "red")
                            - before.number("accounts", "by_band", "red")) + ", "
                            + Html.count(enteredRed(now, before)) + " entered red");
        }
        sb.append("</div>\n");
        if (now.holdout() != null) {
            long held = now.accounts().stream().filter(RecordedAccount::holdout).count();
            long flagged = now.accounts().stream().filter(RecordedAccount::flagged).count();
            sb.append("<p class=\"note\">Holdout on: ").append(Html.pct(((Number) now.holdout().get("share"))
                    .doubleValue(), 0)).append(" of newly flagged accounts get no play; ").append(held)
                    .append(" accounts held out now, ").append(flagged).append(" red or yellow. <code>churn outcomes"
                            + "</code> compares their rescue rate with the treated accounts'.</p>\n");
        }
        sb.append("</section>\n");
    }

    private static long enteredRed(HistoryEntry now, HistoryEntry before) {
        return now.accounts().stream().filter(a -> "red".equals(a.band()))
                .filter(a -> before.account(a.accountId()) == null || !"red".equals(before.account(a.accountId()).band()))
                .count();
    }

    private static void tile(StringBuilder sb, String label, String key, String value, String sub) {
        sb.append("<div class=\"tile\"><div class=\"label\">").append(Html.esc(label))
                .append("</div><div class=\"value\" data-key=\"").append(key).append("\">").append(Html.esc(value))
                .append("</div><div class=\"sub\">").append(Html.esc(sub)).append("</div></div>\n");
    }

    private static void arrAtRisk(StringBuilder sb, HistoryEntry now) {
        double[][] byTierBand = new double[TIERS.length][BANDS.length];
        for (RecordedAccount a : now.accounts()) {
            for (int t = 0; t < TIERS.length; t++) {
                for (int b = 0; b < BANDS.length; b++) {
                    if (TIERS[t].equals(a.tier()) && BANDS[b].equals(a.band())) {
                        byTierBand[t][b] += a.arrAtRisk();
                    }
                }
            }
        }
        List<Svg.Series> series = new ArrayList<>();
        for (int b = 0; b < BANDS.length; b++) {
            double[] v = new double[TIERS.length];
            for (int t = 0; t < TIERS.length; t++) {
                v[t] = byTierBand[t][b];
            }
            series.add(new Svg.Series(BANDS[b], BANDS[b], v));
        }
        sb.append("<section id=\"arr-at-risk\">\n<h2>ARR at risk by tier and band</h2>\n<figure class=\"chart\">")
                .append(Svg.bars("ARR at risk by tier, stacked by band", List.of(TIERS), series, true, Html::moneyShort))
                .append("<figcaption>Probability &times; ARR, summed per tier and band.</figcaption></figure>\n");
        sb.append("<table class=\"numbers\"><thead><tr><th>tier</th>");
        for (String b : BANDS) {
            sb.append("<th>").append(b).append("</th>");
        }
        sb.append("<th>all bands</th></tr></thead><tbody>\n");
        for (int t = 0; t < TIERS.length; t++) {
            sb.append("<tr><td>").append(TIERS[t]).append("</td>");
            for (int b = 0; b < BANDS.length; b++) {
                sb.append("<td>").append(Html.money(byTierBand[t][b])).append("</td>");
            }
            sb.append("<td data-key=\"arr.at_risk_by_tier.").append(TIERS[t]).append("\">")
                    .append(Html.money(now.number("arr", "at_risk_by_tier", TIERS[t]))).append("</td></tr>\n");
        }
        sb.append("<tr class=\"total\"><td>all tiers</td>");
        for (String b : BANDS) {
            sb.append("<td data-key=\"arr.at_risk_by_band.").append(b).append("\">")
                    .append(Html.money(now.number("arr", "at_risk_by_band", b))).append("</td>");
        }
        sb.append("<td data-key=\"arr.at_risk\">").append(Html.money(now.number("arr", "at_risk")))
                .append("</td></tr>\n</tbody></table>\n</section>\n");
    }

    private static void trends(StringBuilder sb, List<HistoryEntry> runs) {
        List<String> dates = runs.stream().map(e -> e.asOf().toString()).toList();
        List<Svg.Series> counts = new ArrayList<>();
        for (String b : BANDS) {
            counts.add(new Svg.Series(b, b, runs.stream().mapToDouble(e -> e.number("accounts", "by_band", b)).toArray()));
        }
        List<Svg.Series> arr = List.of(new Svg.Series("ARR at risk", "model",
                runs.stream().mapToDouble(e -> e.number("arr", "at_risk")).toArray()));
        sb.append("<section id=\"trends\">\n<h2>Over the runs in this folder</h2>\n<p>")
                .append(runs.size() == 1 ? "One run so far; the charts grow with every night's run."
                        : runs.size() + " runs from " + dates.get(0) + " to " + dates.get(dates.size() - 1) + ".")
                .append("</p>\n<div class=\"pair\"><figure class=\"chart\">")
                .append(Svg.lines("Accounts per band over the runs", dates, counts, Html::count))
                .append("<figcaption>Accounts per band.</figcaption></figure>\n<figure class=\"chart\">")
                .append(Svg.lines("ARR at risk over the runs", dates, arr, Html::moneyShort))
                .append("<figcaption>ARR at risk.</figcaption></figure></div>\n</section>\n");
    }

    private static void topAccounts(StringBuilder sb, HistoryEntry now) {
        List<RecordedAccount> top = now.accounts().stream().filter(RecordedAccount::scored).limit(TOP).toList();
        sb.append("<section id=\"top-accounts\">\n<h2>Top ").append(top.size())
                .append(" accounts by churn risk</h2>\n<table class=\"accounts\"><thead><tr><th>#</th><th>account</th>"
                        + "<th>tier</th><th>CSM</th><th>ARR</th><th>renewal</th><th>churn</th><th>ARR at risk</th>"
                        + "<th>why</th><th>play</th></tr></thead><tbody>\n");
        int rank = 0;
        for (RecordedAccount a : top) {
            rank++;
            long days = a.daysToRenewal(now.asOf());
            sb.append("<tr><td>").append(rank).append("</td><td><span class=\"name\">").append(Html.esc(a.name()))
                    .append("</span><br><span class=\"id\">").append(Html.esc(a.accountId())).append("</span></td><td class=\"nw\">")
                    .append(Html.esc(a.tier())).append("</td><td>").append(Html.esc(a.csm())).append("</td><td class=\"nw\">")
                    .append(Html.money(a.arr())).append("</td><td class=\"nw\">")
                    .append(a.renewalDate() == null ? "unknown" : a.renewalDate() + "<br>" + days + " days")
                    .append("</td><td class=\"nw\"><span class=\"band ").append(Html.esc(a.band())).append("\">")
                    .append(Html.pct(a.probability(), 1)).append(' ').append(Html.esc(a.band()))
                    .append("</span></td><td class=\"nw\">").append(Html.money(a.arrAtRisk()))
                    .append("</td><td class=\"why\"><ul>");
            for (String d : a.drivers()) {
                sb.append("<li>").append(Html.esc(d)).append("</li>");
            }
            sb.append("</ul></td><td>").append(a.holdout() ? "<em>holdout: no play</em>" : Html.esc(a.play()))
                    .append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n</section>\n");
    }

    @SuppressWarnings("unchecked")
    private static void modelCard(StringBuilder sb, HistoryEntry now) {
        sb.append("<section id=\"model-card\">\n<h2>Model card</h2>\n<dl>");
        dl(sb, "algorithm", str(now.get("model", "algorithm")));
        dl(sb, "created by", str(now.get("model", "created_by")));
        dl(sb, "trained on", str(now.get("model", "trained_snapshots")) + " monthly snapshots");
        dl(sb, "horizon", now.horizonDays() + " days");
        dl(sb, "calibration", str(now.get("model", "calibration")));
        sb.append("</dl>\n");
        Map<String, Object> card = now.modelCard();
        if (card == null) {
            sb.append("<p class=\"note\">The model bundle has no <code>evaluation.json</code>, so there is no backtest"
                    + " to show; bundles written by <code>churn train</code> have one.</p>\n</section>\n");
            return;
        }
        Map<String, Object> m = (Map<String, Object>) card.get("model");
        Map<String, Object> h = (Map<String, Object>) card.get("health");
        sb.append("<p>Backtest on ").append(card.get("folds")).append(" rolling-origin folds of ")
                .append(Html.count(((Number) card.get("labelled")).doubleValue())).append(" labelled snapshots (")
                .append(Html.count(((Number) card.get("positives")).doubleValue())).append(" churned), data up to ")
                .append(Html.esc(str(card.get("data_end")))).append(", against the rule-based health score.</p>\n")
                .append("<table class=\"numbers\"><thead><tr><th></th><th>")
                .append(Html.esc(str(card.get("algorithm")))).append("</th><th>health score</th></tr></thead><tbody>\n");
        metric(sb, "ROC AUC", m, h, "roc_auc", v -> Html.dec(v, 3));
        metric(sb, "lift of the riskiest 10%", m, h, "top_decile_lift", v -> Html.dec(v, 2) + "&times;");
        metric(sb, "churn rate of the riskiest 10%", m, h, "top_10_percent_precision", v -> Html.pct(v, 1));
        metric(sb, "calibration error (ECE)", m, h, "ece", v -> Html.dec(v, 3));
        sb.append("</tbody></table>\n");
        List<Map<String, Object>> lift = (List<Map<String, Object>>) card.get("lift_by_decile");
        List<String> deciles = lift.stream().map(d -> String.valueOf(d.get("decile"))).toList();
        List<Svg.Series> series = new ArrayList<>();
        series.add(new Svg.Series(str(card.get("algorithm")), "model",
                lift.stream().mapToDouble(d -> ((Number) d.get("model")).doubleValue()).toArray()));
        if (lift.stream().allMatch(d -> d.get("health") instanceof Number)) {
            series.add(new Svg.Series("health score", "health",
                    lift.stream().mapToDouble(d -> ((Number) d.get("health")).doubleValue()).toArray()));
        }
        List<Map<String, Object>> bins = (List<Map<String, Object>>) card.get("reliability");
        sb.append("<div class=\"pair\"><figure class=\"chart\">")
                .append(Svg.bars("Lift by decile", deciles, series, false, v -> Html.dec(v, 1) + "x"))
                .append("<figcaption>Churn rate per decile of risk (1 = riskiest) over the base rate.</figcaption>"
                        + "</figure>\n<figure class=\"chart\">")
                .append(Svg.reliability("Reliability", bins.stream().mapToDouble(b -> num(b, "mean_predicted")).toArray(),
                        bins.stream().mapToDouble(b -> num(b, "observed_rate")).toArray(),
                        bins.stream().mapToInt(b -> ((Number) b.get("count")).intValue()).toArray()))
                .append("<figcaption>Observed churn rate against the mean predicted probability per bin; on the"
                        + " diagonal the probabilities are right.</figcaption></figure></div>\n</section>\n");
    }

    private static void metric(StringBuilder sb, String label, Map<String, Object> m, Map<String, Object> h, String key,
                               java.util.function.DoubleFunction<String> format) {
        sb.append("<tr><td>").append(label).append("</td><td>").append(format.apply(num(m, key))).append("</td><td>")
                .append(h == null ? "" : format.apply(num(h, key))).append("</td></tr>\n");
    }

    @SuppressWarnings("unchecked")
    private static void dataQuality(StringBuilder sb, HistoryEntry now) {
        sb.append("<section id=\"data-quality\">\n<h2>Data quality</h2>\n");
        Object rows = now.get("rows");
        if (rows instanceof Map<?, ?> perSource && !perSource.isEmpty()) {
            sb.append("<table class=\"numbers\"><thead><tr><th>source</th><th>rows read</th><th>accepted</th>"
                    + "<th>rejected</th></tr></thead><tbody>\n");
            ((Map<String, Object>) perSource).forEach((source, c) -> {
                Map<String, Object> counts = (Map<String, Object>) c;
                double rejected = num(counts, "rejected");
                sb.append("<tr").append(rejected > 0 ? " class=\"warn\"" : "").append("><td>").append(Html.esc(source))
                        .append("</td><td data-key=\"rows.").append(Html.esc(source)).append(".read\">")
                        .append(Html.count(num(counts, "read"))).append("</td><td>")
                        .append(Html.count(num(counts, "accepted"))).append("</td><td>").append(Html.count(rejected))
                        .append("</td></tr>\n");
            });
            sb.append("</tbody></table>\n");
        }
        sb.append("<ul class=\"quality\">");
        Object last = now.get("data", "usage_last_day");
        if (last instanceof String day) {
            long lag = LocalDate.parse(day).until(now.asOf().minusDays(1), java.time.temporal.ChronoUnit.DAYS);
            sb.append("<li").append(lag > 2 ? " class=\"warn\"" : "").append(">The usage export ends ").append(day)
                    .append(lag <= 0 ? ", the day before the as-of date." : ", " + lag + (lag == 1 ? " day" : " days")
                            + " before the day before the as-of date" + (lag > 2 ? " (stale)." : "."))
                    .append("</li>");
        }
        Object reasons = now.get("accounts", "unscored_reasons");
        if (reasons instanceof Map<?, ?> r) {
            r.forEach((reason, n) -> sb.append("<li>").append(Html.count(((Number) n).doubleValue()))
                    .append(" not scored: ").append(Html.esc(String.valueOf(reason))).append("</li>"));
        }
        for (String note : now.notes()) {
            sb.append("<li>").append(Html.esc(note)).append("</li>");
        }
        if (now.get("rejects_files") instanceof List<?> files && !files.isEmpty()) {
            sb.append("<li class=\"warn\">Rejected rows were written to ").append(files.size())
                    .append(files.size() == 1 ? " file" : " files").append(" beside the report.</li>");
        }
        sb.append("</ul>\n</section>\n");
    }

    private static void dl(StringBuilder sb, String term, String value) {
        sb.append("<dt>").append(Html.esc(term)).append("</dt><dd>").append(Html.esc(value)).append("</dd>");
    }

    private static double num(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.doubleValue() : 0;
    }

    private static String str(Object o) {
        return o == null ? "unknown" : o.toString();
    }

    private static final String CSS = """
            :root { --red: #c0392b; --yellow: #c99a06; --green: #2e8b57; --model: #2c5d9e; --health: #9aa5b1;
              --ink: #1d232b; --muted: #5b6570; --line: #d9dee3; }
            * { box-sizing: border-box; }
            body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
              background: #f6f7f9; }
            main { max-width: 1120px; margin: 0 auto; padding: 24px; }
            header h1 { margin: 0 0 4px; font-size: 26px; }
            .meta, .sub, figcaption, .id { color: var(--muted); }
            section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin: 16px 0; }
            h2 { font-size: 18px; margin: 0 0 12px; }
            .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: 12px; }
            .tile { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; min-width: 0; }
            .tile .label { font-size: 13px; color: var(--muted); }
            .tile .value { font-size: 24px; font-weight: 600; overflow-wrap: anywhere; }
            .tile .sub { font-size: 12.5px; overflow-wrap: anywhere; }
            .pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 16px; }
            figure { margin: 0 0 8px; min-width: 0; }
            svg { width: 100%; height: auto; display: block; }
            svg text { font-size: 11px; fill: var(--muted); }
            .grid { stroke: var(--line); stroke-width: 1; }
            .diagonal { stroke: var(--health); stroke-dasharray: 4 4; }
            .line { fill: none; stroke-width: 2; }
            rect.red, circle.red, .key.red { fill: var(--red); } .line.red { stroke: var(--red); }
            rect.yellow, circle.yellow, .key.yellow { fill: var(--yellow); } .line.yellow { stroke: var(--yellow); }
            rect.green, circle.green, .key.green { fill: var(--green); } .line.green { stroke: var(--green); }
            rect.model, circle.model, .key.model { fill: var(--model); } .line.model { stroke: var(--model); }
            rect.health, .key.health { fill: var(--health); }
            circle.model { fill-opacity: 0.75; }
            table { border-collapse: collapse; width: 100%; margin: 8px 0; }
            th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top;
              overflow-wrap: break-word; }
            td.nw { white-space: nowrap; }
            table.accounts td.why { min-width: 16em; }
            th { font-size: 13px; color: var(--muted); font-weight: 600; }
            table.numbers td:not(:first-child), table.numbers th:not(:first-child) { text-align: right; }
            tr.total td { font-weight: 600; }
            table.accounts { font-size: 13.5px; table-layout: auto; }
            table.accounts ul { margin: 0; padding-left: 16px; }
            .name { font-weight: 600; }
            .band { white-space: nowrap; font-weight: 600; }
            .band.red { color: var(--red); } .band.yellow { color: var(--yellow); } .band.green { color: var(--green); }
            .warn { color: var(--red); }
            .note { color: var(--muted); font-size: 13.5px; }
            dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 8px; }
            dt { color: var(--muted); } dd { margin: 0; overflow-wrap: anywhere; }
            code { font-size: 0.92em; overflow-wrap: anywhere; }
            footer { color: var(--muted); font-size: 12.5px; }
            @media print {
              @page { size: A4; margin: 12mm; }
              body { background: #fff; font-size: 10pt; }
              main { max-width: none; padding: 0; }
              section { border: none; padding: 0; margin: 0 0 10mm; break-inside: avoid-page; }
              #top-accounts { break-inside: auto; }
              tr { break-inside: avoid; }
              .pair { grid-template-columns: 1fr 1fr; }
              * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            }
            """;
}
