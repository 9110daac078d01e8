package org.churnrisk.features.io.csv;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.mapping.SourceMapping;
import org.churnrisk.sample.BookGenerator;
import org.churnrisk.sample.GeneratorConfig;
import org.churnrisk.sample.UsageLayout;

/**
 * A quick throughput check of {@link CsvCursor} on a generated usage file, reading every column
 * the usage decoder reads; not a test (it takes a while and asserts nothing) and not a JMH
 * benchmark. Run from the module directory after {@code test-compile}:
 *
 * <pre>{@code
 * java -cp target/classes:target/test-classes:$(cat cp.txt) org.churnrisk.features.io.csv.CsvThroughput \
 *     [book-dir] [accounts] [days] [cursor|scan|commons]
 * }</pre>
 */
public final class CsvThroughput {
    private CsvThroughput() {
    }

    public static void main(String[] args) throws IOException {
        Path book = Path.of(args.length > 0 ? args[0] : "target/throughput-book");
        int accounts = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 365;
        String mode = args.length > 3 ? args[3] : "cursor"; // cursor, scan (rows only) or commons
        boolean commons = mode.equals("commons");
        if (!Files.exists(book.resolve("usage.csv")) && !Files.exists(book.resolve("usage.csv.gz"))) {
            BookGenerator.generate(GeneratorConfig.builder().accounts(accounts).days(days).truthSamples(0)
                    .usageLayout(UsageLayout.CSV).build(), book, true, ProgressListener.NONE);
        }
        Path usage = book.resolve(Files.exists(book.resolve("usage.csv")) ? "usage.csv" : "usage.csv.gz");
        long size = Files.size(usage);
        SourceMapping mapping = SourceMapping.defaults(Source.USAGE);
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            long rows = 0;
            long check = 0;
            if (commons) {
                try (Reader in = Files.newBufferedReader(usage);
                     CSVParser parser = CSVParser.parse(in, CSVFormat.DEFAULT.builder().setHeader()
                             .setSkipHeaderRecord(true).get())) {
                    for (CSVRecord r : parser) {
                        check += r.get(0).length() + r.get(4).length();
                        rows++;
                    }
                }
            } else {
                try (CsvCursor c = new CsvCursor(usage, mapping)) {
                    while (mode.equals("scan") && c.next()) {
                        rows++;
                    }
                    while (c.next()) {
                        check += c.hash(0) ^ c.epochSecond(1) ^ c.hash(2) ^ c.hash(3)
                                ^ (c.isBlank(4) ? 1 : c.integer(4)) ^ (c.isBlank(5) ? 0 : c.integer(5));
                        rows++;
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%s round %d: %,d rows in %.2f s = %.2f M rows/s, %.0f MB/s (check %d)%n",
                    commons ? "commons-csv" : "CsvCursor " + mode, round, rows, seconds, rows / seconds / 1e6,
                    size / seconds / 1e6, check);
        }
    }
}
