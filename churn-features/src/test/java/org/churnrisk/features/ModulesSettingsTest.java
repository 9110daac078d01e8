package org.churnrisk.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.features.io.mapping.YamlTree;
import org.junit.jupiter.api.Test;

/** {@code features.modules}: the adoption scorecard's product modules, and the default without them. */
class ModulesSettingsTest {

    private static FeatureConfig features(String yaml) {
        return BookSettings.of(YamlTree.parse(yaml, "churn.yaml")).features();
    }

    @Test
    void readsTheModulesSortedByName() {
        FeatureConfig c = features("""
                features:
                  modules:
                    reporting: [report_build, report_export]
                    automation: [workflow_run]
                """);

        assertThat(c.modules()).containsExactly(Map.entry("automation", Set.of("workflow_run")),
                Map.entry("reporting", Set.of("report_build", "report_export")));
        assertThat(c.adoptionModules()).isEqualTo(c.modules());
    }

    @Test
    void withoutModulesTheScorecardUsesTheEventGroupsTheConfigurationKnows() {
        FeatureConfig c = features("features: {core_features: [dashboard_view], export_events: [csv_download]}\n");

        assertThat(c.modules()).isEmpty();
        assertThat(c.adoptionModules()).containsExactly(Map.entry("core", Set.of("dashboard_view")),
                Map.entry("exports", Set.of("csv_download")), Map.entry("integrations", Set.of("integration_sync")));
    }

    @Test
    void refusesAModuleWithoutEventsNamingTheLine() {
        assertThatThrownBy(() -> features("""
                features:
                  modules:
                    reporting: []
                """))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("churn.yaml line 2: features: modules: module 'reporting' names no events");
    }

    @Test
    void refusesModulesThatAreNotAMap() {
        assertThatThrownBy(() -> features("features: {modules: [reporting]}\n"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("expected a map of module name to event names");
    }

    @Test
    void theBuilderKeepsTheModulesThroughToBuilder() {
        FeatureConfig c = FeatureConfig.builder().modules(Map.of("b", Set.of("x"), "a", Set.of("y"))).build();

        assertThat(List.copyOf(c.toBuilder().build().modules().keySet())).containsExactly("a", "b");
    }
}
