package org.churnrisk.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.core.features.RiskBand;
import org.churnrisk.features.Feature;
import org.churnrisk.features.io.mapping.YamlTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scoring section of churn.yaml, read from its parsed tree, and its errors. */
class ScoringSettingsTest {

    /** The scoring settings of {@code yaml} as the book's churn.yaml would give them, without a file. */
    private static ScoringSettings load(String yaml) {
        return ScoringSettings.from(YamlTree.parse(yaml, "churn.yaml").section("scoring"));
    }

    @ParameterizedTest
    @CsvSource({"0.30, red", "0.2999, yellow", "0.15, yellow", "0.1499, green", "0, green", "1, red"})
    void probabilitiesFallIntoBandsAtTheThresholds(double p, String band) {
        assertThat(ScoringSettings.DEFAULT.band(p).label()).isEqualTo(band);
    }

    @Test
    void aFileWithoutAScoringSectionGivesTheDefaults() {
        assertThat(load("zone: UTC\nfeatures: {login_event: login}\n")).isEqualTo(ScoringSettings.DEFAULT);
    }

    @Test
    void aBookWithoutChurnYamlGivesTheDefaults(@TempDir Path book) throws IOException {
        assertThat(ScoringSettings.forBook(book, null)).isEqualTo(ScoringSettings.DEFAULT);
    }

    @Test
    void bandThresholdsAreRead() {
        ScoringSettings s = load("scoring:\n  bands: {red_at: 0.5, yellow_at: 0.2}\n");

        assertThat(s.band(0.45)).isEqualTo(RiskBand.YELLOW);
        assertThat(s.plays()).isEqualTo(PlayRules.DEFAULT);
    }

    @Test
    void playsReplaceTheDefaultTable() {
        ScoringSettings s = load("""
                scoring:
                  plays:
                    - play: Call the sponsor
                      bands: [red]
                      tiers: [enterprise]
                      renewal_within_days: 60
                      drivers: [logins]
                      features: {seat_utilisation_30d: {below: 0.5}}
                """);

        assertThat(s.plays().rules()).containsExactly(new PlayRule("Call the sponsor", java.util.Set.of("red"),
                java.util.Set.of(Tier.ENTERPRISE), 60, java.util.Set.of(DriverGroup.LOGINS),
                List.of(PlayRule.FeatureCondition.below(Feature.SEAT_UTILISATION_30D, 0.5))));
    }

    @Test
    void thresholdsInTheWrongOrderAreRefusedAtTheBands() {
        assertThatThrownBy(() -> load("scoring:\n  bands:\n    red_at: 0.1\n    yellow_at: 0.2\n"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("churn.yaml line 3: scoring.bands: yellow_at 0.2 and red_at 0.1 must satisfy 0 < yellow_at"
                        + " <= red_at <= 1 (they are churn probabilities)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "scoring:\\n  colours: {}"
            + " | churn.yaml line 2: scoring: unknown key 'colours' (expected one of bands, holdout, max_usage_lag_days, plays, workflow)",
        "scoring:\\n  bands:\\n    red_at_: 0.4"
            + " | churn.yaml line 3: scoring.bands: unknown key 'red_at_', did you mean 'red_at'? (expected one of"
            + " red_at, yellow_at)",
        "scoring:\\n  bands: {red_at: high}"
            + " | churn.yaml line 2, column 19: scoring.bands.red_at: 'high' is not a number",
        "scoring:\\n  plays:\\n    - bands: [red]"
            + " | churn.yaml line 3, column 7: scoring.plays[1]: 'play' is required (the text the report shows)",
        "scoring:\\n  plays:\\n    - play: x\\n    - play: y\\n      driver: [logins]"
            + " | churn.yaml line 5, column 7: scoring.plays[2]: unknown key 'driver', did you mean 'drivers'? (expected one of"
            + " bands, drivers, features, play, renewal_within_days, tiers)",
        "scoring:\\n  plays:\\n    - play: x\\n      drivers: [logons]"
            + " | churn.yaml line 4, column 17: scoring.plays[1].drivers: driver 'logons' is not known (expected one"
            + " of ",
        "scoring:\\n  plays:\\n    - play: x\\n      tiers:\\n        - growth\\n        - gold"
            + " | churn.yaml line 6: scoring.plays[1].tiers: 'gold' is not a tier (expected starter, growth or"
            + " enterprise)",
        "scoring:\\n  plays:\\n    - play: x\\n      features:\\n        logins: {below: 1}"
            + " | churn.yaml line 5, column 9: scoring.plays[1].features: 'logins' is not a feature (see docs/features.md, e.g."
            + " seat_utilisation_30d)",
        "scoring:\\n  plays:\\n    - play: x\\n      features:\\n        seat_utilisation_30d: {}"
            + " | churn.yaml line 5: scoring.plays[1].features.seat_utilisation_30d: feature condition on"
            + " seat_utilisation_30d: give 'below', 'at_least' or both",
        "scoring:\\n  plays:\\n    - play: x\\n      bands: [amber]"
            + " | churn.yaml line 3: scoring.plays[1]: play rule 'x': band 'amber' is not known",
        "scoring:\\n  plays: {play: x}"
            + " | churn.yaml line 2, column 10: scoring.plays: expected a list of rules, each with a 'play', found a"
            + " mapping",
        "scoring:\\n  max_usage_lag_days: soon"
            + " | churn.yaml line 2: scoring.max_usage_lag_days: 'soon' is not a whole number of days",
        "scoring:\\n  max_usage_lag_days: -1"
            + " | churn.yaml line 2: scoring.max_usage_lag_days is -1 (expected 0 or more days)"})
    void aMistakeNamesTheFileTheLineAndTheKey(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml.replace("\\n", "\n"))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith(message);
    }
}
