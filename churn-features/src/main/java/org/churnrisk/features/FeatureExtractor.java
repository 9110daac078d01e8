package org.churnrisk.features;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.features.extract.Extraction;

/**
 * Computes point-in-time features: for each as-of date T, one feature vector per account that
 * was a customer on the day before T, from what happened before T only.
 *
 * <pre>{@code
 * FeatureExtractor extractor = FeatureExtractor.create(FeatureConfig.DEFAULT);
 * FeatureTable table = extractor.extract(histories, LocalDate.parse("2026-03-01"));
 * double logins = table.value(table.rowOf("A00042"), "logins_30d");
 * }</pre>
 *
 * <p>Thread-safe: an extractor holds only its configuration, so one instance may serve
 * concurrent calls.
 */
public final class FeatureExtractor {
    private final FeatureConfig config;

    private FeatureExtractor(FeatureConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public static FeatureExtractor create(FeatureConfig config) {
        return new FeatureExtractor(config);
    }

    public FeatureConfig config() {
        return config;
    }

    /**
     * Features of in-memory account histories as of one date.
     *
     * @throws org.churnrisk.core.InvalidDataException if a record breaks the data contract or
     *         belongs to another account than the history it is in
     */
    public FeatureTable extract(List<AccountHistory> histories, LocalDate asOf) {
        return extract(histories, List.of(asOf)).get(0);
    }

    /** Features of in-memory account histories as of several dates, in date order. */
    public List<FeatureTable> extract(List<AccountHistory> histories, List<LocalDate> asOf) {
        List<FeatureTable> tables = new ArrayList<>();
        Extraction.run(histories, config, asOf, tables::add);
        return tables;
    }
}
