package org.churnrisk.features.io.mapping;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.values.ValueFormats;

/**
 * How one source is found in a book and how its columns and values are spelled.
 *
 * @param source  the canonical source
 * @param files   file names or globs relative to the book, tried in order; empty means the
 *                defaults ({@code <stem>.csv}, {@code <stem>.csv.gz}, {@code <stem>.parquet},
 *                {@code <stem>/})
 * @param columns canonical column name to the file's column name, for the columns that are
 *                renamed; unmentioned columns keep their canonical name
 * @param formats how values are spelled
 */
public record SourceMapping(Source source, List<String> files, Map<String, String> columns, ValueFormats formats) {

    public SourceMapping {
        Objects.requireNonNull(source, "source");
        files = List.copyOf(files);
        columns = Map.copyOf(columns);
        Objects.requireNonNull(formats, "formats");
        for (String canonical : columns.keySet()) {
            if (!source.hasColumn(canonical)) {
                throw new InvalidArgumentException(source.fileStem() + ".columns: '" + canonical
                        + "' is not a column of " + source.fileStem() + " (expected one of "
                        + String.join(", ", source.columnNames()) + ")");
            }
        }
    }

    /** The defaults: canonical file names, canonical column names, {@link ValueFormats#DEFAULT}. */
    public static SourceMapping defaults(Source source) {
        return new SourceMapping(source, List.of(), Map.of(), ValueFormats.DEFAULT);
    }

    /** The file's name for a canonical column. */
    public String fileColumn(String canonical) {
        return columns.getOrDefault(canonical, canonical);
    }
}
