package org.churnrisk.features.io.mapping;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An extra file of the book that is not a source but that {@link Lookup}s read: a subscriptions
 * or users table, from {@code tables:} in {@code churn.yaml}. Immutable.
 *
 * @param name    its name under {@code tables}, e.g. {@code subscriptions}
 * @param files   file names or globs relative to the book (CSV or gzipped CSV)
 * @param columns a name the mapping uses to the file's header name, for the columns renamed
 * @param dialect how its CSV is written
 */
public record TableMapping(String name, List<String> files, Map<String, String> columns, CsvDialect dialect) {
    public TableMapping {
        Objects.requireNonNull(name, "name");
        files = List.copyOf(files);
        columns = Map.copyOf(columns);
        Objects.requireNonNull(dialect, "dialect");
    }

    /** The file's header name for a column the mapping names. */
    public String fileColumn(String name) {
        return columns.getOrDefault(name, name);
    }
}
