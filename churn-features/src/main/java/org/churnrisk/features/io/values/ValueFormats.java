package org.churnrisk.features.io.values;

import java.time.ZoneId;
import java.util.List;
import org.churnrisk.core.InvalidArgumentException;

/**
 * How the values of one source are spelled: the zone of local timestamps, extra date and
 * timestamp patterns besides ISO-8601, and the spellings of true and false.
 *
 * <p>ISO-8601 is always accepted (an instant with {@code Z} or an offset, a local date-time, a
 * date); {@code datePatterns} and {@code timestampPatterns} are {@link
 * java.time.format.DateTimeFormatter} patterns tried after it, in order. Booleans compare
 * case-insensitively. Immutable.
 *
 * @param zone              zone of local date-times and of dates in timestamp columns
 * @param datePatterns      extra patterns for date columns, e.g. {@code dd-MM-yyyy}, {@code M/d/yyyy}, {@code yyyyMMdd}
 * @param timestampPatterns extra patterns for timestamp columns, e.g. {@code yyyy-MM-dd H:mm}
 * @param trueSpellings     how true is written, e.g. {@code true, yes, y, 1}
 * @param falseSpellings    how false is written, e.g. {@code false, no, n, 0}
 * @param excelDates        whether date and timestamp columns may also hold Excel serial numbers
 *                          (1900 date system: {@code 45720} is 2025-03-04, {@code 45720.5} noon
 *                          of that day in the zone), tried after every pattern
 */
public record ValueFormats(ZoneId zone, List<String> datePatterns, List<String> timestampPatterns,
                           List<String> trueSpellings, List<String> falseSpellings, boolean excelDates) {

    /** UTC, ISO-8601 only, and true/false, yes/no, y/n, 1/0 in any case. */
    public static final ValueFormats DEFAULT = new ValueFormats(ZoneId.of("UTC"), List.of(), List.of(),
            List.of("true", "yes", "y", "1"), List.of("false", "no", "n", "0"));

    /** Formats without Excel serial dates. */
    public ValueFormats(ZoneId zone, List<String> datePatterns, List<String> timestampPatterns,
                        List<String> trueSpellings, List<String> falseSpellings) {
        this(zone, datePatterns, timestampPatterns, trueSpellings, falseSpellings, false);
    }

    public ValueFormats {
        if (zone == null) {
            throw new InvalidArgumentException("zone: is required (for example UTC or Europe/Berlin)");
        }
        datePatterns = List.copyOf(datePatterns);
        timestampPatterns = List.copyOf(timestampPatterns);
        trueSpellings = List.copyOf(trueSpellings);
        falseSpellings = List.copyOf(falseSpellings);
        if (trueSpellings.isEmpty() || falseSpellings.isEmpty()) {
            throw new InvalidArgumentException("booleans: both true and false need at least one spelling");
        }
        for (String t : trueSpellings) {
            for (String f : falseSpellings) {
                if (t.equalsIgnoreCase(f)) {
                    throw new InvalidArgumentException("booleans: '" + t + "' is spelled as both true and false");
                }
            }
        }
    }
}
