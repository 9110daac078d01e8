package org.churnrisk.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.core.features.RiskBand;
import org.churnrisk.features.Feature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScoringSettingsTest {
    @TempDir
    Path dir;

    private ScoringSettings load(String yaml) throws IOException {
        Path file = dir.resolve("churn.yaml");
        Files.writeString(file, yaml);
        return ScoringSettings.load(file);
    }

    @ParameterizedTest
    @CsvSource({"0.30, red", "0.2999, yellow", "0.15, yellow", "0.1499, green", "0, green", "1, red"})
    void probabilitiesFallIntoBandsAtTheThresholds(double p, String band) {
        assertThat(ScoringSettings.DEFAULT.band(p).label()).isEqualTo(band);
    }

    @Test
    void aFileWithoutAScoringSectionGivesTheDefaults() throws IOException {
        assertThat(load("zone: UTC\nfeatures: {login_event: login}\n")).isEqualTo(ScoringSettings.DEFAULT);
    }

    @Test
    void aBookWithoutChurnYamlGivesTheDefaults() throws IOException {
        assertThat(ScoringSettings.forBook(dir, null)).isEqualTo(ScoringSettings.DEFAULT);
    }

    @Test
    void bandThresholdsAreRead() throws IOException {
        ScoringSettings s = load("scoring:\n  bands: {red_at: 0.5, yellow_at: 0.2}\n");

        assertThat(s.band(0.45)).isEqualTo(RiskBand.YELLOW);
        assertThat(s.plays()).isEqualTo(PlayRules.DEFAULT);
    }

    @Test
    void playsReplaceTheDefaultTable() throws IOException {
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
    void thresholdsInTheWrongOrderAreRefused() {
        assertThatThrownBy(() -> load("scoring:\n  bands: {red_at: 0.1, yellow_at: 0.2}\n"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("yellow_at <= red_at");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "scoring: {colours: {}}                                   | churn.yaml: scoring: 'colours' is not a setting (expected one of bands, max_usage_lag_days, plays)",
        "scoring: {plays: [{bands: [red]}]}                       | churn.yaml: scoring.plays[1]: 'play' is required",
        "scoring: {plays: [{play: x, drivers: [logons]}]}         | churn.yaml: scoring.plays[1].drivers: driver 'logons' is not known",
        "scoring: {plays: [{play: x, tiers: [gold]}]}             | churn.yaml: scoring.plays[1].tiers: 'gold' is not a tier",
        "scoring: {plays: [{play: x, features: {logins: {below: 1}}}]} | churn.yaml: scoring.plays[1].features.logins: 'logins' is not a feature",
        "scoring: {plays: [{play: x, bands: [amber]}]}            | churn.yaml: scoring.plays[1]: play rule 'x': band 'amber' is not known",
        "scoring: {max_usage_lag_days: soon}                      | churn.yaml: scoring.max_usage_lag_days: 'soon' is not a whole number of days"})
    void mistakesNameTheFileAndTheKey(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith(message);
    }
}
