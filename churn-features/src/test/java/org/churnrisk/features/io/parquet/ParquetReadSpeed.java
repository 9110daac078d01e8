package org.churnrisk.features.io.parquet;

import static org.churnrisk.features.io.parquet.ParquetTableWriter.optional;
import static org.churnrisk.features.io.parquet.ParquetTableWriter.required;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.RecordCursor;
import org.churnrisk.features.io.csv.CsvCursor;
import org.churnrisk.features.io.mapping.SourceMapping;
import org.churnrisk.features.io.parquet.ParquetTableWriter.Column;
import org.churnrisk.features.io.parquet.ParquetTableWriter.Kind;

/**
 * Measures how fast {@link ParquetCursor} reads a usage file: all six columns through {@code
 * hash}, {@code epochSecond} and {@code integer}, as the usage aggregation does. Not a test (it
 * prints timings and asserts nothing); run by hand, see docs/parquet.md:
 *
 * <pre>
 * ./mvnw -B -q -pl churn-features test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp churn-features/target/test-classes:churn-features/target/classes:$(cat churn-features/target/cp.txt) \
 *     org.churnrisk.features.io.parquet.ParquetReadSpeed sample-data/book/usage 4
 * </pre>
 *
 * <p>Arguments: the folder of usage part files to take rows from (default the sample book's), how
 * many times to repeat them (default 4, about 7.4 million rows), and optionally a folder to write
 * the files into and keep (for profiling). Writes the Parquet files and a CSV of the same rows
 * (into a temporary folder by default), reads each file 7 times, and prints the median and best
 * rows per second.
 */
public final class ParquetReadSpeed {

    private static final int ACCOUNT = Source.USAGE.columnNames().indexOf("account_id");
    private static final int OCCURRED = Source.USAGE.columnNames().indexOf("occurred_at");
    private static final int USER = Source.USAGE.columnNames().indexOf("user_id");
    private static final int EVENT = Source.USAGE.columnNames().indexOf("event");
    private static final int QUANTITY = Source.USAGE.columnNames().indexOf("quantity");
    private static final int ERRORS = Source.USAGE.columnNames().indexOf("errors");
    private static final int RUNS = 7;

    private ParquetReadSpeed() {
    }

    public static void main(String[] args) throws IOException {
        Path parts = Path.of(args.length > 0 ? args[0] : "sample-data/book/usage");
        int repeat = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        List<String[]> text = readSample(parts);
        List<Object[]> strings = new ArrayList<>();
        List<Object[]> natives = new ArrayList<>();
        for (int r = 0; r < repeat; r++) {
            for (String[] row : text) {
                strings.add(row.clone());
                natives.add(toNative(row));
            }
        }
        System.out.printf(Locale.ROOT, "%,d usage rows; JDK %s, %d cores%n", strings.size(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());

        boolean keep = args.length > 2;
        Path dir = keep ? Files.createDirectories(Path.of(args[2])) : Files.createTempDirectory("parquet-speed");
        try {
            Column[] nativeColumns = {required("account_id", Kind.STRING),
                required("occurred_at", Kind.TIMESTAMP_MICROS),
                optional("user_id", Kind.STRING), required("event", Kind.STRING), optional("quantity", Kind.INT32),
                optional("errors", Kind.INT32)};
            Column[] stringColumns = {required("account_id", Kind.STRING), required("occurred_at", Kind.STRING),
                optional("user_id", Kind.STRING), required("event", Kind.STRING), optional("quantity", Kind.STRING),
                optional("errors", Kind.STRING)};
            List<Path> files = new ArrayList<>();
            for (CompressionCodecName codec : List.of(CompressionCodecName.SNAPPY, CompressionCodecName.ZSTD,
                    CompressionCodecName.GZIP, CompressionCodecName.UNCOMPRESSED)) {
                files.add(ParquetTableWriter.to(dir.resolve("native-" + codec + ".parquet")).codec(codec)
                        .rowGroupRows(1_000_000).columns(nativeColumns).write(natives));
            }
            files.add(ParquetTableWriter.to(dir.resolve("strings-SNAPPY.parquet")).codec(CompressionCodecName.SNAPPY)
                    .rowGroupRows(1_000_000).columns(stringColumns).write(strings));
            files.add(ParquetTableWriter.to(dir.resolve("native-SNAPPY-plain-v2.parquet"))
                    .codec(CompressionCodecName.SNAPPY).dictionary(false).pageV2(true).rowGroupRows(1_000_000)
                    .columns(nativeColumns).write(natives));
            files.add(writeCsv(dir.resolve("usage.csv"), strings));

            System.out.printf(Locale.ROOT, "%-32s %12s %14s %14s%n", "file", "bytes", "median rows/s", "best rows/s");
            for (Path file : files) {
                long[] nanos = new long[RUNS];
                long rows = 0;
                long check = 0;
                for (int run = 0; run < RUNS; run++) {
                    long start = System.nanoTime();
                    long[] result = read(file);
                    nanos[run] = System.nanoTime() - start;
                    rows = result[0];
                    check ^= result[1];
                }
                Arrays.sort(nanos);
                System.out.printf(Locale.ROOT, "%-32s %,12d %,14.0f %,14.0f%s%n", file.getFileName(), Files.size(file),
                        rows * 1e9 / nanos[RUNS / 2], rows * 1e9 / nanos[0], check == 42 ? " " : "");
            }
        } finally {
            if (!keep) {
                try (Stream<Path> all = Files.list(dir)) {
                    for (Path p : all.toList()) {
                        Files.delete(p);
                    }
                }
                Files.delete(dir);
            }
        }
    }

    /** Reads every column of every row as the usage aggregation would; returns {rows, checksum}. */
    private static long[] read(Path file) throws IOException {
        SourceMapping mapping = SourceMapping.defaults(Source.USAGE);
        long rows = 0;
        long sum = 0;
        try (RecordCursor c = file.toString().endsWith(".csv") ? new CsvCursor(file, mapping)
                : new ParquetCursor(file, mapping)) {
            while (c.next()) {
                sum += c.hash(ACCOUNT) ^ c.epochSecond(OCCURRED) ^ c.hash(USER) ^ c.hash(EVENT);
                sum += c.isBlank(QUANTITY) ? 1 : c.integer(QUANTITY);
                sum += c.isBlank(ERRORS) ? 0 : c.integer(ERRORS);
                rows++;
            }
        }
        return new long[] {rows, sum};
    }

    private static List<String[]> readSample(Path parts) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(parts)) {
            files = s.filter(p -> p.toString().endsWith(".csv") || p.toString().endsWith(".csv.gz")).sorted().toList();
        }
        List<String[]> rows = new ArrayList<>();
        for (Path f : files) {
            try (CsvCursor c = new CsvCursor(f, SourceMapping.defaults(Source.USAGE))) {
                while (c.next()) {
                    String[] row = new String[6];
                    for (int i = 0; i < 6; i++) {
                        row[i] = c.text(i);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static Object[] toNative(String[] row) {
        String t = row[OCCURRED];
        Instant at = t.length() == 10 ? Instant.parse(t + "T00:00:00Z") : Instant.parse(t);
        return new Object[] {row[ACCOUNT], at, row[USER], row[EVENT],
            row[QUANTITY] == null ? null : Integer.valueOf(row[QUANTITY]),
            row[ERRORS] == null ? null : Integer.valueOf(row[ERRORS])};
    }

    private static Path writeCsv(Path file, List<Object[]> rows) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", Source.USAGE.columnNames()));
            out.write('\n');
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    if (row[i] != null) {
                        out.write(row[i].toString());
                    }
                }
                out.write('\n');
            }
        }
        return file;
    }
}
