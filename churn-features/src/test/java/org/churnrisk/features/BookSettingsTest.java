package org.churnrisk.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Set;
import java.util.stream.Stream;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.contract.Source;
import org.churnrisk.core.features.HealthScore;
import org.churnrisk.features.io.mapping.BookConfig;
import org.churnrisk.features.io.mapping.YamlTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The mapping and the features section of churn.yaml, read from one tree. */
class BookSettingsTest {

    /** The settings of {@code yaml} as a book's churn.yaml would give them; no file is involved. */
    private static BookSettings settings(String yaml) {
        return BookSettings.of(YamlTree.parse(yaml, "churn.yaml"));
    }

    @Test
    void theMappingAndTheFeaturesComeFromOneTreeWithoutAFile() {
        BookSettings s = settings("""
                zone: America/New_York
                sources:
                  usage: {files: [events.csv]}
                features:
                  login_event: sign_in
                  core_features: [dashboard_view]
                """);

        assertThat(s.file()).isEmpty();
        assertThat(s.mapping().mapping(Source.USAGE).files()).containsExactly("events.csv");
        assertThat(s.features().loginEvent()).isEqualTo("sign_in");
        assertThat(s.features().coreFeatures()).isEqualTo(Set.of("dashboard_view"));
    }

    @Test
    void theZoneIsReadOnceAndIsTheMappingsAndTheFeatures() {
        BookSettings s = settings("zone: Europe/Berlin\nsources:\n  usage: {zone: UTC}\n");

        assertThat(s.mapping().formats().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(s.features().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(s.mapping().mapping(Source.USAGE).formats().zone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void aBadZoneHasTheMappingsMessage() {
        assertThatThrownBy(() -> settings("features: {login_event: login}\nzone: Mars/Olympus\n"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("churn.yaml line 2: zone: 'Mars/Olympus' is not a time zone (expected a region such as"
                        + " Europe/Berlin or America/New_York, UTC, or an offset such as +02:00)");
    }

    /** One mistake of the features section per kind: an unknown key at each level, a bad value, a rule broken. */
    static Stream<Arguments> featureMistakes() {
        return Stream.of(
                Arguments.of("""
                        features:
                          login_evnt: login
                        """, "churn.yaml line 2: features: unknown key 'login_evnt', did you mean 'login_event'?"
                        + " (expected one of core_features, export_events, health, integration_events, login_event, modules)"),
                Arguments.of("""
                        features:
                          health:
                            red_below: 50
                            weights:
                              usage: 40
                              suport: 30
                        """, "churn.yaml line 6: features.health.weights: unknown key 'suport', did you mean"
                        + " 'support'? (expected one of csm_engagement, nps_csat, support, usage)"),
                Arguments.of("""
                        features:
                          health:
                            red_below: low
                        """, "churn.yaml line 3: features.health.red_below: 'low' is not a number"),
                Arguments.of("""
                        features:
                          core_features: {dashboard_view: true}
                        """, "churn.yaml line 2, column 18: features.core_features: expected a list of event names,"
                        + " e.g. [dashboard_view, reports], found a mapping"),
                Arguments.of("""
                        features:
                          login_event: login
                          core_features: [login]
                        """, "churn.yaml line 2: features: event 'login' is the login event and cannot also be an"
                        + " integration, export or core feature event"),
                Arguments.of("""
                        features:
                          health:
                            weights: {usage: 0, support: 0, nps_csat: 0, csm_engagement: 0}
                        """, "churn.yaml line 3, column 5: features.health: health weights: at least one must be"
                        + " above 0"),
                Arguments.of("features: [login]\n", "churn.yaml line 1, column 11: features: expected a map with keys"
                        + " core_features, export_events, health, integration_events, login_event, modules, found a list"));
    }

    @ParameterizedTest
    @MethodSource("featureMistakes")
    void aMistakeInTheFeaturesSectionNamesItsLine(String yaml, String message) {
        assertThatThrownBy(() -> settings(yaml)).isInstanceOf(InvalidArgumentException.class).hasMessage(message);
    }

    @Test
    void healthKeysLeftOutKeepTheDefaultHealthScoresValues() {
        HealthScore health = settings("features:\n  health:\n    red_below: 40\n    weights: {usage: 80}\n")
                .features().healthScore();

        assertThat(health.redBelow()).isEqualTo(40);
        assertThat(health.greenAbove()).isEqualTo(HealthScore.DEFAULT.greenAbove());
        assertThat(health.weights()).isEqualTo(new HealthScore.Weights(80, HealthScore.DEFAULT.weights().support(),
                HealthScore.DEFAULT.weights().npsCsat(), HealthScore.DEFAULT.weights().csmEngagement()));
    }

    @Test
    void aFileWithoutAFeaturesSectionGivesTheDefaultFeatures() {
        assertThat(settings("zone: UTC\n").features()).isEqualTo(FeatureConfig.DEFAULT);
    }

    @Test
    void aBookWithoutChurnYamlGetsTheDefaults(@TempDir Path book) throws IOException {
        BookSettings s = BookSettings.forBook(book, null);

        assertThat(s).isSameAs(BookSettings.DEFAULT);
        assertThat(s.mapping()).isEqualTo(BookConfig.DEFAULT);
        assertThat(s.features()).isEqualTo(FeatureConfig.DEFAULT);
        assertThat(s.file()).isEmpty();
    }

    @Test
    void aBookReadsItsOwnChurnYamlAndAGivenFileWinsOverIt(@TempDir Path book) throws IOException {
        Files.writeString(book.resolve("churn.yaml"), "zone: Europe/Berlin\n");
        Path other = Files.writeString(book.resolve("other.yaml"), "zone: Asia/Tokyo\n");

        assertThat(BookSettings.forBook(book, null).features().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(BookSettings.forBook(book, null).file()).contains(book.resolve("churn.yaml"));
        assertThat(BookSettings.forBook(book, other).features().zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
    }

    @Test
    void theLibrarysOlderEntryPointsGiveWhatTheSettingsGive(@TempDir Path book) throws IOException {
        Files.writeString(book.resolve("churn.yaml"), "zone: Europe/Berlin\nfeatures: {login_event: sign_in}\n");
        BookSettings s = BookSettings.forBook(book, null);

        assertThat(FeatureSettings.forBook(book, null)).isEqualTo(s.features());
        assertThat(FeatureSettings.load(book.resolve("churn.yaml"))).isEqualTo(s.features());
        assertThat(ReadOptions.forBook(book)).isEqualTo(s.readOptions());
        assertThat(BookConfig.forBook(book)).isEqualTo(s.mapping());
    }

    @Test
    void aMistakeInTheMappingFailsTheFeaturesToo(@TempDir Path book) throws IOException {
        Files.writeString(book.resolve("churn.yaml"), "features: {login_event: sign_in}\nsources: {usages: {}}\n");

        assertThatThrownBy(() -> FeatureSettings.forBook(book, null)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("churn.yaml line 2, column 11: sources: 'usages' is not a source");
    }
}
