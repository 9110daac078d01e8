package org.churnrisk.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.churnrisk.core.contract.Account;
import org.churnrisk.core.features.FeatureTable;
import org.junit.jupiter.api.Test;

/** Event names from the configuration match whatever case an export spells them in. */
class EventNamesTest {
    private static final Account ACCOUNT = new Account("A1", "Acme", 20_000, 10, LocalDate.of(2025, 1, 1), null,
            null, null);

    private static FeatureTable extract(FeatureConfig config, String... events) {
        List<org.churnrisk.core.contract.UsageEvent> usage = java.util.Arrays.stream(events)
                .map(e -> TinyBook.use("2025-05-20", "u1", e, 1, 0)).toList();
        return FeatureExtractor.create(config).extract(List.of(AccountHistory.of(ACCOUNT, usage)), TinyBook.AS_OF);
    }

    @Test
    void aLoginCountsInAnyCase() {
        FeatureTable t = extract(FeatureConfig.DEFAULT, "Login", "LOGIN", "login");

        assertThat(t.value(0, "logins_30d")).isEqualTo(3);
        assertThat(t.value(0, "events_30d")).isZero();
    }

    @Test
    void configuredEventsMatchInAnyCase() {
        FeatureConfig config = FeatureConfig.builder().integrationEvents(Set.of("Integration Sync"))
                .coreFeatures(Set.of("dashboards")).build();

        FeatureTable t = extract(config, "integration sync", "Dashboards", "reports");

        assertThat(t.value(0, "integration_syncs_30d")).isEqualTo(1);
        assertThat(t.value(0, "core_depth_30d")).isEqualTo(1);
        assertThat(t.value(0, "distinct_features_30d")).isEqualTo(2);
    }
}
