package org.churnrisk.features.output;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.core.features.HealthScore;

/**
 * A feature-table file being written: tables go in one at a time, {@link #commit()} moves the
 * finished file into place, and closing without a commit leaves any earlier file untouched.
 */
public interface FeatureOutput extends Closeable {

    void write(FeatureTable table);

    void commit() throws IOException;

    /** A CSV or Parquet writer, chosen by the file's extension ({@code .csv} or {@code .parquet}). */
    static FeatureOutput open(Path out, HealthScore health) throws IOException {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return new FeatureTableWriter(out, health);
        }
        if (name.endsWith(".parquet")) {
            return new FeatureParquetWriter(out, health);
        }
        throw new InvalidArgumentException(out + ": expected a .csv or .parquet file name");
    }
}
