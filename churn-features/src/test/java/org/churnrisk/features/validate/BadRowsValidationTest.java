package org.churnrisk.features.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.BadRows;
import org.churnrisk.features.ExtractionReport;
import org.churnrisk.features.FeatureConfig;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.features.io.problems.DataProblemException;
import org.churnrisk.features.io.problems.ReadStats;
import org.churnrisk.testkit.FileTrees;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A book with bad rows of many kinds in every source, validated once: each problem is reported with
 * its file, line, column and value, counted by kind, worded as extraction words it, and the book is
 * left exactly as it was.
 */
class BadRowsValidationTest {
    static final String GOLDEN = "/validate/bad-rows.golden.json";
    private static final String TIMESTAMP_EXPECTED = "(expected ISO-8601 such as 2025-03-04T10:15:30Z, "
            + "2025-03-04T10:15:30 or 2025-03-04)";

    @TempDir
    static Path dir;
    static Path book;
    static Map<String, String> before;
    static ValidationReport report;

    @BeforeAll
    static void validate() throws IOException {
        book = dir.resolve("book");
        Files.createDirectories(book);
        Books.write(book, "accounts.csv", Books.ACCOUNTS
                + "A-1001,Acme Corp,42000,60,2024-01-01,2026-01-01,growth,dana.lee\n"
                + "A-1002,Globex,9500,12,2024-06-01,2025-06-01,,sam.ortiz\n"
                + "A-1003,Initech,42k,5,2024-02-01,,,\n"
                + "A-1001,Acme again,100,,,,,\n");
        Books.write(book, "usage.csv", Books.USAGE
                + "A-1001,2025-03-04,u-17,login,3,0\n"
                + "A-1001,2025-03-05,u-17,login,-2,0\n"
                + "A-1001,2025-03-05,u-17,login,2\n"
                + "A-1002,2024-13-01,u-88,login,1,0\n"
                + "A-9999,2025-03-05,u-1,login,1,0\n"
                + "A-1002,2025-03-06,u-88,,1,0\n"
                + "A-1003,2025-03-06,u-5,login,1,0\n"
                + "A-1002,2025-03-07T10:00:00Z,u-88,report_export,2,1\n"
                + "A-1001,2025-03-08,u-17,login,-3,0\n");
        Books.write(book, "tickets.csv", Books.TICKETS
                + "T-5001,A-1001,2025-03-04T10:15:30Z,2025-03-05T16:00:00Z,high,false,4\n"
                + "T-5001,A-1002,2025-03-06T10:00:00Z,,,,\n"
                + "T-5002,A-1002,2025-03-10T08:00:00Z,2025-03-09T08:00:00Z,urgent,true,\n"
                + "T-5003,A-1002,2025-03-11T08:00:00Z,,low,maybe,\n");
        Books.write(book, "surveys.csv", Books.SURVEYS
                + "A-1001,2025-02-20T09:30:00Z,nps,11,cto@acme.example\n"
                + "A-1002,2025-03-12,csat,2,\n"
                + "A-1002,2025-03-13,ces,3,\n");
        Books.write(book, "touchpoints.csv", Books.TOUCHPOINTS
                + "A-1001,2025-01-15T15:00:00Z,qbr\n"
                + "A-1002,2025-03-11,lunch\n");
        Books.write(book, "contracts.csv", Books.CONTRACTS
                + "A-1001,2024-01-01,2025-01-01,40000,60,growth\n"
                + "A-1001,2025-01-10,2025-01-01,42000,60,growth\n");
        Books.write(book, "churn.csv", Books.CHURN
                + "A-9999,2025-02-01,budget cuts\n");
        before = FileTrees.snapshot(dir);
        report = BookValidator.forBook(book).validate(book);
    }

    static Stream<Arguments> problems() {
        return Stream.of(
                Arguments.of(Source.ACCOUNTS, "accounts.csv", 4, "arr", "42k", "column 'arr' is not a number"),
                Arguments.of(Source.ACCOUNTS, "accounts.csv", 5, "account_id", "A-1001",
                        "column 'account_id' is a duplicate"),
                Arguments.of(Source.USAGE, "usage.csv", 3, "quantity", "-2", "column 'quantity' is negative"),
                Arguments.of(Source.USAGE, "usage.csv", 4, null, null, "has 5 columns, the header has 6"),
                Arguments.of(Source.USAGE, "usage.csv", 5, "occurred_at", "2024-13-01",
                        "column 'occurred_at' is not a timestamp"),
                Arguments.of(Source.USAGE, "usage.csv", 6, "account_id", "A-9999",
                        "column 'account_id' is not an account in accounts"),
                Arguments.of(Source.USAGE, "usage.csv", 7, "event", null, "column 'event' is blank"),
                // A-1003 was refused in accounts, so its usage is refused too, as extraction would.
                Arguments.of(Source.USAGE, "usage.csv", 8, "account_id", "A-1003",
                        "column 'account_id' is not an account in accounts"),
                Arguments.of(Source.USAGE, "usage.csv", 10, "quantity", "-3", "column 'quantity' is negative"),
                Arguments.of(Source.TICKETS, "tickets.csv", 3, "ticket_id", "T-5001", "column 'ticket_id' is a duplicate"),
                Arguments.of(Source.TICKETS, "tickets.csv", 4, "resolved_at", "2025-03-09T08:00:00Z",
                        "column 'resolved_at' is before created_at"),
                Arguments.of(Source.TICKETS, "tickets.csv", 5, "escalated", "maybe", "column 'escalated' is not a boolean"),
                Arguments.of(Source.SURVEYS, "surveys.csv", 2, "score", "11", "column 'score' is out of range for nps"),
                Arguments.of(Source.SURVEYS, "surveys.csv", 4, "kind", "ces", "column 'kind' is not a survey kind"),
                Arguments.of(Source.TOUCHPOINTS, "touchpoints.csv", 3, "kind", "lunch",
                        "column 'kind' is not a touchpoint kind"),
                Arguments.of(Source.CONTRACTS, "contracts.csv", 3, "end_date", "2025-01-01",
                        "column 'end_date' is not after start_date 2025-01-10"),
                Arguments.of(Source.CHURN, "churn.csv", 2, "account_id", "A-9999",
                        "column 'account_id' is not an account in accounts"));
    }

    @ParameterizedTest(name = "{0} line {2}: {5}")
    @MethodSource("problems")
    void eachBadRowIsReportedWithItsFileLineColumnAndValue(Source source, String file, long line, String column,
                                                           String value, String kind) {
        List<Problem> listed = report.source(source).firstProblems();

        assertThat(listed).filteredOn(p -> p.line() == line).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(file);
            assertThat(p.column()).isEqualTo(column);
            assertThat(p.value()).isEqualTo(value);
            assertThat(p.kind()).isEqualTo(kind);
            assertThat(p.message()).isEqualTo(file + " line " + line + ": " + p.reason());
        });
    }

    @Test
    void aValueThatCannotBeReadSaysWhatWasExpected() {
        Problem timestamp = report.source(Source.USAGE).firstProblems().stream().filter(p -> p.line() == 5)
                .findFirst().orElseThrow();

        assertThat(timestamp.message()).isEqualTo("usage.csv line 5: column 'occurred_at' value '2024-13-01' "
                + "is not a timestamp " + TIMESTAMP_EXPECTED);
    }

    @Test
    void theBookIsNotValid() {
        assertThat(report.valid()).isFalse();
        assertThat(report.problems()).isEqualTo(17);
        assertThat(report.invalidRows()).isEqualTo(17);
    }

    static Stream<Arguments> counts() {
        return Stream.of(
                Arguments.of(Source.ACCOUNTS, 4, 2),
                Arguments.of(Source.USAGE, 9, 2),
                Arguments.of(Source.TICKETS, 4, 1),
                Arguments.of(Source.SURVEYS, 3, 1),
                Arguments.of(Source.TOUCHPOINTS, 2, 1),
                Arguments.of(Source.CONTRACTS, 2, 1),
                Arguments.of(Source.CHURN, 1, 0));
    }

    @ParameterizedTest
    @MethodSource("counts")
    void everyRowIsCountedAsValidOrInvalid(Source source, long read, long valid) {
        SourceReport s = report.source(source);

        assertThat(s.rows()).isEqualTo(new ReadStats.Counts(read, valid, read - valid));
        assertThat(s.problems()).isEqualTo(read - valid);
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void theCountsAreThoseOfAnExtractionThatSkipsBadRows(Source source, @TempDir Path rejects) throws IOException {
        ExtractionReport skipped = FeatureExtractor.create(FeatureConfig.DEFAULT).extract(book,
                ReadOptions.forBook(book).withBadRows(BadRows.SKIP, rejects), List.of(LocalDate.of(2025, 4, 1)),
                table -> { });

        assertThat(report.source(source).rows()).isEqualTo(skipped.stats().of(source));
    }

    @Test
    void theFirstProblemIsTheOneExtractionStopsAt() {
        FeatureExtractor extractor = FeatureExtractor.create(FeatureConfig.DEFAULT);

        assertThatThrownBy(() -> extractor.extract(book, LocalDate.of(2025, 4, 1)))
                .isInstanceOf(DataProblemException.class)
                .hasMessage(report.source(Source.ACCOUNTS).firstProblems().get(0).message());
    }

    @Test
    void problemsAreCountedByKindTheMostFrequentFirst() {
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("column 'account_id' is not an account in accounts", 2L);
        expected.put("column 'quantity' is negative", 2L);
        expected.put("column 'event' is blank", 1L);
        expected.put("column 'occurred_at' is not a timestamp", 1L);
        expected.put("has 5 columns, the header has 6", 1L);

        assertThat(report.source(Source.USAGE).problemKinds()).containsExactlyEntriesOf(expected);
    }

    @Test
    void theValidRowsGiveTheDateRange() {
        SourceReport usage = report.source(Source.USAGE);

        assertThat(usage.firstDay()).isEqualTo(LocalDate.of(2025, 3, 4));
        assertThat(usage.lastDay()).isEqualTo(LocalDate.of(2025, 3, 7));
    }

    @Test
    void validatingLeavesTheBookAndItsFolderAsTheyWere() throws IOException {
        assertThat(FileTrees.snapshot(dir)).isEqualTo(before);
    }

    @Test
    void allProblemsAreCountedWhenFewerAreListed() throws IOException {
        ValidationReport two = BookValidator.forBook(book).withMaxProblems(2).validate(book);

        assertThat(two.source(Source.USAGE).firstProblems()).extracting(Problem::line).containsExactly(3L, 4L);
        assertThat(two.source(Source.USAGE).problems()).isEqualTo(7);
    }

    @Test
    void theTableListsEachSourcesProblemsByKindThenInFull() throws IOException {
        String table = BookValidator.forBook(book).withMaxProblems(2).validate(book).table();

        assertThat(table).contains("""

                usage: 7 problems
                  2  column 'account_id' is not an account in accounts
                  2  column 'quantity' is negative
                  1  column 'event' is blank
                  1  column 'occurred_at' is not a timestamp
                  1  has 5 columns, the header has 6
                  the first 2 of 7 in full:
                    usage.csv line 3: column 'quantity' value '-2' is negative (expected a whole number >= 0)
                    usage.csv line 4: has 5 columns, the header has 6
                """);
        assertThat(table).containsPattern("\nNot valid: 17 problems in 7 sources; 17 invalid rows \\(\\d+\\.\\d s\\)\\.\n$");
    }

    @Test
    void theJsonReportMatchesTheGoldenCopy() throws IOException {
        String json = report.toJson()
                .replace(new ObjectMapper().writeValueAsString(book.toString()), "\"@BOOK@\"")
                .replaceFirst("\"seconds\": [0-9.E-]+", "\"seconds\": \"@SECONDS@\"");

        assertThat(json).isEqualTo(golden());
    }

    @Test
    void theJsonReportIsWrittenWholeWithNothingBesideIt(@TempDir Path out) throws IOException {
        Path file = out.resolve("validation.json");

        report.writeJson(file);

        JsonNode written = new ObjectMapper().readTree(file.toFile());
        assertThat(written.get("valid").asBoolean()).isFalse();
        assertThat(written.get("problems").asLong()).isEqualTo(17);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).containsExactly(file);
        }
    }

    private static String golden() throws IOException {
        try (InputStream in = BadRowsValidationTest.class.getResourceAsStream(GOLDEN)) {
            assertThat(in).as("golden file " + GOLDEN).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
