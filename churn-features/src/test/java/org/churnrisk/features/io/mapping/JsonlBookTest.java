package org.churnrisk.features.io.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.churnrisk.core.contract.Source;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.features.ExtractionReport;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.features.FeatureSettings;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.features.validate.BookValidator;
import org.churnrisk.features.validate.ValidationReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Lines worked example of docs/mapping.md ({@code src/test/resources/io/jsonl-book}): a
 * Mixpanel event export with nested {@code properties} and epoch seconds, and a Zendesk ticket
 * export with JSON numbers, booleans, nulls and a nested rating. The page shows the files as they
 * are; the book validates with no rejected row, and each value below can be checked by hand against
 * the files (as of 2025-04-15, UTC).
 */
class JsonlBookTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    private static final Path BOOK = MODULE.resolve("src/test/resources/io/jsonl-book");
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

    static Stream<String> bookFiles() throws IOException {
        try (Stream<Path> files = Files.list(BOOK)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @Test
    void thePageShowsEveryFileOfTheBook() throws IOException {
        assertThat(ForeignBookTest.documentedFiles("jsonl-book/").keySet())
                .containsExactlyInAnyOrderElementsOf(bookFiles().toList());
    }

    @ParameterizedTest
    @MethodSource("bookFiles")
    void thePageShowsTheFileAsItIs(String name) throws IOException {
        assertThat(ForeignBookTest.documentedFiles("jsonl-book/").get(name))
                .isEqualTo(Files.readString(BOOK.resolve(name), StandardCharsets.UTF_8));
    }

    @Test
    void theBookIsValidAndEveryLineIsAccepted() throws IOException {
        ValidationReport validation = BookValidator.forBook(BOOK).validate(BOOK);
        assertThat(validation.valid()).isTrue();
        assertThat(validation.invalidRows()).isZero();
        assertThat(validation.source(Source.USAGE).files()).containsExactly("events.jsonl");
        assertThat(validation.source(Source.TICKETS).files()).containsExactly("tickets.ndjson");
        assertThat(report.stats().total().rejected()).isZero();
        assertThat(report.stats().of(Source.USAGE).accepted()).isEqualTo(4);
        assertThat(report.stats().of(Source.TICKETS).accepted()).isEqualTo(2);
    }

    static Stream<Arguments> handChecked() {
        return Stream.of(
                // two logins of quantity 1 (no count field), by two distinct_ids
                Arguments.of("ACME-001", "logins_30d", 2.0),
                Arguments.of("ACME-001", "active_users_30d", 2.0),
                // 1744351200 is 2025-04-11T06:00:00Z; its distinct_id is null, so no active user
                Arguments.of("INITECH", "days_since_last_activity", 3.0),
                Arguments.of("INITECH", "active_users_30d", 0.0),
                // Zendesk: 7001 high and solved; 7002 urgent, open (solved_at null) and escalated
                Arguments.of("ACME-001", "high_urgent_tickets_90d", 1.0),
                Arguments.of("ACME-001", "open_tickets", 0.0),
                Arguments.of("INITECH", "open_tickets", 1.0),
                Arguments.of("INITECH", "escalated_tickets_90d", 1.0),
                Arguments.of("ACME-001", "escalated_tickets_90d", 0.0));
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @MethodSource("handChecked")
    void aFeatureCheckedByHand(String account, String feature, double expected) {
        assertThat(table.value(table.rowOf(account), feature)).isEqualTo(expected);
    }
}
