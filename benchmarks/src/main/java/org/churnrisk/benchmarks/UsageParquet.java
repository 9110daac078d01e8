package org.churnrisk.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.churnrisk.core.AtomicFiles;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.BookSources;
import org.churnrisk.features.io.RecordCursor;
import org.churnrisk.features.io.mapping.BookConfig;
import org.churnrisk.features.io.mapping.SourceMapping;

/**
 * Copies a book with its {@code usage.csv} converted to {@code usage.parquet}, so the same rows can
 * be read from both formats. churn-features writes Parquet only for feature tables, so this uses
 * parquet-java's {@link ParquetFileWriter} the same way {@code FeatureParquetWriter} does.
 *
 * <p>The file is what a typical export looks like: native types ({@code account_id},
 * {@code user_id}, {@code event} strings; {@code occurred_at} TIMESTAMP(MICROS, UTC);
 * {@code quantity}, {@code errors} INT32), blanks as nulls, SNAPPY, data pages v1 with
 * parquet-java's default dictionary encoding (it falls back to plain for a column whose dictionary
 * outgrows 1 MB in a row group), default page sizes, and row groups of a million rows.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar org.churnrisk.benchmarks.UsageParquet <csv-book> <parquet-book>
 * }</pre>
 *
 * <p>The copy is written to a hidden sibling and moved into place at the end, so a half-made book
 * never appears under the target name.
 */
final class UsageParquet {
    static final int ROW_GROUP_ROWS = 1_000_000;
    private static final MessageType SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("account_id")
            .required(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named("occurred_at")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("user_id")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("event")
            .optional(PrimitiveTypeName.INT32).named("quantity")
            .optional(PrimitiveTypeName.INT32).named("errors")
            .named("usage");

    private UsageParquet() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: UsageParquet <csv-book> <parquet-book>");
            System.exit(2);
        }
        long started = System.nanoTime();
        long rows = convertBook(Path.of(args[0]), Path.of(args[1]));
        System.out.printf("%,d usage rows in %.1f s%n", rows, (System.nanoTime() - started) / 1e9);
    }

    /**
     * Makes {@code target}: every file of {@code csvBook} except {@code usage.csv}, plus
     * {@code usage.parquet} with the same rows. Returns the number of usage rows.
     *
     * @throws IllegalArgumentException if {@code target} exists
     */
    static long convertBook(Path csvBook, Path target) throws IOException {
        if (Files.exists(target)) {
            throw new IllegalArgumentException(target + " exists; remove it or choose another directory");
        }
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // Not Files.createTempDirectory: that makes the directory private (700), and it becomes the book.
        Path work = Files.createDirectory(parent.resolve("." + target.getFileName() + ".partial-"
                + ProcessHandle.current().pid() + "-" + System.nanoTime()));
        try {
            try (Stream<Path> files = Files.list(csvBook)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(f) && !f.getFileName().toString().equals("usage.csv")) {
                        Files.copy(f, work.resolve(f.getFileName()));
                    }
                }
            }
            SourceMapping mapping = BookConfig.forBook(csvBook).mapping(Source.USAGE);
            long rows = write(csvBook.resolve("usage.csv"), mapping, work.resolve("usage.parquet"));
            Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
            return rows;
        } finally {
            AtomicFiles.deleteTree(work);
        }
    }

    /** Writes the rows of a usage CSV file as Parquet; returns how many. */
    static long write(Path csv, SourceMapping mapping, Path out) throws IOException {
        ParquetProperties props = ParquetProperties.builder()
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0).build();
        ParquetFileWriter writer = new ParquetFileWriter(new LocalOutputFile(out), SCHEMA,
                ParquetFileWriter.Mode.CREATE, 128L << 20, 0, props.getColumnIndexTruncateLength(),
                props.getStatisticsTruncateLength(), props.getPageWriteChecksumEnabled());
        writer.start();
        long rows = 0;
        // Column order of Source.USAGE: account_id, occurred_at, user_id, event, quantity, errors.
        try (RecordCursor c = BookSources.open(csv, mapping)) {
            RowGroup group = new RowGroup(props);
            while (c.next()) {
                RecordConsumer r = group.consumer;
                r.startMessage();
                binary(r, "account_id", 0, c.text(0));
                r.startField("occurred_at", 1);
                r.addLong(Math.multiplyExact(c.epochSecond(1), 1_000_000L));
                r.endField("occurred_at", 1);
                if (!c.isBlank(2)) {
                    binary(r, "user_id", 2, c.text(2));
                }
                binary(r, "event", 3, c.text(3));
                if (!c.isBlank(4)) {
                    integer(r, "quantity", 4, c.integer(4));
                }
                if (!c.isBlank(5)) {
                    integer(r, "errors", 5, c.integer(5));
                }
                r.endMessage();
                rows++;
                if (++group.rows == ROW_GROUP_ROWS) {
                    group.flushTo(writer);
                    group = new RowGroup(props);
                }
            }
            if (group.rows > 0) {
                group.flushTo(writer);
            }
        }
        writer.end(Map.of());
        return rows;
    }

    private static void binary(RecordConsumer r, String name, int index, String value) {
        r.startField(name, index);
        r.addBinary(Binary.fromString(value));
        r.endField(name, index);
    }

    private static void integer(RecordConsumer r, String name, int index, long value) {
        r.startField(name, index);
        r.addInteger(Math.toIntExact(value));
        r.endField(name, index);
    }

    /** The column writers of one row group, buffered in memory until it is flushed to the file. */
    private static final class RowGroup {
        final ColumnChunkPageWriteStore pages;
        final ColumnWriteStore store;
        final RecordConsumer consumer;
        int rows;

        RowGroup(ParquetProperties props) {
            pages = new ColumnChunkPageWriteStore(new org.churnrisk.features.output.SnappyPages(), SCHEMA, props.getAllocator(),
                    props.getColumnIndexTruncateLength(), props.getPageWriteChecksumEnabled());
            store = props.newColumnWriteStore(SCHEMA, pages, pages);
            consumer = new ColumnIOFactory(true).getColumnIO(SCHEMA).getRecordWriter(store);
        }

        void flushTo(ParquetFileWriter writer) throws IOException {
            consumer.flush();
            writer.startBlock(rows);
            store.flush();
            pages.flushToFileWriter(writer);
            writer.endBlock();
            store.close();
            pages.close();
        }
    }
}
