package org.churnrisk.features;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
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

    /**
     * Features of a book on disk as of one date, read with the book's own {@code churn.yaml}
     * (or the defaults), stopping at the first bad row.
     *
     * @throws org.churnrisk.core.InvalidDataException naming the file, line, column and value of
     *         the first row that breaks the data contract
     * @throws java.io.IOException if a file cannot be read
     */
    public FeatureTable extract(Path book, LocalDate asOf) throws IOException {
        List<FeatureTable> tables = new ArrayList<>();
        extract(book, ReadOptions.forBook(book), List.of(asOf), tables::add);
        return tables.get(0);
    }

    /**
     * Features of a book on disk as of several dates, in one streaming pass over its files:
     * {@code out} receives one table per date, in date order. Memory grows with accounts x dates
     * and distinct users, never with the number of events.
     *
     * @throws org.churnrisk.core.InvalidDataException for a bad file, or a bad row under {@link BadRows#FAIL}
     * @throws java.io.IOException if a file cannot be read or a rejects file written
     */
    public ExtractionReport extract(Path book, ReadOptions options, List<LocalDate> asOf, Consumer<FeatureTable> out)
            throws IOException {
        return Extraction.run(book, options, config, asOf, out);
    }

    /**
     * The first and last day of a book's usage, in the zone of this extractor's configuration:
     * a quick pass that reads only {@code occurred_at}, for choosing snapshot dates before the
     * real pass. Rows that cannot be read are skipped here; the real pass reports them.
     *
     * @return {first day, last day}
     * @throws org.churnrisk.core.InvalidDataException if the book has no readable usage row
     */
    public LocalDate[] usageSpan(Path book, ReadOptions options) throws IOException {
        return Extraction.usageSpan(book, options, config);
    }

    /** Features of in-memory account histories as of several dates, in date order. */
    public List<FeatureTable> extract(List<AccountHistory> histories, List<LocalDate> asOf) {
        List<FeatureTable> tables = new ArrayList<>();
        Extraction.run(histories, config, asOf, tables::add);
        return tables;
    }
}
