package org.churnrisk.spark;

import java.io.Serializable;
import java.util.List;
import org.churnrisk.features.extract.TierMedians;

/** What one partition's extraction sends back to the driver: its tables, cohorts, accounts and row counts. */
final class PartOut implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Per source ordinal, rows accepted. */
    final long[] accepted;
    /** Per as-of date: account ids, their feature values (row after row), health scores, the cohorts. */
    final List<String[]> ids;
    final List<double[]> values;
    final List<double[]> health;
    final List<TierMedians> medians;
    /** Every account of the partition: id, name, csm, ae. */
    final List<String[]> accounts;
    final long usageMaxSecond;
    /** The adoption modules counted (sorted names; null when the tables have none) and whether churn.yaml named them. */
    final String[] moduleNames;
    final boolean modulesConfigured;
    /** Per as-of date: the table's module counts, module after module for each account row. */
    final List<long[]> moduleEvents;

    /** With sources.churn.from_accounts and a churn file: each side's latest churn day per account of the partition. */
    java.util.Map<String, Long> churnFromFile = java.util.Map.of();
    java.util.Map<String, Long> churnFromAccounts = java.util.Map.of();

    PartOut(long[] accepted, List<String[]> ids, List<double[]> values, List<double[]> health,
            List<TierMedians> medians, List<String[]> accounts, long usageMaxSecond,
            String[] moduleNames, boolean modulesConfigured, List<long[]> moduleEvents) {
        this.moduleNames = moduleNames;
        this.modulesConfigured = modulesConfigured;
        this.moduleEvents = moduleEvents;
        this.accepted = accepted;
        this.ids = ids;
        this.values = values;
        this.health = health;
        this.medians = medians;
        this.accounts = accounts;
        this.usageMaxSecond = usageMaxSecond;
    }
}
