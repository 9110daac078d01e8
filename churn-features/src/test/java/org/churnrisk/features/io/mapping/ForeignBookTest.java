package org.churnrisk.features.io.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.BookSources;
import org.churnrisk.features.io.RecordCursor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The worked example of {@code docs/mapping.md}: the page shows exactly the files of
 * {@code src/test/resources/io/foreign-book}, and the mapping reads them.
 */
class ForeignBookTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    private static final Path BOOK = MODULE.resolve("src/test/resources/io/foreign-book");
    private static final Path DOC = MODULE.resolve("../docs/mapping.md");
    private static final String MARKER = "<!-- file: ";

    /** The code blocks that follow a {@code <!-- file: name -->} line in the page, by file name. */
    private static Map<String, String> documentedFiles() throws IOException {
        return documentedFiles(null);
    }

    /**
     * The code blocks that follow a {@code <!-- file: <book>/name -->} line, by file name: the
     * files of another example book of the page ({@code mapped-book/}); null for this one's files,
     * whose markers name no folder.
     */
    static Map<String, String> documentedFiles(String book) throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith(MARKER)) {
                continue;
            }
            String name = line.substring(MARKER.length(), line.indexOf(" -->"));
            if (book == null ? name.contains("/") : !name.startsWith(book)) {
                continue; // a file of another example book
            }
            name = book == null ? name : name.substring(book.length());
            assertThat(lines.get(i + 1)).as("a code block follows the marker of " + name).startsWith("```");
            StringBuilder block = new StringBuilder();
            int j = i + 2;
            while (!lines.get(j).equals("```")) {
                block.append(lines.get(j)).append('\n');
                j++;
            }
            files.put(name, block.toString());
        }
        return files;
    }

    static Stream<String> bookFiles() throws IOException {
        try (Stream<Path> files = Files.list(BOOK)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList().stream();
        }
    }

    @Test
    void thePageShowsEveryFileOfTheBook() throws IOException {
        assertThat(documentedFiles().keySet()).containsExactlyInAnyOrderElementsOf(bookFiles().toList());
    }

    @ParameterizedTest
    @MethodSource("bookFiles")
    void thePageShowsTheFileAsItIs(String name) throws IOException {
        String content = Files.readString(BOOK.resolve(name), StandardCharsets.UTF_8);
        String shown = content.replace("\uFEFF", "").replace("\r\n", "\n");
        assertThat(documentedFiles().get(name)).isEqualTo(shown);
    }

    @Test
    void theMixpanelExportsHaveTheBomAndCrlfThePageDescribes() throws IOException {
        byte[] bytes = Files.readAllBytes(BOOK.resolve("mixpanel_export_2025-03.csv"));
        assertThat(new String(bytes, 0, 3, StandardCharsets.ISO_8859_1)).isEqualTo("\u00EF\u00BB\u00BF");
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\r\n").doesNotContain("\n\n");
    }

    @Test
    void theMappingLoads() throws IOException {
        BookConfig config = BookConfig.forBook(BOOK);
        SourceMapping tickets = config.mapping(Source.TICKETS);
        assertThat(tickets.formats().zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(tickets.formats().timestampPatterns()).containsExactly("yyyy-MM-dd H:mm");
        assertThat(tickets.formats().datePatterns()).containsExactly("M/d/yyyy");
        assertThat(tickets.formats().trueSpellings()).containsExactly("Yes");
        assertThat(tickets.fileColumn("escalated")).isEqualTo("Escalated (Yes/No)");
        assertThat(config.mapping(Source.SURVEYS).files()).isEmpty();
        assertThat(config.mapping(Source.SURVEYS).formats().zone()).isEqualTo(ZoneId.of("America/New_York"));
    }

    private static List<RecordCursor> open(Source source) throws IOException {
        SourceMapping mapping = BookConfig.forBook(BOOK).mapping(source);
        List<RecordCursor> cursors = new ArrayList<>();
        for (Path file : BookSources.files(BOOK, mapping)) {
            cursors.add(BookSources.open(BOOK, file, mapping));
        }
        return cursors;
    }

    private static long utc(String instant) {
        return Instant.parse(instant).getEpochSecond();
    }

    @Test
    void readsTheMixpanelExportsInNameOrder() throws IOException {
        List<String> rows = new ArrayList<>();
        for (RecordCursor c : open(Source.USAGE)) {
            try (c) {
                while (c.next()) {
                    rows.add(c.location() + " " + c.text(0) + " " + Instant.ofEpochSecond(c.epochSecond(1)) + " "
                            + c.text(2) + " " + c.text(3) + " " + c.integer(4) + " " + c.present(5));
                }
            }
        }
        assertThat(rows).containsExactly(
                "mixpanel_export_2025-03.csv line 2 ACME-001 2025-03-04T14:02:00Z dana@acme.example Login 3 false",
                "mixpanel_export_2025-03.csv line 3 ACME-001 2025-03-04T19:30:00Z dana@acme.example Report Export 12 false",
                "mixpanel_export_2025-03.csv line 4 GLOBEX-7 2025-03-09T07:45:00Z sam@globex.example Login 1 false",
                "mixpanel_export_2025-03.csv line 5 INITECH 2025-04-01T03:59:00Z null Integration Sync 40 false",
                "mixpanel_export_2025-04.csv line 2 ACME-001 2025-04-01T04:15:00Z lee@acme.example Login 1 false",
                "mixpanel_export_2025-04.csv line 3 INITECH 2025-04-01T10:00:00Z null Integration Sync 38 false");
    }

    @Test
    void readsTheZendeskTickets() throws IOException {
        List<RecordCursor> cursors = open(Source.TICKETS);
        assertThat(cursors).hasSize(1);
        try (RecordCursor c = cursors.get(0)) {
            assertThat(c.next()).isTrue();
            assertThat(c.text(0)).isEqualTo("5001");
            assertThat(c.epochSecond(2)).isEqualTo(utc("2025-03-04T15:15:00Z"));
            assertThat(c.epochSecond(3)).isEqualTo(utc("2025-03-05T21:00:00Z"));
            assertThat(c.text(4)).isEqualTo("High");
            assertThat(c.bool(5)).isFalse();
            assertThat(c.integer(6)).isEqualTo(4);
            assertThat(c.next()).isTrue();
            assertThat(c.text(1)).isEqualTo("INITECH");
            assertThat(c.epochSecond(2)).isEqualTo(utc("2025-03-10T12:00:00Z"));
            assertThat(c.isBlank(3)).isTrue();
            assertThat(c.bool(5)).isTrue();
            assertThat(c.isBlank(6)).isTrue();
            assertThat(c.next()).isTrue();
            assertThat(c.next()).isFalse();
        }
    }

    @Test
    void readsTheSalesforceAccounts() throws IOException {
        try (RecordCursor c = open(Source.ACCOUNTS).get(0)) {
            assertThat(c.next()).isTrue();
            assertThat(c.text(0)).isEqualTo("ACME-001");
            assertThat(c.decimal(2)).isEqualTo(42_000.0);
            assertThat(c.integer(3)).isEqualTo(60);
            assertThat(c.epochDay(4)).isEqualTo(LocalDate.of(2021, 4, 1).toEpochDay());
            assertThat(c.epochDay(5)).isEqualTo(LocalDate.of(2026, 4, 1).toEpochDay());
            assertThat(c.text(6)).isEqualTo("Growth");
            assertThat(c.text(7)).isEqualTo("Dana Lee");
            assertThat(c.next()).isTrue();
            assertThat(c.isBlank(3)).isTrue();
            assertThat(c.isBlank(5)).isTrue();
            assertThat(c.next()).isTrue();
            assertThat(c.text(1)).isEqualTo("Initech, Inc.");
        }
    }

    @Test
    void readsTheSurveysWithTheContractsNamesInTheBooksZone() throws IOException {
        try (RecordCursor c = open(Source.SURVEYS).get(0)) {
            assertThat(c.next()).isTrue();
            assertThat(c.epochSecond(1)).isEqualTo(utc("2025-02-20T09:30:00Z"));
            assertThat(c.next()).isTrue();
            assertThat(c.epochSecond(1)).isEqualTo(utc("2025-03-12T04:00:00Z"));
        }
    }

    @Test
    void aTicketTimeInAnotherFormatGetsTheMessageThePageShows(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("zendesk_tickets.csv");
        Files.writeString(file, "Id,Organization,Created at\n5001,ACME-001,2025-03-04 10:15\n"
                + "5002,INITECH,2025-03-10 8:00 PM\n");
        String expected = "zendesk_tickets.csv line 3: column 'created_at' ('Created at') value '2025-03-10 8:00 PM'"
                + " is not a timestamp (expected ISO-8601 such as 2025-03-04T10:15:30Z, or yyyy-MM-dd H:mm or M/d/yyyy)";
        SourceMapping mapping = BookConfig.forBook(BOOK).mapping(Source.TICKETS);
        try (RecordCursor c = BookSources.open(dir, file, mapping)) {
            assertThat(c.next()).isTrue();
            assertThat(c.next()).isTrue();
            assertThatThrownBy(() -> c.epochSecond(2)).hasMessage(expected);
        }
        assertThat(Files.readString(DOC)).contains(expected);
    }
}
