package org.churnrisk.features.io.parquet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.churnrisk.core.contract.ColumnSpec;
import org.churnrisk.features.io.problems.DataProblemException;
import org.churnrisk.features.io.values.Hashing;
import org.churnrisk.features.io.values.ValueParser;

/**
 * One mapped column of a {@link ParquetCursor}: answers the typed accessors for a row of the
 * current batch from the page {@link ParquetPages} has decoded, converting each stored type to
 * what the accessor asks for and reading strings with the mapping's {@link ValueParser}.
 *
 * <p>For dictionary-encoded strings, where each entry's trimmed value starts and ends is found once
 * per row group, so that blankness is an array read; the hash, text and parsed value of an entry
 * are computed the first time a row asks for them, from the dictionary page's bytes. The first
 * hash asked of a text page hashes all its rows, and {@link ParquetCursor} reads the rest from
 * {@link #pageHashes}. Not thread-safe.
 */
final class ParquetColumn extends ParquetPages {

    private static final long[] POW10 = new long[19];
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ISO_LOCAL_DATE_TIME;
    private static final int AS_LONG = 1;
    private static final int AS_DECIMAL = 2;
    private static final int AS_EPOCH_SECOND = 3;
    private static final int AS_EPOCH_DAY = 4;
    private static final int AS_BOOLEAN = 5;
    private static final long SECONDS_PER_DAY = 86_400L;
    private static final int JULIAN_EPOCH_DAY = 2_440_588;

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    final int index;
    final ColumnSpec spec;
    final int leaf;
    private final ParquetCursor cursor;
    private final ValueParser parser;
    private final ZoneRules zone;
    private final int fixedOffset;
    private final boolean fixedZone;

    /** Per dictionary entry: where its trimmed value starts in {@link #dictBytes} and how long it is (0: blank). */
    private int[] dictTrimmedOffset = new int[0];
    private int[] dictTrimmedLength = new int[0];
    /** Per dictionary entry, filled on first use: the hash (0: not yet), the text, the parsed value and its state. */
    private long[] dictHash = new long[0];
    private String[] dictText = new String[0];
    private long[] dictParsed = new long[0];
    private byte[] dictState = new byte[0];
    private int dictParsedAs;
    /** The entries of the last dictionary, whose texts are dropped when the next one comes. */
    private int dictUsed;

    // What ParquetCursor reads directly for the common stored types, so that its accessors stay
    // small enough to be inlined into the caller's loop: the general accessors here dispatch on the
    // column's kind through a chain of dependent loads (type, kind, ordinal, switch map).
    /** Signed INT32 or INT64 without annotation: {@link #longs} is the value. */
    final boolean signedInt;
    /** A TIMESTAMP(MICROS) adjusted to UTC: {@link #longs} divided by a million is the epoch second. */
    final boolean utcMicros;
    /** Values in {@link #longs} that are never blank unless null: integers, dates, timestamps, booleans. */
    final boolean longValues;
    /**
     * For text, the hash of every row of the current page (0 where blank), made by the first {@link
     * #hash} of the page; null until then.
     */
    long[] pageHashes;
    private long[] pageHashBuffer = new long[0];
    /** The current page holds dictionary ids of text. */
    private boolean dictionaryText;
    /** The current page holds text as offsets and lengths into {@link #bytes} (PLAIN and DELTA encodings). */
    private boolean inlineText;

    private long parsed;
    private final byte[] digits = new byte[20];
    private byte[] viewBytes;
    private int viewOffset;
    private int viewLength;

    ParquetColumn(ParquetCursor cursor, ValueParser parser, int index, ColumnSpec spec, String fileColumn,
                  ParquetColumnType type, int leaf) {
        super(type, fileColumn);
        this.cursor = cursor;
        this.parser = parser;
        this.zone = parser.formats().zone().getRules();
        this.fixedZone = zone.isFixedOffset();
        this.fixedOffset = zone.getOffset(Instant.EPOCH).getTotalSeconds();
        this.index = index;
        this.spec = spec;
        this.leaf = leaf;
        ParquetColumnType.Kind kind = type.kind;
        this.signedInt = kind == ParquetColumnType.Kind.INT && !type.unsigned;
        this.utcMicros = kind == ParquetColumnType.Kind.TIMESTAMP && type.adjustedToUtc
                && type.unitsPerSecond == 1_000_000L;
        this.longValues = !binaryLike && !floating && (kind == ParquetColumnType.Kind.INT
                || kind == ParquetColumnType.Kind.DATE || kind == ParquetColumnType.Kind.TIMESTAMP
                || kind == ParquetColumnType.Kind.BOOL || kind == ParquetColumnType.Kind.DECIMAL);
    }

    @Override
    void pageLoaded() {
        boolean text = type.kind == ParquetColumnType.Kind.TEXT;
        dictionaryText = text && dictionaryEncoded;
        inlineText = text && !dictionaryEncoded;
        pageHashes = null;
    }

    @Override
    void dictionaryChanged() {
        int n = dictSize;
        if (dictHash.length < n) {
            int size = Math.max(n, dictHash.length * 2);
            dictHash = new long[size];
            dictText = new String[size];
        } else {
            Arrays.fill(dictHash, 0, n, 0);
            Arrays.fill(dictText, 0, Math.max(n, dictUsed), null);
        }
        dictUsed = n;
        dictParsedAs = 0;
        if (!binaryLike || n == 0) {
            return;
        }
        if (dictTrimmedOffset.length < n) {
            int size = Math.max(n, dictTrimmedOffset.length * 2);
            dictTrimmedOffset = new int[size];
            dictTrimmedLength = new int[size];
        }
        byte[] b = dictBytes;
        for (int e = 0; e < n; e++) {
            int off = dictOffsets[e];
            int len = dictLengths[e];
            // as String.trim(): every byte up to ' ' is a one-byte UTF-8 character
            while (len > 0 && (b[off] & 0xff) <= ' ') {
                off++;
                len--;
            }
            while (len > 0 && (b[off + len - 1] & 0xff) <= ' ') {
                len--;
            }
            dictTrimmedOffset[e] = off;
            dictTrimmedLength[e] = len;
        }
    }

    // ---- accessors for row r of the batch ----

    boolean isBlank(int r) {
        if (dictionaryText) {
            int i = base + r;
            return nulls[i] || dictTrimmedLength[ids[i]] == 0;
        }
        if (longValues) {
            return nulls[base + r];
        }
        if (inlineText) {
            int i = base + r;
            return nulls[i] || isBlankText(bytes, offsets[i], lengths[i]);
        }
        return isBlankGeneral(r);
    }

    /** Whether the text is empty once trimmed (every byte up to ' ' is a one-byte UTF-8 character). */
    private static boolean isBlankText(byte[] b, int offset, int length) {
        for (int end = offset + length; offset < end; offset++) {
            if ((b[offset] & 0xff) > ' ') {
                return false;
            }
        }
        return true;
    }

    private boolean isBlankGeneral(int r) {
        if (allNull) {
            return true;
        }
        int i = base + r;
        if (nulls[i]) {
            return true;
        }
        if (type.kind == ParquetColumnType.Kind.TEXT) {
            if (dictionaryEncoded) {
                return dictTrimmedLength[ids[i]] == 0;
            }
            viewRow(i);
            return viewLength == 0;
        }
        return floating && Double.isNaN(doubles[i]);
    }

    /** The hash of the trimmed text; 0 when the value is blank (a present value never hashes to 0). */
    long hash(int r) {
        if (type.kind == ParquetColumnType.Kind.TEXT && !allNull) {
            return pageHashes()[base + r];
        }
        return hashGeneral(r);
    }

    /**
     * The hashes of the current page's rows, made in one pass on first use: from the dictionary
     * entries' hashes (each made once per row group) or from the bytes of each row.
     */
    private long[] pageHashes() {
        long[] h = pageHashes;
        if (h != null) {
            return h;
        }
        int n = pageRows();
        if (pageHashBuffer.length < n) {
            pageHashBuffer = new long[Math.max(n, pageHashBuffer.length * 2)];
        }
        h = pageHashBuffer;
        boolean[] isNull = nulls;
        if (dictionaryEncoded) {
            int[] id = ids;
            for (int i = 0; i < n; i++) {
                h[i] = isNull[i] ? 0 : entryHash(id[i]);
            }
        } else {
            byte[] b = bytes;
            int[] offset = offsets;
            int[] length = lengths;
            for (int i = 0; i < n; i++) {
                if (isNull[i]) {
                    h[i] = 0;
                    continue;
                }
                int off = offset[i];
                int len = length[i];
                // trimmed as String.trim() does: every byte up to ' ' is a one-byte UTF-8 character
                while (len > 0 && (b[off] & 0xff) <= ' ') {
                    off++;
                    len--;
                }
                while (len > 0 && (b[off + len - 1] & 0xff) <= ' ') {
                    len--;
                }
                h[i] = len == 0 ? 0 : Hashing.hash64(b, off, len);
            }
        }
        pageHashes = h;
        return h;
    }

    /** The hash of dictionary entry {@code id}, 0 when blank. */
    private long entryHash(int id) {
        long h = dictHash[id];
        if (h == 0) {
            int length = dictTrimmedLength[id];
            if (length == 0) {
                return 0;
            }
            h = Hashing.hash64(dictBytes, dictTrimmedOffset[id], length);
            dictHash[id] = h;
        }
        return h;
    }

    private long hashGeneral(int r) {
        if (allNull) {
            return 0;
        }
        int i = base + r;
        if (nulls[i]) {
            return 0;
        }
        switch (type.kind) {
            case TEXT:
                return pageHashes()[i];
            case INT: {
                long v = longs[i];
                if (v < 0 && type.unsigned) {
                    return Hashing.hash64(Long.toUnsignedString(v));
                }
                int start = digits(v);
                return Hashing.hash64(digits, start, digits.length - start);
            }
            default: {
                String t = text(r);
                return t == null ? 0 : Hashing.hash64(t);
            }
        }
    }

    /** The trimmed text, null when blank. */
    String text(int r) {
        if (allNull) {
            return null;
        }
        int i = base + r;
        if (nulls[i]) {
            return null;
        }
        return switch (type.kind) {
            case TEXT -> {
                if (dictionaryEncoded) {
                    String s = dictText(ids[i]);
                    yield s.isEmpty() ? null : s;
                }
                viewRow(i);
                yield viewLength == 0 ? null : new String(viewBytes, viewOffset, viewLength, StandardCharsets.UTF_8);
            }
            case INT -> type.unsigned ? Long.toUnsignedString(longs[i]) : Long.toString(longs[i]);
            case DECIMAL -> bigDecimal(i).toPlainString();
            case FLOATING -> Double.isNaN(doubles[i]) ? null : floatingText(doubles[i]);
            case BOOL -> longs[i] != 0 ? "true" : "false";
            case DATE -> LocalDate.ofEpochDay(longs[i]).toString();
            case TIMESTAMP -> timestampText(longs[i]);
            case INT96 -> {
                rawRow(i);
                long nanos = (long) LONG.get(viewBytes, viewOffset);
                long day = Integer.toUnsignedLong((int) INT.get(viewBytes, viewOffset + 8)) - JULIAN_EPOCH_DAY;
                yield Instant.ofEpochSecond(day * SECONDS_PER_DAY, nanos).toString();
            }
            default -> null;
        };
    }

    /** The value as the file holds it (untrimmed text), or "" when null; for the rejects file. */
    String raw(int r) {
        if (allNull || nulls[base + r]) {
            return "";
        }
        if (type.kind == ParquetColumnType.Kind.TEXT) {
            rawRow(base + r);
            return new String(viewBytes, viewOffset, viewLength, StandardCharsets.UTF_8);
        }
        String t = text(r);
        return t == null ? "" : t;
    }

    long integer(int r) {
        int i = base + r;
        if (allNull || nulls[i]) {
            throw blank("a whole number");
        }
        switch (type.kind) {
            case INT: {
                long v = longs[i];
                if (v >= 0 || !type.unsigned) {
                    return v;
                }
                break;
            }
            case DECIMAL: {
                if (!binaryLike && type.scale >= 0 && type.scale < POW10.length) {
                    long p = POW10[type.scale];
                    if (longs[i] % p == 0) {
                        return longs[i] / p;
                    }
                    break;
                }
                try {
                    return bigDecimal(i).longValueExact();
                } catch (ArithmeticException e) {
                    break;
                }
            }
            case FLOATING: {
                double d = doubles[i];
                if (Double.isNaN(d)) {
                    throw blank("a whole number");
                }
                if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
                    return (long) d;
                }
                break;
            }
            case TEXT:
                if (parse(i, AS_LONG)) {
                    return parsed;
                }
                throw textProblem(r, "a whole number", parser.integerExpected());
            default:
                break;
        }
        throw cursor.problem(index, parser.integerExpected());
    }

    double decimal(int r) {
        int i = base + r;
        if (allNull || nulls[i]) {
            throw blank("a number");
        }
        switch (type.kind) {
            case INT:
                return type.unsigned && longs[i] < 0 ? new BigDecimal(Long.toUnsignedString(longs[i])).doubleValue()
                        : (double) longs[i];
            case DECIMAL:
                if (!binaryLike && type.scale >= 0 && type.scale <= 22 && Math.abs(longs[i]) < (1L << 53)) {
                    // both operands are exact, so the quotient is the correctly rounded decimal, as
                    // the CSV parser gives for the same digits
                    return longs[i] / Math.pow(10, type.scale);
                }
                return bigDecimal(i).doubleValue();
            case FLOATING: {
                double d = doubles[i];
                if (Double.isNaN(d)) {
                    throw blank("a number");
                }
                if (!Double.isInfinite(d)) {
                    return d;
                }
                break;
            }
            case TEXT:
                if (parse(i, AS_DECIMAL)) {
                    return Double.longBitsToDouble(parsed);
                }
                throw textProblem(r, "a number", parser.decimalExpected());
            default:
                break;
        }
        throw cursor.problem(index, parser.decimalExpected());
    }

    boolean bool(int r) {
        int i = base + r;
        if (allNull || nulls[i]) {
            throw blank("a boolean");
        }
        switch (type.kind) {
            case BOOL:
                return longs[i] != 0;
            case INT: {
                int b = parser.bool(text(r));
                if (b >= 0) {
                    return b == 1;
                }
                break;
            }
            case TEXT:
                if (parse(i, AS_BOOLEAN)) {
                    return parsed != 0;
                }
                throw textProblem(r, "a boolean", parser.booleanExpected());
            default:
                break;
        }
        throw cursor.problem(index, parser.booleanExpected());
    }

    /** A timestamp in the column's unit as seconds, rounded down; the usual units divide by a constant. */
    private long toSeconds(long v) {
        long units = type.unitsPerSecond;
        if (units == 1_000_000L) {
            return Math.floorDiv(v, 1_000_000L);
        }
        if (units == 1_000L) {
            return Math.floorDiv(v, 1_000L);
        }
        return Math.floorDiv(v, units);
    }

    long epochSecond(int r) {
        int i = base + r;
        if (allNull || nulls[i]) {
            throw blank("a timestamp");
        }
        switch (type.kind) {
            case TIMESTAMP: {
                long seconds = toSeconds(longs[i]);
                if (type.adjustedToUtc) {
                    return seconds;
                }
                return parser.localToEpochSecond(Math.floorDiv(seconds, SECONDS_PER_DAY),
                        (int) Math.floorMod(seconds, SECONDS_PER_DAY));
            }
            case INT96:
                return int96Seconds(i);
            case DATE:
                return parser.startOfDay(longs[i]);
            case TEXT:
                if (parse(i, AS_EPOCH_SECOND)) {
                    return parsed;
                }
                throw textProblem(r, "a timestamp", parser.timestampExpected());
            default:
                throw cursor.problem(index, parser.timestampExpected());
        }
    }

    long epochDay(int r) {
        int i = base + r;
        if (allNull || nulls[i]) {
            throw blank("a date");
        }
        switch (type.kind) {
            case DATE:
                return longs[i];
            case TIMESTAMP: {
                long seconds = Math.floorDiv(longs[i], type.unitsPerSecond);
                return Math.floorDiv(type.adjustedToUtc ? toLocal(seconds) : seconds, SECONDS_PER_DAY);
            }
            case INT96:
                return Math.floorDiv(toLocal(int96Seconds(i)), SECONDS_PER_DAY);
            case TEXT:
                if (parse(i, AS_EPOCH_DAY)) {
                    return parsed;
                }
                throw textProblem(r, "a date", parser.dateExpected());
            default:
                throw cursor.problem(index, parser.dateExpected());
        }
    }

    // ---- helpers ----

    private DataProblemException blank(String what) {
        return cursor.problem(index, "is blank (expected " + what + ")");
    }

    /** A text value that cannot be read: blank if it is only spaces, otherwise not what was expected. */
    private DataProblemException textProblem(int r, String what, String expected) {
        return isBlank(r) ? blank(what) : cursor.problem(index, expected);
    }

    /** Seconds since 1970-01-01T00:00 local time of an instant, in the mapping's zone. */
    private long toLocal(long epochSecond) {
        int offset = fixedZone ? fixedOffset : zone.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
        return epochSecond + offset;
    }

    /** Points the view at the untrimmed bytes of page row {@code i} of a binary-like column. */
    private void rawRow(int i) {
        if (dictionaryEncoded) {
            int id = ids[i];
            viewBytes = dictBytes;
            viewOffset = dictOffsets[id];
            viewLength = dictLengths[id];
        } else {
            viewBytes = bytes;
            viewOffset = offsets[i];
            viewLength = lengths[i];
        }
    }

    /** Points the view at the trimmed bytes of page row {@code i}. */
    private void viewRow(int i) {
        rawRow(i);
        trimView();
    }

    /** Points the view at the trimmed bytes of dictionary entry {@code id}. */
    private void viewEntry(int id) {
        viewBytes = dictBytes;
        viewOffset = dictTrimmedOffset[id];
        viewLength = dictTrimmedLength[id];
    }

    /** Trims as {@link String#trim()} does: every byte up to ' ' is a one-byte UTF-8 character. */
    private void trimView() {
        byte[] b = viewBytes;
        int off = viewOffset;
        int len = viewLength;
        while (len > 0 && (b[off] & 0xff) <= ' ') {
            off++;
            len--;
        }
        while (len > 0 && (b[off + len - 1] & 0xff) <= ' ') {
            len--;
        }
        viewOffset = off;
        viewLength = len;
    }

    private String dictText(int id) {
        String s = dictText[id];
        if (s == null) {
            s = new String(dictBytes, dictTrimmedOffset[id], dictTrimmedLength[id], StandardCharsets.UTF_8);
            dictText[id] = s;
        }
        return s;
    }

    /**
     * Parses the text of page row {@code i} as {@code as} into {@link #parsed}; returns false if it
     * cannot be read. Dictionary values are parsed once per row group.
     */
    private boolean parse(int i, int as) {
        if (!dictionaryEncoded) {
            viewRow(i);
            return parseView(as);
        }
        int id = ids[i];
        if (dictParsedAs != as) {
            int size = dictSize;
            if (dictParsed.length < size) {
                dictParsed = new long[Math.max(size, dictParsed.length * 2)];
                dictState = new byte[dictParsed.length];
            } else {
                Arrays.fill(dictState, 0, size, (byte) 0);
            }
            dictParsedAs = as;
        }
        byte state = dictState[id];
        if (state == 0) {
            viewEntry(id);
            state = parseView(as) ? (byte) 1 : (byte) 2;
            dictParsed[id] = parsed;
            dictState[id] = state;
        }
        parsed = dictParsed[id];
        return state == 1;
    }

    private boolean parseView(int as) {
        switch (as) {
            case AS_LONG:
                parsed = parser.integer(viewBytes, viewOffset, viewLength);
                return parsed != ValueParser.INVALID;
            case AS_EPOCH_SECOND:
                parsed = parser.epochSecond(viewBytes, viewOffset, viewLength);
                return parsed != ValueParser.INVALID;
            case AS_EPOCH_DAY:
                parsed = parser.epochDay(viewBytes, viewOffset, viewLength);
                return parsed != ValueParser.INVALID;
            case AS_DECIMAL: {
                double d = parser.decimal(viewBytes, viewOffset, viewLength);
                parsed = Double.doubleToRawLongBits(d);
                return !Double.isNaN(d);
            }
            default: {
                int v = parser.bool(viewBytes, viewOffset, viewLength);
                parsed = v;
                return v >= 0;
            }
        }
    }

    /** Writes the decimal digits of {@code v} at the end of {@link #digits}; returns where they start. */
    private int digits(long v) {
        if (v == Long.MIN_VALUE) {
            byte[] s = Long.toString(v).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(s, 0, digits, digits.length - s.length, s.length);
            return digits.length - s.length;
        }
        int i = digits.length;
        long x = Math.abs(v);
        do {
            digits[--i] = (byte) ('0' + x % 10);
            x /= 10;
        } while (x != 0);
        if (v < 0) {
            digits[--i] = '-';
        }
        return i;
    }

    private BigDecimal bigDecimal(int i) {
        if (!binaryLike) {
            return BigDecimal.valueOf(longs[i], type.scale);
        }
        rawRow(i);
        return new BigDecimal(new BigInteger(viewBytes, viewOffset, viewLength), type.scale);
    }

    private long int96Seconds(int i) {
        rawRow(i);
        if (viewLength != 12) {
            throw cursor.problem(index, parser.timestampExpected());
        }
        long nanosOfDay = (long) LONG.get(viewBytes, viewOffset);
        long day = Integer.toUnsignedLong((int) INT.get(viewBytes, viewOffset + 8)) - JULIAN_EPOCH_DAY;
        return day * SECONDS_PER_DAY + Math.floorDiv(nanosOfDay, 1_000_000_000L);
    }

    private String timestampText(long v) {
        long seconds = Math.floorDiv(v, type.unitsPerSecond);
        long nanos = Math.floorMod(v, type.unitsPerSecond) * (1_000_000_000L / type.unitsPerSecond);
        if (type.adjustedToUtc) {
            return Instant.ofEpochSecond(seconds, nanos).toString();
        }
        return LOCAL.format(LocalDateTime.ofEpochSecond(seconds, (int) nanos, ZoneOffset.UTC));
    }

    private String floatingText(double d) {
        if (Double.isInfinite(d)) {
            return Double.toString(d);
        }
        String shortest = physical == PrimitiveTypeName.FLOAT ? Float.toString((float) d) : Double.toString(d);
        return new BigDecimal(shortest).stripTrailingZeros().toPlainString();
    }
}
