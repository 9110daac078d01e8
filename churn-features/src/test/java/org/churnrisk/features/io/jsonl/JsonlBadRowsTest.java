package org.churnrisk.features.io.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.churnrisk.core.InvalidConfigException;
import org.churnrisk.core.contract.Source;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.features.BadRows;
import org.churnrisk.features.ExtractionReport;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.features.FeatureSettings;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.features.io.problems.DataProblemException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad rows of JSON Lines exports name the file, the line and the field, and tell a missing field
 * from a null and from a value of the wrong JSON type; under skip-bad-rows they go to the rejects
 * file with their line, and every line is counted as read, accepted or rejected.
 */
class JsonlBadRowsTest {
    private static final LocalDate AS_OF = LocalDate.of(2025, 4, 1);
    /** 2025-03-01T00:00:00Z. */
    private static final String GOOD = "{\"time\": 1740787200, \"properties\": {\"account\": \"A-1\", \"$user_id\": \"u1\","
            + " \"n\": 2}, \"event\": \"login\"}";

    @TempDir
    Path book;

    @BeforeEach
    void accountsAndMapping() throws IOException {
        Files.writeString(book.resolve("accounts.csv"), "account_id,arr,contract_start\nA-1,1000,2024-01-01\n");
        Files.writeString(book.resolve("churn.yaml"), """
                sources:
                  usage:
                    columns: {account_id: properties.account, occurred_at: time, user_id: properties.$user_id,
                              quantity: properties.n}
                    timestamp_patterns: [epoch_seconds]
                """);
    }

    private ExtractionReport extract(BadRows badRows) throws IOException {
        FeatureExtractor extractor = FeatureExtractor.create(FeatureSettings.forBook(book, null));
        List<FeatureTable> out = new ArrayList<>();
        return extractor.extract(book, ReadOptions.forBook(book).withBadRows(badRows, book.resolve("rejects")),
                List.of(AS_OF), out::add);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', value = {
        "a missing field | {\"time\": 1740787200, \"event\": \"login\", \"properties\": {\"n\": 1}}"
            + " | column 'account_id' ('properties.account') is missing: the object has no such field (expected a value:"
            + " the column is required)",
        "a null | {\"time\": 1740787200, \"event\": \"login\", \"properties\": {\"account\": null}}"
            + " | column 'account_id' ('properties.account') is null (expected a value: the column is required)",
        "an object for a value | {\"time\": {\"s\": 1}, \"event\": \"login\", \"properties\": {\"account\": \"A-1\"}}"
            + " | column 'occurred_at' ('time') is a JSON object (expected a timestamp; name a field inside it with a"
            + " dotted path such as time.id)",
        "a boolean for a number | {\"time\": 1740787200, \"event\": \"login\", \"properties\": {\"account\": \"A-1\","
            + " \"n\": true}} | column 'quantity' ('properties.n') value 'true' is a JSON boolean (expected a whole number)",
        "a text that is no number | {\"time\": 1740787200, \"event\": \"login\", \"properties\": {\"account\": \"A-1\","
            + " \"n\": \"two\"}} | column 'quantity' ('properties.n') value 'two' is not a whole number (expected digits"
            + " such as 42)",
        "an array for a text | {\"time\": 1740787200, \"event\": [\"login\"], \"properties\": {\"account\": \"A-1\"}}"
            + " | column 'event' is a JSON array (expected a value)",
        "broken JSON | {\"time\": 1740787200, \"event\": \"login\" \"properties\": {}}"
            + " | is not valid JSON: Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries"
            + " at column 39",
        "not an object | [1740787200, \"login\"] | is not a JSON object (expected one object such as {\"event\":"
            + " \"login\", ...} on each line)",
        "text after the object | {\"time\": 1740787200, \"event\": \"login\"} {} | has text after its JSON object, at"
            + " column 40 (expected one object on each line)",
        "a field twice | {\"time\": 1740787200, \"event\": \"login\", \"time\": 1740787201} | has the field time twice"
            + " (expected each field once)",
        "a string that is no timestamp | {\"time\": \"yesterday\", \"event\": \"login\", \"properties\": {\"account\":"
            + " \"A-1\"}} | column 'occurred_at' ('time') value 'yesterday' is not a timestamp (expected ISO-8601 such as"
            + " 2025-03-04T10:15:30Z, or seconds since the epoch such as 1741083330)",
    })
    void aBadLineNamesTheFileLineAndField(String what, String line, String reason) throws IOException {
        Files.writeString(book.resolve("usage.jsonl"), GOOD + "\n" + line + "\n" + GOOD + "\n");
        assertThatThrownBy(() -> extract(BadRows.FAIL)).isInstanceOf(DataProblemException.class)
                .hasMessage("usage.jsonl line 2: " + reason);
    }

    @Test
    void aNumberTimestampWithoutAnEpochPatternSaysWhichPatternToAdd() throws IOException {
        Files.writeString(book.resolve("churn.yaml"), """
                sources:
                  usage:
                    columns: {account_id: properties.account, occurred_at: time}
                """);
        Files.writeString(book.resolve("usage.jsonl"), GOOD + "\n");
        assertThatThrownBy(() -> extract(BadRows.FAIL)).isInstanceOf(DataProblemException.class)
                .hasMessage("usage.jsonl line 1: column 'occurred_at' ('time') value '1740787200' is a JSON number, not a"
                        + " timestamp (add epoch_seconds or epoch_millis to the source's timestamp_patterns to read"
                        + " numbers since 1970-01-01T00:00:00Z)");
    }

    @Test
    void bothEpochUnitsAreRefusedInTheMapping() throws IOException {
        Files.writeString(book.resolve("churn.yaml"), """
                sources:
                  usage:
                    timestamp_patterns: [epoch_seconds, epoch_millis]
                """);
        Files.writeString(book.resolve("usage.jsonl"), GOOD + "\n");
        assertThatThrownBy(() -> extract(BadRows.FAIL)).isInstanceOf(InvalidConfigException.class)
                .hasMessage("churn.yaml line 3, column 41: sources.usage.timestamp_patterns: epoch_seconds and"
                        + " epoch_millis cannot both be given (a number cannot tell which it is); keep the one the export"
                        + " uses");
    }

    @Test
    void lineNumbersCountBlankLinesCrlfAndTheByteOrderMark() throws IOException {
        String bad = "{\"time\": 1740787200, \"event\": \"login\", \"properties\": {\"account\": \"A-9\"}}";
        Files.writeString(book.resolve("usage.jsonl"), "\uFEFF" + GOOD + "\r\n\r\n   \r\n" + GOOD + "\r\n" + bad
                + "\r\n" + GOOD);
        assertThatThrownBy(() -> extract(BadRows.FAIL)).isInstanceOf(DataProblemException.class)
                .hasMessage("usage.jsonl line 5: column 'account_id' ('properties.account') value 'A-9' is not an account"
                        + " in accounts (expected the account_id of a listed account)");
    }

    @Test
    void underSkipBadRowsEveryLineIsCountedAndTheBadOnesGoToTheRejectsWithTheirLine() throws IOException {
        Files.writeString(book.resolve("usage.jsonl"), GOOD + "\n{\"time\": 1740787200, \"event\": \"login\"}\n"
                + "not json\n" + GOOD + "\n");
        ExtractionReport report = extract(BadRows.SKIP);
        assertThat(report.stats().of(Source.USAGE).read()).isEqualTo(4);
        assertThat(report.stats().of(Source.USAGE).accepted()).isEqualTo(2);
        assertThat(report.stats().of(Source.USAGE).rejected()).isEqualTo(2);
        assertThat(Files.readString(book.resolve("rejects/usage.rejects.csv")))
                .contains("usage.jsonl,2,")
                .contains("is missing: the object has no such field")
                .contains("usage.jsonl,3,")
                .contains("is not valid JSON")
                .contains("not json");
    }

    @Test
    void valueMapsApplyToJsonLinesTickets() throws IOException {
        Files.writeString(book.resolve("usage.jsonl"), GOOD + "\n");
        Files.writeString(book.resolve("tickets.ndjson"), """
                {"id": 1, "org": "A-1", "created_at": "2025-03-01T10:00:00Z", "priority": "P1", "escalated": false}
                {"id": 2, "org": "A-1", "created_at": "2025-03-02T10:00:00Z", "priority": "P4", "escalated": "yes"}
                """);
        Files.writeString(book.resolve("churn.yaml"), Files.readString(book.resolve("churn.yaml")) + """
                  tickets:
                    columns: {ticket_id: id, account_id: org}
                    values:
                      priority: {P1: urgent, P2: high}
                """);
        assertThatThrownBy(() -> extract(BadRows.FAIL)).isInstanceOf(DataProblemException.class)
                .hasMessage("tickets.ndjson line 2: column 'priority' value 'P4' is not a priority value"
                        + " (expected low, normal, high, urgent, or as mapped: P1, P2)");
    }
}
