package org.churnrisk.score.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of a model bundle's {@code evaluation.json} that the HTML report shows: the chosen
 * algorithm's calibrated backtest against the health score (AUC, top-decile lift, lift by decile)
 * and its reliability table. Kept in each history entry, so that {@code churn report} can rebuild
 * the page when the bundle is gone. Stateless.
 */
public final class ModelCard {
    static final String HEALTH = "health score";

    private ModelCard() {
    }

    /**
     * The card of the bundle a run summary's {@code model} section names, or null when the bundle
     * has no readable {@code evaluation.json} (a bundle not written by {@code churn train}).
     */
    public static Map<String, Object> of(Map<String, Object> model) {
        if (model == null || !(model.get("directory") instanceof String dir)) {
            return null;
        }
        Path file = Path.of(dir).resolve("evaluation.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return of(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException | RuntimeException e) {
            return null; // the card is a courtesy; a damaged evaluation must not stop the nightly run
        }
    }

    /** The card of a parsed {@code evaluation.json}, or null when it lacks the chosen model's backtest. */
    public static Map<String, Object> of(JsonNode eval) {
        String algorithm = eval.path("chosen_algorithm").asText(null);
        JsonNode backtest = eval.path("backtest_calibrated");
        JsonNode m = backtest.path(algorithm);
        JsonNode h = backtest.path(HEALTH);
        if (algorithm == null || m.isMissingNode()) {
            return null;
        }
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("algorithm", algorithm);
        card.put("horizon_days", eval.path("horizon_days").asInt());
        card.put("data_end", eval.path("data_end").asText());
        JsonNode dates = eval.path("snapshot_dates");
        card.put("snapshot_dates", dates.size());
        card.put("first_snapshot", dates.size() == 0 ? null : dates.get(0).asText());
        card.put("last_snapshot", dates.size() == 0 ? null : dates.get(dates.size() - 1).asText());
        card.put("labelled", eval.path("snapshots").path("labelled").asInt());
        card.put("positives", eval.path("snapshots").path("positives").asInt());
        card.put("folds", eval.path("folds").size());
        card.put("model", metrics(m));
        card.put("health", h.isMissingNode() ? null : metrics(h));
        List<Object> lift = new ArrayList<>();
        for (int i = 0; i < m.path("lift_by_decile").size(); i++) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("decile", m.path("lift_by_decile").get(i).path("decile").asInt());
            d.put("model", m.path("lift_by_decile").get(i).path("lift").asDouble());
            JsonNode hd = h.path("lift_by_decile").path(i);
            d.put("health", hd.isMissingNode() ? null : hd.path("lift").asDouble());
            lift.add(d);
        }
        card.put("lift_by_decile", lift);
        List<Object> reliability = new ArrayList<>();
        for (JsonNode r : m.path("reliability")) {
            Map<String, Object> bin = new LinkedHashMap<>();
            bin.put("from", r.path("from").asDouble());
            bin.put("to", r.path("to").asDouble());
            bin.put("count", r.path("count").asInt());
            bin.put("mean_predicted", r.path("mean_predicted").asDouble());
            bin.put("observed_rate", r.path("observed_rate").asDouble());
            reliability.add(bin);
        }
        card.put("reliability", reliability);
        return card;
    }

    private static Map<String, Object> metrics(JsonNode n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", n.path("rows").asInt());
        m.put("roc_auc", n.path("roc_auc").asDouble());
        m.put("base_rate", n.path("base_rate").asDouble());
        m.put("top_decile_lift", n.path("lift_by_decile").path(0).path("lift").asDouble());
        m.put("top_10_percent_precision", n.path("top_10_percent").path("precision").asDouble());
        m.put("ece", n.path("ece").asDouble());
        return m;
    }
}
