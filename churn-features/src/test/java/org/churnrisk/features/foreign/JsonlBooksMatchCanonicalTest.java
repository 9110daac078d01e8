package org.churnrisk.features.foreign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.churnrisk.features.foreign.ForeignBooksMatchCanonicalTest.extract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.churnrisk.core.features.FeatureTable;

/**
 * Item 5: JSON Lines exports made by code from the canonical book load through their mappings to
 * the same feature tables, bit for bit: a Mixpanel-style event export (nested {@code properties},
 * {@code distinct_id}, {@code time} in epoch seconds), a Segment-style gzipped one (ISO
 * timestamps, CRLF line ends, a byte-order mark, quantities as strings), an Amplitude-style
 * {@code .ndjson} with epoch milliseconds, and a Zendesk-style ticket export (JSON booleans,
 * numbers and nulls, a nested satisfaction rating left out when there is none).
 */
class JsonlBooksMatchCanonicalTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path canonical;
    static List<FeatureTable> expected;

    @BeforeAll
    static void canonicalBook() throws IOException {
        canonical = DerivedBooks.canonical(dir.resolve("canonical"));
        expected = extract(canonical);
    }

    private static Path copy(String name) throws IOException {
        Path book = Files.createDirectories(dir.resolve(name));
        try (var files = Files.list(canonical)) {
            for (Path f : files.toList()) {
                Files.copy(f, book.resolve(f.getFileName()));
            }
        }
        return book;
    }

    private static void mapping(Path book, String sources) throws IOException {
        Files.writeString(book.resolve("churn.yaml"), Files.readString(canonical.resolve("churn.yaml")) + sources);
    }

    /** The same tables as the canonical book's, bit for bit (the comparison of {@link ForeignBooksMatchCanonicalTest}). */
    private static void assertSameTables(List<FeatureTable> actual) {
        ForeignBooksMatchCanonicalTest.assertSameTables(expected, actual);
        assertThat(actual).allSatisfy(t -> assertThat(t.rows()).isGreaterThan(100));
    }

    /** Writes one JSON object per canonical row, LF or CRLF, optionally after a BOM and gzipped. */
    static void toJsonl(Path from, Path to, Function<Map<String, String>, ObjectNode> rows, String lineEnd,
                        boolean bom, boolean gzip) throws IOException {
        try (Reader reader = Files.newBufferedReader(from, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader);
             OutputStream file = Files.newOutputStream(to);
             OutputStream out = gzip ? new GZIPOutputStream(file, 1 << 16) : new java.io.BufferedOutputStream(file)) {
            if (bom) {
                out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            for (CSVRecord record : parser) {
                out.write(JSON.writeValueAsBytes(rows.apply(record.toMap())));
                out.write(lineEnd.getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    /** Epoch seconds of a canonical timestamp (an instant, or a date at the start of its UTC day). */
    static long epochSecond(String canonical) {
        return canonical.length() == 10 ? LocalDate.parse(canonical).atStartOfDay(ZoneOffset.UTC).toEpochSecond()
                : Instant.parse(canonical).getEpochSecond();
    }

    private static void putNumber(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, Long.parseLong(value));
        }
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value);
        }
    }

    @Test
    void mixpanelStyleEventsWithEpochSeconds() throws IOException {
        Path book = copy("mixpanel");
        Files.delete(book.resolve("usage.csv"));
        toJsonl(canonical.resolve("usage.csv"), book.resolve("mixpanel_export.jsonl"), r -> {
            ObjectNode o = JSON.createObjectNode();
            o.put("event", r.get("event"));
            ObjectNode p = o.putObject("properties");
            p.put("time", epochSecond(r.get("occurred_at")));
            putText(p, "distinct_id", r.get("user_id"));
            p.put("$insert_id", Integer.toHexString(r.hashCode()));
            p.putObject("$device").put("os", "Mac OS X").putArray("screens").add(1440).add(900);
            p.put("account", r.get("account_id"));
            putNumber(p, "count", r.get("quantity"));
            putNumber(p, "errors", r.get("errors"));
            return o;
        }, "\n", false, false);
        mapping(book, """
                sources:
                  usage:
                    file: mixpanel_export.jsonl
                    columns: {account_id: properties.account, occurred_at: properties.time,
                              user_id: properties.distinct_id, event: event, quantity: properties.count,
                              errors: properties.errors}
                    timestamp_patterns: [epoch_seconds]
                """);
        assertSameTables(extract(book));
    }

    @Test
    void segmentStyleGzippedEventsWithIsoTimestampsCrlfAndBom() throws IOException {
        Path book = copy("segment");
        Files.delete(book.resolve("usage.csv"));
        toJsonl(canonical.resolve("usage.csv"), book.resolve("tracks.jsonl.gz"), r -> {
            ObjectNode o = JSON.createObjectNode();
            o.put("type", "track");
            o.put("event", r.get("event"));
            o.put("timestamp", Instant.ofEpochSecond(epochSecond(r.get("occurred_at"))).toString());
            if (r.get("user_id").isBlank()) {
                o.putNull("userId");
            } else {
                o.put("userId", r.get("user_id"));
            }
            o.putObject("context").put("groupId", r.get("account_id")).putObject("library").put("name", "analytics.js");
            ObjectNode p = o.putObject("properties");
            putText(p, "quantity", r.get("quantity"));
            putText(p, "errors", r.get("errors"));
            return o;
        }, "\r\n", true, true);
        mapping(book, """
                sources:
                  usage:
                    file: tracks.jsonl.gz
                    columns: {account_id: context.groupId, occurred_at: timestamp, user_id: userId,
                              quantity: properties.quantity, errors: properties.errors}
                """);
        assertSameTables(extract(book));
    }

    @Test
    void amplitudeStyleNdjsonWithEpochMillis() throws IOException {
        Path book = copy("amplitude");
        Files.delete(book.resolve("usage.csv"));
        Files.createDirectories(book.resolve("usage"));
        toJsonl(canonical.resolve("usage.csv"), book.resolve("usage").resolve("export-0.ndjson"), r -> {
            ObjectNode o = JSON.createObjectNode();
            o.put("event_type", r.get("event"));
            o.put("time", epochSecond(r.get("occurred_at")) * 1000 + 250);
            putText(o, "user_id", r.get("user_id"));
            o.putObject("groups").put("company", r.get("account_id"));
            ObjectNode p = o.putObject("event_properties");
            putNumber(p, "quantity", r.get("quantity"));
            putNumber(p, "errors", r.get("errors"));
            return o;
        }, "\n", false, false);
        mapping(book, """
                sources:
                  usage:
                    columns: {account_id: groups.company, occurred_at: time, event: event_type,
                              quantity: event_properties.quantity, errors: event_properties.errors}
                    timestamp_patterns: [epoch_millis]
                """);
        assertSameTables(extract(book));
    }

    @Test
    void zendeskStyleTicketsAsJsonLines() throws IOException {
        Path book = copy("zendesk-jsonl");
        Files.delete(book.resolve("tickets.csv"));
        toJsonl(canonical.resolve("tickets.csv"), book.resolve("tickets.jsonl"), r -> {
            ObjectNode o = JSON.createObjectNode();
            o.put("id", r.get("ticket_id"));
            o.put("organization_id", r.get("account_id"));
            o.put("created_at", r.get("created_at"));
            if (r.get("resolved_at").isBlank()) {
                o.putNull("solved_at");
            } else {
                o.put("solved_at", r.get("resolved_at"));
            }
            o.put("priority", r.get("priority"));
            o.putObject("custom_fields").put("escalated", Boolean.parseBoolean(r.get("escalated")));
            if (!r.get("satisfaction").isBlank()) {
                o.putObject("satisfaction_rating").put("score", Integer.parseInt(r.get("satisfaction")));
            }
            o.putArray("tags").add("billing").add("vip");
            return o;
        }, "\n", false, false);
        mapping(book, """
                sources:
                  tickets:
                    columns: {ticket_id: id, account_id: organization_id, resolved_at: solved_at,
                              escalated: custom_fields.escalated, satisfaction: satisfaction_rating.score}
                """);
        assertSameTables(extract(book));
    }
}
