package org.churnrisk.features.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.core.features.HealthScore;

/**
 * Writes feature tables as one Parquet file, snappy-compressed, one row group per table: the same
 * columns as {@link FeatureTableWriter} with native types ({@code account_id} string,
 * {@code as_of} date, features and {@code health_score} doubles, {@code health_band} string).
 *
 * <p>Written beside the destination and renamed into place by {@link #commit()}; closing without
 * a commit removes the partial file. No Hadoop classes are needed. Not thread-safe.
 */
public final class FeatureParquetWriter implements FeatureOutput {
    private final Path out;
    private final Path tmp;
    private final HealthScore health;
    private ParquetFileWriter writer;
    private MessageType schema;
    private String schemaVersion;
    private final ParquetProperties props = ParquetProperties.builder()
            .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0).build();
    private boolean done;

    public FeatureParquetWriter(Path out, HealthScore health) throws IOException {
        this.out = out;
        this.health = health;
        this.tmp = AtomicFiles.createSibling(out);
    }

    /** Appends one table as a row group. */
    @Override
    public void write(FeatureTable t) {
        try {
            if (writer == null) {
                schema = schema(t.schema());
                schemaVersion = t.schema().version();
                writer = new ParquetFileWriter(new LocalOutputFile(tmp), schema, ParquetFileWriter.Mode.OVERWRITE,
                        128L << 20, 0, props.getColumnIndexTruncateLength(), props.getStatisticsTruncateLength(),
                        props.getPageWriteChecksumEnabled());
                writer.start();
            }
            if (t.rows() == 0) {
                return;
            }
            ColumnChunkPageWriteStore pages = new ColumnChunkPageWriteStore(new SnappyPages(), schema, props.getAllocator(),
                    props.getColumnIndexTruncateLength(), props.getPageWriteChecksumEnabled());
            ColumnWriteStore store = props.newColumnWriteStore(schema, pages, pages);
            RecordConsumer consumer = new ColumnIOFactory(true).getColumnIO(schema).getRecordWriter(store);
            int features = t.schema().size();
            int asOf = Math.toIntExact(t.asOf().toEpochDay());
            for (int r = 0; r < t.rows(); r++) {
                consumer.startMessage();
                field(consumer, "account_id", 0, Binary.fromString(t.accountIds().get(r)));
                consumer.startField("as_of", 1);
                consumer.addInteger(asOf);
                consumer.endField("as_of", 1);
                for (int f = 0; f < features; f++) {
                    String name = t.schema().name(f);
                    consumer.startField(name, f + 2);
                    consumer.addDouble(t.value(r, f));
                    consumer.endField(name, f + 2);
                }
                double score = t.healthScore(r);
                consumer.startField("health_score", features + 2);
                consumer.addDouble(score);
                consumer.endField("health_score", features + 2);
                field(consumer, "health_band", features + 3, Binary.fromString(health.band(score).label()));
                consumer.endMessage();
            }
            consumer.flush();
            writer.startBlock(t.rows());
            store.flush();
            pages.flushToFileWriter(writer);
            writer.endBlock();
            store.close();
            pages.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void field(RecordConsumer consumer, String name, int index, Binary value) {
        consumer.startField(name, index);
        consumer.addBinary(value);
        consumer.endField(name, index);
    }

    private static MessageType schema(FeatureSchema features) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("account_id");
        b.required(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named("as_of");
        for (String name : features.names()) {
            b.required(PrimitiveTypeName.DOUBLE).named(name);
        }
        b.required(PrimitiveTypeName.DOUBLE).named("health_score");
        b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("health_band");
        return b.named("features");
    }

    /** Finishes the file and moves it into place. */
    @Override
    public void commit() throws IOException {
        if (writer == null) {
            throw new IllegalStateException("no table was written");
        }
        writer.end(Map.of("churn.feature_schema", schemaVersion));
        writer = null;
        AtomicFiles.moveIntoPlace(tmp, out);
        done = true;
    }

    @Override
    public void close() throws IOException {
        if (!done) {
            Files.deleteIfExists(tmp);
        }
    }
}
