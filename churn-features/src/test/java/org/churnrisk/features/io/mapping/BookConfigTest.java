package org.churnrisk.features.io.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.values.ValueFormats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The mapping of churn.yaml, and its errors. */
class BookConfigTest {
    @TempDir
    Path dir;

    /** The mapping of {@code yaml} as the book's churn.yaml would give it, without a file. */
    private static BookConfig load(String yaml) {
        return BookConfig.from(YamlTree.parse(yaml, "churn.yaml").root());
    }

    @Test
    void theDefaultIsTheDataContract() {
        for (Source source : Source.values()) {
            assertThat(BookConfig.DEFAULT.mapping(source)).isEqualTo(SourceMapping.defaults(source));
        }
    }

    @Test
    void aBookWithoutAMappingFileUsesTheDefault() throws IOException {
        assertThat(BookConfig.forBook(dir)).isEqualTo(BookConfig.DEFAULT);
    }

    @Test
    void aBookWithAMappingFileUsesIt() throws IOException {
        Files.writeString(dir.resolve("churn.yaml"), "zone: Europe/Berlin\n");
        assertThat(BookConfig.forBook(dir).mapping(Source.USAGE).formats().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void aMappingFileNamedYmlIsPointedOut() throws IOException {
        Files.writeString(dir.resolve("churn.yml"), "zone: UTC\n");
        assertThatThrownBy(() -> BookConfig.forBook(dir)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageEndingWith("churn.yml: a mapping file must be named churn.yaml; rename it");
    }

    @Test
    void anEmptyFileIsTheDefault() throws IOException {
        Files.writeString(dir.resolve("churn.yaml"), "# nothing to change\n");
        assertThat(BookConfig.load(dir.resolve("churn.yaml"))).isEqualTo(BookConfig.DEFAULT);
    }

    @Test
    void theTopLevelFormatsAreTheBooksAndThoseOfTheSourcesNotListed() {
        BookConfig config = load("zone: Europe/Berlin\nsources:\n  usage: {zone: UTC}\n");
        assertThat(config.formats().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(config.mapping(Source.TICKETS).formats().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(config.mapping(Source.USAGE).formats().zone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void readsEveryKey() {
        BookConfig config = load("""
                zone: America/New_York
                booleans: {true: [Yes, Y], false: [No, N]}
                date_patterns: [M/d/yyyy]
                timestamp_patterns: ["M/d/yyyy H:mm"]
                sources:
                  usage:
                    files: ["mixpanel_export_*.csv.gz"]
                    columns: {account_id: "Company ID", occurred_at: Time, event: Event Name}
                    timestamp_patterns: ["yyyy-MM-dd H:mm"]
                    zone: UTC
                """);
        SourceMapping usage = config.mapping(Source.USAGE);
        assertThat(usage.files()).containsExactly("mixpanel_export_*.csv.gz");
        assertThat(usage.columns()).isEqualTo(Map.of("account_id", "Company ID", "occurred_at", "Time", "event", "Event Name"));
        assertThat(usage.formats()).isEqualTo(new ValueFormats(ZoneId.of("UTC"), List.of("M/d/yyyy"),
                List.of("yyyy-MM-dd H:mm"), List.of("Yes", "Y"), List.of("No", "N")));
        assertThat(config.mapping(Source.TICKETS)).isEqualTo(new SourceMapping(Source.TICKETS, List.of(), Map.of(),
                new ValueFormats(ZoneId.of("America/New_York"), List.of("M/d/yyyy"), List.of("M/d/yyyy H:mm"),
                        List.of("Yes", "Y"), List.of("No", "N"))));
    }

    @Test
    void keepsScalarsAsWrittenRatherThanAsYamlBooleansOrNumbers() {
        BookConfig config = load("""
                booleans: {true: [Yes, on, 01], false: [No, off, 00]}
                sources:
                  accounts: {columns: {account_id: 007, tier: true}}
                """);
        ValueFormats formats = config.mapping(Source.ACCOUNTS).formats();
        assertThat(formats.trueSpellings()).containsExactly("Yes", "on", "01");
        assertThat(formats.falseSpellings()).containsExactly("No", "off", "00");
        assertThat(config.mapping(Source.ACCOUNTS).fileColumn("account_id")).isEqualTo("007");
        assertThat(config.mapping(Source.ACCOUNTS).fileColumn("tier")).isEqualTo("true");
    }

    @Test
    void acceptsASingleValueWhereAListIsExpected() {
        BookConfig config = load("sources:\n  usage:\n    files: events.csv\n    date_patterns: dd-MM-yyyy\n");
        assertThat(config.mapping(Source.USAGE).files()).containsExactly("events.csv");
        assertThat(config.mapping(Source.USAGE).formats().datePatterns()).containsExactly("dd-MM-yyyy");
    }

    @Test
    void keepsTheDefaultSpellingsOfTheSideLeftOut() {
        ValueFormats formats = load("booleans: {true: [Oui]}\n").mapping(Source.TICKETS).formats();
        assertThat(formats.trueSpellings()).containsExactly("Oui");
        assertThat(formats.falseSpellings()).isEqualTo(ValueFormats.DEFAULT.falseSpellings());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "sources: {usage: {columns: {occured_at: Time}}}"
            + " | churn.yaml line 1, column 29: sources.usage.columns: 'occured_at' is not a column of usage, did you"
            + " mean 'occurred_at'? (expected one of account_id, occurred_at, user_id, event, quantity, errors)",
        "sources: {usages: {}}"
            + " | churn.yaml line 1, column 11: sources: 'usages' is not a source, did you mean 'usage'? (expected one"
            + " of accounts, usage, tickets, surveys, touchpoints, contracts, churn)",
        "sources: {usage: {column: {}}}"
            + " | churn.yaml line 1, column 19: sources.usage: unknown key 'column', did you mean 'columns'? (expected"
            + " one of files, file, columns, values, lookups, zone, booleans, date_patterns, timestamp_patterns,"
            + " excel_dates, delimiter, encoding)",
        "timezone: UTC"
            + " | churn.yaml line 1: unknown key 'timezone' (expected one of zone, booleans, date_patterns,"
            + " timestamp_patterns, excel_dates, delimiter, encoding, sources, tables, features, scoring)",
        "zone: America/NewYork"
            + " | churn.yaml line 1: zone: 'America/NewYork' is not a time zone (expected a region such as"
            + " Europe/Berlin or America/New_York, UTC, or an offset such as +02:00)",
        "sources: {tickets: {zone: Mars/Olympus}}"
            + " | churn.yaml line 1, column 27: sources.tickets.zone: 'Mars/Olympus' is not a time zone (expected a"
            + " region such as Europe/Berlin or America/New_York, UTC, or an offset such as +02:00)",
        "date_patterns: [YYYY-MM-dd]"
            + " | churn.yaml line 1, column 17: date_patterns: 'YYYY-MM-dd' does not read back the date it writes"
            + " ('2025-03-04'); it needs a year (yyyy, not YYYY), a month (MM, not mm) and a day (dd, not DD)",
        "sources: {usage: {timestamp_patterns: ['M/d/yyyy h:mm']}}"
            + " | churn.yaml line 1, column 40: sources.usage.timestamp_patterns: 'M/d/yyyy h:mm' does not read back"
            + " the date and time it writes ('3/4/2025 1:05'); it needs a year (yyyy, not YYYY), a month (MM), a day"
            + " (dd) and, for a time, H for 0-23 or h with a for AM/PM",
        "booleans: {true: [yes], false: [YES]}"
            + " | churn.yaml line 1, column 11: booleans: 'yes' is spelled as both true and false",
        "booleans: {yes: [y]}"
            + " | churn.yaml line 1, column 12: booleans: unknown key 'yes' (expected one of true, false)",
        "booleans: {true: []}"
            + " | churn.yaml line 1, column 18: booleans.true: needs at least one spelling",
        "sources: {usage: {files: [/data/usage.csv]}}"
            + " | churn.yaml line 1, column 27: sources.usage.files: '/data/usage.csv' must be relative to the book and"
            + " stay inside it (no leading /, no ..)",
        "sources: {usage: {files: ['../other/usage.csv']}}"
            + " | churn.yaml line 1, column 27: sources.usage.files: '../other/usage.csv' must be relative to the book"
            + " and stay inside it (no leading /, no ..)",
        "sources: {usage: {files: []}}"
            + " | churn.yaml line 1, column 26: sources.usage.files: is empty (leave the key out to use the default"
            + " file names)",
        "sources: {usage: {columns: {account_id: }}}"
            + " | churn.yaml line 1, column 40: sources.usage.columns.account_id: expected the file's column name,"
            + " found nothing",
        "sources: {usage: {columns: [account_id]}}"
            + " | churn.yaml line 1, column 28: sources.usage.columns: expected a mapping of canonical column: the"
            + " file's column, e.g. {account_id: Company ID}, found a list",
        "zone: [UTC]"
            + " | churn.yaml line 1, column 7: zone: expected a time zone, found a list",
        "- zone"
            + " | churn.yaml line 1: expected a mapping of the keys zone, booleans, date_patterns, timestamp_patterns,"
            + " sources, features and scoring, found a list",
    })
    void rejectsAMistakeNamingTheLineTheKeyAndTheAllowedValues(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(InvalidArgumentException.class).hasMessage(message);
    }

    /** Block style, as churn.yaml files are written: the line alone places the mistake. */
    static Stream<Arguments> mistakesInBlockStyle() {
        return Stream.of(
                Arguments.of("""
                        zone: UTC
                        sources:
                          usage:
                            column:
                              account_id: Company ID
                        """, "churn.yaml line 4: sources.usage: unknown key 'column', did you mean 'columns'? (expected"
                        + " one of files, file, columns, values, lookups, zone, booleans, date_patterns,"
                        + " timestamp_patterns, excel_dates, delimiter, encoding)"),
                Arguments.of("""
                        date_patterns:
                          - M/d/yyyy
                          - YYYY-MM-dd
                        """, "churn.yaml line 3: date_patterns: 'YYYY-MM-dd' does not read back the date it writes"
                        + " ('2025-03-04'); it needs a year (yyyy, not YYYY), a month (MM, not mm) and a day (dd, not DD)"),
                Arguments.of("""
                        sources:
                          tickets:
                            files: [zendesk.csv]
                            zone: Mars/Olympus
                        """, "churn.yaml line 4: sources.tickets.zone: 'Mars/Olympus' is not a time zone (expected a"
                        + " region such as Europe/Berlin or America/New_York, UTC, or an offset such as +02:00)"));
    }

    @ParameterizedTest
    @MethodSource("mistakesInBlockStyle")
    void namesTheLineOfANestedKey(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(InvalidArgumentException.class).hasMessage(message);
    }

    @Test
    void replacesAMapping() {
        SourceMapping usage = new SourceMapping(Source.USAGE, List.of("x.csv"), Map.of(), ValueFormats.DEFAULT);
        BookConfig config = BookConfig.DEFAULT.with(usage);
        assertThat(config.mapping(Source.USAGE)).isEqualTo(usage);
        assertThat(config.mapping(Source.TICKETS)).isEqualTo(SourceMapping.defaults(Source.TICKETS));
    }

    @Test
    void refusesAMappingFiledUnderAnotherSource() {
        assertThatThrownBy(() -> new BookConfig(Map.of(Source.USAGE, SourceMapping.defaults(Source.TICKETS))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("the mapping of tickets is filed under usage");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sources:\n  usage:\n    columns:\n      occured_at: Time\n",
        "sources:\n  usages:\n    files: [usage.csv]\n", "sources:\n  usage:\n    column:\n      account_id: Company ID\n",
        "zone: America/NewYork\n", "date_patterns:\n  - M/d/yyyy\n  - YYYY-MM-dd\n"})
    void theMessagesThePageShowsAreTheRealOnes(String yaml) throws IOException {
        String page = Files.readString(Path.of(System.getProperty("basedir", "."), "../docs/mapping.md"));
        assertThat(page).contains(catchMessage(yaml));
    }

    /** Issue 18 item 6: one column of the file cannot feed two canonical columns. */
    @Test
    void twoCanonicalColumnsFromOneFileColumnAreRefused() {
        assertThat(catchMessage("sources:\n  usage:\n    columns:\n      account_id: Company\n      user_id: Company \n"))
                .isEqualTo("churn.yaml line 5: sources.usage.columns: 'Company' is already mapped to 'account_id';"
                        + " each column of the file can be one canonical column only");
    }

    @Test
    void aMappingMistakeIsAConfigError() {
        assertThatThrownBy(() -> load("sources:\n  usages: {}\n"))
                .isInstanceOf(org.churnrisk.core.InvalidConfigException.class);
    }

    private static String catchMessage(String yaml) {
        try {
            load(yaml);
        } catch (InvalidArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for " + yaml);
    }
}
