package org.churnrisk.features.io.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.churnrisk.core.contract.Source;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.core.features.HealthScore;
import org.churnrisk.features.ExtractionReport;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.features.FeatureSettings;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.features.validate.BookValidator;
import org.churnrisk.features.validate.SourceReport;
import org.churnrisk.features.validate.ValidationReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The second worked example of docs/mapping.md ({@code src/test/resources/io/mapped-book}): a
 * European CRM account list (semicolons, Windows-1252, Excel dates, churn as a flag and a date, a
 * tier value map, no ARR), a subscriptions export that is both the contracts and the table usage
 * rows find their account in, a Zendesk ticket export with P1..P4 and medium, and no surveys or
 * touchpoints. The page shows the files as they are; the book validates and reads with no rejected
 * row, and each value below can be checked by hand against the files (as of 2025-04-15, UTC).
 */
class MappedBookTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    private static final Path BOOK = MODULE.resolve("src/test/resources/io/mapped-book");
    private static final LocalDate AS_OF = LocalDate.of(2025, 4, 15);

    static FeatureTable table;
    static ExtractionReport report;

    @BeforeAll
    static void extract() throws IOException {
        FeatureExtractor extractor = FeatureExtractor.create(FeatureSettings.forBook(BOOK, null));
        List<FeatureTable> tables = new java.util.ArrayList<>();
        report = extractor.extract(BOOK, ReadOptions.forBook(BOOK), List.of(AS_OF), tables::add);
        table = tables.get(0);
    }

    private static Map<String, String> documentedFiles() throws IOException {
        return ForeignBookTest.documentedFiles("mapped-book/");
    }

    static Stream<String> bookFiles() throws IOException {
        try (Stream<Path> files = Files.list(BOOK)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @Test
    void thePageShowsEveryFileOfTheBook() throws IOException {
        assertThat(documentedFiles().keySet()).containsExactlyInAnyOrderElementsOf(bookFiles().toList());
    }

    /** The account list is shown as text: its bytes are Windows-1252 with CRLF line ends, as the page says. */
    @ParameterizedTest
    @MethodSource("bookFiles")
    void thePageShowsTheFileAsItIs(String name) throws IOException {
        Charset charset = name.equals("crm_accounts.csv") ? Charset.forName("windows-1252") : StandardCharsets.UTF_8;
        String content = new String(Files.readAllBytes(BOOK.resolve(name)), charset).replace("\r\n", "\n");
        assertThat(documentedFiles().get(name)).isEqualTo(content);
    }

    @Test
    void theBookIsValidWithNotesForTheMissingSources() throws IOException {
        ValidationReport validation = BookValidator.forBook(BOOK).validate(BOOK);
        assertThat(validation.valid()).isTrue();
        assertThat(validation.invalidRows()).isZero();
        assertThat(validation.source(Source.SURVEYS).status()).isEqualTo(SourceReport.Status.MISSING);
        assertThat(validation.source(Source.TOUCHPOINTS).status()).isEqualTo(SourceReport.Status.MISSING);
        assertThat(validation.source(Source.CHURN).files()).containsExactly("crm_accounts.csv");
        assertThat(validation.notes()).isEmpty(); // subscriptions.csv is read, as contracts and as a table
    }

    @Test
    void everyRowIsAcceptedAndTheMissingSourcesAreNamed() {
        assertThat(report.stats().total().rejected()).isZero();
        assertThat(report.stats().of(Source.USAGE).accepted()).isEqualTo(5);
        assertThat(report.stats().of(Source.CHURN).accepted()).isEqualTo(1);
        assertThat(report.churnDates()).containsOnlyKeys("K-200");
        assertThat(report.churnDates().get("K-200")).containsExactly(LocalDate.of(2025, 3, 20));
        assertThat(report.notes()).containsExactly(
                "surveys: no file; optional: without it every account has no answers (has_nps and has_csat are 0) and"
                        + " the health score leaves out NPS/CSAT, reweighting the rest",
                "touchpoints: no file; optional: without it every account has no contacts (has_touchpoint is 0) and"
                        + " the health score leaves out CSM engagement, reweighting the rest");
        assertThat(report.accounts().get("K-200").name()).isEqualTo("Société Générale");
    }

    @Test
    void theRunSummaryNamesTheMissingSourcesAfterTheRowsTable() {
        assertThat(report.summary()).startsWith(report.stats().table())
                .endsWith(String.join("\n", report.notes()) + "\n");
    }

    @Test
    void theChurnedAccountHasNoRow() {
        // K-200 churned on 2025-03-20 (Gekündigt: Ja), before the as-of day, although its term runs to 2026
        assertThat(table.accountIds()).containsExactly("K-100", "K-300");
    }

    static Stream<Arguments> handChecked() {
        return Stream.of(
                // ARR from the subscription in force (SUB-2 since 2025-04-01), tier from it, not from "Pro"
                Arguments.of("K-100", "arr", 42_000.0),
                Arguments.of("K-100", "tier_growth", 1.0),
                Arguments.of("K-100", "licensed_seats", 60.0),
                Arguments.of("K-100", "days_to_renewal", 351.0),           // to SUB-2's end, 2026-04-01
                Arguments.of("K-100", "tenure_days", 1_475.0),             // Excel 44287 = 2021-04-01
                Arguments.of("K-100", "term_number", 2.0),
                Arguments.of("K-300", "arr", 95_000.0),
                Arguments.of("K-300", "tier_enterprise", 1.0),
                // usage found its account through subscriptions.csv
                Arguments.of("K-100", "logins_30d", 3.0),
                Arguments.of("K-300", "logins_30d", 2.0),
                Arguments.of("K-300", "active_users_30d", 1.0),
                Arguments.of("K-300", "days_since_last_activity", 3.0),  // 2025-04-11T08:00Z
                // Zendesk: medium is normal, P1 urgent, P3 normal
                Arguments.of("K-100", "high_urgent_tickets_90d", 0.0),
                Arguments.of("K-300", "high_urgent_tickets_90d", 1.0),
                Arguments.of("K-300", "escalated_tickets_90d", 1.0),
                Arguments.of("K-300", "open_tickets", 1.0),
                // no surveys, no touchpoints
                Arguments.of("K-100", "has_nps", 0.0),
                Arguments.of("K-300", "has_touchpoint", 0.0));
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @MethodSource("handChecked")
    void aFeatureCheckedByHand(String account, String feature, double expected) {
        assertThat(table.value(table.rowOf(account), feature)).isEqualTo(expected);
    }

    @Test
    void theHealthScoreLeavesOutNpsCsatAndCsmEngagement() {
        HealthScore usageAndSupport = HealthScore.DEFAULT.withoutParts(false, true, true);
        HealthScore.Inputs inputs = HealthScore.Inputs.of(table.schema());
        for (int r = 0; r < table.rows(); r++) {
            assertThat(table.healthScore(r)).isEqualTo(usageAndSupport.score(table.row(r), inputs));
        }
    }
}
