package org.churnrisk.features.io.parquet;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.churnrisk.features.io.problems.DataProblemException;

/**
 * The top-level columns of a Parquet file as its footer declares them, read without reading any
 * row: what {@code churn init} shows of a Parquet export. Immutable and thread-safe.
 *
 * @param columns the columns in file order
 */
public record ParquetSchema(List<Column> columns) {

    /**
     * One top-level column.
     *
     * @param name the column's name
     * @param type its physical and logical type as the footer gives them, e.g. {@code INT64 TIMESTAMP(MICROS)}
     */
    public record Column(String name, String type) {
    }

    public ParquetSchema {
        columns = List.copyOf(columns);
    }

    /**
     * Reads the schema from the footer.
     *
     * @throws DataProblemException if the file is not Parquet, is cut off, encrypted or damaged
     * @throws IOException          if it cannot be read
     */
    public static ParquetSchema read(Path file, String fileName) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ParquetFooter footer = ParquetFooter.read(channel, fileName);
            List<Column> columns = new ArrayList<>();
            for (ParquetFooter.Field field : footer.fields) {
                columns.add(new Column(field.name(), field.type().toString()));
            }
            return new ParquetSchema(columns);
        }
    }
}
