package org.churnrisk.score.workflow;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the previous run's report said, for telling what changed: its as-of date, its red
 * accounts and every account's health score.
 *
 * @param report the previous report's file name
 * @param asOf   its as-of date
 * @param red    the accounts it had in the red band
 * @param health health scores by account id
 */
public record Baseline(String report, LocalDate asOf, Set<String> red, Map<String, Double> health) {
    public Baseline {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(asOf, "asOf");
        red = Set.copyOf(red);
        health = Map.copyOf(health);
    }
}
