package org.churnrisk.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.core.features.RiskBand;
import org.churnrisk.features.Feature;
import org.churnrisk.features.io.mapping.BookConfig;

/**
 * How scores become a report: the churn probabilities at which an account turns yellow and red,
 * the play rules table, and how stale the usage export may be before scoring refuses to run.
 *
 * <p>Read from the {@code scoring:} section of a book's {@code churn.yaml} (every key optional;
 * unknown keys are refused with the allowed ones):
 *
 * <pre>
 * scoring:
 *   bands: {red_at: 0.30, yellow_at: 0.15}
 *   max_usage_lag_days: 7
 *   plays:                      # replaces the default table; the first rule that applies wins
 *     - play: "Executive escalation"
 *       bands: [red]
 *       tiers: [enterprise]
 *       renewal_within_days: 120
 *     - play: "Training session"
 *       bands: [red, yellow]
 *       drivers: [core_adoption, feature_adoption]
 *       features: {seat_utilisation_30d: {below: 0.5}}
 * </pre>
 *
 * Immutable and thread-safe; {@link #DEFAULT} is red from 0.30, yellow from 0.15, at most 7 days
 * of usage lag, and {@link PlayRules#DEFAULT}.
 *
 * @param redAt            a churn probability at or above this is red
 * @param yellowAt         at or above this (and below {@code redAt}) yellow; below it green
 * @param plays            the play rules table
 * @param maxUsageLagDays  scoring refuses a book whose usage ends more than this many days before
 *                         the day before the as-of date (a stale export makes every account look
 *                         inactive)
 */
public record ScoringSettings(double redAt, double yellowAt, PlayRules plays, int maxUsageLagDays) {

    public static final ScoringSettings DEFAULT = new ScoringSettings(0.30, 0.15, PlayRules.DEFAULT, 7);

    private static final Set<String> KEYS = Set.of("bands", "plays", "max_usage_lag_days");
    private static final Set<String> BAND_KEYS = Set.of("red_at", "yellow_at");
    private static final Set<String> RULE_KEYS = Set.of("play", "bands", "tiers", "renewal_within_days", "drivers",
            "features");
    private static final Set<String> CONDITION_KEYS = Set.of("below", "at_least");

    /** @throws InvalidArgumentException if the thresholds are not 0 < yellow_at <= red_at <= 1 or the lag is negative */
    public ScoringSettings {
        if (!(yellowAt > 0 && yellowAt <= redAt && redAt <= 1)) {
            throw new InvalidArgumentException("scoring.bands: yellow_at " + yellowAt + " and red_at " + redAt
                    + " must satisfy 0 < yellow_at <= red_at <= 1 (they are churn probabilities)");
        }
        Objects.requireNonNull(plays, "plays");
        if (maxUsageLagDays < 0) {
            throw new InvalidArgumentException("scoring.max_usage_lag_days is " + maxUsageLagDays
                    + " (expected 0 or more days)");
        }
    }

    /** The band of a calibrated churn probability. */
    public RiskBand band(double probability) {
        return probability >= redAt ? RiskBand.RED : probability >= yellowAt ? RiskBand.YELLOW : RiskBand.GREEN;
    }

    public ScoringSettings withBands(double redAt, double yellowAt) {
        return new ScoringSettings(redAt, yellowAt, plays, maxUsageLagDays);
    }

    public ScoringSettings withPlays(PlayRules plays) {
        return new ScoringSettings(redAt, yellowAt, plays, maxUsageLagDays);
    }

    public ScoringSettings withMaxUsageLagDays(int days) {
        return new ScoringSettings(redAt, yellowAt, plays, days);
    }

    /**
     * The settings of {@code yaml} when given, else of {@code book/churn.yaml}; the defaults when
     * neither exists or the file has no {@code scoring:} section.
     */
    public static ScoringSettings forBook(Path book, Path yaml) throws IOException {
        Path file = yaml != null ? yaml : book.resolve(BookConfig.FILE_NAME);
        return Files.exists(file) || yaml != null ? load(file) : DEFAULT;
    }

    /**
     * The settings of the {@code scoring:} section of a YAML file.
     *
     * @throws InvalidArgumentException naming the file and key of a bad value
     * @throws IOException              if the file cannot be read or is not YAML
     */
    public static ScoringSettings load(Path yaml) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml.toFile());
        String where = yaml.getFileName() + ": scoring";
        JsonNode s = root == null || !root.isObject() ? null : root.get("scoring");
        if (s == null || s.isNull()) {
            return DEFAULT;
        }
        checkKeys(where, s, KEYS);
        ScoringSettings settings = DEFAULT;
        JsonNode bands = s.get("bands");
        if (bands != null) {
            checkKeys(where + ".bands", bands, BAND_KEYS);
            settings = settings.withBands(number(bands, "red_at", DEFAULT.redAt(), where + ".bands"),
                    number(bands, "yellow_at", DEFAULT.yellowAt(), where + ".bands"));
        }
        if (s.has("max_usage_lag_days")) {
            JsonNode lag = s.get("max_usage_lag_days");
            if (!lag.canConvertToInt() || !lag.isIntegralNumber()) {
                throw new InvalidArgumentException(where + ".max_usage_lag_days: '" + lag.asText()
                        + "' is not a whole number of days");
            }
            settings = settings.withMaxUsageLagDays(lag.asInt());
        }
        JsonNode plays = s.get("plays");
        if (plays != null) {
            if (!plays.isArray()) {
                throw new InvalidArgumentException(where + ".plays: expected a list of rules, each with a 'play'");
            }
            List<PlayRule> rules = new ArrayList<>();
            for (int i = 0; i < plays.size(); i++) {
                rules.add(rule(where + ".plays[" + (i + 1) + "]", plays.get(i)));
            }
            settings = settings.withPlays(new PlayRules(rules));
        }
        return settings;
    }

    private static PlayRule rule(String where, JsonNode r) {
        checkKeys(where, r, RULE_KEYS);
        JsonNode play = r.get("play");
        if (play == null || !play.isTextual() || play.asText().isBlank()) {
            throw new InvalidArgumentException(where + ": 'play' is required (the text the report shows)");
        }
        Set<String> bands = new LinkedHashSet<>(texts(where + ".bands", r.get("bands")));
        Set<Tier> tiers = new LinkedHashSet<>();
        for (String t : texts(where + ".tiers", r.get("tiers"))) {
            try {
                tiers.add(Tier.parse(t));
            } catch (RuntimeException e) {
                throw new InvalidArgumentException(where + ".tiers: '" + t + "' is not a tier (expected starter,"
                        + " growth or enterprise)");
            }
        }
        Integer renewal = null;
        JsonNode days = r.get("renewal_within_days");
        if (days != null) {
            if (!days.isIntegralNumber() || !days.canConvertToInt()) {
                throw new InvalidArgumentException(where + ".renewal_within_days: '" + days.asText()
                        + "' is not a whole number of days");
            }
            renewal = days.asInt();
        }
        Set<DriverGroup> drivers = new LinkedHashSet<>();
        for (String d : texts(where + ".drivers", r.get("drivers"))) {
            try {
                drivers.add(DriverGroup.parse(d));
            } catch (InvalidArgumentException e) {
                throw new InvalidArgumentException(where + ".drivers: " + e.getMessage());
            }
        }
        List<PlayRule.FeatureCondition> conditions = new ArrayList<>();
        JsonNode features = r.get("features");
        if (features != null) {
            if (!features.isObject()) {
                throw new InvalidArgumentException(where + ".features: expected a map such as"
                        + " {seat_utilisation_30d: {below: 0.5}}");
            }
            for (Iterator<String> it = features.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                String at = where + ".features." + name;
                Feature feature = feature(at, name);
                JsonNode c = features.get(name);
                checkKeys(at, c, CONDITION_KEYS);
                conditions.add(new PlayRule.FeatureCondition(feature, number(c, "below", Double.NaN, at),
                        number(c, "at_least", Double.NaN, at)));
            }
        }
        try {
            return new PlayRule(play.asText(), bands, tiers, renewal, drivers, conditions);
        } catch (InvalidArgumentException e) {
            throw new InvalidArgumentException(where + ": " + e.getMessage());
        }
    }

    private static Feature feature(String where, String name) {
        for (Feature f : Feature.values()) {
            if (f.key().equals(name)) {
                return f;
            }
        }
        throw new InvalidArgumentException(where + ": '" + name + "' is not a feature (see docs/features.md, e.g."
                + " seat_utilisation_30d)");
    }

    private static List<String> texts(String where, JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidArgumentException(where + ": expected a list, e.g. [red, yellow]");
        }
        List<String> values = new ArrayList<>();
        node.forEach(n -> values.add(n.asText().strip()));
        return values;
    }

    private static void checkKeys(String where, JsonNode node, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw new InvalidArgumentException(where + ": expected a map with keys " + sorted(allowed));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new InvalidArgumentException(where + ": '" + key + "' is not a setting (expected one of "
                        + sorted(allowed) + ")");
            }
        }
    }

    private static double number(JsonNode node, String key, double fallback, String where) {
        if (!node.has(key)) {
            return fallback;
        }
        JsonNode v = node.get(key);
        if (!v.isNumber()) {
            throw new InvalidArgumentException(where + "." + key + ": '" + v.asText() + "' is not a number");
        }
        return v.asDouble();
    }

    private static String sorted(Set<String> keys) {
        return String.join(", ", keys.stream().sorted().toList());
    }
}
