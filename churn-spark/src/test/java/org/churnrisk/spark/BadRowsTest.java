package org.churnrisk.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.features.io.problems.DataProblemException;
import org.churnrisk.sample.BookGenerator;
import org.churnrisk.sample.GeneratorConfig;
import org.churnrisk.sample.UsageLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV row with another number of values than its header stops the Spark run with a message that
 * names the file, as the single-machine reader refuses it, instead of being padded or cut by
 * Spark's permissive reader.
 */
class BadRowsTest {
    static final LocalDate AS_OF = LocalDate.parse("2026-03-01");

    @TempDir
    static Path dir;
    static Path clean;

    @BeforeAll
    static void generate() throws IOException {
        clean = dir.resolve("clean");
        BookGenerator.generate(GeneratorConfig.builder().accounts(20).days(120).end(AS_OF.minusDays(1)).seed(3).truthSamples(0)
                .usageLayout(UsageLayout.CSV).build(), clean, false, ProgressListener.NONE);
    }

    @Test
    void aCleanBookReads() throws IOException {
        List<FeatureTable> tables = new SparkChurn(SharedSpark.get(), 2).features(clean.toString(),
                List.of(AS_OF));
        assertThat(tables).hasSize(1);
        assertThat(tables.get(0).rows()).isPositive();
    }

    @Test
    void aUsageRowWithAValueTooManyIsRefused() throws IOException {
        Path book = copyWithLastRow("too-many", row -> row + ",extra");
        assertThatThrownBy(() -> new SparkChurn(SharedSpark.get(), 2).features(book.toString(), List.of(AS_OF)))
                .isInstanceOf(DataProblemException.class)
                .hasMessageContaining("usage.csv row ")
                .hasMessageContaining("of its Spark split")
                .hasMessageContaining("does not have the header's " + header(book).split(",", -1).length + " columns")
                .hasMessageContaining(",extra'");
    }

    @Test
    void aUsageRowWithAValueTooFewIsRefused() throws IOException {
        Path book = copyWithLastRow("too-few", row -> row.substring(0, row.lastIndexOf(',')));
        assertThatThrownBy(() -> new SparkChurn(SharedSpark.get(), 2).features(book.toString(), List.of(AS_OF)))
                .isInstanceOf(DataProblemException.class)
                .hasMessageContaining("usage.csv row ")
                .hasMessageContaining("does not have the header's");
    }

    /** A value the extractor refuses, in a partition's task, reaches the caller as the CLI's message. */
    @Test
    void aBadValueInAPartitionIsTheSingleMachinesProblem() throws IOException {
        Path book = copyWithLastRow("bad-date", row -> {
            String[] cells = row.split(",", -1);
            cells[1] = "27/02/2026";
            return String.join(",", cells);
        });
        assertThat(header(book).split(",")[1]).isEqualTo("occurred_at");
        assertThatThrownBy(() -> new SparkChurn(SharedSpark.get(), 2).features(book.toString(), List.of(AS_OF)))
                .isInstanceOf(DataProblemException.class)
                .hasMessageContaining("usage.csv row ")
                .hasMessageContaining("occurred_at")
                .hasMessageContaining("'27/02/2026'");
    }

    /** A copy of the clean book whose usage.csv ends with its last row changed, appended once more. */
    private static Path copyWithLastRow(String name, java.util.function.UnaryOperator<String> change)
            throws IOException {
        Path book = dir.resolve(name);
        Files.createDirectories(book);
        try (var files = Files.list(clean)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, book.resolve(f.getFileName()));
            }
        }
        List<String> lines = Files.readAllLines(book.resolve("usage.csv"));
        Files.writeString(book.resolve("usage.csv"), change.apply(lines.get(lines.size() - 1)) + "\n",
                StandardOpenOption.APPEND);
        return book;
    }

    private static String header(Path book) throws IOException {
        try (var lines = Files.lines(book.resolve("usage.csv"))) {
            return lines.findFirst().orElseThrow();
        }
    }
}
