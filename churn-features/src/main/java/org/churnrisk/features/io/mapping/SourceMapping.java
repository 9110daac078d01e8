package org.churnrisk.features.io.mapping;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.contract.Source;
import org.churnrisk.core.contract.SurveyKind;
import org.churnrisk.core.contract.TicketPriority;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.core.contract.TouchpointKind;
import org.churnrisk.features.io.values.ValueFormats;

/**
 * How one source is found in a book and how its columns and values are spelled.
 *
 * @param source  the canonical source
 * @param files   file names or globs relative to the book, tried in order; empty means the
 *                defaults ({@code <stem>.csv}, {@code <stem>.csv.gz}, {@code <stem>.parquet},
 *                {@code <stem>/})
 * @param columns canonical column name to the file's column name, for the columns that are
 *                renamed; unmentioned columns keep their canonical name. A column given by a
 *                {@link Lookup} maps to the file column that holds the lookup's key
 * @param formats how values are spelled
 * @param values  per enum column, the export's spellings of its values ({@link ValueMap})
 * @param lookups per canonical column the export does not hold, where it is looked up
 * @param dialect how its CSV files are written
 */
public record SourceMapping(Source source, List<String> files, Map<String, String> columns, ValueFormats formats,
                            Map<String, ValueMap> values, Map<String, Lookup> lookups, CsvDialect dialect) {

    public SourceMapping {
        Objects.requireNonNull(source, "source");
        files = List.copyOf(files);
        columns = Map.copyOf(columns);
        Objects.requireNonNull(formats, "formats");
        values = Map.copyOf(values);
        lookups = Map.copyOf(lookups);
        Objects.requireNonNull(dialect, "dialect");
        for (String canonical : columns.keySet()) {
            if (!source.hasColumn(canonical)) {
                throw new InvalidArgumentException(source.fileStem() + ".columns: '" + canonical
                        + "' is not a column of " + source.fileStem() + " (expected one of "
                        + String.join(", ", source.columnNames()) + ")");
            }
        }
        for (String canonical : values.keySet()) {
            if (enumValues(source, canonical) == null) {
                throw new InvalidArgumentException(source.fileStem() + ".values: '" + canonical
                        + "' is not an enum column of " + source.fileStem());
            }
        }
        for (String canonical : lookups.keySet()) {
            if (!source.hasColumn(canonical)) {
                throw new InvalidArgumentException(source.fileStem() + ".lookups: '" + canonical
                        + "' is not a column of " + source.fileStem());
            }
        }
    }

    /** A mapping of names and formats only: no value maps, no lookups, commas in UTF-8. */
    public SourceMapping(Source source, List<String> files, Map<String, String> columns, ValueFormats formats) {
        this(source, files, columns, formats, Map.of(), Map.of(), CsvDialect.DEFAULT);
    }

    /** The defaults: canonical file names, canonical column names, {@link ValueFormats#DEFAULT}. */
    public static SourceMapping defaults(Source source) {
        return new SourceMapping(source, List.of(), Map.of(), ValueFormats.DEFAULT);
    }

    /** The file's name for a canonical column. */
    public String fileColumn(String canonical) {
        return columns.getOrDefault(canonical, canonical);
    }

    /** Whether values are read as the file holds them: no value map, no lookup. */
    public boolean plainValues() {
        return values.isEmpty() && lookups.isEmpty();
    }

    /**
     * The canonical values of an enum column ({@code accounts.tier}, {@code tickets.priority},
     * {@code surveys.kind}, {@code touchpoints.kind}), lowercase; null for a column that is not an
     * enum.
     */
    public static List<String> enumValues(Source source, String column) {
        return switch (source.fileStem() + "." + column) {
            case "accounts.tier" -> labels(Tier.values(), Tier::label);
            case "tickets.priority" -> labels(TicketPriority.values(), TicketPriority::label);
            case "surveys.kind" -> labels(SurveyKind.values(), SurveyKind::label);
            case "touchpoints.kind" -> labels(TouchpointKind.values(), TouchpointKind::label);
            default -> null;
        };
    }

    private static <E> List<String> labels(E[] values, Function<E, String> label) {
        return Arrays.stream(values).map(label).toList();
    }
}
