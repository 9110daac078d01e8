package org.churnrisk.features;

import java.time.ZoneId;
import java.util.Set;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.features.HealthScore;

/**
 * What the feature definitions need to know about a product: which event is a login, which are
 * integration runs, which mark the "first report exported" milestone, which features are core;
 * the zone that decides where a day starts; and the health-score weights and bands.
 *
 * <p>Immutable; build one with {@link #builder()}. {@link #DEFAULT}: zone UTC, login event
 * {@code login}, integration event {@code integration_sync}, export event {@code report_export},
 * no core features named (then every feature event counts as core), the default health score.
 *
 * @param coreFeatures feature events that make up core use; empty means every feature event
 */
public record FeatureConfig(ZoneId zone, String loginEvent, Set<String> integrationEvents, Set<String> exportEvents,
                            Set<String> coreFeatures, HealthScore healthScore) {

    public static final FeatureConfig DEFAULT = builder().build();

    public FeatureConfig {
        if (zone == null) {
            throw new InvalidArgumentException("zone: is required (for example UTC)");
        }
        if (loginEvent == null || loginEvent.isBlank()) {
            throw new InvalidArgumentException("login event: is required (for example login)");
        }
        integrationEvents = Set.copyOf(integrationEvents);
        exportEvents = Set.copyOf(exportEvents);
        coreFeatures = Set.copyOf(coreFeatures);
        if (healthScore == null) {
            throw new InvalidArgumentException("health score: is required");
        }
        for (Set<String> events : java.util.List.of(integrationEvents, exportEvents, coreFeatures)) {
            if (events.contains(loginEvent)) {
                throw new InvalidArgumentException("event '" + loginEvent + "' is the login event and cannot also be "
                        + "an integration, export or core feature event");
            }
        }
        for (String e : integrationEvents) {
            if (coreFeatures.contains(e) || exportEvents.contains(e)) {
                throw new InvalidArgumentException("event '" + e + "' is an integration event and cannot also be a "
                        + "core feature or export event");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().zone(zone).loginEvent(loginEvent).integrationEvents(integrationEvents)
                .exportEvents(exportEvents).coreFeatures(coreFeatures).healthScore(healthScore);
    }

    /** Collects settings; {@link #build()} validates them. */
    public static final class Builder {
        private ZoneId zone = ZoneId.of("UTC");
        private String loginEvent = "login";
        private Set<String> integrationEvents = Set.of("integration_sync");
        private Set<String> exportEvents = Set.of("report_export");
        private Set<String> coreFeatures = Set.of();
        private HealthScore healthScore = HealthScore.DEFAULT;

        private Builder() {
        }

        public Builder zone(ZoneId zone) {
            this.zone = zone;
            return this;
        }

        public Builder loginEvent(String loginEvent) {
            this.loginEvent = loginEvent;
            return this;
        }

        public Builder integrationEvents(Set<String> events) {
            this.integrationEvents = events;
            return this;
        }

        public Builder exportEvents(Set<String> events) {
            this.exportEvents = events;
            return this;
        }

        public Builder coreFeatures(Set<String> features) {
            this.coreFeatures = features;
            return this;
        }

        public Builder healthScore(HealthScore healthScore) {
            this.healthScore = healthScore;
            return this;
        }

        public FeatureConfig build() {
            return new FeatureConfig(zone, loginEvent, integrationEvents, exportEvents, coreFeatures, healthScore);
        }
    }
}
