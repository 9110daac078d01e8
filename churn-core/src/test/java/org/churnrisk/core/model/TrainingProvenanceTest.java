package org.churnrisk.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingProvenanceTest {
    static final String SHA = "ab".repeat(32);

    static TrainingProvenance sample() {
        return new TrainingProvenance(
                List.of(new TrainingProvenance.InputFile("accounts.csv", SHA, 500),
                        new TrainingProvenance.InputFile("part-2025-01.csv.gz", SHA, -1)),
                List.of(LocalDate.parse("2025-02-01"), LocalDate.parse("2025-03-01")), 42,
                new TrainingProvenance.Trainer("xgboost", 120, 6, 50, List.of("dashboard_view", "report_build")),
                null);
    }

    @Test
    void theMapHasTheBundlesKeysInTheBundlesOrder() {
        Map<String, Object> m = sample().toMap();

        assertThat(m.keySet()).containsExactly("inputs", "snapshot_dates", "seed", "trainer");
        assertThat(m.get("snapshot_dates")).isEqualTo(List.of("2025-02-01", "2025-03-01"));
        assertThat(List.<Object>copyOf(((Map<?, ?>) m.get("trainer")).keySet()))
                .containsExactly("algorithm", "horizon_days", "folds", "capacity", "core_features");
        assertThat(List.<Object>copyOf(((Map<?, ?>) ((List<?>) m.get("inputs")).get(0)).keySet())).containsExactly("file", "sha256", "rows");
    }

    @Test
    void aProvenanceReadsBackFromItsMapWithItsRuntime() {
        TrainingProvenance p = sample().withRuntime(
                new TrainingProvenance.Runtime("4.3.2", "17.0.15", "Debian", "Linux", "amd64"));

        assertThat(p.toMap()).containsKey("runtime");
        assertThat(TrainingProvenance.fromMap(p.toMap())).isEqualTo(p);
    }

    @Test
    void aProvenanceWithoutItsRuntimeReadsBackWithoutOne() {
        assertThat(TrainingProvenance.fromMap(sample().toMap())).isEqualTo(sample());
    }

    @Test
    void aMissingKeyIsRefusedByName() {
        Map<String, Object> m = new LinkedHashMap<>(sample().toMap());
        m.remove("seed");

        assertThatThrownBy(() -> TrainingProvenance.fromMap(m)).isInstanceOf(BundleException.class)
                .hasMessage("provenance: 'seed' is missing (expected a number); retrain or restore the bundle");
    }

    @Test
    void aKeyOfTheWrongTypeIsRefusedWithItsValue() {
        Map<String, Object> m = new LinkedHashMap<>(sample().toMap());
        m.put("snapshot_dates", "2025-02-01");

        assertThatThrownBy(() -> TrainingProvenance.fromMap(m)).isInstanceOf(BundleException.class)
                .hasMessageContaining("'snapshot_dates' is '2025-02-01' (expected a list)");
    }

    @Test
    void anInputWhoseChecksumIsNotSha256IsRefused() {
        assertThatThrownBy(() -> new TrainingProvenance.InputFile("accounts.csv", "abc", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 64 lower-case hex digits");
    }
}
