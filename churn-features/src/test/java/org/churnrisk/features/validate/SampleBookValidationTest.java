package org.churnrisk.features.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.problems.ReadStats;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The committed sample book, validated once: clean, every row counted, nothing to warn about but two extra files. */
class SampleBookValidationTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    private static final Path SAMPLE_BOOK = MODULE.resolve("../sample-data/book");

    static ValidationReport report;

    @BeforeAll
    static void validate() throws IOException {
        report = BookValidator.forBook(SAMPLE_BOOK).validate(SAMPLE_BOOK);
    }

    @Test
    void theSampleBookIsValid() {
        assertThat(report.valid()).isTrue();
        assertThat(report.problems()).isZero();
    }

    static Stream<Arguments> rowsPerSource() {
        return Stream.of(
                Arguments.of(Source.ACCOUNTS, 1, 500),
                Arguments.of(Source.USAGE, 24, 1_851_451),
                Arguments.of(Source.TICKETS, 1, 10_160),
                Arguments.of(Source.SURVEYS, 1, 10_436),
                Arguments.of(Source.TOUCHPOINTS, 1, 5_934),
                Arguments.of(Source.CONTRACTS, 1, 1_168),
                Arguments.of(Source.CHURN, 1, 228));
    }

    @ParameterizedTest
    @MethodSource("rowsPerSource")
    void everyRowOfEverySourceIsReadAndValid(Source source, int files, long rows) {
        SourceReport s = report.source(source);

        assertThat(s.status()).isEqualTo(SourceReport.Status.READ);
        assertThat(s.files()).hasSize(files);
        assertThat(s.rows()).isEqualTo(new ReadStats.Counts(rows, rows, 0));
    }

    @Test
    void usagePartFilesAreListedInReadingOrderByTheirPathInTheBook() {
        assertThat(report.source(Source.USAGE).files())
                .startsWith("usage/part-2024-11.csv.gz", "usage/part-2024-12.csv.gz")
                .endsWith("usage/part-2026-10.csv.gz");
    }

    @Test
    void usageSpansTheGeneratedTwoYears() {
        // generator.json: start 2024-11-01, end 2026-11-01 (exclusive)
        SourceReport usage = report.source(Source.USAGE);

        assertThat(usage.firstDay()).isEqualTo(LocalDate.of(2024, 11, 1));
        assertThat(usage.lastDay()).isEqualTo(LocalDate.of(2026, 10, 31));
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void noSourceHasANote(Source source) {
        assertThat(report.source(source).notes()).isEmpty();
    }

    @Test
    void theFilesNoSourceReadsAreNoted() {
        assertThat(report.notes()).containsExactly("not read as any source: generator.json, truth.csv");
    }

    @Test
    void theTableSaysTheBookIsValid() {
        assertThat(report.table())
                .containsPattern("usage\\s+24\\s+1,851,451\\s+1,851,451\\s+0\\s+2024-11-01 to 2026-10-31 \\(occurred_at\\)")
                .containsPattern("\nValid: 1,879,877 rows read from 7 sources, no problems \\(\\d+\\.\\d s\\)\\.\n$");
    }
}
