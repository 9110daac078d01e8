package org.churnrisk.features.foreign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.churnrisk.features.foreign.DerivedBooks.cells;
import static org.churnrisk.features.foreign.DerivedBooks.excelSerial;
import static org.churnrisk.features.foreign.DerivedBooks.rewrite;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.features.ExtractionReport;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.features.FeatureSettings;
import org.churnrisk.features.ReadOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each foreign-style book, made by code from the canonical book, loads through its mapping to the
 * same feature tables, bit for bit: a Zendesk-style ticket export with its own priorities, survey
 * and touchpoint kinds spelled otherwise (value maps), a {@code ;}-separated Windows-1252 account
 * list and contracts with Excel serial dates (dialects), a Salesforce-style account list without
 * ARR beside contracts, and usage keyed by subscription with the account in a subscriptions table
 * (lookups).
 */
class ForeignBooksMatchCanonicalTest {
    static final List<LocalDate> AS_OF = List.of(LocalDate.of(2024, 12, 1), LocalDate.of(2025, 1, 15),
            LocalDate.of(2025, 2, 1));

    @TempDir
    static Path dir;
    static Path canonical;
    static List<FeatureTable> expected;

    @BeforeAll
    static void canonicalBook() throws IOException {
        canonical = DerivedBooks.canonical(dir.resolve("canonical"));
        expected = extract(canonical);
    }

    static List<FeatureTable> extract(Path book) throws IOException {
        FeatureExtractor extractor = FeatureExtractor.create(FeatureSettings.forBook(book, null));
        List<FeatureTable> tables = new ArrayList<>();
        ExtractionReport report = extractor.extract(book, ReadOptions.forBook(book), AS_OF, tables::add);
        assertThat(report.stats().total().rejected()).as("rejected rows of " + book.getFileName()).isZero();
        return tables;
    }

    /** A copy of the canonical book to change. */
    static Path copy(String name) throws IOException {
        Path book = Files.createDirectories(dir.resolve(name));
        try (var files = Files.list(canonical)) {
            for (Path f : files.toList()) {
                Files.copy(f, book.resolve(f.getFileName()));
            }
        }
        return book;
    }

    static void mapping(Path book, String sources) throws IOException {
        String features = Files.readString(canonical.resolve("churn.yaml"));
        Files.writeString(book.resolve("churn.yaml"), features + sources);
    }

    static void assertSameTables(List<FeatureTable> actual) {
        assertSameTables(expected, actual);
    }

    /** The same tables, bit for bit: dates, schema, accounts, every value and health score. */
    static void assertSameTables(List<FeatureTable> expected, List<FeatureTable> actual) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int k = 0; k < expected.size(); k++) {
            FeatureTable e = expected.get(k);
            FeatureTable a = actual.get(k);
            assertThat(a.asOf()).isEqualTo(e.asOf());
            assertThat(a.schema()).isEqualTo(e.schema());
            assertThat(a.accountIds()).isEqualTo(e.accountIds());
            for (int r = 0; r < e.rows(); r++) {
                assertThat(bits(a.row(r))).as(e.asOf() + " " + e.accountIds().get(r)).isEqualTo(bits(e.row(r)));
                assertThat(Double.doubleToRawLongBits(a.healthScore(r)))
                        .isEqualTo(Double.doubleToRawLongBits(e.healthScore(r)));
            }
        }
    }

    private static long[] bits(double[] row) {
        long[] bits = new long[row.length];
        for (int i = 0; i < row.length; i++) {
            bits[i] = Double.doubleToRawLongBits(row[i]);
        }
        return bits;
    }

    @Test
    void theCanonicalBookHasRowsToCompare() {
        assertThat(expected).allSatisfy(t -> assertThat(t.rows()).isGreaterThan(100));
    }

    /** Item 1: Zendesk priorities and Yes/No, survey kinds NPS/CSAT_score, touchpoint kinds as a CRM logs them. */
    @Test
    void zendeskStyleSpellingsReadThroughValueMaps() throws IOException {
        Path book = copy("zendesk");
        Files.delete(book.resolve("tickets.csv"));
        Map<String, String> priority = Map.of("low", "Low", "normal", "medium", "high", "P2", "urgent", "P1");
        rewrite(canonical.resolve("tickets.csv"), book.resolve("zendesk_tickets.csv"),
                cells("Id", "Subject", "Organization", "Created at", "Solved at", "Priority", "Escalated", "Satisfaction"),
                r -> cells(r.get("ticket_id"), "Ticket " + r.get("ticket_id"), r.get("account_id"), r.get("created_at"),
                        r.get("resolved_at"), priority.get(r.get("priority")),
                        r.get("escalated").equals("true") ? "Yes" : "No", r.get("satisfaction")));
        Map<String, String> kinds = Map.of("nps", "NPS", "csat", "CSAT_score");
        rewrite(canonical.resolve("surveys.csv"), book.resolve("surveys.csv"),
                cells("account_id", "responded_at", "kind", "score", "respondent"),
                r -> cells(r.get("account_id"), r.get("responded_at"), kinds.get(r.get("kind")), r.get("score"),
                        r.get("respondent")));
        Map<String, String> touch = Map.of("call", "Zoom call", "email", "Email sent", "meeting", "Meeting",
                "qbr", "Business review", "ebr", "EBR");
        rewrite(canonical.resolve("touchpoints.csv"), book.resolve("touchpoints.csv"),
                cells("account_id", "occurred_at", "kind"),
                r -> cells(r.get("account_id"), r.get("occurred_at"), touch.get(r.get("kind"))));
        mapping(book, """
                sources:
                  tickets:
                    file: zendesk_tickets.csv
                    columns: {ticket_id: Id, account_id: Organization, created_at: Created at, resolved_at: Solved at,
                              priority: Priority, escalated: Escalated, satisfaction: Satisfaction}
                    booleans: {true: [Yes], false: [No]}
                    values:
                      priority: {medium: normal, P1: urgent, P2: high}
                  surveys:
                    values:
                      kind: {CSAT_score: csat}
                  touchpoints:
                    values:
                      kind: {Zoom call: call, Email sent: email, Business review: qbr}
                """);
        assertSameTables(extract(book));
    }

    /** Item 6: a European Excel export: semicolons, Windows-1252, dates as serial numbers. */
    @Test
    void semicolonWindows1252ExcelDatesReadThroughTheDialect() throws IOException {
        Path book = copy("excel");
        Files.delete(book.resolve("accounts.csv"));
        Files.delete(book.resolve("contracts.csv"));
        Charset cp1252 = Charset.forName("windows-1252");
        rewrite(canonical.resolve("accounts.csv"), book.resolve("Kunden.csv"),
                cells("Kunden-Nr.", "Firma", "Umsatz (€)", "Lizenzen", "Kunde seit", "Verlängerung", "Stufe", "Betreuer",
                        "Région"),
                r -> cells(r.get("account_id"), r.get("account_name") + " Société", r.get("arr"), r.get("licensed_seats"),
                        excelSerial(r.get("contract_start")), excelSerial(r.get("renewal_date")), r.get("tier"),
                        r.get("csm"), "Île-de-France"),
                ';', cp1252);
        rewrite(canonical.resolve("contracts.csv"), book.resolve("Verträge.csv"),
                cells("Kunden-Nr.", "Beginn", "Ende", "Umsatz (€)", "Lizenzen", "Tarif"),
                r -> cells(r.get("account_id"), excelSerial(r.get("start_date")), excelSerial(r.get("end_date")),
                        r.get("arr"), r.get("seats"), r.get("plan") + " – jährlich"),
                ';', cp1252);
        assertThat(Files.readAllBytes(book.resolve("Kunden.csv"))).contains((byte) 0x80); // € in windows-1252
        mapping(book, """
                sources:
                  accounts:
                    file: Kunden.csv
                    delimiter: ";"
                    encoding: windows-1252
                    excel_dates: true
                    columns: {account_id: Kunden-Nr., account_name: Firma, arr: Umsatz (€), licensed_seats: Lizenzen,
                              contract_start: Kunde seit, renewal_date: Verlängerung, tier: Stufe, csm: Betreuer}
                  contracts:
                    file: Verträge.csv
                    delimiter: ";"
                    encoding: windows-1252
                    excel_dates: true
                    columns: {account_id: Kunden-Nr., start_date: Beginn, end_date: Ende, arr: Umsatz (€), seats: Lizenzen,
                              plan: Tarif}
                """);
        assertSameTables(extract(book));
    }

    /**
     * Items 2 and 3: a Salesforce-style account list without ARR beside contracts, and usage keyed
     * by subscription, with the account in a subscriptions table (two subscriptions per account).
     */
    @Test
    void subscriptionKeyedUsageAndAccountsWithoutArr() throws IOException {
        Path book = copy("billing");
        Files.delete(book.resolve("accounts.csv"));
        Files.delete(book.resolve("usage.csv"));
        rewrite(canonical.resolve("accounts.csv"), book.resolve("salesforce_accounts.csv"),
                cells("Account ID", "Account Name", "Customer Since", "Renewal Date", "Segment", "Account Owner"),
                r -> cells(r.get("account_id"), r.get("account_name"), r.get("contract_start"), r.get("renewal_date"),
                        r.get("tier"), r.get("csm")));
        rewrite(canonical.resolve("accounts.csv"), book.resolve("subscriptions.csv"),
                cells("Subscription Id", "Account", "Product"),
                r -> cells("SUB-" + r.get("account_id") + "-core", r.get("account_id"), "Core"));
        rewrite(canonical.resolve("usage.csv"), book.resolve("billing_usage.csv"),
                cells("sub_id", "ts", "user", "metric", "count", "failed"),
                r -> cells("SUB-" + r.get("account_id") + "-core", r.get("occurred_at"), r.get("user_id"), r.get("event"),
                        r.get("quantity"), r.get("errors")));
        mapping(book, """
                sources:
                  accounts:
                    file: salesforce_accounts.csv
                    columns: {account_id: Account ID, account_name: Account Name, contract_start: Customer Since,
                              renewal_date: Renewal Date, tier: Segment, csm: Account Owner}
                  usage:
                    file: billing_usage.csv
                    columns: {subscription_id: sub_id, occurred_at: ts, user_id: user, event: metric, quantity: count,
                              errors: failed}
                    lookups:
                      account_id: {table: subscriptions, on: subscription_id, key: id, value: account_id}
                tables:
                  subscriptions:
                    file: subscriptions.csv
                    columns: {id: Subscription Id, account_id: Account}
                """);
        assertSameTables(extract(book));
    }
}
