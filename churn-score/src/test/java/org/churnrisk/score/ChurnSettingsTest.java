package org.churnrisk.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.contract.Source;
import org.churnrisk.core.features.RiskBand;
import org.churnrisk.features.BookSettings;
import org.churnrisk.features.io.mapping.YamlTree;
import org.churnrisk.testkit.ReadOnceFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three sections of churn.yaml in one object, read from one parse of the file. */
class ChurnSettingsTest {
    private static final String YAML = """
            zone: Europe/Berlin
            sources:
              usage: {files: [events.csv]}
            features:
              login_event: sign_in
            scoring:
              bands: {red_at: 0.5, yellow_at: 0.2}
              max_usage_lag_days: 3
            """;

    @Test
    void theThreeSectionsComeFromOneTreeWithoutAFile() {
        ChurnSettings s = ChurnSettings.of(BookSettings.of(YamlTree.parse(YAML, "churn.yaml")));

        assertThat(s.mapping().mapping(Source.USAGE).files()).containsExactly("events.csv");
        assertThat(s.features().loginEvent()).isEqualTo("sign_in");
        assertThat(s.features().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(s.scoring().band(0.45)).isEqualTo(RiskBand.YELLOW);
        assertThat(s.scoring().maxUsageLagDays()).isEqualTo(3);
        assertThat(s.file()).isEmpty();
    }

    @Test
    void aMistakeInTheScoringSectionFailsTheLoadNamingItsLine(@TempDir Path book) throws IOException {
        Files.writeString(book.resolve("churn.yaml"), YAML.replace("max_usage_lag_days", "max_usage_lag"));

        assertThatThrownBy(() -> ChurnSettings.forBook(book, null)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("churn.yaml line 8: scoring: unknown key 'max_usage_lag' (expected one of bands,"
                        + " holdout, max_usage_lag_days, plays, workflow)");
    }

    @Test
    void aBookWithoutChurnYamlGetsEverySectionsDefaults(@TempDir Path book) throws IOException {
        assertThat(ChurnSettings.forBook(book, null)).isEqualTo(ChurnSettings.DEFAULT);
        assertThat(ScoringSettings.forBook(book, null)).isEqualTo(ScoringSettings.DEFAULT);
    }

    @Test
    void scoringSettingsLoadAndForBookGiveWhatTheOneObjectGives(@TempDir Path book) throws IOException {
        Path file = Files.writeString(book.resolve("churn.yaml"), YAML);

        assertThat(ScoringSettings.load(file)).isEqualTo(ChurnSettings.load(file).scoring());
        assertThat(ScoringSettings.forBook(book, null)).isEqualTo(ChurnSettings.forBook(book, null).scoring());
    }

    /**
     * A named pipe gives its content to the first reader only; a second open would wait for a
     * writer that never comes. Loading all three sections through it proves the file is read once.
     */
    @Test
    void theFileIsReadOnceForAllThreeSections(@TempDir Path dir) {
        Path pipe = dir.resolve("churn.yaml");
        assumeTrue(ReadOnceFiles.create(pipe, YAML), "needs mkfifo");

        ChurnSettings s = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> ChurnSettings.forBook(dir, pipe));

        assertThat(s.features().loginEvent()).isEqualTo("sign_in");
        assertThat(s.scoring().maxUsageLagDays()).isEqualTo(3);
        assertThat(s.mapping().mapping(Source.USAGE).files()).containsExactly("events.csv");
    }
}
