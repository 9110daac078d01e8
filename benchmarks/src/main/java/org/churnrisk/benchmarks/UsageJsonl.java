package org.churnrisk.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.churnrisk.core.AtomicFiles;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.BookSources;
import org.churnrisk.features.io.RecordCursor;
import org.churnrisk.features.io.mapping.BookConfig;
import org.churnrisk.features.io.mapping.SourceMapping;

/**
 * Converts the usage file of a CSV book to a Mixpanel-style JSON Lines export, for the {@code
 * jsonl} and {@code jsonl.gz} formats of {@link FeatureExtractionBenchmark}: one object per row,
 * {@code {"event": ..., "properties": {"time": <epoch seconds>, "distinct_id": ..., "$insert_id":
 * ..., "account_id": ..., "quantity": ..., "errors": ..., "mp_lib": "python"}}}, and a {@code
 * churn.yaml} mapping with dotted paths and {@code epoch_seconds}. Every other file is copied.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar org.churnrisk.benchmarks.UsageJsonl CSV_BOOK TARGET [gz]
 * }</pre>
 */
final class UsageJsonl {
    static final String MAPPING = """

            sources:
              usage:
                file: %s
                columns: {account_id: properties.account_id, occurred_at: properties.time,
                          user_id: properties.distinct_id, event: event, quantity: properties.quantity,
                          errors: properties.errors}
                timestamp_patterns: [epoch_seconds]
            """;

    private UsageJsonl() {
    }

    public static void main(String[] args) throws IOException {
        long started = System.nanoTime();
        long rows = convertBook(Path.of(args[0]), Path.of(args[1]), args.length > 2 && args[2].equals("gz"));
        System.out.printf("%,d usage rows in %.1f s%n", rows, (System.nanoTime() - started) / 1e9);
    }

    /**
     * Makes {@code target}: every file of {@code csvBook} except {@code usage.csv}, plus
     * {@code usage.jsonl} (or {@code usage.jsonl.gz}) with the same rows and the mapping that reads
     * it appended to {@code churn.yaml}. Returns the number of usage rows.
     *
     * @throws IllegalArgumentException if {@code target} exists
     */
    static long convertBook(Path csvBook, Path target, boolean gzip) throws IOException {
        if (Files.exists(target)) {
            throw new IllegalArgumentException(target + " exists; remove it or choose another directory");
        }
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
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
            String name = gzip ? "usage.jsonl.gz" : "usage.jsonl";
            SourceMapping mapping = BookConfig.forBook(csvBook).mapping(Source.USAGE);
            long rows = write(csvBook.resolve("usage.csv"), mapping, work.resolve(name), gzip);
            Path yaml = work.resolve("churn.yaml");
            Files.writeString(yaml, (Files.exists(yaml) ? Files.readString(yaml) : "") + MAPPING.formatted(name));
            Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
            return rows;
        } finally {
            AtomicFiles.deleteTree(work);
        }
    }

    /** Writes the rows of a usage CSV file as JSON Lines; returns how many. */
    static long write(Path csv, SourceMapping mapping, Path out, boolean gzip) throws IOException {
        long rows = 0;
        JsonFactory json = new JsonFactory();
        try (OutputStream file = Files.newOutputStream(out);
             OutputStream stream = gzip ? new GZIPOutputStream(file, 1 << 16) : new BufferedOutputStream(file, 1 << 16);
             RecordCursor c = BookSources.open(csv, mapping)) {
            // Column order of Source.USAGE: account_id, occurred_at, user_id, event, quantity, errors.
            while (c.next()) {
                try (JsonGenerator g = json.createGenerator(stream)) {
                    g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
                    g.writeStartObject();
                    g.writeStringField("event", c.text(3));
                    g.writeObjectFieldStart("properties");
                    g.writeNumberField("time", c.epochSecond(1));
                    if (!c.isBlank(2)) {
                        g.writeStringField("distinct_id", c.text(2));
                    }
                    g.writeStringField("$insert_id", Long.toHexString(rows * 0x9E3779B97F4A7C15L));
                    g.writeStringField("account_id", c.text(0));
                    if (!c.isBlank(4)) {
                        g.writeNumberField("quantity", c.integer(4));
                    }
                    if (!c.isBlank(5)) {
                        g.writeNumberField("errors", c.integer(5));
                    }
                    g.writeStringField("mp_lib", "python");
                    g.writeEndObject();
                    g.writeEndObject();
                }
                stream.write('\n');
                rows++;
            }
        }
        return rows;
    }
}
