package org.churnrisk.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.churnrisk.core.features.FeatureTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The foreign-style export of docs/mapping.md (Salesforce accounts, Mixpanel events, Zendesk
 * tickets, read through its {@code churn.yaml}) loads end to end, and gives the same features as
 * the same data written by hand in the data contract's own format.
 *
 * <p>As of 2025-04-15, two weeks after the last Mixpanel row: the cutoff is the start of that day
 * in New York, 2025-04-15T04:00:00Z. The usage window features read a few events only, so each
 * value below can be checked by hand against the files.
 */
class ForeignExportExtractionTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    private static final Path FOREIGN = MODULE.resolve("src/test/resources/io/foreign-book");
    private static final LocalDate AS_OF = LocalDate.of(2025, 4, 15);

    static FeatureExtractor extractor;
    static FeatureTable table;

    @BeforeAll
    static void extract() throws IOException {
        extractor = FeatureExtractor.create(FeatureSettings.forBook(FOREIGN, null));
        table = extractor.extract(FOREIGN, AS_OF);
    }

    @Test
    void theAsOfDayStartsInTheBooksZone() {
        assertThat(extractor.config().zone()).hasToString("America/New_York");
    }

    @Test
    void everyActiveAccountHasOneRowSortedById() {
        // no contracts and no churn file: every account is a customer from its "Customer Since" on
        assertThat(table.accountIds()).containsExactly("ACME-001", "GLOBEX-7", "INITECH");
        assertThat(table.asOf()).isEqualTo(AS_OF);
    }

    static Stream<Arguments> handChecked() {
        return Stream.of(
                // Salesforce: ARR (USD), Licensed Seats, US dates, Segment
                Arguments.of("ACME-001", "arr", 42_000.0),
                Arguments.of("ACME-001", "tier_growth", 1.0),
                Arguments.of("ACME-001", "licensed_seats", 60.0),
                Arguments.of("ACME-001", "days_to_renewal", 351.0),     // 2025-04-15 to 4/1/2026
                Arguments.of("ACME-001", "tenure_days", 1_475.0),       // 4/1/2021 to 2025-04-15
                Arguments.of("GLOBEX-7", "arr", 0.0),
                Arguments.of("GLOBEX-7", "tier_starter", 1.0),          // blank Segment: follows ARR 0
                Arguments.of("GLOBEX-7", "has_licensed_seats", 0.0),
                Arguments.of("GLOBEX-7", "has_renewal_date", 0.0),
                Arguments.of("INITECH", "days_to_renewal", 139.0),     // 2025-04-15 to 9/1/2025
                // Mixpanel: Distinct ID is the user; lee's 4/1 row is the only one in the last 30 days
                Arguments.of("ACME-001", "active_users_30d", 1.0),
                Arguments.of("ACME-001", "active_users_90d", 2.0),
                Arguments.of("ACME-001", "seat_utilisation_30d", 1.0 / 60),
                // 3/9/2025 2:45 does not exist in New York; read as 3:45 EDT = 07:45Z, 36 days and 20 h before T
                Arguments.of("GLOBEX-7", "days_since_last_activity", 36.0),
                // 4/1/2025 6:00 EDT = 10:00Z, 13 days and 18 h before T; its rows carry no Distinct ID
                Arguments.of("INITECH", "days_since_last_activity", 13.0),
                Arguments.of("INITECH", "active_users_90d", 0.0),
                // Zendesk: Solved at, Priority, Escalated (Yes/No), Satisfaction
                Arguments.of("ACME-001", "tickets_90d", 1.0),
                Arguments.of("ACME-001", "open_tickets", 0.0),
                Arguments.of("ACME-001", "high_urgent_tickets_90d", 1.0),
                Arguments.of("ACME-001", "mean_satisfaction_90d", 4.0),
                Arguments.of("INITECH", "open_tickets", 1.0),
                Arguments.of("INITECH", "escalated_tickets_90d", 1.0),
                Arguments.of("INITECH", "has_satisfaction", 0.0),
                Arguments.of("GLOBEX-7", "mean_satisfaction_90d", 5.0),
                // surveys.csv in the contract's format
                Arguments.of("ACME-001", "nps_mean_90d", 9.0),
                Arguments.of("INITECH", "csat_mean_90d", 2.0),
                Arguments.of("GLOBEX-7", "has_nps", 0.0));
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @MethodSource("handChecked")
    void aValueCheckedByHand(String account, String feature, double expected) {
        assertThat(table.value(table.rowOf(account), feature)).isEqualTo(expected);
    }

    /** The same book in the data contract's format: contract names, ISO dates, UTC instants, true/false. */
    private static Path canonicalBook(Path dir) throws IOException {
        Files.writeString(dir.resolve("accounts.csv"), """
                account_id,account_name,arr,licensed_seats,contract_start,renewal_date,tier,csm
                ACME-001,Acme Corp,42000,60,2021-04-01,2026-04-01,growth,Dana Lee
                GLOBEX-7,Globex,0,,2023-02-01,,,Sam Ortiz
                INITECH,"Initech, Inc.",9500,12,2022-06-01,2025-09-01,starter,Dana Lee
                """);
        Files.writeString(dir.resolve("usage.csv"), """
                account_id,occurred_at,user_id,event,quantity,errors
                ACME-001,2025-03-04T14:02:00Z,dana@acme.example,Login,3,
                ACME-001,2025-03-04T19:30:00Z,dana@acme.example,Report Export,12,
                GLOBEX-7,2025-03-09T07:45:00Z,sam@globex.example,Login,1,
                INITECH,2025-04-01T03:59:00Z,,Integration Sync,40,
                ACME-001,2025-04-01T04:15:00Z,lee@acme.example,Login,1,
                INITECH,2025-04-01T10:00:00Z,,Integration Sync,38,
                """);
        Files.writeString(dir.resolve("tickets.csv"), """
                ticket_id,account_id,created_at,resolved_at,priority,escalated,satisfaction
                5001,ACME-001,2025-03-04T15:15:00Z,2025-03-05T21:00:00Z,high,false,4
                5002,INITECH,2025-03-10T12:00:00Z,,urgent,true,
                5003,GLOBEX-7,2025-03-12T17:40:00Z,2025-03-12T19:05:00Z,low,false,5
                """);
        Files.writeString(dir.resolve("surveys.csv"), """
                account_id,responded_at,kind,score,respondent
                ACME-001,2025-02-20T09:30:00Z,nps,9,cto@acme.example
                INITECH,2025-03-12T04:00:00Z,csat,2,
                """);
        return dir;
    }

    @Test
    void theSameDataInTheContractsFormatGivesTheSameFeatures(@TempDir Path dir) throws IOException {
        Path canonical = canonicalBook(dir);

        FeatureTable fromCanonical = extractor.extract(canonical, AS_OF);

        SkipBadRowsTest.assertSameTable(fromCanonical, table);
    }
}
