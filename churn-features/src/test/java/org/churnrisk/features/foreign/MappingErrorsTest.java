package org.churnrisk.features.foreign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.churnrisk.core.InvalidConfigException;
import org.churnrisk.core.contract.Source;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.core.features.HealthScore;
import org.churnrisk.features.BadRows;
import org.churnrisk.features.ExtractionReport;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.features.FeatureSettings;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.features.io.mapping.BookConfig;
import org.churnrisk.features.io.problems.DataProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The errors of value maps, lookups and dialects name the file, the line, the column and what is
 * allowed; a value that is not mapped and a key a lookup table lacks are bad rows, counted and
 * rejected like any other; a book without tickets and surveys reads with the health score
 * reweighted.
 */
class MappingErrorsTest {
    private static final LocalDate AS_OF = LocalDate.of(2025, 4, 1);
    private static final String ACCOUNTS = "account_id,arr,contract_start\nA-1,1000,2024-01-01\nA-2,2000,2024-01-01\n";
    private static final String USAGE = "account_id,occurred_at,event\nA-1,2025-03-01,login\nA-2,2025-03-02,login\n";

    @TempDir
    Path book;

    private void write(String name, String text) throws IOException {
        Files.writeString(book.resolve(name), text);
    }

    /** usage from events.csv (sub, at, event), its account looked up in subscriptions.csv (id, account). */
    private void writeSubscriptionLookup() throws IOException {
        write("churn.yaml", """
                sources:
                  usage:
                    file: events.csv
                    columns: {occurred_at: at}
                    lookups:
                      account_id: {table: subscriptions, on: sub, key: id, value: account}
                tables:
                  subscriptions: {file: subscriptions.csv}
                """);
    }

    private ExtractionReport extract(BadRows badRows, List<FeatureTable> out) throws IOException {
        FeatureExtractor extractor = FeatureExtractor.create(FeatureSettings.forBook(book, null));
        return extractor.extract(book, ReadOptions.forBook(book).withBadRows(badRows, book.resolve("rejects")),
                List.of(AS_OF), out::add);
    }

    @Test
    void aValueNeitherCanonicalNorMappedNamesTheValueFileLineColumnAndTheAllowedValues() throws IOException {
        write("accounts.csv", ACCOUNTS);
        write("usage.csv", USAGE);
        write("zendesk.csv", "Id,Org,Created,Priority\nZ-1,A-1,2025-03-01,P1\nZ-2,A-2,2025-03-02,P3\n");
        write("churn.yaml", """
                sources:
                  tickets:
                    file: zendesk.csv
                    columns: {ticket_id: Id, account_id: Org, created_at: Created, priority: Priority}
                    values:
                      priority: {medium: normal, P1: urgent, P2: high}
                """);
        assertThatThrownBy(() -> extract(BadRows.FAIL, new ArrayList<>()))
                .isInstanceOf(DataProblemException.class)
                .hasMessage("zendesk.csv line 3: column 'priority' ('Priority') value 'P3' is not a priority value"
                        + " (expected low, normal, high, urgent, or as mapped: medium, P1, P2)");
    }

    @Test
    void underSkipBadRowsAnUnmappedValueGoesToTheRejects() throws IOException {
        write("accounts.csv", ACCOUNTS);
        write("usage.csv", USAGE);
        write("tickets.csv", "ticket_id,account_id,created_at,priority\nT-1,A-1,2025-03-01,Medium\nT-2,A-2,2025-03-02,P3\n");
        write("churn.yaml", "sources:\n  tickets:\n    values:\n      priority: {medium: normal}\n");
        ExtractionReport report = extract(BadRows.SKIP, new ArrayList<>());
        assertThat(report.stats().of(Source.TICKETS).read()).isEqualTo(2);
        assertThat(report.stats().of(Source.TICKETS).accepted()).isEqualTo(1);
        assertThat(report.stats().of(Source.TICKETS).rejected()).isEqualTo(1);
        assertThat(Files.readString(book.resolve("rejects/tickets.rejects.csv")))
                .contains("tickets.csv,3,")
                .contains("value 'P3' is not a priority value (expected low, normal, high, urgent, or as mapped: medium)");
    }

    @Test
    void aKeyTheLookupTableLacksIsABadRowCountedInTheRejects() throws IOException {
        write("accounts.csv", ACCOUNTS);
        write("events.csv", "sub,at,event\nS-1,2025-03-01,login\nS-9,2025-03-02,login\nS-2,2025-03-03,login\n");
        write("subscriptions.csv", "id,account\nS-1,A-1\nS-2,A-2\n");
        write("churn.yaml", """
                sources:
                  usage:
                    file: events.csv
                    columns: {subscription_id: sub, occurred_at: at}
                    lookups:
                      account_id: {table: subscriptions, on: subscription_id, key: id, value: account}
                tables:
                  subscriptions: {file: subscriptions.csv}
                """);
        assertThatThrownBy(() -> extract(BadRows.FAIL, new ArrayList<>()))
                .hasMessage("events.csv line 3: column 'account_id' ('sub') value 'S-9' is not a id in table"
                        + " subscriptions (expected a key the table lists, through which account_id is looked up)");
        ExtractionReport report = extract(BadRows.SKIP, new ArrayList<>());
        assertThat(report.stats().of(Source.USAGE).read()).isEqualTo(3);
        assertThat(report.stats().of(Source.USAGE).accepted()).isEqualTo(2);
        assertThat(report.stats().of(Source.USAGE).rejected()).isEqualTo(1);
    }

    @Test
    void theLookupTableIsAnInputFileOfTheSourceThatLooksUpThroughIt() throws IOException {
        write("accounts.csv", ACCOUNTS);
        String events = "sub,at,event\nS-1,2025-03-01,login\n";
        String subscriptions = "id,account\nS-1,A-1\n";
        write("events.csv", events);
        write("subscriptions.csv", subscriptions);
        writeSubscriptionLookup();
        FeatureExtractor extractor = FeatureExtractor.create(FeatureSettings.forBook(book, null));
        ExtractionReport report = extractor.extract(book, ReadOptions.forBook(book).withFileHashes(true),
                List.of(AS_OF), t -> { });
        assertThat(report.inputFiles()).extracting(f -> f.source() + " " + f.path() + " " + f.bytes())
                .containsExactly("ACCOUNTS accounts.csv " + ACCOUNTS.length(), "USAGE events.csv " + events.length(),
                        "USAGE subscriptions.csv " + subscriptions.length());
    }

    @Test
    void aLookedUpAccountThatIsNotListedNamesTheValueAndItsKey() throws IOException {
        write("accounts.csv", ACCOUNTS);
        write("events.csv", "sub,at,event\nS-7,2025-03-01,login\n");
        write("subscriptions.csv", "id,account\nS-7,A-7\n");
        writeSubscriptionLookup();
        assertThatThrownBy(() -> extract(BadRows.FAIL, new ArrayList<>()))
                .hasMessage("events.csv line 2: column 'account_id' ('sub') value 'A-7' is not an account in accounts"
                        + " (expected the account_id of a listed account); looked up from 'S-7' in table subscriptions");
    }

    @Test
    void aTableKeyWithTwoValuesIsAProblemOfTheTable() throws IOException {
        write("accounts.csv", ACCOUNTS);
        write("events.csv", "sub,at,event\nS-1,2025-03-01,login\n");
        write("subscriptions.csv", "id,account\nS-1,A-1\nS-1,A-2\n");
        writeSubscriptionLookup();
        assertThatThrownBy(() -> extract(BadRows.SKIP, new ArrayList<>()))
                .hasMessage("subscriptions.csv line 3: column 'id' value 'S-1' is listed again with another account"
                        + " ('A-2', and 'A-1' at subscriptions.csv line 2); a lookup key must give one value");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', value = {
        "sources:\\n  tickets:\\n    values:\\n      priorty: {medium: normal}\\n"
            + " # churn.yaml line 4, column 7: sources.tickets.values: 'priorty' is not a column of tickets, did you mean"
            + " 'priority'? (expected one of priority)",
        "sources:\\n  tickets:\\n    values:\\n      escalated: {Y: true}\\n"
            + " # churn.yaml line 4, column 7: sources.tickets.values: 'escalated' is not an enum column of tickets; values maps"
            + " only priority",
        "sources:\\n  tickets:\\n    values:\\n      priority: {medium: norml}\\n"
            + " # churn.yaml line 4, column 26: sources.tickets.values.priority.medium: 'norml' is not a value of"
            + " priority, did you mean 'normal'? (expected one of low, normal, high, urgent)",
        "sources:\\n  accounts:\\n    delimiter: ';;'\\n"
            + " # churn.yaml line 3: sources.accounts.delimiter: ';;' is not one character (expected the character"
            + " between values, such as \";\", \"|\" or \"\\t\" for a tab; quote it)",
        "sources:\\n  accounts:\\n    delimiter: '\"'\\n"
            + " # churn.yaml line 3: sources.accounts.delimiter: '\"' cannot separate values (expected one ASCII"
            + " character that is not a letter, a digit, a double quote or a line break, such as ';', '|' or a tab"
            + " written \"\\t\")",
        "encoding: utf-16\\n"
            + " # churn.yaml line 1: encoding: 'utf-16' is not an encoding churn-risk reads (expected one of utf-8,"
            + " windows-1252, iso-8859-1; convert other files to UTF-8)",
        "sources:\\n  usage:\\n    lookups:\\n      account_id: {table: subs, on: s, key: id, value: a}\\n"
            + " # churn.yaml line 4, column 27: sources.usage.lookups.account_id.table: 'subs' is not a table"
            + " (expected one of the tables: none is defined; add it under tables:)",
        "excel_dates: maybe\\n"
            + " # churn.yaml line 1: excel_dates: expected true or false, found 'maybe'"
    })
    void aMappingMistakeNamesTheLineAndWhatIsAllowed(String yaml, String message) throws IOException {
        Files.writeString(book.resolve("churn.yaml"), yaml.replace("\\n", "\n"));
        assertThatThrownBy(() -> BookConfig.forBook(book)).isInstanceOf(InvalidConfigException.class)
                .hasMessage(message);
    }

    @Test
    void aBookWithoutTicketsAndSurveysGivesTheSameFeaturesAsHeaderOnlyFilesAndAReweightedHealthScore()
            throws IOException {
        Path canonical = DerivedBooks.canonical(book.resolve("canonical"));
        Path lean = Files.createDirectories(book.resolve("lean"));
        for (String name : List.of("accounts.csv", "contracts.csv", "churn.csv", "touchpoints.csv", "usage.csv",
                "churn.yaml")) {
            Files.copy(canonical.resolve(name), lean.resolve(name));
        }
        Files.writeString(canonical.resolve("tickets.csv"), String.join(",", Source.TICKETS.columnNames()) + "\n");
        Files.writeString(canonical.resolve("surveys.csv"), String.join(",", Source.SURVEYS.columnNames()) + "\n");
        FeatureExtractor extractor = FeatureExtractor.create(FeatureSettings.forBook(canonical, null));
        FeatureTable headerOnly = extractor.extract(canonical, LocalDate.of(2025, 1, 15));
        FeatureTable missing = extractor.extract(lean, LocalDate.of(2025, 1, 15));

        HealthScore reweighted = extractor.config().healthScore().withoutParts(true, true, false);
        HealthScore.Inputs inputs = HealthScore.Inputs.of(headerOnly.schema());
        assertThat(missing.accountIds()).isEqualTo(headerOnly.accountIds());
        for (int r = 0; r < headerOnly.rows(); r++) {
            assertThat(missing.row(r)).isEqualTo(headerOnly.row(r));
            assertThat(missing.healthScore(r)).isEqualTo(reweighted.score(headerOnly.row(r), inputs));
        }
        assertThat(reweighted.score(headerOnly.row(0), inputs)).isNotEqualTo(headerOnly.healthScore(0));
    }

    @Test
    void withoutSurveysTheHealthWeightsAreScaledOverTheOtherParts() {
        double[] f = new double[HealthScore.Inputs.class.getRecordComponents().length];
        HealthScore.Inputs in = new HealthScore.Inputs(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        f[4] = 1;   // logins trend +1: usage 40
        f[15] = 1;  // a touchpoint today: engagement 100
        // usage 40, support 100, engagement 100; weights 40:30:10 of 80
        assertThat(HealthScore.DEFAULT.withoutParts(false, true, false).score(f, in))
                .isCloseTo((40 * 40 + 30 * 100 + 10 * 100) / 80.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(HealthScore.DEFAULT.withoutParts(false, false, false)).isSameAs(HealthScore.DEFAULT);
    }

    @Test
    void windows1252TextIsDecoded() throws IOException {
        Files.write(book.resolve("accounts.csv"), "account_id;account_name;arr\nA-1;Société;100\n"
                .getBytes(Charset.forName("windows-1252")));
        write("usage.csv", "account_id,occurred_at,event\nA-1,2025-03-01,login\n");
        write("churn.yaml", "sources:\n  accounts:\n    delimiter: \";\"\n    encoding: windows-1252\n");
        ExtractionReport report = extract(BadRows.FAIL, new ArrayList<>());
        assertThat(report.accounts().get("A-1").name()).isEqualTo("Société");
    }
}
