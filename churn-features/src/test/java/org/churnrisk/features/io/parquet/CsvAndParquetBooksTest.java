package org.churnrisk.features.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.core.contract.Source;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.core.features.HealthScore;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.features.FeatureSettings;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.features.io.BookSources;
import org.churnrisk.features.io.RecordCursor;
import org.churnrisk.features.io.mapping.SourceMapping;
import org.churnrisk.features.io.values.ValueFormats;
import org.churnrisk.features.output.FeatureOutput;
import org.churnrisk.sample.BookGenerator;
import org.churnrisk.sample.GeneratorConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same book with usage as CSV and as Parquet (native types, snappy) gives identical feature
 * tables; and a table written as Parquet reads back with the same values.
 */
class CsvAndParquetBooksTest {
    private static final List<LocalDate> AS_OF = List.of(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 10, 1));

    @TempDir
    static Path dir;
    static Path csvBook;
    static Path parquetBook;

    @BeforeAll
    static void books() throws IOException {
        csvBook = dir.resolve("csv");
        BookGenerator.generate(GeneratorConfig.builder().accounts(40).days(300).seed(3).truthSamples(0).build(), csvBook,
                false, ProgressListener.NONE);
        parquetBook = dir.resolve("parquet");
        ParquetTableWriter.copyBookWithParquetUsage(csvBook, parquetBook);
    }

    private static List<FeatureTable> extract(Path book) throws IOException {
        List<FeatureTable> tables = new ArrayList<>();
        FeatureExtractor.create(FeatureSettings.forBook(book, null)).extract(book, ReadOptions.forBook(book), AS_OF,
                tables::add);
        return tables;
    }

    @Test
    void csvAndParquetUsageGiveIdenticalTables() throws IOException {
        List<FeatureTable> fromCsv = extract(csvBook);
        List<FeatureTable> fromParquet = extract(parquetBook);

        assertThat(fromParquet).hasSameSizeAs(fromCsv);
        for (int t = 0; t < fromCsv.size(); t++) {
            FeatureTable a = fromCsv.get(t);
            FeatureTable b = fromParquet.get(t);
            assertThat(b.accountIds()).isEqualTo(a.accountIds());
            assertThat(a.rows()).isPositive();
            for (int r = 0; r < a.rows(); r++) {
                assertThat(b.row(r)).as(a.accountIds().get(r)).containsExactly(a.row(r));
            }
        }
    }

    @Test
    void aParquetFeatureTableReadsBackWithTheSameValues() throws IOException {
        List<FeatureTable> tables = extract(csvBook);
        Path out = dir.resolve("features.parquet");
        try (FeatureOutput w = FeatureOutput.open(out, HealthScore.DEFAULT)) {
            tables.forEach(w::write);
            w.commit();
        }

        // Read it back with the project's own Parquet reader, borrowing the usage columns:
        // as_of (DATE) as occurred_at, health_band as event, logins_30d and open_tickets (whole
        // doubles) as quantity and errors.
        FeatureTable first = tables.get(0);
        SourceMapping borrowed = new SourceMapping(Source.USAGE, List.of(), java.util.Map.of("occurred_at", "as_of",
                "event", "health_band", "quantity", "logins_30d", "errors", "open_tickets"), ValueFormats.DEFAULT);
        List<String> ids = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Double> open = new ArrayList<>();
        try (RecordCursor c = BookSources.open(out, borrowed)) {
            while (c.next()) {
                if (Instant.ofEpochSecond(c.epochSecond(1)).equals(first.asOf().atStartOfDay(java.time.ZoneOffset.UTC)
                        .toInstant())) {
                    ids.add(c.text(0));
                    values.add((double) c.integer(4));
                    open.add((double) c.integer(5));
                }
            }
        }
        int logins = first.schema().indexOf("logins_30d");
        int openTickets = first.schema().indexOf("open_tickets");
        for (int r = 0; r < first.rows(); r++) {
            assertThat(open.get(r)).isEqualTo(first.value(r, openTickets));
        }
        assertThat(ids).isEqualTo(first.accountIds());
        for (int r = 0; r < first.rows(); r++) {
            assertThat(values.get(r)).isEqualTo(first.value(r, logins));
        }
    }
}
