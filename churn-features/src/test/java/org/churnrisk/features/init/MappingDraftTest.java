package org.churnrisk.features.init;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.BookSettings;
import org.churnrisk.features.validate.BookValidator;
import org.churnrisk.features.validate.SourceReport;
import org.churnrisk.features.validate.ValidationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MappingDraft} on folders of exports in other tools' shapes: the draft validates them, or says what it could not decide. */
class MappingDraftTest {
    @TempDir
    Path tmp;

    private static Path resource(String name) {
        return Path.of("src/test/resources", name);
    }

    /** Copies a book without its churn.yaml, as a folder of exports never seen. */
    private Path exports(Path from) throws IOException {
        Path to = tmp.resolve("book");
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals("churn.yaml")) {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private static ValidationReport validate(Path book, MappingDraft draft) throws IOException {
        Path yaml = book.resolve("churn.yaml");
        draft.write(yaml);
        BookSettings settings = BookSettings.forBook(book, yaml);
        return BookValidator.create(settings.mapping(), settings.features()).validate(book);
    }

    private static void write(Path file, String text, Charset charset) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, text.getBytes(charset));
    }

    @Test
    void draftOfTheMappedBookValidatesItWithNoRejectedRow() throws IOException {
        Path book = exports(resource("io/mapped-book"));
        MappingDraft draft = MappingDraft.infer(book, MappingDraft.DEFAULT_SAMPLE_ROWS);
        ValidationReport report = validate(book, draft);

        assertThat(report.invalidRows()).isZero();
        assertThat(report.valid()).isTrue();
        assertThat(draft.yaml()).contains("delimiter: \";\"", "encoding: windows-1252", "excel_dates: true",
                "\"P1\": urgent", "\"medium\": normal", "\"Basis\": starter",
                "from_accounts: {flag: \"Gekündigt\", date: \"Kündigungsdatum\"}",
                "account_id: {table: subscriptions, on: \"Subscription Id\", key: id, value: account_id}");
    }

    @Test
    void draftOfTheForeignBookValidatesIt() throws IOException {
        Path book = exports(resource("io/foreign-book"));
        MappingDraft draft = MappingDraft.infer(book, MappingDraft.DEFAULT_SAMPLE_ROWS);
        ValidationReport report = validate(book, draft);

        assertThat(report.invalidRows()).isZero();
        assertThat(draft.yaml()).contains("timestamp_patterns: [\"M/d/yyyy H:mm\"]", "files: [\"mixpanel_export_*-*.csv\"]",
                "every value also reads as d/M/yyyy");
        assertThat(draft.todos()).anyMatch(t -> t.startsWith("zone:"));
    }

    /**
     * A Salesforce account list without ARR beside an opportunities export, Zendesk tickets with
     * P-levels and a status column, Gainsight timeline activities with one type no guess covers,
     * and a ;-separated Windows-1252 survey export with day-first dates.
     */
    private Path salesforceBook() throws IOException {
        Path book = tmp.resolve("sf");
        write(book.resolve("Account_export.csv"), """
                Id,Account Name,Customer Since,Next Renewal Date,Customer Tier,Account Owner,Churned,Churn Date
                001A,Acme,2023-04-01,2026-04-01,Enterprise,Dana,false,
                001B,Globex,2022-01-15,,SMB,Sam,true,2025-02-01
                001C,Initech,2024-06-01,2025-06-01,Mid-Market,Dana,false,
                """, StandardCharsets.UTF_8);
        write(book.resolve("Opportunity_export.csv"), """
                Opportunity ID,Account ID,Service Start Date,Service End Date,Amount,Quantity,Product Name
                006A,001A,2024-04-01,2025-04-01,90000,100,Enterprise
                006B,001A,2025-04-01,2026-04-01,95000,110,Enterprise
                006C,001B,2024-01-15,2025-01-15,4000,5,Starter
                006D,001C,2024-06-01,2025-06-01,20000,20,Growth
                """, StandardCharsets.UTF_8);
        write(book.resolve("zendesk_tickets.csv"), """
                Ticket ID,Organization ID,Created,Solved,Priority,Status
                51,001A,2025-03-01T10:00:00Z,2025-03-02T10:00:00Z,P2,solved
                52,001C,2025-03-04T10:00:00Z,,P1,open
                53,001C,2025-03-05T10:00:00Z,2025-03-05T12:00:00Z,P4,closed
                """, StandardCharsets.UTF_8);
        write(book.resolve("gainsight_timeline.csv"), """
                Company ID,Activity Date,Activity Type
                001A,2025-03-01,Zoom call
                001A,2025-03-08,Email sent
                001C,2025-03-09,Business review
                001C,2025-03-10,Lunch
                """, StandardCharsets.UTF_8);
        write(book.resolve("nps_umfrage.csv"), "Account;Response Date;Survey Type;Score;Respondent\r\n"
                + "001A;13.03.2025;NPS;9;Jörg\r\n001C;20.03.2025;NPS;3;Zoë\r\n", Charset.forName("windows-1252"));
        write(book.resolve("mixpanel_usage.csv"), """
                Company ID,Time,Distinct ID,Event Name
                001A,2025-03-01T09:00:00Z,u1,Login
                001C,2025-03-02T09:00:00Z,u2,Report Built
                """, StandardCharsets.UTF_8);
        return book;
    }

    @Test
    void draftOfASalesforceStyleBookReadsArrFromOpportunitiesAndSaysWhatItCouldNotMap() throws IOException {
        Path book = salesforceBook();
        MappingDraft draft = MappingDraft.infer(book, MappingDraft.DEFAULT_SAMPLE_ROWS);

        ValidationReport report = validate(book, draft);

        assertThat(draft.yaml()).contains("file: \"Opportunity_export.csv\"", "arr: \"Amount\"",
                "\"P1\": urgent", "\"P2\": high", "\"P4\": low", "\"Zoom call\": call", "\"Email sent\": email",
                "\"Business review\": qbr", "encoding: windows-1252", "delimiter: \";\"", "date_patterns: [\"d.M.yyyy\"]",
                "from_accounts: {flag: \"Churned\", date: \"Churn Date\"}", "\"SMB\": starter");
        assertThat(draft.todos()).anyMatch(t -> t.contains("touchpoints.kind") && t.contains("Lunch"));
        // Only the touchpoint no guess covers is rejected; every other row of every source is read.
        assertThat(report.source(Source.TOUCHPOINTS).rows().rejected()).isEqualTo(1);
        assertThat(report.invalidRows()).isEqualTo(1);
        for (Source s : new Source[] {Source.ACCOUNTS, Source.USAGE, Source.TICKETS, Source.SURVEYS, Source.CONTRACTS,
            Source.CHURN}) {
            assertThat(report.source(s).status()).as(s.toString()).isNotEqualTo(SourceReport.Status.MISSING);
        }
    }

    @Test
    void draftOfTheJsonLinesBookValidatesItWithNoRejectedRow() throws IOException {
        Path book = exports(resource("io/jsonl-book"));
        MappingDraft draft = MappingDraft.infer(book, MappingDraft.DEFAULT_SAMPLE_ROWS);
        ValidationReport report = validate(book, draft);

        assertThat(report.valid()).as(draft.yaml()).isTrue();
        assertThat(report.invalidRows()).isZero();
        assertThat(report.source(Source.USAGE).files()).containsExactly("events.jsonl");
        assertThat(report.source(Source.USAGE).rows().accepted()).isEqualTo(4);
        assertThat(report.source(Source.TICKETS).rows().accepted()).isEqualTo(2);
        assertThat(draft.yaml()).contains("account_id: \"properties.account\"", "user_id: \"properties.distinct_id\"",
                "occurred_at: \"properties.time\"   # 4 of 4 values parse as seconds since the epoch",
                "quantity: \"properties.count\"", "timestamp_patterns: [\"epoch_seconds\"]",
                "account_id: \"organization_id\"", "resolved_at: \"solved_at\"", "escalated: \"custom.escalated\"",
                "satisfaction: \"satisfaction_rating.score\"", "evidence from all 4 records of events.jsonl");
    }

    @Test
    void epochMillisecondsInAGzippedExportAreDraftedAsSuch() throws IOException {
        Path book = exports(resource("io/jsonl-book"));
        Files.delete(book.resolve("events.jsonl"));
        String events = "{\"event_type\":\"login\",\"user_id\":\"u1\",\"event_time\":1744618500000,"
                + "\"user_properties\":{\"account_id\":\"ACME-001\"}}\n"
                + "{\"event_type\":\"report_export\",\"user_id\":\"u2\",\"event_time\":1744295400250,"
                + "\"user_properties\":{\"account_id\":\"INITECH\"},\"groups\":[\"a\",\"b\"]}\n";
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(book.resolve("amplitude.jsonl.gz")))) {
            out.write(events.getBytes(StandardCharsets.UTF_8));
        }

        MappingDraft draft = MappingDraft.infer(book, 100);
        ValidationReport report = validate(book, draft);

        assertThat(draft.yaml()).contains("file: \"amplitude.jsonl.gz\"", "timestamp_patterns: [\"epoch_millis\"]",
                "account_id: \"user_properties.account_id\"", "event: \"event_type\"")
                .doesNotContain("groups");
        assertThat(report.invalidRows()).isZero();
        assertThat(report.source(Source.USAGE).rows().accepted()).isEqualTo(2);
    }

    @Test
    void aLineThatIsNotJsonIsNamedInTheDraft() throws IOException {
        Path book = exports(resource("io/jsonl-book"));
        Files.writeString(book.resolve("events.jsonl"), "{\"event\":\"login\"\n",
                java.nio.file.StandardOpenOption.APPEND);

        MappingDraft draft = MappingDraft.infer(book, 100);

        assertThat(draft.todos()).anyMatch(t -> t.contains("events.jsonl: 1 of the 5 sampled lines are not one JSON"
                + " object each (the first: line 5 is not valid JSON)"));
    }

    @Test
    void aColumnNamePrefixMustEndAtAWord() throws IOException {
        Path book = salesforceBook();
        // "times" is one of quantity's names: it must not take "Timestamp UTC" (numbers: seconds since the
        // epoch), but may take "Times Used".
        write(book.resolve("mixpanel_usage.csv"), """
                Company ID,Time,Timestamp UTC,Distinct ID,Event Name
                001A,2025-03-01T09:00:00Z,1740819600,u1,Login
                001C,2025-03-02T09:00:00Z,1740906000,u2,Report Built
                """, StandardCharsets.UTF_8);
        String withoutCount = MappingDraft.infer(book, MappingDraft.DEFAULT_SAMPLE_ROWS).yaml();
        write(book.resolve("mixpanel_usage.csv"), """
                Company ID,Time,Distinct ID,Event Name,Times Used
                001A,2025-03-01T09:00:00Z,u1,Login,3
                001C,2025-03-02T09:00:00Z,u2,Report Built,1
                """, StandardCharsets.UTF_8);
        MappingDraft withCount = MappingDraft.infer(book, MappingDraft.DEFAULT_SAMPLE_ROWS);

        assertThat(withoutCount).doesNotContain("quantity: \"Timestamp UTC\"");
        assertThat(withCount.yaml()).contains("quantity: \"Times Used\"");
        assertThat(validate(book, withCount).source(Source.USAGE).rows().rejected()).isZero();
        assertThat(Synonyms.startsWithWords("event_count_total", "eventcount")).isTrue();
        assertThat(Synonyms.startsWithWords("EventCount", "eventcount")).isTrue();
        assertThat(Synonyms.startsWithWords("timestamp", "times")).isFalse();
        assertThat(Synonyms.startsWithWords("eventcounter", "eventcount")).isFalse();
    }
}
