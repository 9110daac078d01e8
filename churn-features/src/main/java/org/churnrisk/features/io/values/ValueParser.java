package org.churnrisk.features.io.values;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.churnrisk.core.InvalidArgumentException;

/**
 * Reads the values of one source as its {@link ValueFormats} spell them: timestamps, dates, whole
 * numbers, decimals and booleans, from UTF-8 bytes (as a CSV cursor holds them) or from text.
 *
 * <p>Each method returns a sentinel instead of throwing, so that a cursor can name the file, line
 * and column in its own message: {@link #INVALID} for the {@code long} results, {@code NaN} for
 * {@link #decimal}, -1 for {@link #bool}. Surrounding whitespace is ignored. The common forms
 * (ISO-8601, plain numbers, patterns made of numeric fields) are read without allocating; the
 * {@code CharSequence} methods copy short ASCII text into a scratch buffer first.
 *
 * <ul>
 *   <li>Timestamps: ISO-8601 ({@code 2025-03-04T10:15:30Z}, {@code 2025-03-04 10:15:30.250+01:00},
 *       {@code +0100}, {@code +01}; a local date-time or a date read in the zone), then the
 *       timestamp patterns, then, when the timestamp patterns name {@value #EPOCH_SECONDS} or
 *       {@value #EPOCH_MILLIS}, a number of seconds or milliseconds since 1970-01-01T00:00:00Z
 *       ({@code 1741083330}, {@code 1741083330.25}, {@code 1741083330250}; rounded down to the
 *       second), then the date patterns (a date means the start of that day), then, with
 *       {@link ValueFormats#excelDates()}, an Excel serial number with a fraction of a day.</li>
 *   <li>Dates: {@code yyyy-MM-dd}, then the date patterns, then an Excel serial number when
 *       allowed.</li>
 *   <li>Whole numbers: an optional sign and digits, from -9223372036854775807 to
 *       9223372036854775807; a fraction of zeros ({@code 3.0}) is allowed because pandas writes
 *       whole-number columns with gaps that way.</li>
 *   <li>Decimals: an optional sign, digits with an optional {@code .} fraction, an optional
 *       exponent ({@code 1.25E7}, as Spark writes large numbers); no grouping, no NaN or Infinity.</li>
 *   <li>Booleans: the spellings, ignoring case.</li>
 * </ul>
 *
 * <p>Not thread-safe (a zone cache and a scratch buffer): use one parser per cursor.
 *
 * <pre>{@code
 * ValueParser parser = new ValueParser(ValueFormats.DEFAULT);
 * long t = parser.epochSecond("2025-03-04T10:15:30Z");   // 1741083330
 * if (t == ValueParser.INVALID) { ... parser.timestampExpected() ... }
 * }</pre>
 */
public final class ValueParser {
    /** The result of the {@code long} methods for text they cannot read. */
    public static final long INVALID = Long.MIN_VALUE;
    /** The timestamp pattern of numbers of seconds since the epoch (JSON event exports such as Mixpanel's). */
    public static final String EPOCH_SECONDS = "epoch_seconds";
    /** The timestamp pattern of numbers of milliseconds since the epoch (Amplitude, JavaScript). */
    public static final String EPOCH_MILLIS = "epoch_millis";

    /** Doubles that are exact: mantissas below 2^53 divided by powers of ten up to 10^22. */
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private final ValueFormats formats;
    private final ZoneClock clock;
    private final DatePattern[] datePatterns;
    private final DatePattern[] timestampPatterns;
    /** Per second, the unit of epoch numbers in timestamp columns: 1 (seconds), 1000 (millis), 0 (not allowed). */
    private final long epochUnit;
    private final byte[][] trueSpellings;
    private final byte[][] falseSpellings;
    private final boolean asciiSpellings;
    private final String dateExpected;
    private final String timestampExpected;
    private final String booleanExpected;
    private final byte[] scratch = new byte[64];

    /**
     * Compiles the formats' patterns.
     *
     * @throws InvalidArgumentException if a pattern is invalid or does not read back what it writes;
     *     the message starts with {@code date_patterns:} or {@code timestamp_patterns:}
     */
    public ValueParser(ValueFormats formats) {
        this.formats = formats;
        this.clock = new ZoneClock(formats.zone());
        this.datePatterns = compile(formats.datePatterns(), false, "date_patterns");
        List<String> patterns = new ArrayList<>();
        long unit = 0;
        for (String pattern : formats.timestampPatterns()) {
            String lower = pattern.strip().toLowerCase(Locale.ROOT);
            long u = lower.equals(EPOCH_SECONDS) ? 1 : lower.equals(EPOCH_MILLIS) ? 1000 : 0;
            if (u == 0) {
                patterns.add(pattern);
            } else if (unit != 0 && unit != u) {
                throw new InvalidArgumentException("timestamp_patterns: " + EPOCH_SECONDS + " and " + EPOCH_MILLIS
                        + " cannot both be given (a number cannot tell which it is); keep the one the export uses");
            } else {
                unit = u;
            }
        }
        this.epochUnit = unit;
        this.timestampPatterns = compile(patterns, true, "timestamp_patterns");
        this.trueSpellings = spellings(formats.trueSpellings());
        this.falseSpellings = spellings(formats.falseSpellings());
        boolean ascii = true;
        for (String s : concat(formats.trueSpellings(), formats.falseSpellings())) {
            ascii &= s.chars().allMatch(c -> c < 128);
        }
        this.asciiSpellings = ascii;
        List<String> excel = formats.excelDates() ? List.of("an Excel serial date such as 45720") : List.of();
        this.dateExpected = "is not a date (expected "
                + orList(concat(concat(List.of("yyyy-MM-dd"), formats.datePatterns()), excel)) + ")";
        List<String> shown = new ArrayList<>();
        for (String pattern : formats.timestampPatterns()) {
            String lower = pattern.strip().toLowerCase(Locale.ROOT);
            shown.add(lower.equals(EPOCH_SECONDS) ? "seconds since the epoch such as 1741083330"
                    : lower.equals(EPOCH_MILLIS) ? "milliseconds since the epoch such as 1741083330250" : pattern);
        }
        List<String> extra = concat(concat(shown, formats.datePatterns()), excel);
        this.timestampExpected = "is not a timestamp (expected ISO-8601 such as 2025-03-04T10:15:30Z"
                + (extra.isEmpty() ? ", 2025-03-04T10:15:30 or 2025-03-04" : ", or " + orList(extra)) + ")";
        this.booleanExpected = "is not a boolean (expected " + booleanSpellings(formats) + ")";
    }

    /** The formats this parser reads. */
    public ValueFormats formats() {
        return formats;
    }

    // ---- timestamps and dates --------------------------------------------------------------------

    /** A timestamp as seconds since the epoch (rounded down), or {@link #INVALID}. */
    public long epochSecond(byte[] b, int offset, int length) {
        int from = trimStart(b, offset, offset + length);
        int to = trimEnd(b, from, offset + length);
        if (epochUnit != 0 && timestampPatterns.length == 0) {
            // A whole number (an epoch number as JSON exports write it) is never ISO-8601, which
            // needs a '-' after the year, and no other timestamp pattern comes before it: read it first.
            long whole = integer(b, from, to - from);
            if (whole != INVALID) {
                return inSeconds(whole);
            }
        }
        long t = Iso8601.epochSecond(b, from, to, clock);
        if (t != INVALID) {
            return t;
        }
        for (DatePattern p : timestampPatterns) {
            t = p.epochSecond(b, from, to, clock);
            if (t != INVALID) {
                return t;
            }
        }
        if (epochUnit != 0) {
            t = epochNumber(b, from, to);
            if (t != INVALID) {
                return t;
            }
        }
        for (DatePattern p : datePatterns) {
            long day = p.epochDay(b, from, to);
            if (day != INVALID) {
                return clock.startOfDay(day);
            }
        }
        return formats.excelDates() ? ExcelSerial.epochSecond(b, from, to, clock) : INVALID;
    }

    /** A timestamp as seconds since the epoch (rounded down), or {@link #INVALID}. */
    public long epochSecond(CharSequence text) {
        int n = asciiIntoScratch(text);
        if (n >= 0) {
            return epochSecond(scratch, 0, n);
        }
        String s = text.toString().strip();
        for (DatePattern p : timestampPatterns) {
            long t = p.epochSecond(s, clock);
            if (t != INVALID) {
                return t;
            }
        }
        // non-ASCII text is no epoch number
        for (DatePattern p : datePatterns) {
            long day = p.epochDay(s);
            if (day != INVALID) {
                return clock.startOfDay(day);
            }
        }
        return INVALID;
    }

    /** Whether timestamp columns accept numbers since the epoch ({@value #EPOCH_SECONDS} or {@value #EPOCH_MILLIS}). */
    public boolean epochNumbers() {
        return epochUnit != 0;
    }

    /** A whole epoch number in the unit of the patterns as epoch seconds, rounded down. */
    private long inSeconds(long whole) {
        return epochUnit == 1 ? whole : Math.floorDiv(whole, epochUnit);
    }

    /** An epoch number in the unit of the patterns, as epoch seconds rounded down; {@link #INVALID} when it is none. */
    private long epochNumber(byte[] b, int from, int to) {
        long whole = integer(b, from, to - from);
        if (whole != INVALID) {
            return inSeconds(whole);
        }
        double value = decimal(b, from, to - from);
        if (Double.isNaN(value)) {
            return INVALID;
        }
        double seconds = Math.floor(value / epochUnit);
        return Math.abs(seconds) < 9.0e15 ? (long) seconds : INVALID;
    }

    /** A date as days since the epoch, or {@link #INVALID}. */
    public long epochDay(byte[] b, int offset, int length) {
        int from = trimStart(b, offset, offset + length);
        int to = trimEnd(b, from, offset + length);
        long day = Iso8601.epochDay(b, from, to);
        if (day != INVALID) {
            return day;
        }
        for (DatePattern p : datePatterns) {
            day = p.epochDay(b, from, to);
            if (day != INVALID) {
                return day;
            }
        }
        return formats.excelDates() ? ExcelSerial.epochDay(b, from, to) : INVALID;
    }

    /** A date as days since the epoch, or {@link #INVALID}. */
    public long epochDay(CharSequence text) {
        int n = asciiIntoScratch(text);
        if (n >= 0) {
            return epochDay(scratch, 0, n);
        }
        String s = text.toString().strip();
        for (DatePattern p : datePatterns) {
            long day = p.epochDay(s);
            if (day != INVALID) {
                return day;
            }
        }
        return INVALID;
    }

    /** The start of a local date in the zone, as epoch seconds (for a date stored as a date). */
    public long startOfDay(long epochDay) {
        return clock.startOfDay(epochDay);
    }

    /** A local date-time in the zone as epoch seconds (for a timestamp stored without a zone). */
    public long localToEpochSecond(long epochDay, int secondOfDay) {
        return clock.toEpochSecond(epochDay, secondOfDay);
    }

    // ---- numbers -------------------------------------------------------------------------------

    /** A whole number, or {@link #INVALID}. */
    public long integer(byte[] b, int offset, int length) {
        int p = trimStart(b, offset, offset + length);
        int to = trimEnd(b, p, offset + length);
        if (p == to) {
            return INVALID;
        }
        boolean negative = false;
        if (b[p] == '-' || b[p] == '+') {
            negative = b[p] == '-';
            p++;
        }
        int start = p;
        long value = 0;
        // eighteen digits cannot overflow: check only from the nineteenth on
        int unchecked = Math.min(to, p + 18);
        while (p < unchecked) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            value = value * 10 + d;
            p++;
        }
        if (p == unchecked) {
            while (p < to) {
                int d = b[p] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                if (value > (Long.MAX_VALUE - d) / 10) {
                    return INVALID;
                }
                value = value * 10 + d;
                p++;
            }
        }
        if (p == start) {
            return INVALID;
        }
        if (p < to && b[p] == '.') {
            p++;
            while (p < to && b[p] == '0') {
                p++;
            }
        }
        if (p != to) {
            return INVALID;
        }
        return negative ? -value : value;
    }

    /** A whole number, or {@link #INVALID}. */
    public long integer(CharSequence text) {
        int n = asciiIntoScratch(text);
        return n < 0 ? INVALID : integer(scratch, 0, n);
    }

    /** A decimal number, or {@code NaN}. */
    public double decimal(byte[] b, int offset, int length) {
        int from = trimStart(b, offset, offset + length);
        int to = trimEnd(b, from, offset + length);
        int p = from;
        if (p == to) {
            return Double.NaN;
        }
        boolean negative = false;
        if (b[p] == '-' || b[p] == '+') {
            negative = b[p] == '-';
            p++;
        }
        long mantissa = 0;
        int digits = 0;
        int fractionDigits = 0;
        while (p < to && isDigit(b[p])) {
            if (digits < 18) {
                mantissa = mantissa * 10 + (b[p] - '0');
            }
            digits++;
            p++;
        }
        if (p < to && b[p] == '.') {
            p++;
            while (p < to && isDigit(b[p])) {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (b[p] - '0');
                }
                digits++;
                fractionDigits++;
                p++;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        boolean exponent = false;
        if (p < to && (b[p] == 'e' || b[p] == 'E')) {
            exponent = true;
            p++;
            if (p < to && (b[p] == '+' || b[p] == '-')) {
                p++;
            }
            int expStart = p;
            while (p < to && isDigit(b[p])) {
                p++;
            }
            if (p == expStart) {
                return Double.NaN;
            }
        }
        if (p != to) {
            return Double.NaN;
        }
        if (!exponent && digits <= 15 && fractionDigits < POWERS_OF_TEN.length) {
            // Both operands are exact doubles, so the division is correctly rounded.
            double value = mantissa / POWERS_OF_TEN[fractionDigits];
            return negative ? -value : value;
        }
        // The syntax is checked, so Java's parser sees only plain decimal text.
        double value = Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
        return Double.isInfinite(value) ? Double.NaN : value;
    }

    /** A decimal number, or {@code NaN}. */
    public double decimal(CharSequence text) {
        int n = asciiIntoScratch(text);
        if (n >= 0) {
            return decimal(scratch, 0, n);
        }
        String s = text.toString().strip();
        if (s.length() <= scratch.length || !s.chars().allMatch(c -> c < 128)) {
            return Double.NaN;
        }
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        return decimal(bytes, 0, bytes.length);
    }

    // ---- booleans ------------------------------------------------------------------------------

    /** 1 for a true spelling, 0 for a false spelling, -1 otherwise; case is ignored. */
    public int bool(byte[] b, int offset, int length) {
        int from = trimStart(b, offset, offset + length);
        int to = trimEnd(b, from, offset + length);
        if (!asciiSpellings) {
            return bool(new String(b, from, to - from, StandardCharsets.UTF_8));
        }
        if (matchesAny(trueSpellings, b, from, to)) {
            return 1;
        }
        if (matchesAny(falseSpellings, b, from, to)) {
            return 0;
        }
        return -1;
    }

    /** 1 for a true spelling, 0 for a false spelling, -1 otherwise; case is ignored. */
    public int bool(CharSequence text) {
        String s = text.toString().strip();
        for (String t : formats.trueSpellings()) {
            if (t.equalsIgnoreCase(s)) {
                return 1;
            }
        }
        for (String f : formats.falseSpellings()) {
            if (f.equalsIgnoreCase(s)) {
                return 0;
            }
        }
        return -1;
    }

    // ---- messages ------------------------------------------------------------------------------

    /** E.g. {@code is not a date (expected yyyy-MM-dd or dd-MM-yyyy)}. */
    public String dateExpected() {
        return dateExpected;
    }

    /** E.g. {@code is not a timestamp (expected ISO-8601 such as 2025-03-04T10:15:30Z, or yyyy-MM-dd H:mm)}. */
    public String timestampExpected() {
        return timestampExpected;
    }

    /** {@code is not a whole number (expected digits such as 42)}. */
    public String integerExpected() {
        return "is not a whole number (expected digits such as 42)";
    }

    /** {@code is not a number (expected a number such as 12500.50)}. */
    public String decimalExpected() {
        return "is not a number (expected a number such as 12500.50)";
    }

    /** E.g. {@code is not a boolean (expected true/false, yes/no, y/n, 1/0)}. */
    public String booleanExpected() {
        return booleanExpected;
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static DatePattern[] compile(List<String> patterns, boolean timestamp, String key) {
        DatePattern[] out = new DatePattern[patterns.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = DatePattern.compile(patterns.get(i), timestamp);
            } catch (InvalidArgumentException e) {
                throw new InvalidArgumentException(key + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static byte[][] spellings(List<String> spellings) {
        byte[][] out = new byte[spellings.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = spellings.get(i).strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    private static boolean matchesAny(byte[][] spellings, byte[] b, int from, int to) {
        int len = to - from;
        outer:
        for (byte[] s : spellings) {
            if (s.length != len) {
                continue;
            }
            for (int i = 0; i < len; i++) {
                byte c = b[from + i];
                if (c >= 'A' && c <= 'Z') {
                    c += 32;
                }
                if (c != s[i]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Copies trimmed ASCII text into the scratch buffer; -1 if it is longer or not ASCII. */
    private int asciiIntoScratch(CharSequence text) {
        int from = 0;
        int to = text.length();
        while (from < to && text.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && text.charAt(to - 1) <= ' ') {
            to--;
        }
        int n = to - from;
        if (n > scratch.length) {
            return -1;
        }
        for (int i = 0; i < n; i++) {
            char c = text.charAt(from + i);
            if (c >= 128) {
                return -1;
            }
            scratch[i] = (byte) c;
        }
        return n;
    }

    static int trimStart(byte[] b, int from, int to) {
        while (from < to && (b[from] & 0xff) <= ' ') {
            from++;
        }
        return from;
    }

    static int trimEnd(byte[] b, int from, int to) {
        while (to > from && (b[to - 1] & 0xff) <= ' ') {
            to--;
        }
        return to;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** "a", "a or b", "a, b or c". */
    static String orList(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    private static String booleanSpellings(ValueFormats formats) {
        List<String> t = formats.trueSpellings();
        List<String> f = formats.falseSpellings();
        if (t.size() == f.size()) {
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < t.size(); i++) {
                pairs.add(t.get(i) + "/" + f.get(i));
            }
            return String.join(", ", pairs);
        }
        return String.join(", ", t) + " for true; " + String.join(", ", f) + " for false";
    }
}
