package org.churnrisk.cli;

import java.time.Period;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses an interval option such as {@code --snapshot-every 1m}: months, weeks or days. */
final class IntervalConverter implements ITypeConverter<Period> {
    private static final Pattern INTERVAL = Pattern.compile("([1-9][0-9]{0,3})([mwd])");

    @Override
    public Period convert(String value) {
        Matcher m = INTERVAL.matcher(value.strip().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("'" + value
                    + "' is not an interval (expected a number of months, weeks or days: 1m, 2w, 14d)");
        }
        int n = Integer.parseInt(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Period.ofMonths(n);
            case "w" -> Period.ofWeeks(n);
            default -> Period.ofDays(n);
        };
    }
}
