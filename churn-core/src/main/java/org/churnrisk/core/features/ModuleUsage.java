package org.churnrisk.core.features;

import java.util.List;
import org.churnrisk.core.InvalidArgumentException;

/**
 * Product-module usage beside a {@link FeatureTable}: per account row and module, the events of the
 * module's event names in the 30 days before the as-of date, counted in the same pass over usage as
 * the features. Not a model feature: the adoption scorecard ({@code adoption.csv}) reads it.
 *
 * <p>Immutable; the array is the caller's to hand over (the extractor's), never handed out.
 *
 * @param modules    module names, sorted
 * @param configured whether {@code churn.yaml} named the modules, or they are the defaults
 */
public record ModuleUsage(List<String> modules, boolean configured, long[] events30d) {
    public ModuleUsage {
        modules = List.copyOf(modules);
        if (modules.isEmpty() ? events30d.length != 0 : events30d.length % modules.size() != 0) {
            throw new InvalidArgumentException("module usage: " + events30d.length + " counts for "
                    + modules.size() + " modules");
        }
    }

    /** Events of module {@code m} in the 30 days before the as-of date for table row {@code row}. */
    public long events(int row, int m) {
        return events30d[row * modules.size() + m];
    }

    @Override
    public long[] events30d() {
        return events30d.clone();
    }
}
