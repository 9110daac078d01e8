package org.churnrisk.features.io;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import org.apache.parquet.CorruptDeltaByteArrays;
import org.apache.parquet.VersionParser.ParsedVersion;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.values.RequiresPreviousReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;
import org.churnrisk.core.contract.ColumnSpec;

/**
 * One mapped column of a {@link ParquetCursor}: decodes the pages of its column chunk, one page
 * at a time and the whole page at once, into primitive arrays indexed by row, then answers the
 * typed accessors for a row of the current batch.
 *
 * <p>The hot encodings are decoded here in bulk: definition levels and dictionary ids (RLE /
 * bit-packing hybrid, {@link ParquetHybrid}), and PLAIN values. Other encodings (DELTA_*,
 * BYTE_STREAM_SPLIT, RLE booleans) go through parquet-column's {@link ValuesReader}s. Strings are
 * never copied: a row holds a dictionary id or an offset into the page, hashes and parsed values
 * of dictionary entries are computed once per row group. Not thread-safe.
 */
final class ParquetColumn {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class,
            ByteOrder.LITTLE_ENDIAN);
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
    final String fileColumn;
    final ParquetColumnType type;
    final int leaf;
    private final ParquetCursor cursor;
    private final ValueParser parser;
    private final ZoneRules zone;
    private final int fixedOffset;
    private final boolean fixedZone;
    private final ColumnDescriptor descriptor;
    private final PrimitiveTypeName physical;
    private final boolean binaryLike;
    private final boolean floating;
    private final boolean allNull;

    // the current column chunk
    private ParquetChunk chunk;
    private ParsedVersion writer;
    private Dictionary dictionary;
    private ValuesReader previousReader;
    private long[] dictHash;
    private String[] dictText;
    private long[] dictParsed;
    private byte[] dictState;
    private int dictParsedAs;

    // the current page, indexed by row within the page
    private int pageRows;
    private int pagePos;
    private int base;
    private boolean dictionaryEncoded;
    private boolean[] nulls = new boolean[0];
    private long[] longs = new long[0];
    private double[] doubles = new double[0];
    private int[] ids = new int[0];
    private int[] offsets = new int[0];
    private int[] lengths = new int[0];
    private byte[] bytes;
    private int[] scratch = new int[8];
    private byte[] owned = new byte[0];

    private long parsed;
    private final byte[] digits = new byte[20];
    private byte[] viewBytes;
    private int viewOffset;
    private int viewLength;

    ParquetColumn(ParquetCursor cursor, ValueParser parser, int index, ColumnSpec spec, String fileColumn,
                  ParquetColumnType type, int leaf) {
        this.cursor = cursor;
        this.parser = parser;
        this.zone = parser.formats().zone().getRules();
        this.fixedZone = zone.isFixedOffset();
        this.fixedOffset = zone.getOffset(Instant.EPOCH).getTotalSeconds();
        this.index = index;
        this.spec = spec;
        this.fileColumn = fileColumn;
        this.type = type;
        this.leaf = leaf;
        this.physical = type.physical;
        this.descriptor = new ColumnDescriptor(new String[] {fileColumn},
                Types.primitive(physical, type.optional ? Repetition.OPTIONAL : Repetition.REQUIRED)
                        .length(physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY ? type.typeLength : 0)
                        .named(fileColumn), 0, type.optional ? 1 : 0);
        this.binaryLike = physical == PrimitiveTypeName.BINARY || physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY
                || physical == PrimitiveTypeName.INT96;
        this.floating = physical == PrimitiveTypeName.FLOAT || physical == PrimitiveTypeName.DOUBLE;
        this.allNull = type.kind == ParquetColumnType.Kind.NULL;
    }

    /** Whether the column's values need the file at all (an all-null column does not). */
    boolean needsPages() {
        return !allNull;
    }

    /**
     * Starts a row group's column chunk.
     *
     * @throws ParquetDecodingException if its dictionary cannot be decoded
     */
    void open(ParquetChunk chunk, ParsedVersion writer) {
        this.chunk = chunk;
        this.writer = writer;
        DictionaryPage page = chunk.dictionaryPage();
        try {
            dictionary = page == null ? null : page.getEncoding().initDictionary(descriptor, page);
        } catch (IOException | RuntimeException e) {
            throw new ParquetDecodingException("the dictionary cannot be decoded (" + e.getMessage() + ")", e);
        }
        dictHash = null;
        dictText = null;
        dictParsed = null;
        dictState = null;
        previousReader = null;
        pageRows = 0;
        pagePos = 0;
    }

    /** Ends the row group. */
    void close() {
        chunk = null;
        dictionary = null;
        previousReader = null;
        bytes = null;
    }

    /** Rows left in the current page, loading the next page first if this one is used up. */
    int available() {
        if (allNull) {
            return Integer.MAX_VALUE;
        }
        while (pagePos == pageRows) {
            ParquetChunk.Page page = chunk == null ? null : chunk.nextPage();
            if (page == null) {
                throw new ParquetDecodingException("the column chunk ends before its row group");
            }
            load(page);
        }
        return pageRows - pagePos;
    }

    /** Makes the next {@code n} rows of the page the current batch. */
    void take(int n) {
        base = pagePos;
        pagePos += n;
    }

    // ---- page decoding ----

    private void load(ParquetChunk.Page page) {
        int n = page.values();
        if (n < 0) {
            throw new ParquetDecodingException("a page has " + n + " values");
        }
        grow(n);
        byte[] b = page.bytes();
        int valuesStart;
        int nonNull;
        if (!type.optional) {
            Arrays.fill(nulls, 0, n, false);
            nonNull = n;
            valuesStart = page.v2() ? page.repetitionLength() + page.definitionLength() : 0;
        } else if (page.v2()) {
            int start = page.repetitionLength();
            valuesStart = start + page.definitionLength();
            nonNull = definitions(b, start, valuesStart, n);
        } else if (page.definitionEncoding() == Encoding.RLE) {
            int length = b.length < 4 ? -1 : (int) INT.get(b, 0);
            if (length < 0 || length > b.length - 4) {
                throw new ParquetDecodingException("the definition levels do not fit their page");
            }
            valuesStart = 4 + length;
            nonNull = definitions(b, 4, valuesStart, n);
        } else {
            valuesStart = legacyDefinitions(b, n, page.definitionEncoding());
            nonNull = nonNull(n);
        }
        values(page.encoding(), b, valuesStart, b.length, n, nonNull);
        pageRows = n;
        pagePos = 0;
    }

    /** Decodes RLE definition levels (max level 1) into {@link #nulls}; returns the number of non-null rows. */
    private int definitions(byte[] b, int start, int end, int n) {
        ParquetHybrid.decode(b, start, end, 1, scratch, n);
        return nonNull(n);
    }

    /** Reads BIT_PACKED definition levels, which only very old parquet-mr wrote; returns where the values start. */
    private int legacyDefinitions(byte[] b, int n, Encoding encoding) {
        try {
            ValuesReader reader = encoding.getValuesReader(descriptor, ValuesType.DEFINITION_LEVEL);
            ByteBufferInputStream in = ByteBufferInputStream.wrap(ByteBuffer.wrap(b));
            reader.initFromPage(n, in);
            for (int i = 0; i < n; i++) {
                scratch[i] = reader.readInteger();
            }
            return (int) in.position();
        } catch (IOException | RuntimeException e) {
            throw new ParquetDecodingException("definition levels in " + encoding + " cannot be read", e);
        }
    }

    /** Turns the levels in {@link #scratch} into {@link #nulls}; returns the number of non-null rows. */
    private int nonNull(int n) {
        int count = 0;
        int[] levels = scratch;
        boolean[] isNull = nulls;
        for (int i = 0; i < n; i++) {
            boolean missing = levels[i] == 0;
            isNull[i] = missing;
            count += missing ? 0 : 1;
        }
        return count;
    }

    /** Decodes {@code nonNull} values from {@code b[pos, end)} into the rows that are not null. */
    private void values(Encoding encoding, byte[] b, int pos, int end, int n, int nonNull) {
        dictionaryEncoded = false;
        if (nonNull == 0) {
            return;
        }
        if (encoding.usesDictionary()) {
            if (dictionary == null) {
                throw new ParquetDecodingException("a page uses a dictionary but the column chunk has none");
            }
            if (pos >= end) {
                throw new ParquetDecodingException("a page ends before its dictionary ids");
            }
            ParquetHybrid.decode(b, pos + 1, end, b[pos] & 0xff, scratch, nonNull);
            dictionaryValues(n, nonNull);
        } else if (encoding == Encoding.PLAIN) {
            plainValues(b, pos, end, n, nonNull);
        } else {
            readerValues(encoding, b, pos, end, n, nonNull);
        }
    }

    private void dictionaryValues(int n, int nonNull) {
        int[] dense = scratch;
        int max = dictionary.getMaxId();
        int bad = 0;
        for (int k = 0; k < nonNull; k++) {
            bad |= max - dense[k] | dense[k]; // negative when an id is out of [0, max]
        }
        if (bad < 0) {
            throw new ParquetDecodingException("a dictionary id is out of range (the dictionary has " + (max + 1)
                    + " values)");
        }
        if (binaryLike) {
            scatter(dense, ids, n, nonNull);
            dictionaryEncoded = true;
            return;
        }
        // numbers: decode through the dictionary, then spread over the rows that are not null
        switch (physical) {
            case INT32 -> {
                for (int k = 0; k < nonNull; k++) {
                    int v = dictionary.decodeToInt(dense[k]);
                    dense[k] = v;
                }
                if (type.unsigned) {
                    int k = 0;
                    for (int i = 0; i < n; i++) {
                        if (!nulls[i]) {
                            longs[i] = Integer.toUnsignedLong(dense[k++]);
                        }
                    }
                } else {
                    int k = 0;
                    for (int i = 0; i < n; i++) {
                        if (nonNull == n || !nulls[i]) {
                            longs[i] = dense[k++];
                        }
                    }
                }
            }
            case INT64 -> {
                int k = 0;
                for (int i = 0; i < n; i++) {
                    if (nonNull == n || !nulls[i]) {
                        longs[i] = dictionary.decodeToLong(dense[k++]);
                    }
                }
            }
            case FLOAT -> {
                int k = 0;
                for (int i = 0; i < n; i++) {
                    if (nonNull == n || !nulls[i]) {
                        doubles[i] = dictionary.decodeToFloat(dense[k++]);
                    }
                }
            }
            case DOUBLE -> {
                int k = 0;
                for (int i = 0; i < n; i++) {
                    if (nonNull == n || !nulls[i]) {
                        doubles[i] = dictionary.decodeToDouble(dense[k++]);
                    }
                }
            }
            default -> throw new ParquetDecodingException(physical + " values cannot be dictionary-encoded");
        }
    }

    /** Spreads {@code nonNull} dense values over the rows of {@code out} that are not null. */
    private void scatter(int[] dense, int[] out, int n, int nonNull) {
        if (nonNull == n) {
            System.arraycopy(dense, 0, out, 0, n);
            return;
        }
        int k = 0;
        boolean[] isNull = nulls;
        for (int i = 0; i < n; i++) {
            if (!isNull[i]) {
                out[i] = dense[k++];
            }
        }
    }

    private void plainValues(byte[] b, int pos, int end, int n, int nonNull) {
        boolean sparse = nonNull < n;
        switch (physical) {
            case INT32 -> {
                need(pos, end, 4L * nonNull);
                for (int i = 0; i < n; i++) {
                    if (sparse && nulls[i]) {
                        continue;
                    }
                    int v = (int) INT.get(b, pos);
                    longs[i] = type.unsigned ? Integer.toUnsignedLong(v) : v;
                    pos += 4;
                }
            }
            case INT64 -> {
                need(pos, end, 8L * nonNull);
                for (int i = 0; i < n; i++) {
                    if (sparse && nulls[i]) {
                        continue;
                    }
                    longs[i] = (long) LONG.get(b, pos);
                    pos += 8;
                }
            }
            case FLOAT -> {
                need(pos, end, 4L * nonNull);
                for (int i = 0; i < n; i++) {
                    if (sparse && nulls[i]) {
                        continue;
                    }
                    doubles[i] = (float) FLOAT.get(b, pos);
                    pos += 4;
                }
            }
            case DOUBLE -> {
                need(pos, end, 8L * nonNull);
                for (int i = 0; i < n; i++) {
                    if (sparse && nulls[i]) {
                        continue;
                    }
                    doubles[i] = (double) DOUBLE.get(b, pos);
                    pos += 8;
                }
            }
            case BOOLEAN -> {
                need(pos, end, (nonNull + 7L) / 8);
                int bit = 0;
                for (int i = 0; i < n; i++) {
                    if (sparse && nulls[i]) {
                        continue;
                    }
                    longs[i] = (b[pos + (bit >>> 3)] >>> (bit & 7)) & 1;
                    bit++;
                }
            }
            case BINARY -> {
                for (int i = 0; i < n; i++) {
                    if (sparse && nulls[i]) {
                        continue;
                    }
                    need(pos, end, 4);
                    int length = (int) INT.get(b, pos);
                    if (length < 0) {
                        throw new ParquetDecodingException("a value has a negative length");
                    }
                    need(pos + 4, end, length);
                    offsets[i] = pos + 4;
                    lengths[i] = length;
                    pos += 4 + length;
                }
                bytes = b;
            }
            default -> { // FIXED_LEN_BYTE_ARRAY and INT96
                int width = physical == PrimitiveTypeName.INT96 ? 12 : type.typeLength;
                need(pos, end, (long) width * nonNull);
                for (int i = 0; i < n; i++) {
                    if (sparse && nulls[i]) {
                        continue;
                    }
                    offsets[i] = pos;
                    lengths[i] = width;
                    pos += width;
                }
                bytes = b;
            }
        }
    }

    /** Values in the encodings this class does not decode itself, through parquet-column's readers. */
    private void readerValues(Encoding encoding, byte[] b, int pos, int end, int n, int nonNull) {
        ValuesReader reader;
        try {
            reader = encoding.getValuesReader(descriptor, ValuesType.VALUES);
            reader.initFromPage(nonNull, ByteBufferInputStream.wrap(ByteBuffer.wrap(b, pos, end - pos)));
        } catch (IOException | RuntimeException e) {
            throw new ParquetDecodingException("values in " + encoding + " cannot be read (" + e.getMessage() + ")", e);
        }
        if (CorruptDeltaByteArrays.requiresSequentialReads(writer, encoding)
                && reader instanceof RequiresPreviousReader) {
            // PARQUET-246: old parquet-mr wrote DELTA_BYTE_ARRAY pages that continue the previous one
            ((RequiresPreviousReader) reader).setPreviousReader(previousReader);
        }
        previousReader = reader;
        boolean sparse = nonNull < n;
        int used = 0;
        for (int i = 0; i < n; i++) {
            if (sparse && nulls[i]) {
                continue;
            }
            switch (physical) {
                case INT32 -> longs[i] = type.unsigned ? Integer.toUnsignedLong(reader.readInteger())
                        : reader.readInteger();
                case INT64 -> longs[i] = reader.readLong();
                case FLOAT -> doubles[i] = reader.readFloat();
                case DOUBLE -> doubles[i] = reader.readDouble();
                case BOOLEAN -> longs[i] = reader.readBoolean() ? 1 : 0;
                default -> {
                    Binary v = reader.readBytes();
                    int length = v.length();
                    if (owned.length - used < length) {
                        owned = Arrays.copyOf(owned, Math.max(owned.length * 2, used + length + 1024));
                    }
                    v.toByteBuffer().get(owned, used, length);
                    offsets[i] = used;
                    lengths[i] = length;
                    used += length;
                }
            }
        }
        if (binaryLike) {
            bytes = owned;
        }
    }

    private static void need(int pos, int end, long bytes) {
        if (pos + bytes > end) {
            throw new ParquetDecodingException("a page ends before its values");
        }
    }

    private void grow(int n) {
        if (nulls.length < n) {
            int size = Math.max(n, nulls.length * 2);
            nulls = new boolean[size];
            scratch = new int[size + 8];
            if (binaryLike) {
                ids = new int[size];
                offsets = new int[size];
                lengths = new int[size];
            } else if (floating) {
                doubles = new double[size];
            } else {
                longs = new long[size];
            }
        }
    }

    // ---- accessors for row r of the batch ----

    boolean isBlank(int r) {
        if (allNull) {
            return true;
        }
        int i = base + r;
        if (nulls[i]) {
            return true;
        }
        if (type.kind == ParquetColumnType.Kind.TEXT) {
            if (dictionaryEncoded) {
                return dictText(ids[i]).isEmpty();
            }
            viewRow(i);
            return viewLength == 0;
        }
        return floating && Double.isNaN(doubles[i]);
    }

    /** The hash of the trimmed text; 0 when the value is blank (a present value never hashes to 0). */
    long hash(int r) {
        if (allNull) {
            return 0;
        }
        int i = base + r;
        if (nulls[i]) {
            return 0;
        }
        switch (type.kind) {
            case TEXT: {
                if (!dictionaryEncoded) {
                    viewRow(i);
                    return viewLength == 0 ? 0 : Hashing.hash64(viewBytes, viewOffset, viewLength);
                }
                int id = ids[i];
                if (dictHash == null) {
                    dictHash = new long[dictionary.getMaxId() + 1];
                }
                long h = dictHash[id];
                if (h == 0) {
                    view(dictionary.decodeToBinary(id));
                    if (viewLength == 0) {
                        return 0;
                    }
                    h = Hashing.hash64(viewBytes, viewOffset, viewLength);
                    dictHash[id] = h;
                }
                return h;
            }
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

    long epochSecond(int r) {
        int i = base + r;
        if (allNull || nulls[i]) {
            throw blank("a timestamp");
        }
        switch (type.kind) {
            case TIMESTAMP: {
                long seconds = Math.floorDiv(longs[i], type.unitsPerSecond);
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
            Binary b = dictionary.decodeToBinary(ids[i]);
            ByteBuffer bb = b.toByteBuffer();
            if (bb.hasArray()) {
                viewBytes = bb.array();
                viewOffset = bb.arrayOffset() + bb.position();
                viewLength = bb.remaining();
            } else {
                viewBytes = b.getBytes();
                viewOffset = 0;
                viewLength = viewBytes.length;
            }
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

    /** Points the view at the trimmed bytes of {@code b}, without copying where the bytes are on the heap. */
    private void view(Binary b) {
        ByteBuffer bb = b.toByteBuffer();
        if (bb.hasArray()) {
            viewBytes = bb.array();
            viewOffset = bb.arrayOffset() + bb.position();
            viewLength = bb.remaining();
        } else {
            viewBytes = b.getBytes();
            viewOffset = 0;
            viewLength = viewBytes.length;
        }
        trimView();
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
        if (dictText == null) {
            dictText = new String[dictionary.getMaxId() + 1];
        }
        String s = dictText[id];
        if (s == null) {
            view(dictionary.decodeToBinary(id));
            s = new String(viewBytes, viewOffset, viewLength, StandardCharsets.UTF_8);
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
        if (dictParsed == null || dictParsedAs != as) {
            int size = dictionary.getMaxId() + 1;
            dictParsed = new long[size];
            dictState = new byte[size];
            dictParsedAs = as;
        }
        byte state = dictState[id];
        if (state == 0) {
            view(dictionary.decodeToBinary(id));
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
