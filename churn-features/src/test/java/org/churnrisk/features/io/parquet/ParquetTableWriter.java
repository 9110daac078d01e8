package org.churnrisk.features.io.parquet;

import io.airlift.compress.Compressor;
import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.deltalengthbytearray.DeltaLengthByteArrayValuesWriter;
import org.apache.parquet.column.values.factory.DefaultValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * Writes small Parquet files for tests, with parquet-hadoop's {@link ParquetFileWriter} and
 * parquet-column's column writers (so the files come from an implementation independent of the
 * reader's page handling), a chosen codec, page format, encoding and row-group size. Needs
 * neither Hadoop nor native code: the compressors are aircompressor's and the JDK's.
 *
 * <pre>{@code
 * ParquetTableWriter.to(dir.resolve("usage.parquet"))
 *         .codec(CompressionCodecName.ZSTD)
 *         .columns(optional("account_id", Kind.STRING), optional("quantity", Kind.INT32))
 *         .write(List.of(new Object[] {"A-1", 3}, new Object[] {"A-2", null}));
 * }</pre>
 */
public final class ParquetTableWriter {

    /** How a column is stored and which Java values it takes. */
    public enum Kind {
        /** BINARY (STRING); a String. */
        STRING,
        /** BINARY without annotation; a String. */
        BYTES,
        /** INT32; a Number. */
        INT32,
        /** INT64; a Number. */
        INT64,
        /** DOUBLE; a Number. */
        DOUBLE,
        /** FLOAT; a Number. */
        FLOAT,
        /** BOOLEAN; a Boolean. */
        BOOLEAN,
        /** INT32 (DATE); a LocalDate. */
        DATE,
        /** INT64 (TIMESTAMP(MILLIS, UTC)); an Instant. */
        TIMESTAMP_MILLIS,
        /** INT64 (TIMESTAMP(MICROS, UTC)); an Instant. */
        TIMESTAMP_MICROS,
        /** INT64 (TIMESTAMP(NANOS, UTC)); an Instant. */
        TIMESTAMP_NANOS,
        /** INT64 (TIMESTAMP(MICROS, local)); a LocalDateTime. */
        LOCAL_TIMESTAMP_MICROS,
        /** INT96 legacy timestamp; an Instant. */
        INT96,
        /** INT64 (DECIMAL(18,2)); a BigDecimal. */
        DECIMAL_INT64,
        /** FIXED_LEN_BYTE_ARRAY(16) (DECIMAL(38,2)); a BigDecimal. */
        DECIMAL_FIXED,
        /** INT32 (TIME(MILLIS)); an Integer of millis of day. Not readable by the cursor. */
        TIME_MILLIS,
        /** INT32 (NULL): pyarrow's all-null column; every value must be null. */
        NULL
    }

    /** One column of the file. */
    public record Column(String name, Kind kind, boolean required) {
    }

    public static Column optional(String name, Kind kind) {
        return new Column(name, kind, false);
    }

    public static Column required(String name, Kind kind) {
        return new Column(name, kind, true);
    }

    private final Path file;
    private CompressionCodecName codec = CompressionCodecName.UNCOMPRESSED;
    private boolean dictionary = true;
    private int dictionaryPageBytes = ParquetProperties.DEFAULT_DICTIONARY_PAGE_SIZE;
    private boolean pageV2;
    private boolean byteStreamSplit;
    private boolean deltaLengthStrings;
    private int rowGroupRows = 100_000;
    private int pageRows = 20_000;
    private List<Column> columns = List.of();

    private ParquetTableWriter(Path file) {
        this.file = file;
    }

    public static ParquetTableWriter to(Path file) {
        return new ParquetTableWriter(file);
    }

    public ParquetTableWriter codec(CompressionCodecName codec) {
        this.codec = codec;
        return this;
    }

    /** Whether to dictionary-encode (parquet-java falls back to plain when a dictionary grows large). */
    public ParquetTableWriter dictionary(boolean dictionary) {
        this.dictionary = dictionary;
        return this;
    }

    /**
     * The size at which a column's dictionary is full: parquet-java then writes the rest of the
     * column chunk's pages PLAIN (or DELTA_BYTE_ARRAY in v2), after the dictionary-encoded ones.
     */
    public ParquetTableWriter dictionaryPageBytes(int bytes) {
        this.dictionaryPageBytes = bytes;
        return this;
    }

    /** Data pages v2 (parquet format 2.0) instead of v1. */
    public ParquetTableWriter pageV2(boolean pageV2) {
        this.pageV2 = pageV2;
        return this;
    }

    /** BYTE_STREAM_SPLIT for floating-point columns instead of PLAIN (and no dictionary for them). */
    public ParquetTableWriter byteStreamSplit(boolean byteStreamSplit) {
        this.byteStreamSplit = byteStreamSplit;
        return this;
    }

    /** DELTA_LENGTH_BYTE_ARRAY for string columns, which parquet-java never chooses by itself. */
    public ParquetTableWriter deltaLengthStrings(boolean deltaLengthStrings) {
        this.deltaLengthStrings = deltaLengthStrings;
        return this;
    }

    public ParquetTableWriter rowGroupRows(int rows) {
        this.rowGroupRows = rows;
        return this;
    }

    public ParquetTableWriter pageRows(int rows) {
        this.pageRows = rows;
        return this;
    }

    public ParquetTableWriter columns(Column... columns) {
        this.columns = List.of(columns);
        return this;
    }

    /** Writes the rows (one value per column, null for a null) and returns the file. */
    public Path write(Iterable<Object[]> rows) throws IOException {
        MessageType schema = schema();
        ParquetProperties.Builder builder = ParquetProperties.builder();
        if (deltaLengthStrings) {
            builder.withValuesWriterFactory(new DeltaLengthStrings());
        }
        ParquetProperties props = builder
                .withWriterVersion(pageV2 ? ParquetProperties.WriterVersion.PARQUET_2_0
                        : ParquetProperties.WriterVersion.PARQUET_1_0)
                .withDictionaryEncoding(dictionary)
                .withDictionaryPageSize(dictionaryPageBytes)
                .withByteStreamSplitEncoding(byteStreamSplit)
                .withPageRowCountLimit(pageRows)
                .withMinRowCountForPageSizeCheck(1)
                .build();
        ParquetFileWriter out = new ParquetFileWriter(new LocalOutputFile(file), schema,
                ParquetFileWriter.Mode.OVERWRITE, 128L << 20, 0, props.getColumnIndexTruncateLength(),
                props.getStatisticsTruncateLength(), props.getPageWriteChecksumEnabled());
        out.start();
        BytesInputCompressor compressor = new TestCompressor(codec);
        List<Object[]> group = new ArrayList<>();
        for (Object[] row : rows) {
            group.add(row);
            if (group.size() == rowGroupRows) {
                writeGroup(out, schema, props, compressor, group);
                group.clear();
            }
        }
        if (!group.isEmpty()) {
            writeGroup(out, schema, props, compressor, group);
        }
        out.end(Map.of());
        return file;
    }

    /** Writes {@code rows} with the given varargs rows. */
    public Path write(Object[]... rows) throws IOException {
        return write(Arrays.asList(rows));
    }

    private void writeGroup(ParquetFileWriter out, MessageType schema, ParquetProperties props,
                            BytesInputCompressor compressor, List<Object[]> rows) throws IOException {
        ColumnChunkPageWriteStore pages = new ColumnChunkPageWriteStore(compressor, schema, props.getAllocator(),
                props.getColumnIndexTruncateLength(), props.getPageWriteChecksumEnabled());
        ColumnWriteStore store = props.newColumnWriteStore(schema, pages, pages);
        RecordConsumer consumer = new ColumnIOFactory(true).getColumnIO(schema).getRecordWriter(store);
        for (Object[] row : rows) {
            if (row.length != columns.size()) {
                throw new IllegalArgumentException("row has " + row.length + " values for " + columns.size()
                        + " columns: " + Arrays.toString(row));
            }
            consumer.startMessage();
            for (int i = 0; i < row.length; i++) {
                if (row[i] != null) {
                    Column c = columns.get(i);
                    consumer.startField(c.name(), i);
                    add(consumer, c.kind(), row[i]);
                    consumer.endField(c.name(), i);
                }
            }
            consumer.endMessage();
        }
        consumer.flush();
        out.startBlock(rows.size());
        store.flush();
        pages.flushToFileWriter(out);
        out.endBlock();
        store.close();
        pages.close();
    }

    private MessageType schema() {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (Column c : columns) {
            Repetition repetition = c.required() ? Repetition.REQUIRED : Repetition.OPTIONAL;
            message.addField(primitive(c.kind(), repetition).named(c.name()));
        }
        return message.named("table");
    }

    private static Types.PrimitiveBuilder<PrimitiveType> primitive(Kind kind, Repetition r) {
        return switch (kind) {
            case STRING -> Types.primitive(PrimitiveTypeName.BINARY, r).as(LogicalTypeAnnotation.stringType());
            case BYTES -> Types.primitive(PrimitiveTypeName.BINARY, r);
            case INT32 -> Types.primitive(PrimitiveTypeName.INT32, r);
            case INT64 -> Types.primitive(PrimitiveTypeName.INT64, r);
            case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, r);
            case FLOAT -> Types.primitive(PrimitiveTypeName.FLOAT, r);
            case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, r);
            case DATE -> Types.primitive(PrimitiveTypeName.INT32, r).as(LogicalTypeAnnotation.dateType());
            case TIMESTAMP_MILLIS -> Types.primitive(PrimitiveTypeName.INT64, r)
                    .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MILLIS));
            case TIMESTAMP_MICROS -> Types.primitive(PrimitiveTypeName.INT64, r)
                    .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS));
            case TIMESTAMP_NANOS -> Types.primitive(PrimitiveTypeName.INT64, r)
                    .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.NANOS));
            case LOCAL_TIMESTAMP_MICROS -> Types.primitive(PrimitiveTypeName.INT64, r)
                    .as(LogicalTypeAnnotation.timestampType(false, TimeUnit.MICROS));
            case INT96 -> Types.primitive(PrimitiveTypeName.INT96, r);
            case DECIMAL_INT64 -> Types.primitive(PrimitiveTypeName.INT64, r)
                    .as(LogicalTypeAnnotation.decimalType(2, 18));
            case DECIMAL_FIXED -> Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, r).length(16)
                    .as(LogicalTypeAnnotation.decimalType(2, 38));
            case TIME_MILLIS -> Types.primitive(PrimitiveTypeName.INT32, r)
                    .as(LogicalTypeAnnotation.timeType(true, TimeUnit.MILLIS));
            case NULL -> Types.primitive(PrimitiveTypeName.INT32, r).as(LogicalTypeAnnotation.unknownType());
        };
    }

    private static void add(RecordConsumer consumer, Kind kind, Object v) {
        switch (kind) {
            case STRING, BYTES -> consumer.addBinary(Binary.fromString((String) v));
            case INT32, TIME_MILLIS -> consumer.addInteger(((Number) v).intValue());
            case INT64 -> consumer.addLong(((Number) v).longValue());
            case DOUBLE -> consumer.addDouble(((Number) v).doubleValue());
            case FLOAT -> consumer.addFloat(((Number) v).floatValue());
            case BOOLEAN -> consumer.addBoolean((Boolean) v);
            case DATE -> consumer.addInteger(Math.toIntExact(((LocalDate) v).toEpochDay()));
            case TIMESTAMP_MILLIS -> consumer.addLong(((Instant) v).toEpochMilli());
            case TIMESTAMP_MICROS -> consumer.addLong(micros((Instant) v));
            case TIMESTAMP_NANOS -> consumer.addLong(Math.addExact(Math.multiplyExact(((Instant) v).getEpochSecond(),
                    1_000_000_000L), ((Instant) v).getNano()));
            case LOCAL_TIMESTAMP_MICROS -> consumer.addLong(micros(((LocalDateTime) v).toInstant(ZoneOffset.UTC)));
            case INT96 -> consumer.addBinary(int96((Instant) v));
            case DECIMAL_INT64 -> consumer.addLong(((BigDecimal) v).setScale(2).unscaledValue().longValueExact());
            case DECIMAL_FIXED -> consumer.addBinary(
                    fixed16(((BigDecimal) v).setScale(2).unscaledValue().toByteArray()));
            case NULL -> throw new IllegalArgumentException("a NULL column takes only nulls, not " + v);
        }
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    private static Binary int96(Instant t) {
        long day = Math.floorDiv(t.getEpochSecond(), 86_400L);
        long nanosOfDay = Math.floorMod(t.getEpochSecond(), 86_400L) * 1_000_000_000L + t.getNano();
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(nanosOfDay).putInt((int) (day + 2_440_588));
        return Binary.fromConstantByteArray(b.array());
    }

    private static Binary fixed16(byte[] twosComplement) {
        byte[] out = new byte[16];
        byte fill = twosComplement[0] < 0 ? (byte) -1 : 0;
        Arrays.fill(out, 0, 16 - twosComplement.length, fill);
        System.arraycopy(twosComplement, 0, out, 16 - twosComplement.length, twosComplement.length);
        return Binary.fromConstantByteArray(out);
    }

    /** parquet-java's default encodings, except DELTA_LENGTH_BYTE_ARRAY for BINARY columns. */
    private static final class DeltaLengthStrings implements ValuesWriterFactory {
        private final DefaultValuesWriterFactory defaults = new DefaultValuesWriterFactory();
        private ParquetProperties props;

        @Override
        public void initialize(ParquetProperties props) {
            this.props = props;
            defaults.initialize(props);
        }

        @Override
        public ValuesWriter newValuesWriter(ColumnDescriptor descriptor) {
            if (descriptor.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BINARY) {
                return new DeltaLengthByteArrayValuesWriter(64, props.getPageSizeThreshold(), props.getAllocator());
            }
            return defaults.newValuesWriter(descriptor);
        }
    }

    /**
     * Compresses pages without Hadoop codecs. BROTLI and LZO are "compressed" by copying, which
     * is enough to test that the reader refuses them.
     */
    private static final class TestCompressor implements BytesInputCompressor {
        private final CompressionCodecName codec;

        TestCompressor(CompressionCodecName codec) {
            this.codec = codec;
        }

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            bytes.writeAllTo(buffer);
            byte[] in = buffer.toByteArray();
            return BytesInput.from(switch (codec) {
                case SNAPPY -> compress(new SnappyCompressor(), in);
                case ZSTD -> compress(new ZstdCompressor(), in);
                case LZ4_RAW -> compress(new Lz4Compressor(), in);
                case LZ4 -> lz4Hadoop(in);
                case GZIP -> gzip(in);
                default -> in;
            });
        }

        private static byte[] compress(Compressor c, byte[] in) {
            byte[] out = new byte[c.maxCompressedLength(in.length)];
            int n = c.compress(in, 0, in.length, out, 0, out.length);
            return Arrays.copyOf(out, n);
        }

        /** Hadoop's block framing as parquet-mr's LZ4 codec writes it: one block, one chunk. */
        private static byte[] lz4Hadoop(byte[] in) {
            byte[] block = compress(new Lz4Compressor(), in);
            return ByteBuffer.allocate(8 + block.length).putInt(in.length).putInt(block.length).put(block).array();
        }

        private static byte[] gzip(byte[] in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {
        }
    }

    /**
     * Copies a generated CSV book into {@code parquetBook} with its usage export as
     * {@code usage.parquet} (snappy, row groups of 5,000 rows) and every other file as it is.
     */
    public static void copyBookWithParquetUsage(Path csvBook, Path parquetBook) throws IOException {
        java.nio.file.Files.createDirectories(parquetBook);
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(csvBook)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals("usage.csv")) {
                    java.nio.file.Files.copy(f, parquetBook.resolve(f.getFileName()));
                }
            }
        }
        List<Object[]> rows = new ArrayList<>();
        try (org.churnrisk.features.io.RecordCursor c = org.churnrisk.features.io.BookSources.open(
                csvBook.resolve("usage.csv"),
                org.churnrisk.features.io.mapping.SourceMapping.defaults(org.churnrisk.core.contract.Source.USAGE))) {
            while (c.next()) {
                rows.add(new Object[] {c.text(0), Instant.ofEpochSecond(c.epochSecond(1)), c.text(2), c.text(3),
                    c.integer(4), c.integer(5)});
            }
        }
        to(parquetBook.resolve("usage.parquet")).codec(CompressionCodecName.SNAPPY).rowGroupRows(5_000)
                .columns(required("account_id", Kind.STRING), required("occurred_at", Kind.TIMESTAMP_MILLIS),
                        optional("user_id", Kind.STRING), required("event", Kind.STRING),
                        required("quantity", Kind.INT32), required("errors", Kind.INT64))
                .write(rows);
    }
}
