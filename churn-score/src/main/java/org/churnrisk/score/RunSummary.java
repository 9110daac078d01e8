package org.churnrisk.score;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.churnrisk.core.contract.Source;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.core.features.RiskBand;
import org.churnrisk.features.io.problems.ReadStats;
import org.churnrisk.score.workflow.Workflow;

/**
 * What a scoring run did, for the person who reads the log and for the next night's run: accounts
 * scored, ARR at risk in total and by tier and band, the accounts that entered the red band since
 * the previous report in the same folder, rows read per source, where the model and the data came
 * from, and how long it took. Written beside the report as {@link #fileOf its summary file}
 * (docs/scoring.md lists the keys) and printed as {@link #text()}.
 *
 * @param report     the report file
 * @param values     the summary as maps, lists, strings and numbers, in a fixed key order
 * @param enteredRed the accounts that are red now and were not in the previous report's red band,
 *                   in report order; empty when there is no previous report
 * @param previous   the previous report, or null when the folder holds none
 */
public record RunSummary(Path report, Map<String, Object> values, List<ScoredAccount> enteredRed,
                         Path previous) {

    /** Marks the summaries churn-risk writes, so that the next run finds them. */
    static final String FORMAT = "churn-risk/score-summary/1";
    /** Appended to the report's file name. */
    public static final String SUFFIX = ".summary.json";

    public RunSummary {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        enteredRed = List.copyOf(enteredRed);
    }

    /** The summary file of a report: {@code at-risk.summary.json} beside {@code at-risk.csv}. */
    public static Path fileOf(Path report) {
        String name = report.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return report.resolveSibling(stem + SUFFIX);
    }

    /** Builds the summary of a scored book about to be written to {@code report}. */
    static RunSummary of(Path report, ScoredBook book, ScoringSettings settings, PreviousReport previous,
                         double seconds) {
        return of(report, book, settings, previous, null, seconds);
    }

    /** Builds the summary, with the workflow files' section when {@code workflow} is not null. */
    static RunSummary of(Path report, ScoredBook book, ScoringSettings settings, PreviousReport previous,
                         Workflow workflow, double seconds) {
        List<ScoredAccount> accounts = book.accounts();
        List<ScoredAccount> enteredRed = new ArrayList<>();
        if (previous != null) {
            for (ScoredAccount a : accounts) {
                if (a.band() == RiskBand.RED && !previous.red().contains(a.accountId())) {
                    enteredRed.add(a);
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("report", report.getFileName().toString());
        m.put("as_of", book.asOf().toString());

        Map<String, Object> counts = new LinkedHashMap<>();
        long scored = accounts.stream().filter(ScoredAccount::scored).count();
        counts.put("active", accounts.size());
        counts.put("scored", scored);
        counts.put("unscored", accounts.size() - scored);
        Map<String, Object> byBand = new LinkedHashMap<>();
        for (RiskBand band : RiskBand.values()) {
            byBand.put(band.label(), accounts.stream().filter(a -> a.band() == band).count());
        }
        counts.put("by_band", byBand);
        Map<String, Long> reasons = new TreeMap<>();
        accounts.stream().filter(a -> !a.scored()).forEach(a -> reasons.merge(a.unscoredReason(), 1L, Long::sum));
        counts.put("unscored_reasons", reasons);
        m.put("accounts", counts);

        Map<String, Object> arr = new LinkedHashMap<>();
        arr.put("total", money(accounts.stream().mapToDouble(ScoredAccount::arr).sum()));
        arr.put("scored", money(accounts.stream().filter(ScoredAccount::scored).mapToDouble(ScoredAccount::arr).sum()));
        arr.put("at_risk", money(atRisk(accounts)));
        Map<String, Object> byTier = new LinkedHashMap<>();
        for (Tier tier : Tier.values()) {
            byTier.put(tier.label(), money(atRisk(accounts.stream().filter(a -> a.tier() == tier).toList())));
        }
        arr.put("at_risk_by_tier", byTier);
        Map<String, Object> riskByBand = new LinkedHashMap<>();
        for (RiskBand band : RiskBand.values()) {
            riskByBand.put(band.label(), money(atRisk(accounts.stream().filter(a -> a.band() == band).toList())));
        }
        arr.put("at_risk_by_band", riskByBand);
        m.put("arr", arr);

        Map<String, Object> red = new LinkedHashMap<>();
        red.put("previous_report", previous == null ? null : previous.report().getFileName().toString());
        red.put("previous_as_of", previous == null ? null : previous.asOf().toString());
        red.put("count", previous == null ? null : enteredRed.size());
        red.put("accounts", enteredRed.stream().map(ScoredAccount::accountId).toList());
        m.put("entered_red", red);

        Map<String, Object> bands = new LinkedHashMap<>();
        bands.put("red_at", settings.redAt());
        bands.put("yellow_at", settings.yellowAt());
        m.put("bands", bands);

        if (workflow != null) {
            m.put("workflow", workflow.summary());
        }

        if (book.extraction() != null) {
            ReadStats stats = book.extraction().stats();
            Map<String, Object> rows = new LinkedHashMap<>();
            for (Source source : Source.values()) {
                if (stats.counts().containsKey(source)) {
                    ReadStats.Counts c = stats.of(source);
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("read", c.read());
                    line.put("accepted", c.accepted());
                    line.put("rejected", c.rejected());
                    rows.put(source.fileStem(), line);
                }
            }
            m.put("rows", rows);
            m.put("rejects_files", book.extraction().rejectFiles().stream().map(Path::toString).toList());
        }
        m.put("model", book.model());
        m.put("data", book.data());
        m.put("duration_seconds", Math.round(seconds * 10) / 10.0);
        Map<String, Object> stages = new LinkedHashMap<>();
        book.stages().forEach((stage, s) -> stages.put(stage, Math.round(s * 10) / 10.0));
        m.put("stage_seconds", stages);
        return new RunSummary(report, m, enteredRed, previous == null ? null : previous.report());
    }

    /** The summary as pretty-printed JSON with {@code \n} line ends and a final newline. */
    public String json() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN).writeValueAsString(values)
                    .replace("\r\n", "\n") + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a summary holds only maps, lists, strings and numbers", e);
        }
    }

    /** A few lines for a person: counts, ARR at risk by band and tier, new red accounts. */
    public String text() {
        Map<String, Object> accounts = map(values, "accounts");
        Map<String, Object> byBand = map(accounts, "by_band");
        Map<String, Object> arr = map(values, "arr");
        Map<String, Object> riskByBand = map(arr, "at_risk_by_band");
        Map<String, Object> riskByTier = map(arr, "at_risk_by_tier");
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "As of %s: %,.0f active accounts, %,.0f scored (%,.0f red, %,.0f yellow,"
                        + " %,.0f green), %,.0f not scored%n", values.get("as_of"), num(accounts, "active"),
                num(accounts, "scored"), num(byBand, "red"), num(byBand, "yellow"), num(byBand, "green"),
                num(accounts, "unscored")));
        sb.append(String.format(Locale.ROOT, "ARR at risk: $%,.0f of $%,.0f scored (red $%,.0f, yellow $%,.0f,"
                        + " green $%,.0f; starter $%,.0f, growth $%,.0f, enterprise $%,.0f)%n", num(arr, "at_risk"),
                num(arr, "scored"), num(riskByBand, "red"), num(riskByBand, "yellow"), num(riskByBand, "green"),
                num(riskByTier, "starter"), num(riskByTier, "growth"), num(riskByTier, "enterprise")));
        if (previous == null) {
            sb.append("Entered the red band: unknown (no earlier report in this folder)\n");
        } else {
            sb.append(String.format(Locale.ROOT, "Entered the red band since %s (as of %s): %,d%s%n",
                    previous.getFileName(), map(values, "entered_red").get("previous_as_of"), enteredRed.size(),
                    enteredRed.isEmpty() ? "" : " (" + names(enteredRed) + ")"));
        }
        if (values.get("workflow") instanceof Map<?, ?> w) {
            sb.append(workflowText(w));
        }
        return sb.toString();
    }

    private static String workflowText(Map<?, ?> w) {
        Map<?, ?> files = (Map<?, ?>) w.get("files");
        Map<?, ?> alerts = (Map<?, ?>) w.get("alerts");
        Map<?, ?> onboarding = (Map<?, ?>) w.get("onboarding");
        long lists = files.keySet().stream().filter(k -> k.toString().startsWith(Workflow.WORKLISTS + "/")
                && !k.equals(Workflow.GROWTH_QUEUE)).count();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Worklists (ranked by %s, %s a week per CSM): %d CSM lists in %s/, "
                        + "%s accounts in the growth queue, %s Starter accounts in %s%n", w.get("rank_by"),
                w.get("weekly_capacity"), lists, Workflow.WORKLISTS, files.get(Workflow.GROWTH_QUEUE),
                files.get(Workflow.DIGITAL_JOURNEY), Workflow.DIGITAL_JOURNEY));
        sb.append(String.format(Locale.ROOT, "Alerts: %s in %s%s; onboarding: %s accounts, %s check-ins due (%s)%n",
                alerts.get("count"), Workflow.ALERTS, Boolean.TRUE.equals(alerts.get("first_run"))
                        ? " (first run: no earlier report to compare with, so every red account and every health"
                        + " score below the threshold is listed)" : " since " + alerts.get("baseline_as_of"),
                onboarding.get("accounts"), onboarding.get("check_ins_due"), Workflow.ONBOARDING));
        Map<?, ?> adoption = (Map<?, ?>) w.get("adoption");
        if (adoption != null) {
            List<?> modules = (List<?>) adoption.get("modules");
            sb.append(modules.isEmpty() ? String.format(Locale.ROOT, "Adoption: no module usage counted, %s has the "
                    + "header only%n", Workflow.ADOPTION)
                    : String.format(Locale.ROOT, "Adoption by module (%s, %s): %s rows, %s conversations to open, in %s%n",
                    String.join(", ", modules.stream().map(Object::toString).toList()),
                    Boolean.TRUE.equals(adoption.get("modules_configured")) ? "from features.modules"
                            : "not configured in features.modules: the default core, exports, integrations",
                    files.get(Workflow.ADOPTION), adoption.get("conversations"), Workflow.ADOPTION));
        }
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    private static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    private static String names(List<ScoredAccount> accounts) {
        List<String> ids = accounts.stream().limit(5).map(ScoredAccount::accountId).toList();
        return String.join(", ", ids) + (accounts.size() > ids.size() ? ", ..." : "");
    }

    private static double atRisk(List<ScoredAccount> accounts) {
        return accounts.stream().filter(ScoredAccount::scored).mapToDouble(ScoredAccount::arrAtRisk).sum();
    }

    /** Cents, written as a plain decimal (a double such as 1.11953E7 would be written in exponent form). */
    static BigDecimal money(double v) {
        double cents = v * 100;
        if (Math.abs(cents) < 0x1p53) {
            return BigDecimal.valueOf(Math.round(cents)).movePointLeft(2);
        }
        // A total this large (over 90 trillion) has no cents to round in a double, and Math.round
        // would saturate at 2^63 cents: write the double's exact value instead.
        return new BigDecimal(v).setScale(2, java.math.RoundingMode.HALF_UP);
    }
}
