package org.churnrisk.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.features.HealthScore;
import org.churnrisk.features.io.mapping.BookConfig;

/**
 * Reads the {@link FeatureConfig} from the {@code features:} section (and the top-level
 * {@code zone}) of a book's {@code churn.yaml}:
 *
 * <pre>
 * zone: UTC
 * features:
 *   login_event: login
 *   integration_events: [integration_sync]
 *   export_events: [report_export]
 *   core_features: [dashboard_view, report_build, workflow_run]
 *   health:
 *     weights: {usage: 40, support: 30, nps_csat: 20, csm_engagement: 10}
 *     red_below: 50
 *     green_above: 75
 * </pre>
 *
 * Every key is optional; unknown keys are refused with the allowed ones.
 */
public final class FeatureSettings {
    private static final Set<String> KEYS = Set.of("login_event", "integration_events", "export_events",
            "core_features", "health");
    private static final Set<String> HEALTH_KEYS = Set.of("weights", "red_below", "green_above");
    private static final Set<String> WEIGHT_KEYS = Set.of("usage", "support", "nps_csat", "csm_engagement");

    private FeatureSettings() {
    }

    /** The settings of {@code book/churn.yaml}, or {@code yaml} when given; the defaults when neither exists. */
    public static FeatureConfig forBook(Path book, Path yaml) throws IOException {
        Path file = yaml != null ? yaml : book.resolve(BookConfig.FILE_NAME);
        return Files.exists(file) || yaml != null ? load(file) : FeatureConfig.DEFAULT;
    }

    public static FeatureConfig load(Path yaml) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml.toFile());
        String where = yaml.getFileName().toString();
        FeatureConfig.Builder b = FeatureConfig.builder();
        if (root == null || !root.isObject()) {
            return b.build();
        }
        JsonNode zone = root.get("zone");
        if (zone != null) {
            try {
                b.zone(ZoneId.of(zone.asText()));
            } catch (DateTimeException e) {
                throw new InvalidArgumentException(where + ": zone: '" + zone.asText()
                        + "' is not a time zone (expected e.g. UTC or Europe/Berlin)");
            }
        }
        JsonNode f = root.get("features");
        if (f == null || f.isNull()) {
            return b.build();
        }
        checkKeys(where + ": features", f, KEYS);
        if (f.has("login_event")) {
            b.loginEvent(f.get("login_event").asText());
        }
        if (f.has("integration_events")) {
            b.integrationEvents(names(where + ": features.integration_events", f.get("integration_events")));
        }
        if (f.has("export_events")) {
            b.exportEvents(names(where + ": features.export_events", f.get("export_events")));
        }
        if (f.has("core_features")) {
            b.coreFeatures(names(where + ": features.core_features", f.get("core_features")));
        }
        JsonNode h = f.get("health");
        if (h != null) {
            checkKeys(where + ": features.health", h, HEALTH_KEYS);
            JsonNode w = h.get("weights");
            if (w != null) {
                checkKeys(where + ": features.health.weights", w, WEIGHT_KEYS);
            }
            b.healthScore(new HealthScore(
                    number(w, "usage", 40, where), number(w, "support", 30, where),
                    number(w, "nps_csat", 20, where), number(w, "csm_engagement", 10, where),
                    number(h, "red_below", 50, where), number(h, "green_above", 75, where)));
        }
        return b.build();
    }

    private static void checkKeys(String where, JsonNode node, Set<String> allowed) {
        if (!node.isObject()) {
            throw new InvalidArgumentException(where + ": expected a map with keys " + String.join(", ", sorted(allowed)));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new InvalidArgumentException(where + ": '" + key + "' is not a setting (expected one of "
                        + String.join(", ", sorted(allowed)) + ")");
            }
        }
    }

    private static Set<String> names(String where, JsonNode node) {
        if (!node.isArray()) {
            throw new InvalidArgumentException(where + ": expected a list of event names, e.g. [dashboard_view, reports]");
        }
        Set<String> names = new LinkedHashSet<>();
        node.forEach(n -> names.add(n.asText().trim()));
        return names;
    }

    private static double number(JsonNode node, String key, double fallback, String where) {
        if (node == null || !node.has(key)) {
            return fallback;
        }
        JsonNode v = node.get(key);
        if (!v.isNumber()) {
            throw new InvalidArgumentException(where + ": features.health: " + key + ": '" + v.asText()
                    + "' is not a number");
        }
        return v.asDouble();
    }

    private static java.util.List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
