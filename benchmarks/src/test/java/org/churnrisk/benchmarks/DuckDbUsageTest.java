package org.churnrisk.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.features.FeatureSettings;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.sample.BookGenerator;
import org.churnrisk.sample.GeneratorConfig;
import org.churnrisk.sample.UsageLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DuckDB's windowed usage aggregates agree with the extractor's features, from CSV and from Parquet. */
class DuckDbUsageTest {
    @TempDir
    static Path dir;

    static Path csvBook;
    static Path parquetBook;
    static List<LocalDate> dates;
    static List<FeatureTable> tables;
    static FeatureExtractor extractor;

    @BeforeAll
    static void book() throws Exception {
        GeneratorConfig config = GeneratorConfig.builder().accounts(120).days(150).seed(7).truthSamples(0)
                .usageLayout(UsageLayout.CSV).build();
        csvBook = dir.resolve("book");
        BookGenerator.generate(config, csvBook, false, ProgressListener.NONE);
        parquetBook = dir.resolve("book-parquet");
        UsageParquet.convertBook(csvBook, parquetBook);
        BookManifest manifest = BookManifest.read(csvBook);
        // monthly dates ending at the export date, and one mid-month date whose windows overlap them
        dates = new ArrayList<>(manifest.asOfDates(3, 0));
        dates.add(manifest.end().minusDays(17));
        extractor = FeatureExtractor.create(FeatureSettings.forBook(csvBook, null));
        tables = new ArrayList<>();
        extractor.extract(csvBook, ReadOptions.forBook(csvBook), dates, tables::add);
    }

    private static Map<String, long[]> duck(Path usage, int threads) throws Exception {
        try (DuckDbUsage duck = new DuckDbUsage(threads)) {
            return duck.run(DuckDbUsage.sql(usage, dates, extractor.config()));
        }
    }

    @Test
    void csvAggregatesEqualTheExtractorsFeatures() throws Exception {
        Map<String, long[]> result = duck(csvBook.resolve("usage.csv"), 1);
        assertThat(DuckDbUsage.check(tables, result)).isEmpty();
        // the check compared real usage: most active accounts logged in during the last 30 days
        long withLogins = result.values().stream().filter(v -> v[1] > 0).count();
        assertThat(withLogins).isGreaterThan(tables.get(tables.size() - 1).rows() / 2);
    }

    @Test
    void parquetAggregatesEqualTheExtractorsFeaturesOnDefaultThreads() throws Exception {
        Map<String, long[]> result = duck(parquetBook.resolve("usage.parquet"), 0);
        assertThat(DuckDbUsage.check(tables, result)).isEmpty();
        assertThat(result).hasSizeGreaterThan(tables.get(0).rows() / 2);
    }

    @Test
    void checkReportsADifferentValue() throws Exception {
        Map<String, long[]> result = new HashMap<>(duck(csvBook.resolve("usage.csv"), 1));
        FeatureTable last = tables.get(tables.size() - 1);
        String key = last.asOf() + "/" + last.accountIds().get(0);
        long[] changed = result.get(key).clone();
        changed[DuckDbUsage.AGGREGATES.indexOf("active_users_30d")] += 1;
        result.put(key, changed);
        assertThat(DuckDbUsage.check(tables, result))
                .anySatisfy(p -> assertThat(p).contains(last.accountIds().get(0)).contains("active_users_30d"));
    }

    @Test
    void threadsAreDuckDbsOwnSetting() throws Exception {
        try (DuckDbUsage one = new DuckDbUsage(1)) {
            assertThat(one.threads()).isEqualTo("1");
        }
    }
}
