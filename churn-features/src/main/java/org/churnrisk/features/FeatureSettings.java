package org.churnrisk.features;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.features.HealthScore;
import org.churnrisk.features.io.mapping.YamlNode;

/**
 * Reads the {@link FeatureConfig} from the {@code features:} section of a book's {@code churn.yaml},
 * with the book's zone (the top-level {@code zone}, which the mapping reads):
 *
 * <pre>
 * zone: UTC
 * features:
 *   login_event: login
 *   integration_events: [integration_sync]
 *   export_events: [report_export]
 *   core_features: [dashboard_view, report_build, workflow_run]
 *   modules:                      # the adoption scorecard's product modules (adoption.csv)
 *     reporting: [report_build, report_export]
 *     automation: [workflow_run]
 *   health:
 *     weights: {usage: 40, support: 30, nps_csat: 20, csm_engagement: 10}
 *     red_below: 50
 *     green_above: 75
 * </pre>
 *
 * Every key is optional; a key left out keeps {@link FeatureConfig#DEFAULT}'s value (the health
 * score's are {@link HealthScore#DEFAULT}'s). Unknown keys are refused with the line, the nearest
 * key and the allowed ones. {@link BookSettings} reads the file once and calls {@link #from}.
 */
public final class FeatureSettings {
    private static final List<String> KEYS = List.of("core_features", "export_events", "health",
            "integration_events", "login_event", "modules");
    private static final List<String> HEALTH_KEYS = List.of("green_above", "red_below", "weights");
    private static final List<String> WEIGHT_KEYS = List.of("csm_engagement", "nps_csat", "support", "usage");
    private static final String EVENT_NAMES = "event names, e.g. [dashboard_view, reports]";

    private FeatureSettings() {
    }

    /**
     * The settings of {@code yaml} when given, else of {@code book/churn.yaml}; the defaults when
     * neither exists. The same as {@code BookSettings.forBook(book, yaml).features()}.
     */
    public static FeatureConfig forBook(Path book, Path yaml) throws IOException {
        return BookSettings.forBook(book, yaml).features();
    }

    /** The settings of a YAML file; the same as {@code BookSettings.load(yaml).features()}. */
    public static FeatureConfig load(Path yaml) throws IOException {
        return BookSettings.load(yaml).features();
    }

    /**
     * The feature config of a parsed {@code features:} section.
     *
     * @param features the section, or null when the file has none
     * @param zone     the book's zone, where each as-of day starts
     * @throws InvalidArgumentException naming the file, line and key of the first mistake
     */
    public static FeatureConfig from(YamlNode features, ZoneId zone) {
        FeatureConfig.Builder b = FeatureConfig.builder().zone(zone);
        if (features == null) {
            return b.build();
        }
        YamlNode.MapNode f = features.map("a map with keys " + String.join(", ", KEYS));
        f.checkKeys(KEYS);
        if (f.has("login_event")) {
            b.loginEvent(f.get("login_event").text("an event name, e.g. login"));
        }
        if (f.has("integration_events")) {
            b.integrationEvents(names(f.get("integration_events")));
        }
        if (f.has("export_events")) {
            b.exportEvents(names(f.get("export_events")));
        }
        if (f.has("core_features")) {
            b.coreFeatures(names(f.get("core_features")));
        }
        if (f.has("health")) {
            b.healthScore(health(f.get("health")));
        }
        if (f.has("modules")) {
            YamlNode.MapNode m = f.get("modules").map("a map of module name to event names, e.g. reporting: "
                    + "[report_build, report_export]");
            java.util.Map<String, Set<String>> modules = new java.util.LinkedHashMap<>();
            for (String name : m.keys()) {
                modules.put(name, names(m.get(name)));
            }
            b.modules(modules);
        }
        try {
            return b.build();
        } catch (InvalidArgumentException e) {
            throw f.error(e.getMessage());
        }
    }

    private static HealthScore health(YamlNode node) {
        YamlNode.MapNode h = node.map("a map with keys " + String.join(", ", HEALTH_KEYS));
        h.checkKeys(HEALTH_KEYS);
        HealthScore defaults = HealthScore.DEFAULT;
        HealthScore.Weights given = defaults.weights();
        YamlNode weightsNode = h.get("weights");
        if (weightsNode != null) {
            YamlNode.MapNode w = weightsNode.map("a map with keys " + String.join(", ", WEIGHT_KEYS));
            w.checkKeys(WEIGHT_KEYS);
            given = new HealthScore.Weights(w.number("usage", given.usage()), w.number("support", given.support()),
                    w.number("nps_csat", given.npsCsat()), w.number("csm_engagement", given.csmEngagement()));
        }
        double redBelow = h.number("red_below", defaults.redBelow());
        double greenAbove = h.number("green_above", defaults.greenAbove());
        try {
            return new HealthScore(given.usage(), given.support(), given.npsCsat(), given.csmEngagement(), redBelow,
                    greenAbove);
        } catch (InvalidArgumentException e) {
            // HealthScore's message names the weights or bands
            throw h.error(e.getMessage());
        }
    }

    private static Set<String> names(YamlNode node) {
        return new LinkedHashSet<>(node.texts(EVENT_NAMES));
    }
}
