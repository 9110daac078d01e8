package org.churnrisk.features.io.parquet;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.parquet.CorruptDeltaByteArrays;
import org.apache.parquet.VersionParser.ParsedVersion;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.values.RequiresPreviousReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesReader;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * The decoded current page of one column's chunk: decodes a whole page at once into primitive
 * arrays indexed by row within the page, for {@link ParquetColumn} to read.
 *
 * <p>The common encodings are decoded here in bulk: definition levels and dictionary ids (the RLE
 * / bit-packing hybrid, {@link ParquetHybrid}), PLAIN values, DELTA_LENGTH_BYTE_ARRAY and
 * DELTA_BYTE_ARRAY strings. The rest (DELTA_BINARY_PACKED numbers, BYTE_STREAM_SPLIT, RLE
 * booleans) go through parquet-column's {@link ValuesReader}s. Strings are never copied out of the
 * page: a row holds a dictionary id or an offset and length. Decoding problems throw {@link
 * ParquetDecodingException}. Dictionary pages are decoded here too, into flat arrays (entries of
 * strings as offsets into the page), so that nothing is allocated per entry. Not thread-safe.
 */
abstract class ParquetPages {

    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class,
            ByteOrder.LITTLE_ENDIAN);

    final ParquetColumnType type;
    final String fileColumn;
    final PrimitiveTypeName physical;
    /** BINARY, FIXED_LEN_BYTE_ARRAY or INT96: rows are in {@link #ids} or {@link #offsets}. */
    final boolean binaryLike;
    /** FLOAT or DOUBLE: rows are in {@link #doubles}; otherwise numbers are in {@link #longs}. */
    final boolean floating;
    /** The NULL type: no pages at all, every row null. */
    final boolean allNull;
    private final ColumnDescriptor descriptor;
    /** What this column's pages are read into, from row group to row group. */
    final ParquetChunk.Buffers buffers = new ParquetChunk.Buffers();

    // the current column chunk
    private ParquetChunk chunk;
    private ParsedVersion writer;
    private ValuesReader previousReader;
    private byte[] lastDelta = new byte[0];
    /** Whether the chunk has a dictionary; its entries are [0, {@link #dictSize}). */
    boolean hasDictionary;
    int dictSize;
    /** Binary-like entries: the untrimmed value of entry e is {@code dictBytes[dictOffsets[e], + dictLengths[e])}. */
    byte[] dictBytes;
    int[] dictOffsets = new int[0];
    int[] dictLengths = new int[0];
    /** Numeric entries: INT32 and INT64 (as {@link #longs} holds them), FLOAT and DOUBLE. */
    private long[] dictLongs = new long[0];
    private double[] dictDoubles = new double[0];

    // the current page, indexed by row within the page
    private int pageRows;
    private int pagePos;
    /** The page row of the batch's first row. */
    int base;
    /** Whether the rows of a binary-like column are dictionary ids. */
    boolean dictionaryEncoded;
    boolean[] nulls = new boolean[0];
    long[] longs = new long[0];
    double[] doubles = new double[0];
    int[] ids = new int[0];
    int[] offsets = new int[0];
    int[] lengths = new int[0];
    /** Where {@link #offsets} point: the page, or a buffer of decoded values. */
    byte[] bytes;
    private int[] scratch = new int[8];
    private byte[] owned = new byte[0];

    ParquetPages(ParquetColumnType type, String fileColumn) {
        this.type = type;
        this.fileColumn = fileColumn;
        this.physical = type.physical;
        this.binaryLike = physical == PrimitiveTypeName.BINARY || physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY
                || physical == PrimitiveTypeName.INT96;
        this.floating = physical == PrimitiveTypeName.FLOAT || physical == PrimitiveTypeName.DOUBLE;
        this.allNull = type.kind == ParquetColumnType.Kind.NULL;
        this.descriptor = allNull ? null : new ColumnDescriptor(new String[] {fileColumn},
                Types.primitive(physical, type.optional ? Repetition.OPTIONAL : Repetition.REQUIRED)
                        .length(physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY ? type.typeLength : 0)
                        .named(fileColumn), 0, type.optional ? 1 : 0);
    }

    /** Called when a chunk with another dictionary (or none) starts, to drop what was derived from the last one. */
    abstract void dictionaryChanged();

    /** Called when a page has been decoded, before its rows are read. */
    abstract void pageLoaded();

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
        ParquetChunk.Dictionary page = chunk.dictionaryPage();
        hasDictionary = false;
        dictSize = 0;
        dictBytes = null;
        if (page != null) {
            try {
                dictionary(page);
            } catch (ParquetDecodingException e) {
                throw new ParquetDecodingException("the dictionary cannot be decoded (" + e.getMessage() + ")", e);
            }
        }
        dictionaryChanged();
        previousReader = null;
        lastDelta = new byte[0];
        pageRows = 0;
        pagePos = 0;
    }

    /** Ends the row group. */
    void close() {
        chunk = null;
        hasDictionary = false;
        dictSize = 0;
        dictBytes = null;
        previousReader = null;
        bytes = null;
    }

    /**
     * Decodes a dictionary page: PLAIN values (PLAIN_DICTIONARY in format v1, PLAIN in v2), each
     * kept as a dictionary id's entry. Strings stay in the page's bytes.
     */
    private void dictionary(ParquetChunk.Dictionary page) {
        Encoding encoding = page.encoding();
        if (encoding != Encoding.PLAIN_DICTIONARY && encoding != Encoding.PLAIN) {
            throw new ParquetDecodingException("dictionary pages in " + encoding + " are not supported");
        }
        int n = page.values();
        byte[] b = page.bytes();
        int end = page.length();
        if (n < 0) {
            throw new ParquetDecodingException("the dictionary has " + n + " values");
        }
        int pos = 0;
        switch (physical) {
            case INT32, INT64 -> {
                int width = physical == PrimitiveTypeName.INT32 ? 4 : 8;
                need(pos, end, (long) width * n);
                if (dictLongs.length < n) {
                    dictLongs = new long[Math.max(n, dictLongs.length * 2)];
                }
                for (int e = 0; e < n; e++, pos += width) {
                    if (width == 8) {
                        dictLongs[e] = (long) LONG.get(b, pos);
                    } else {
                        int v = (int) INT.get(b, pos);
                        dictLongs[e] = type.unsigned ? Integer.toUnsignedLong(v) : v;
                    }
                }
            }
            case FLOAT, DOUBLE -> {
                int width = physical == PrimitiveTypeName.FLOAT ? 4 : 8;
                need(pos, end, (long) width * n);
                if (dictDoubles.length < n) {
                    dictDoubles = new double[Math.max(n, dictDoubles.length * 2)];
                }
                for (int e = 0; e < n; e++, pos += width) {
                    dictDoubles[e] = width == 4 ? (float) FLOAT.get(b, pos) : (double) DOUBLE.get(b, pos);
                }
            }
            case BINARY, FIXED_LEN_BYTE_ARRAY, INT96 -> {
                if (dictOffsets.length < n) {
                    int size = Math.max(n, dictOffsets.length * 2);
                    dictOffsets = new int[size];
                    dictLengths = new int[size];
                }
                int width = physical == PrimitiveTypeName.INT96 ? 12 : type.typeLength;
                for (int e = 0; e < n; e++) {
                    int length = width;
                    if (physical == PrimitiveTypeName.BINARY) {
                        need(pos, end, 4);
                        length = (int) INT.get(b, pos);
                        if (length < 0) {
                            throw new ParquetDecodingException("a value has a negative length");
                        }
                        pos += 4;
                    }
                    need(pos, end, length);
                    dictOffsets[e] = pos;
                    dictLengths[e] = length;
                    pos += length;
                }
                dictBytes = b;
            }
            default -> throw new ParquetDecodingException(physical + " values cannot be dictionary-encoded");
        }
        dictSize = n;
        hasDictionary = true;
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

    /** The rows of the current page. */
    int pageRows() {
        return pageRows;
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
        int end = page.length();
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
            int length = end < 4 ? -1 : (int) INT.get(b, 0);
            if (length < 0 || length > end - 4) {
                throw new ParquetDecodingException("the definition levels do not fit their page");
            }
            valuesStart = 4 + length;
            nonNull = definitions(b, 4, valuesStart, n);
        } else {
            valuesStart = legacyDefinitions(b, end, n, page.definitionEncoding());
            nonNull = nonNull(n);
        }
        values(page.encoding(), b, valuesStart, end, n, nonNull);
        pageRows = n;
        pagePos = 0;
        pageLoaded();
    }

    /** Decodes RLE definition levels (max level 1) into {@link #nulls}; returns the number of non-null rows. */
    private int definitions(byte[] b, int start, int end, int n) {
        return ParquetHybrid.decodeLevels(b, start, end, nulls, n);
    }

    /** Reads BIT_PACKED definition levels, which only very old parquet-mr wrote; returns where the values start. */
    private int legacyDefinitions(byte[] b, int end, int n, Encoding encoding) {
        try {
            ValuesReader reader = encoding.getValuesReader(descriptor, ValuesType.DEFINITION_LEVEL);
            ByteBufferInputStream in = ByteBufferInputStream.wrap(ByteBuffer.wrap(b, 0, end));
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
            if (!hasDictionary) {
                throw new ParquetDecodingException("a page uses a dictionary but the column chunk has none");
            }
            if (pos >= end) {
                throw new ParquetDecodingException("a page ends before its dictionary ids");
            }
            ParquetHybrid.decode(b, pos + 1, end, b[pos] & 0xff, scratch, nonNull);
            dictionaryValues(n, nonNull);
        } else if (encoding == Encoding.PLAIN) {
            plainValues(b, pos, end, n, nonNull);
        } else if (binaryLike && (encoding == Encoding.DELTA_BYTE_ARRAY
                || encoding == Encoding.DELTA_LENGTH_BYTE_ARRAY && physical == PrimitiveTypeName.BINARY)) {
            deltaValues(encoding, b, pos, end, n, nonNull);
        } else {
            readerValues(encoding, b, pos, end, n, nonNull);
        }
    }

    private void dictionaryValues(int n, int nonNull) {
        int[] dense = scratch;
        int max = dictSize - 1;
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
        // numbers: look up the entries, spread over the rows that are not null
        switch (physical) {
            case INT32, INT64 -> {
                long[] entries = dictLongs;
                int k = 0;
                for (int i = 0; i < n; i++) {
                    if (nonNull == n || !nulls[i]) {
                        longs[i] = entries[dense[k++]];
                    }
                }
            }
            case FLOAT, DOUBLE -> {
                double[] entries = dictDoubles;
                int k = 0;
                for (int i = 0; i < n; i++) {
                    if (nonNull == n || !nulls[i]) {
                        doubles[i] = entries[dense[k++]];
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

    /**
     * DELTA_LENGTH_BYTE_ARRAY (lengths, then the bytes of all values) and DELTA_BYTE_ARRAY (the
     * length of the prefix shared with the previous value, then the suffixes as
     * DELTA_LENGTH_BYTE_ARRAY), which parquet-java's v2 writer uses when a dictionary grows too
     * large. parquet-column's readers allocate two objects per value; here the lengths come from its
     * DELTA_BINARY_PACKED reader and the values are offsets into the page or into {@link #owned}.
     */
    private void deltaValues(Encoding encoding, byte[] b, int pos, int end, int n, int nonNull) {
        boolean prefixed = encoding == Encoding.DELTA_BYTE_ARRAY;
        DeltaBinaryPackingValuesReader prefixes = new DeltaBinaryPackingValuesReader();
        DeltaBinaryPackingValuesReader lengthsReader = new DeltaBinaryPackingValuesReader();
        int p;
        try {
            ByteBufferInputStream in = ByteBufferInputStream.wrap(ByteBuffer.wrap(b, pos, end - pos));
            if (prefixed) {
                prefixes.initFromPage(nonNull, in);
            }
            lengthsReader.initFromPage(nonNull, in);
            p = pos + (int) in.position();
        } catch (IOException | RuntimeException e) {
            throw new ParquetDecodingException("values in " + encoding + " cannot be read (" + e.getMessage() + ")", e);
        }
        boolean sparse = nonNull < n;
        if (!prefixed) {
            for (int i = 0; i < n; i++) {
                if (sparse && nulls[i]) {
                    continue;
                }
                int length = lengthsReader.readInteger();
                if (length < 0) {
                    throw new ParquetDecodingException("a value has a negative length");
                }
                need(p, end, length);
                offsets[i] = p;
                lengths[i] = length;
                p += length;
            }
            bytes = b;
            return;
        }
        // Each value is the previous one's first `prefix` bytes and a suffix. The value before the
        // page's first is the previous page's last: old parquet-mr wrote pages that continue it
        // (PARQUET-246); files written correctly start every page with an empty prefix.
        int used = 0;
        int previous = -1;
        for (int i = 0; i < n; i++) {
            if (sparse && nulls[i]) {
                continue;
            }
            int prefix = prefixes.readInteger();
            int length = lengthsReader.readInteger();
            int previousLength = previous < 0 ? lastDelta.length : lengths[previous];
            if (prefix < 0 || length < 0 || prefix > previousLength) {
                throw new ParquetDecodingException("a DELTA_BYTE_ARRAY value has a prefix or length out of range");
            }
            need(p, end, length);
            if (owned.length - used < prefix + length) {
                owned = Arrays.copyOf(owned, Math.max(owned.length * 2, used + prefix + length + 4096));
            }
            if (previous < 0) {
                System.arraycopy(lastDelta, 0, owned, used, prefix);
            } else {
                System.arraycopy(owned, offsets[previous], owned, used, prefix);
            }
            System.arraycopy(b, p, owned, used + prefix, length);
            p += length;
            offsets[i] = used;
            lengths[i] = prefix + length;
            used += prefix + length;
            previous = i;
        }
        if (previous >= 0) {
            lastDelta = Arrays.copyOfRange(owned, offsets[previous], offsets[previous] + lengths[previous]);
        }
        bytes = owned;
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
}
