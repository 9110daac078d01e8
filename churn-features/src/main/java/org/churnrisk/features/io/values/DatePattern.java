package org.churnrisk.features.io.values;

import java.nio.charset.StandardCharsets;
import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.churnrisk.core.InvalidArgumentException;

/**
 * One extra date or timestamp pattern of a mapping ({@link ValueFormats}), compiled.
 *
 * <p>Patterns use {@link DateTimeFormatter} letters and are read strictly (30 February is an
 * error), case-insensitively, in {@link Locale#US} (so {@code a} reads AM and PM). {@code y} is
 * read as {@code u}: with strict resolution {@code yyyy} (year of era) alone never resolves to a
 * date, a well-known pitfall. Patterns made only of numeric fields, AM/PM and literals (the usual
 * export formats: {@code M/d/yyyy}, {@code dd-MM-yyyy}, {@code yyyyMMdd},
 * {@code yyyy-MM-dd H:mm}, {@code M/d/yyyy h:mm a}) are matched by a small byte matcher that
 * gives the same results as the formatter without allocating; other patterns go through the
 * formatter. Either way, years run from 0000 to 9999. Immutable and thread-safe.
 */
public final class DatePattern {
    static final long INVALID = Iso8601.INVALID;

    /** The sample a pattern must read back: 2025-03-04T13:05:06.789 UTC. */
    private static final ZonedDateTime SAMPLE = ZonedDateTime.of(2025, 3, 4, 13, 5, 6, 789_000_000, ZoneOffset.UTC);

    private final String pattern;
    private final DateTimeFormatter formatter;
    private final Element[] fast;

    private DatePattern(String pattern, DateTimeFormatter formatter, Element[] fast) {
        this.pattern = pattern;
        this.formatter = formatter;
        this.fast = fast;
    }

    /**
     * Compiles a pattern and checks that it reads back what it writes.
     *
     * @param timestamp whether it is for timestamp columns (else date columns)
     * @throws InvalidArgumentException if the pattern is not a valid pattern, or does not read back
     *     a date (for example {@code YYYY-MM-dd}, week-based year) or, when it shows a time, the time
     *     (for example {@code h:mm} without {@code a})
     */
    public static DatePattern compile(String pattern, boolean timestamp) {
        if (pattern == null || pattern.isBlank()) {
            throw new InvalidArgumentException("pattern: is blank");
        }
        String strictPattern = yearOfEraToYear(pattern);
        DateTimeFormatter formatter;
        try {
            formatter = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(strictPattern)
                    .toFormatter(Locale.US).withResolverStyle(ResolverStyle.STRICT);
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("'" + pattern + "' is not a valid pattern: " + e.getMessage()
                    + " (see java.time.format.DateTimeFormatter; for example M/d/yyyy or yyyy-MM-dd H:mm)");
        }
        DatePattern compiled = new DatePattern(pattern, formatter, FastCompiler.compile(strictPattern));
        compiled.checkRoundTrip(timestamp);
        return compiled;
    }

    /** The pattern as the mapping wrote it. */
    String pattern() {
        return pattern;
    }

    /** Whether the allocation-free matcher handles this pattern (for tests). */
    boolean isFast() {
        return fast != null;
    }

    /** A date as days since the epoch, or {@link #INVALID}; the text must be trimmed. */
    long epochDay(byte[] b, int from, int to) {
        if (fast != null) {
            return fastParse(b, from, to, null);
        }
        return epochDay(new String(b, from, to - from, StandardCharsets.UTF_8));
    }

    /** A date as days since the epoch, or {@link #INVALID}. */
    long epochDay(CharSequence text) {
        TemporalAccessor parsed = parse(text);
        if (parsed == null) {
            return INVALID;
        }
        LocalDate date = parsed.query(TemporalQueries.localDate());
        return date == null ? INVALID : date.toEpochDay();
    }

    /** A timestamp as epoch seconds, or {@link #INVALID}; the text must be trimmed. */
    long epochSecond(byte[] b, int from, int to, ZoneClock clock) {
        if (fast != null) {
            return fastParse(b, from, to, clock);
        }
        return epochSecond(new String(b, from, to - from, StandardCharsets.UTF_8), clock);
    }

    /** A timestamp as epoch seconds, or {@link #INVALID}. */
    long epochSecond(CharSequence text, ZoneClock clock) {
        TemporalAccessor parsed = parse(text);
        if (parsed == null) {
            return INVALID;
        }
        if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
            return parsed.getLong(ChronoField.INSTANT_SECONDS);
        }
        LocalDate date = parsed.query(TemporalQueries.localDate());
        if (date == null) {
            return INVALID;
        }
        LocalTime time = parsed.query(TemporalQueries.localTime());
        return time == null ? clock.startOfDay(date.toEpochDay())
                : clock.toEpochSecond(date.toEpochDay(), time.toSecondOfDay());
    }

    private TemporalAccessor parse(CharSequence text) {
        // parseUnresolved reports a mismatch without an exception, which keeps a list of patterns
        // cheap to try in order; only text that matches the shape pays for strict resolution.
        ParsePosition position = new ParsePosition(0);
        if (formatter.parseUnresolved(text, position) == null || position.getErrorIndex() >= 0
                || position.getIndex() != text.length()) {
            return null;
        }
        TemporalAccessor parsed;
        try {
            parsed = formatter.parse(text);
        } catch (DateTimeException e) {
            return null;
        }
        // Years have four digits, as in the byte matcher: a sign or a fifth digit is a typo.
        LocalDate date = parsed.query(TemporalQueries.localDate());
        return date == null || date.getYear() < 0 || date.getYear() > 9999 ? null : parsed;
    }

    private void checkRoundTrip(boolean timestamp) {
        String written;
        try {
            written = formatter.format(SAMPLE);
        } catch (DateTimeException e) {
            throw new InvalidArgumentException("'" + pattern + "' cannot be used: " + e.getMessage());
        }
        ZoneClock utc = new ZoneClock(ZoneOffset.UTC);
        byte[] bytes = written.getBytes(StandardCharsets.UTF_8);
        long day = SAMPLE.toLocalDate().toEpochDay();
        if (!timestamp) {
            if (epochDay(written) != day || epochDay(bytes, 0, bytes.length) != day) {
                throw new InvalidArgumentException("'" + pattern + "' does not read back the date it writes ('"
                        + written + "'); it needs a year (yyyy, not YYYY), a month (MM, not mm) and a day (dd, not DD)");
            }
            return;
        }
        boolean showsTime = !written.equals(formatter.format(SAMPLE.truncatedTo(java.time.temporal.ChronoUnit.DAYS)));
        long slow = epochSecond(written, utc);
        long quick = epochSecond(bytes, 0, bytes.length, utc);
        long exact = SAMPLE.toEpochSecond();
        boolean ok;
        if (showsTime) {
            ok = slow == exact || slow == exact - 6 || slow == exact - 306;
        } else {
            ok = slow == day * 86_400;
        }
        if (!ok || quick != slow) {
            throw new InvalidArgumentException("'" + pattern + "' does not read back the "
                    + (showsTime ? "date and time" : "date") + " it writes ('" + written + "'); it needs a year"
                    + " (yyyy, not YYYY), a month (MM), a day (dd) and, for a time, H for 0-23 or h with a for AM/PM");
        }
    }

    /** Replaces the pattern letter y (year of era) by u (year), outside quoted literals. */
    static String yearOfEraToYear(String pattern) {
        StringBuilder out = new StringBuilder(pattern.length());
        boolean quoted = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            out.append(!quoted && c == 'y' ? 'u' : c);
        }
        return out.toString();
    }

    // ---- the allocation-free matcher ------------------------------------------------------------

    /** Kinds of pattern element the matcher handles. */
    private static final int LITERAL = 0;
    private static final int YEAR = 1;
    private static final int MONTH = 2;
    private static final int DAY = 3;
    private static final int HOUR = 4;
    private static final int CLOCK_HOUR = 5;
    private static final int MINUTE = 6;
    private static final int SECOND = 7;
    private static final int FRACTION = 8;
    private static final int AMPM = 9;

    /**
     * One element: a literal byte, or a field with a fixed width, or (width 0) a variable width of
     * one or more digits, which the compiler only allows before a literal or the end.
     */
    private record Element(int kind, int width, byte literal) {
    }

    /**
     * Matches {@code b[from, to)} and returns days since the epoch (clock null) or epoch seconds,
     * or INVALID. Mirrors the formatter: digits only (no signs), exact widths, strict ranges.
     */
    private long fastParse(byte[] b, int from, int to, ZoneClock clock) {
        int year = -1;
        int month = -1;
        int day = -1;
        int hour = -1;
        int clockHour = -1;
        int minute = 0;
        int second = 0;
        int pm = -1;
        int p = from;
        for (Element e : fast) {
            if (e.kind == LITERAL) {
                if (p >= to || !sameIgnoringCase(b[p], e.literal)) {
                    return INVALID;
                }
                p++;
                continue;
            }
            if (e.kind == AMPM) {
                if (to - p < 2 || (b[p + 1] | 0x20) != 'm') {
                    return INVALID;
                }
                int c = b[p] | 0x20;
                if (c == 'a') {
                    pm = 0;
                } else if (c == 'p') {
                    pm = 1;
                } else {
                    return INVALID;
                }
                p += 2;
                continue;
            }
            int start = p;
            long value = 0;
            int end = e.width == 0 ? to : Math.min(to, p + e.width);
            while (p < end) {
                int d = b[p] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                if (p - start >= 18) {
                    return INVALID;
                }
                value = value * 10 + d;
                p++;
            }
            int digits = p - start;
            if (digits == 0 || (e.width != 0 && digits != e.width)) {
                return INVALID;
            }
            switch (e.kind) {
                case YEAR -> year = (int) value;
                case MONTH -> month = value >= 1 && value <= 12 ? (int) value : -2;
                case DAY -> day = value >= 1 && value <= 31 ? (int) value : -2;
                case HOUR -> hour = value <= 23 ? (int) value : -2;
                case CLOCK_HOUR -> clockHour = value >= 1 && value <= 12 ? (int) value : -2;
                case MINUTE -> minute = value <= 59 ? (int) value : -2;
                case SECOND -> second = value <= 59 ? (int) value : -2;
                default -> {
                    // FRACTION: any digits; whole seconds are kept
                }
            }
            if (month == -2 || day == -2 || hour == -2 || clockHour == -2 || minute == -2 || second == -2) {
                return INVALID;
            }
        }
        if (p != to || day > Iso8601.monthLength(year, month)) {
            return INVALID;
        }
        long epochDay = Iso8601.epochDay(year, month, day);
        if (clock == null) {
            return epochDay;
        }
        if (clockHour > 0) {
            hour = clockHour % 12 + (pm == 1 ? 12 : 0);
        }
        if (hour < 0) {
            return clock.startOfDay(epochDay);
        }
        return clock.toEpochSecond(epochDay, hour * 3600 + minute * 60 + second);
    }

    private static boolean sameIgnoringCase(byte a, byte b) {
        if (a == b) {
            return true;
        }
        int la = a | 0x20;
        return la == (b | 0x20) && la >= 'a' && la <= 'z';
    }

    /** Compiles a pattern into elements, or returns null when the matcher cannot mirror the formatter. */
    private static final class FastCompiler {
        static Element[] compile(String pattern) {
            List<Element> out = new ArrayList<>();
            boolean[] seen = new boolean[10];
            int i = 0;
            while (i < pattern.length()) {
                char c = pattern.charAt(i);
                if (c == '\'') {
                    int close = pattern.indexOf('\'', i + 1);
                    if (close < 0) {
                        return null;
                    }
                    if (close == i + 1) {
                        out.add(new Element(LITERAL, 1, (byte) '\''));
                    } else {
                        for (int k = i + 1; k < close; k++) {
                            if (!addLiteral(out, pattern.charAt(k))) {
                                return null;
                            }
                        }
                    }
                    i = close + 1;
                    continue;
                }
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                    int run = i;
                    while (run < pattern.length() && pattern.charAt(run) == c) {
                        run++;
                    }
                    int count = run - i;
                    Element e = field(c, count);
                    if (e == null || seen[e.kind]) {
                        return null;
                    }
                    seen[e.kind] = true;
                    out.add(e);
                    i = run;
                    continue;
                }
                if (c == '[' || c == ']' || c == '{' || c == '}' || c == '#' || !addLiteral(out, c)) {
                    return null;
                }
                i++;
            }
            for (int k = 0; k < out.size(); k++) {
                Element e = out.get(k);
                boolean variable = e.width == 0 && e.kind != LITERAL;
                if (variable && k + 1 < out.size() && out.get(k + 1).kind != LITERAL) {
                    return null; // adjacent value parsing: leave it to the formatter
                }
            }
            boolean date = seen[YEAR] && seen[MONTH] && seen[DAY];
            boolean anyTime = seen[HOUR] || seen[CLOCK_HOUR] || seen[MINUTE] || seen[SECOND] || seen[FRACTION];
            boolean time = (seen[HOUR] ^ seen[CLOCK_HOUR]) && seen[MINUTE] && (seen[SECOND] || !seen[FRACTION])
                    && seen[CLOCK_HOUR] == seen[AMPM];
            if (!date || (anyTime || seen[AMPM]) && !time) {
                return null;
            }
            return out.toArray(new Element[0]);
        }

        private static boolean addLiteral(List<Element> out, char c) {
            if (c > 127) {
                return false;
            }
            out.add(new Element(LITERAL, 1, (byte) c));
            return true;
        }

        private static Element field(char letter, int count) {
            return switch (letter) {
                case 'u' -> count == 4 ? new Element(YEAR, 4, (byte) 0) : null;
                case 'M' -> count <= 2 ? new Element(MONTH, count == 1 ? 0 : 2, (byte) 0) : null;
                case 'd' -> count <= 2 ? new Element(DAY, count == 1 ? 0 : 2, (byte) 0) : null;
                case 'H' -> count <= 2 ? new Element(HOUR, count == 1 ? 0 : 2, (byte) 0) : null;
                case 'h' -> count <= 2 ? new Element(CLOCK_HOUR, count == 1 ? 0 : 2, (byte) 0) : null;
                case 'm' -> count <= 2 ? new Element(MINUTE, count == 1 ? 0 : 2, (byte) 0) : null;
                case 's' -> count <= 2 ? new Element(SECOND, count == 1 ? 0 : 2, (byte) 0) : null;
                case 'S' -> count <= 9 ? new Element(FRACTION, count, (byte) 0) : null;
                case 'a' -> count == 1 ? new Element(AMPM, 2, (byte) 0) : null;
                default -> null;
            };
        }
    }
}
