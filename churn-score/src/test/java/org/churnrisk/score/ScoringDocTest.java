package org.churnrisk.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.features.Feature;
import org.churnrisk.features.output.Numbers;
import org.junit.jupiter.api.Test;

/**
 * docs/scoring.md shows the report's columns, the driver themes and the default play rules as the
 * code has them. The tables are rendered here from the code; when one changes, paste the
 * rendering from the failure message into the page.
 */
class ScoringDocTest {
    private static final Path DOC = Path.of(System.getProperty("basedir", "."), "..", "docs", "scoring.md");

    private static String doc() throws IOException {
        return Files.readString(DOC, StandardCharsets.UTF_8);
    }

    static String columns() {
        return ReportCsv.COLUMNS.stream().map(c -> "`" + c + "`").collect(Collectors.joining(", "));
    }

    static String themes() {
        StringBuilder sb = new StringBuilder("| theme | features |\n|---|---|\n");
        for (DriverGroup g : DriverGroup.values()) {
            sb.append("| `").append(g.key()).append("` | ")
                    .append(g.features().stream().map(f -> "`" + f.key() + "`").collect(Collectors.joining(", ")))
                    .append(" |\n");
        }
        return sb.toString();
    }

    static String plays() {
        StringBuilder sb = new StringBuilder("| # | play | bands | tiers | renewal within | drivers | features |\n"
                + "|---|---|---|---|---|---|---|\n");
        List<PlayRule> rules = PlayRules.DEFAULT.rules();
        for (int i = 0; i < rules.size(); i++) {
            PlayRule r = rules.get(i);
            List<String> bands = PlayRule.BAND_LABELS.stream().filter(r.bands()::contains).toList();
            List<String> tiers = Arrays.stream(Tier.values()).filter(r.tiers()::contains).map(Tier::label).toList();
            List<String> drivers = Arrays.stream(DriverGroup.values()).filter(r.drivers()::contains)
                    .map(g -> "`" + g.key() + "`").toList();
            List<String> features = new ArrayList<>();
            for (PlayRule.FeatureCondition c : r.features()) {
                if (!Double.isNaN(c.atLeast())) {
                    features.add("`" + c.feature().key() + "` >= " + Numbers.format(c.atLeast()));
                }
                if (!Double.isNaN(c.below())) {
                    features.add("`" + c.feature().key() + "` < " + Numbers.format(c.below()));
                }
            }
            sb.append("| ").append(i + 1).append(" | ").append(r.play()).append(" | ").append(any(bands))
                    .append(" | ").append(any(tiers)).append(" | ")
                    .append(r.renewalWithinDays() == null ? "any" : r.renewalWithinDays() + " days").append(" | ")
                    .append(any(drivers)).append(" | ").append(any(features)).append(" |\n");
        }
        return sb.toString();
    }

    private static String any(List<String> values) {
        return values.isEmpty() ? "any" : String.join(", ", values);
    }

    @Test
    void theDocListsTheReportColumnsInOrder() throws IOException {
        assertThat(doc()).contains(columns());
    }

    @Test
    void theDocListsEveryDriverThemeWithItsFeatures() throws IOException {
        assertThat(doc()).contains(themes());
    }

    @Test
    void theDocShowsTheDefaultPlayRules() throws IOException {
        assertThat(doc()).contains(plays());
    }

    @Test
    void theDocGivesTheDefaultBandThresholds() throws IOException {
        assertThat(doc()).contains(String.format(Locale.ROOT, "red_at: %s", Numbers.format(ScoringSettings.DEFAULT.redAt())),
                String.format(Locale.ROOT, "yellow_at: %s", Numbers.format(ScoringSettings.DEFAULT.yellowAt())),
                "max_usage_lag_days: " + ScoringSettings.DEFAULT.maxUsageLagDays());
    }

    @Test
    void everyFeatureIsInOneTheme() {
        assertThat(Arrays.stream(DriverGroup.values()).mapToInt(g -> g.features().size()).sum())
                .isEqualTo(Feature.values().length);
    }
}
