package org.churnrisk.features.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.FeatureSettings;
import org.churnrisk.features.io.mapping.BookConfig;
import org.churnrisk.features.io.problems.ReadStats;
import org.churnrisk.testkit.FileTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The foreign-mapped export of docs/mapping.md (Salesforce, Mixpanel, Zendesk) validates through
 * its {@code churn.yaml}, and a bad value in it is named with the export's own column name.
 */
class ForeignBookValidationTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    private static final Path FOREIGN = MODULE.resolve("src/test/resources/io/foreign-book");

    @TempDir
    Path dir;

    @Test
    void theForeignBookIsValidThroughItsMapping() throws IOException {
        ValidationReport report = BookValidator.forBook(FOREIGN).validate(FOREIGN);

        assertThat(report.valid()).isTrue();
        assertThat(report.source(Source.ACCOUNTS).files()).containsExactly("salesforce_accounts.csv");
        assertThat(report.source(Source.ACCOUNTS).rows()).isEqualTo(new ReadStats.Counts(3, 3, 0));
        assertThat(report.source(Source.USAGE).files())
                .containsExactly("mixpanel_export_2025-03.csv", "mixpanel_export_2025-04.csv");
        assertThat(report.source(Source.USAGE).rows()).isEqualTo(new ReadStats.Counts(6, 6, 0));
        assertThat(report.source(Source.TICKETS).rows()).isEqualTo(new ReadStats.Counts(3, 3, 0));
        assertThat(report.source(Source.SURVEYS).rows()).isEqualTo(new ReadStats.Counts(2, 2, 0));
    }

    @Test
    void timesAreDatedInTheMappingsZone() throws IOException {
        // 22:30 in New York on April 30 is 02:30 UTC on May 1.
        Path book = FileTrees.copy(FOREIGN, dir.resolve("book"));
        Files.writeString(book.resolve("mixpanel_export_2025-04.csv"), "ACME-001,lee@acme.example,Login,4/30/2025 22:30,1,"
                + "Firefox\r\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        SourceReport usage = BookValidator.forBook(book).validate(book).source(Source.USAGE);

        assertThat(usage.firstDay()).isEqualTo(LocalDate.of(2025, 3, 4));
        assertThat(usage.lastDay()).isEqualTo(LocalDate.of(2025, 4, 30));
    }

    @Test
    void eventNamesTheSettingsExpectButTheExportSpellsOtherwiseAreNoted() throws IOException {
        SourceReport usage = BookValidator.forBook(FOREIGN).validate(FOREIGN).source(Source.USAGE);

        assertThat(usage.notes()).containsExactly(
                "features.integration_events names events no row has: integration_sync",
                "features.export_events names events no row has: report_export");
    }

    @Test
    void aBadValueIsNamedWithTheExportsColumnName() throws IOException {
        Path book = FileTrees.copy(FOREIGN, dir.resolve("book"));
        Files.writeString(book.resolve("mixpanel_export_2025-04.csv"), "ACME-001,lee@acme.example,Login,4/31/2025 9:00,1,"
                + "Firefox\r\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        SourceReport usage = BookValidator.forBook(book).validate(book).source(Source.USAGE);

        assertThat(usage.firstProblems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("mixpanel_export_2025-04.csv");
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.column()).isEqualTo("occurred_at");
            assertThat(p.value()).isEqualTo("4/31/2025 9:00");
            assertThat(p.message()).startsWith("mixpanel_export_2025-04.csv line 4: column 'occurred_at' ('Time') "
                    + "value '4/31/2025 9:00' is not a timestamp (expected ");
        });
    }

    @Test
    void aMappingGivenApartFromTheBookIsUsed() throws IOException {
        Path book = FileTrees.copy(FOREIGN, dir.resolve("book"));
        Path mapping = Files.move(book.resolve("churn.yaml"), dir.resolve("exports.yaml"));

        ValidationReport report = BookValidator.create(BookConfig.load(mapping), FeatureSettings.forBook(book, mapping))
                .validate(book);

        assertThat(report.valid()).isTrue();
        assertThat(report.source(Source.USAGE).rows().accepted()).isEqualTo(6);
    }
}
