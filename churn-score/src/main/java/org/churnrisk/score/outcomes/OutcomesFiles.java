package org.churnrisk.score.outcomes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.churnrisk.core.AtomicFiles;

/**
 * Writes the outcomes as {@code outcomes.json} (the maps of {@link Outcomes}) and {@code
 * outcomes.md} (the same for a person), each to a hidden sibling renamed into place. Same
 * outcomes, same bytes. Stateless.
 */
public final class OutcomesFiles {
    public static final String JSON = "outcomes.json";
    public static final String MARKDOWN = "outcomes.md";

    private OutcomesFiles() {
    }

    /** Writes both files into {@code folder}. */
    public static void write(Path folder, Map<String, Object> outcomes) throws IOException {
        put(folder.resolve(JSON), json(outcomes));
        put(folder.resolve(MARKDOWN), markdown(outcomes));
    }

    static String json(Map<String, Object> outcomes) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(outcomes)
                    .replace("\r\n", "\n") + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outcomes hold only maps, lists, strings and numbers", e);
        }
    }

    /** The outcomes for a person: one section per run, then the rescue measurement. */
    @SuppressWarnings("unchecked")
    public static String markdown(Map<String, Object> o) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Outcomes of past runs\n\n");
        sb.append("Realised churn from the newer book, whose data ends ").append(o.get("data_end"))
                .append(". ARR is the ARR each report recorded on the day of its run, not today's. An account churned"
                        + " when the book has a churn date from the run's as-of date to the end of its window; it"
                        + " renewed when it has none and the data covers the whole window; otherwise it is pending"
                        + " and counted neither way.\n\n");
        List<Map<String, Object>> runs = (List<Map<String, Object>>) o.get("runs");
        if (runs.isEmpty()) {
            sb.append("No run in the history is older than the book's data.\n\n");
        }
        for (Map<String, Object> run : runs) {
            boolean complete = Boolean.TRUE.equals(run.get("complete"));
            sb.append("## Run as of ").append(run.get("as_of")).append(complete ? "" : " (partial)").append("\n\n");
            sb.append(complete ? "The " + run.get("horizon_days") + "-day window ended " + run.get("window_end")
                    + ": every account's outcome is known.\n\n"
                    : "Partial: the " + run.get("horizon_days") + "-day window ends " + run.get("window_end")
                    + ", after the book's data. Accounts that have not churned yet are pending, not renewed, and the"
                    + " realised rates are lower bounds.\n\n");
            sb.append("| band | accounts | mean predicted | churned | renewed | pending | realised rate | ARR | ARR"
                    + " churned |\n|---|---|---|---|---|---|---|---|---|\n");
            ((Map<String, Object>) run.get("by_band")).forEach((band, g) -> row(sb, band, (Map<String, Object>) g));
            sb.append("\n| decile | accounts | mean predicted | churned | renewed | pending | realised rate | ARR |"
                    + " ARR churned |\n|---|---|---|---|---|---|---|---|---|\n");
            for (Map<String, Object> g : (List<Map<String, Object>>) run.get("by_decile")) {
                row(sb, String.valueOf(g.get("decile")), g);
            }
            sb.append('\n');
            Object auc = run.get("realised_auc");
            sb.append(auc == null ? "Realised AUC: not known yet (it needs accounts that churned and accounts that"
                    + " renewed).\n\n" : "Realised AUC: " + fixed(auc, 3) + " over " + run.get("auc_accounts")
                    + " accounts whose outcome is known.\n\n");
            List<Map<String, Object>> misses = (List<Map<String, Object>>) run.get("churned_while_green");
            sb.append("Churned while green: ").append(misses.size()).append(misses.isEmpty() ? ".\n\n" : "\n\n");
            if (!misses.isEmpty()) {
                sb.append("| account | name | tier | ARR | probability | churned | drivers |\n|---|---|---|---|---|---|---|\n");
                for (Map<String, Object> m : misses) {
                    sb.append("| ").append(cell(m.get("account_id"))).append(" | ").append(cell(m.get("name")))
                            .append(" | ").append(m.get("tier")).append(" | ").append(money(m.get("arr"))).append(" | ")
                            .append(fixed(m.get("probability"), 4)).append(" | ").append(m.get("churned_at"))
                            .append(" | ").append(cell(String.join("; ", (List<String>) m.get("drivers"))))
                            .append(" |\n");
                }
                sb.append('\n');
            }
        }
        Map<String, Object> r = (Map<String, Object>) o.get("rescue");
        sb.append("## Rescues\n\n");
        if (!Boolean.TRUE.equals(r.get("holdout"))) {
            Map<String, Object> t = (Map<String, Object>) r.get("treated");
            sb.append(r.get("statement")).append("\n\n");
            if (((Number) t.get("accounts")).longValue() > 0) {
                sb.append("Accounts assigned while a holdout was set: ");
                arm(sb, t);
            }
            return sb.toString();
        }
        sb.append("Each account is counted once, from the run that first flagged it (red or yellow) while a holdout"
                + " was set; rescued means it did not churn within the window. Intervals are 95%: Wilson for each arm,"
                + " Newcombe's hybrid score interval for the difference.\n\n");
        sb.append("| arm | accounts | rescued | churned | pending | rescue rate | 95% interval | ARR | ARR retained |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        armRow(sb, "treated", (Map<String, Object>) r.get("treated"));
        armRow(sb, "holdout", (Map<String, Object>) r.get("holdout_arm"));
        Map<String, Object> d = (Map<String, Object>) r.get("difference");
        List<Object> ci = (List<Object>) d.get("ci95");
        sb.append("\nDifference (treated - holdout): ")
                .append(d.get("rescue_rate_difference") == null ? "not known yet"
                        : points(d.get("rescue_rate_difference")) + " (95% interval " + points(ci.get(0)) + " to "
                        + points(ci.get(1)) + ")")
                .append(". ARR saved (the difference of the ARR-weighted retention rates times the treated ARR): ")
                .append(money(d.get("arr_saved"))).append(".\n\n");
        List<Map<String, Object>> plays = (List<Map<String, Object>>) r.get("by_play");
        if (!plays.isEmpty()) {
            sb.append("| play (treated) | accounts | rescued | churned | pending | rescue rate | 95% interval | ARR |"
                    + " ARR retained | vs holdout |\n|---|---|---|---|---|---|---|---|---|---|\n");
            for (Map<String, Object> p : plays) {
                armRowStart(sb, cell(p.get("play")), p);
                sb.append(" | ").append(p.get("difference_vs_holdout") == null ? "" : points(p.get("difference_vs_holdout")))
                        .append(" |\n");
            }
            sb.append('\n');
        }
        sb.append("Power: ").append(((Map<String, Object>) r.get("power")).get("line")).append(" (two-sided 5% test,"
                + " from the holdout's rescue rate of ")
                .append(fixed(((Map<String, Object>) r.get("power")).get("baseline_rescue_rate"), 2)).append(").\n");
        return sb.toString();
    }

    private static void arm(StringBuilder sb, Map<String, Object> a) {
        sb.append(a.get("accounts")).append(", ").append(a.get("rescued")).append(" rescued, ").append(a.get("churned"))
                .append(" churned, ").append(a.get("pending")).append(" pending.\n");
    }

    private static void armRow(StringBuilder sb, String name, Map<String, Object> a) {
        armRowStart(sb, name, a);
        sb.append(" |\n");
    }

    @SuppressWarnings("unchecked")
    private static void armRowStart(StringBuilder sb, String name, Map<String, Object> a) {
        List<Object> ci = (List<Object>) a.get("ci95");
        sb.append("| ").append(name).append(" | ").append(a.get("accounts")).append(" | ").append(a.get("rescued"))
                .append(" | ").append(a.get("churned")).append(" | ").append(a.get("pending")).append(" | ")
                .append(a.get("rescue_rate") == null ? "" : pct(a.get("rescue_rate"))).append(" | ")
                .append(ci == null ? "" : pct(ci.get(0)) + " to " + pct(ci.get(1))).append(" | ")
                .append(money(a.get("arr"))).append(" | ").append(money(a.get("arr_retained")));
    }

    private static void row(StringBuilder sb, String label, Map<String, Object> g) {
        sb.append("| ").append(label).append(" | ").append(g.get("accounts")).append(" | ")
                .append(g.get("mean_predicted") == null ? "" : pct(g.get("mean_predicted"))).append(" | ")
                .append(g.get("churned")).append(" | ").append(g.get("renewed")).append(" | ").append(g.get("pending"))
                .append(" | ").append(g.get("realised_rate") == null ? "" : pct(g.get("realised_rate"))).append(" | ")
                .append(money(g.get("arr"))).append(" | ").append(money(g.get("arr_churned"))).append(" |\n");
    }

    /** Markdown table text: pipes and line breaks escaped. */
    static String cell(Object o) {
        return o == null ? "" : o.toString().replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ")
                .replace("\n", " ");
    }

    private static String pct(Object v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * ((Number) v).doubleValue());
    }

    private static String points(Object v) {
        return String.format(Locale.ROOT, "%+.1f points", 100 * ((Number) v).doubleValue());
    }

    private static String fixed(Object v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", ((Number) v).doubleValue());
    }

    private static String money(Object v) {
        return String.format(Locale.ROOT, "$%,.0f", ((Number) v).doubleValue());
    }

    private static void put(Path file, String text) throws IOException {
        Path tmp = AtomicFiles.createSibling(file);
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            AtomicFiles.moveIntoPlace(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
