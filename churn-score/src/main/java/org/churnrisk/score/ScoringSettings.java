package org.churnrisk.score;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.core.features.RiskBand;
import org.churnrisk.features.Feature;
import org.churnrisk.features.io.mapping.YamlNode;

/**
 * How scores become a report: the churn probabilities at which an account turns yellow and red,
 * the play rules table, and how stale the usage export may be before scoring refuses to run.
 *
 * <p>Read from the {@code scoring:} section of a book's {@code churn.yaml} (every key optional;
 * unknown keys are refused with the line, the nearest key and the allowed ones) by {@link #from},
 * which {@link ChurnSettings} calls on the file's one parsed tree:
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
 * @param holdout          the share of newly flagged accounts held out of the plays, so that
 *                         {@code churn outcomes} can measure rescues; null for none
 * @param maxUsageLagDays  scoring refuses a book whose usage ends more than this many days before
 *                         the day before the as-of date (a stale export makes every account look
 *                         inactive)
 */
public record ScoringSettings(double redAt, double yellowAt, PlayRules plays, int maxUsageLagDays,
                              HoldoutSettings holdout) {

    public static final ScoringSettings DEFAULT = new ScoringSettings(0.30, 0.15, PlayRules.DEFAULT, 7);

    // workflow: is read by WorkflowSettings (ChurnSettings passes it on)
    private static final List<String> KEYS = List.of("bands", "holdout", "max_usage_lag_days", "plays", "workflow");
    private static final List<String> HOLDOUT_KEYS = List.of("salt", "share");
    private static final List<String> BAND_KEYS = List.of("red_at", "yellow_at");
    private static final List<String> RULE_KEYS = List.of("bands", "drivers", "features", "play", "renewal_within_days",
            "tiers");
    private static final List<String> CONDITION_KEYS = List.of("at_least", "below");

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

    /** Settings without a holdout. */
    public ScoringSettings(double redAt, double yellowAt, PlayRules plays, int maxUsageLagDays) {
        this(redAt, yellowAt, plays, maxUsageLagDays, null);
    }

    /** The band of a calibrated churn probability. */
    public RiskBand band(double probability) {
        return probability >= redAt ? RiskBand.RED : probability >= yellowAt ? RiskBand.YELLOW : RiskBand.GREEN;
    }

    public ScoringSettings withBands(double redAt, double yellowAt) {
        return new ScoringSettings(redAt, yellowAt, plays, maxUsageLagDays, holdout);
    }

    public ScoringSettings withPlays(PlayRules plays) {
        return new ScoringSettings(redAt, yellowAt, plays, maxUsageLagDays, holdout);
    }

    public ScoringSettings withMaxUsageLagDays(int days) {
        return new ScoringSettings(redAt, yellowAt, plays, days, holdout);
    }

    /** These settings with a holdout of newly flagged accounts, or none when {@code holdout} is null. */
    public ScoringSettings withHoldout(HoldoutSettings holdout) {
        return new ScoringSettings(redAt, yellowAt, plays, maxUsageLagDays, holdout);
    }

    /**
     * The settings of {@code yaml} when given, else of {@code book/churn.yaml}; the defaults when
     * neither exists or the file has no {@code scoring:} section. The same as {@code
     * ChurnSettings.forBook(book, yaml).scoring()}.
     */
    public static ScoringSettings forBook(Path book, Path yaml) throws IOException {
        return ChurnSettings.forBook(book, yaml).scoring();
    }

    /**
     * The settings of the {@code scoring:} section of a YAML file; the same as {@code
     * ChurnSettings.load(yaml).scoring()}, so the file's other sections are checked too.
     *
     * @throws InvalidArgumentException naming the file, line and key of a bad value
     * @throws IOException              if the file cannot be read
     */
    public static ScoringSettings load(Path yaml) throws IOException {
        return ChurnSettings.load(yaml).scoring();
    }

    /**
     * The settings of a parsed {@code scoring:} section.
     *
     * @param scoring the section, or null when the file has none
     * @throws InvalidArgumentException naming the file, line and key of the first mistake
     */
    public static ScoringSettings from(YamlNode scoring) {
        if (scoring == null) {
            return DEFAULT;
        }
        YamlNode.MapNode s = scoring.map("a map with keys " + String.join(", ", KEYS));
        s.checkKeys(KEYS);
        ScoringSettings settings = DEFAULT;
        YamlNode bandsNode = s.get("bands");
        if (bandsNode != null) {
            YamlNode.MapNode bands = bandsNode.map("a map with keys " + String.join(", ", BAND_KEYS));
            bands.checkKeys(BAND_KEYS);
            double redAt = bands.number("red_at", DEFAULT.redAt());
            double yellowAt = bands.number("yellow_at", DEFAULT.yellowAt());
            try {
                settings = settings.withBands(redAt, yellowAt);
            } catch (InvalidArgumentException e) {
                // the constructor's message names scoring.bands
                throw bands.errorAs("", e.getMessage());
            }
        }
        YamlNode lag = s.get("max_usage_lag_days");
        if (lag != null) {
            int days = lag.wholeNumber("days");
            try {
                settings = settings.withMaxUsageLagDays(days);
            } catch (InvalidArgumentException e) {
                throw lag.errorAs("", e.getMessage());
            }
        }
        YamlNode holdout = s.get("holdout");
        if (holdout != null && !holdout.isNull()) {
            YamlNode.MapNode h = holdout.map("a map with keys " + String.join(", ", HOLDOUT_KEYS));
            h.checkKeys(HOLDOUT_KEYS);
            double share = h.number("share", Double.NaN);
            YamlNode salt = h.get("salt");
            if (Double.isNaN(share) || salt == null || salt.isNull()) {
                throw h.error("a holdout needs a 'share' (e.g. 0.1) and a 'salt' (any text, kept for the"
                        + " life of the experiment)");
            }
            try {
                settings = settings.withHoldout(new HoldoutSettings(share, salt.text("any text").strip()));
            } catch (InvalidArgumentException e) {
                throw h.error(e.getMessage());
            }
        }
        YamlNode plays = s.get("plays");
        if (plays != null) {
            List<PlayRule> rules = new ArrayList<>();
            for (YamlNode rule : plays.list("a list of rules, each with a 'play'").items()) {
                rules.add(rule(rule));
            }
            settings = settings.withPlays(new PlayRules(rules));
        }
        return settings;
    }

    private static PlayRule rule(YamlNode node) {
        YamlNode.MapNode r = node.map("a map with keys " + String.join(", ", RULE_KEYS));
        r.checkKeys(RULE_KEYS);
        YamlNode play = r.get("play");
        if (play == null || play.isNull() || play instanceof YamlNode.Scalar blank && blank.text().isBlank()) {
            throw r.error("'play' is required (the text the report shows)");
        }
        String text = play.text("the text the report shows");
        Set<String> bands = new LinkedHashSet<>(texts(r.get("bands"), "bands, e.g. [red, yellow]"));
        Set<Tier> tiers = new LinkedHashSet<>();
        for (YamlNode.Scalar t : scalars(r.get("tiers"), "tiers, e.g. [enterprise]")) {
            try {
                tiers.add(Tier.parse(t.text().strip()));
            } catch (RuntimeException e) {
                throw t.errorAs(r.get("tiers").path(), "'" + t.text().strip() + "' is not a tier (expected starter,"
                        + " growth or enterprise)");
            }
        }
        Integer renewal = r.has("renewal_within_days") ? r.get("renewal_within_days").wholeNumber("days") : null;
        Set<DriverGroup> drivers = new LinkedHashSet<>();
        for (YamlNode.Scalar d : scalars(r.get("drivers"), "driver themes, e.g. [logins, support]")) {
            try {
                drivers.add(DriverGroup.parse(d.text()));
            } catch (InvalidArgumentException e) {
                throw d.errorAs(r.get("drivers").path(), e.getMessage());
            }
        }
        List<PlayRule.FeatureCondition> conditions = new ArrayList<>();
        YamlNode features = r.get("features");
        if (features != null) {
            YamlNode.MapNode map = features.map("a map such as {seat_utilisation_30d: {below: 0.5}}");
            for (Map.Entry<String, YamlNode> entry : map.entries().entrySet()) {
                Feature feature = feature(map, entry.getKey());
                YamlNode.MapNode c = entry.getValue().map("a map with keys " + String.join(", ", CONDITION_KEYS));
                c.checkKeys(CONDITION_KEYS);
                double below = c.number("below", Double.NaN);
                double atLeast = c.number("at_least", Double.NaN);
                try {
                    conditions.add(new PlayRule.FeatureCondition(feature, below, atLeast));
                } catch (InvalidArgumentException e) {
                    throw c.error(e.getMessage());
                }
            }
        }
        try {
            return new PlayRule(text, bands, tiers, renewal, drivers, conditions);
        } catch (InvalidArgumentException e) {
            throw r.error(e.getMessage());
        }
    }

    private static Feature feature(YamlNode.MapNode features, String name) {
        for (Feature f : Feature.values()) {
            if (f.key().equals(name)) {
                return f;
            }
        }
        throw features.keyError(name, "'" + name + "' is not a feature (see docs/features.md, e.g."
                + " seat_utilisation_30d)");
    }

    /** A list's texts; nothing when the key is absent or null. */
    private static List<String> texts(YamlNode node, String expected) {
        return scalars(node, expected).stream().map(t -> t.text().strip()).toList();
    }

    private static List<YamlNode.Scalar> scalars(YamlNode node, String expected) {
        return node == null || node.isNull() ? List.of() : node.scalars(expected);
    }
}
