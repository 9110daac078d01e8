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
 * @param modules      product modules of the adoption scorecard: name to event names, sorted by
 *                     name; empty means not configured (see {@link #adoptionModules()})
 */
public record FeatureConfig(ZoneId zone, String loginEvent, Set<String> integrationEvents, Set<String> exportEvents,
                            Set<String> coreFeatures, HealthScore healthScore,
                            java.util.SortedMap<String, Set<String>> modules) {
    /** At most this many modules: each gets a bit of a long in the usage pass. */
    public static final int MAX_MODULES = 32;

    /** The default modules' names when {@code features.modules} is not configured. */
    public static final String CORE_MODULE = "core";
    public static final String EXPORT_MODULE = "exports";
    public static final String INTEGRATION_MODULE = "integrations";

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
        java.util.TreeMap<String, Set<String>> m = new java.util.TreeMap<>();
        for (java.util.Map.Entry<String, Set<String>> e : (modules == null ? java.util.Map.<String, Set<String>>of()
                : modules).entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new InvalidArgumentException("modules: a module name is blank (expected a name such as reporting)");
            }
            if (e.getValue() == null || e.getValue().isEmpty()) {
                throw new InvalidArgumentException("modules: module '" + e.getKey()
                        + "' names no events (expected a list of event names, e.g. [report_build, report_export])");
            }
            m.put(e.getKey().strip(), Set.copyOf(e.getValue()));
        }
        if (m.size() > MAX_MODULES) {
            throw new InvalidArgumentException("modules: " + m.size() + " modules (expected at most " + MAX_MODULES + ")");
        }
        modules = java.util.Collections.unmodifiableSortedMap(m);
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

    /**
     * The modules the adoption scorecard reports: the configured {@link #modules()}, or when none
     * are configured one per event group the configuration already knows: {@code core} (the core
     * features; an empty set, meaning every feature event, when none are named), {@code exports}
     * (the export events) and {@code integrations} (the integration events), each left out when
     * its group is empty.
     */
    public java.util.SortedMap<String, Set<String>> adoptionModules() {
        if (!modules.isEmpty()) {
            return modules;
        }
        java.util.TreeMap<String, Set<String>> m = new java.util.TreeMap<>();
        m.put(CORE_MODULE, coreFeatures);
        if (!exportEvents.isEmpty()) {
            m.put(EXPORT_MODULE, exportEvents);
        }
        if (!integrationEvents.isEmpty()) {
            m.put(INTEGRATION_MODULE, integrationEvents);
        }
        return java.util.Collections.unmodifiableSortedMap(m);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().zone(zone).loginEvent(loginEvent).integrationEvents(integrationEvents)
                .exportEvents(exportEvents).coreFeatures(coreFeatures).healthScore(healthScore).modules(modules);
    }

    /** Collects settings; {@link #build()} validates them. */
    public static final class Builder {
        private ZoneId zone = ZoneId.of("UTC");
        private String loginEvent = "login";
        private Set<String> integrationEvents = Set.of("integration_sync");
        private Set<String> exportEvents = Set.of("report_export");
        private Set<String> coreFeatures = Set.of();
        private HealthScore healthScore = HealthScore.DEFAULT;
        private java.util.Map<String, Set<String>> modules = java.util.Map.of();

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

        /** Product modules for the adoption scorecard: name to event names. */
        public Builder modules(java.util.Map<String, Set<String>> modules) {
            this.modules = modules;
            return this;
        }

        public FeatureConfig build() {
            return new FeatureConfig(zone, loginEvent, integrationEvents, exportEvents, coreFeatures, healthScore,
                    new java.util.TreeMap<>(modules));
        }
    }
}
