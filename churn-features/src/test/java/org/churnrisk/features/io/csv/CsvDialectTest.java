package org.churnrisk.features.io.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.mapping.CsvDialect;
import org.churnrisk.features.io.mapping.SourceMapping;
import org.churnrisk.features.io.values.ValueFormats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CSV dialects: another delimiter (quoted values may hold it) and single-byte encodings decoded to
 * UTF-8, with buffers so small that rows, quoted values and decoded characters cross refills.
 */
class CsvDialectTest {
    private static final String ROWS = "account_id{d}account_name{d}arr{d}csm\n"
            + "A-1{d}\"Müller{d} Söhne & Cie\"{d}1000{d}Jörg\n"
            + "A-2{d}\"Société \"\"Générale\"\"\"{d}2000{d}Anaïs Roux\n"
            + "A-3{d}Øresund{d}3000{d}\n";

    @TempDir
    Path dir;

    private static List<String> read(Path file, CsvDialect dialect, int bufferBytes) throws IOException {
        SourceMapping mapping = new SourceMapping(Source.ACCOUNTS, List.of(), Map.of(), ValueFormats.DEFAULT, Map.of(),
                Map.of(), dialect);
        List<String> rows = new ArrayList<>();
        try (CsvCursor c = new CsvCursor(file, file.getFileName().toString(), mapping, bufferBytes)) {
            while (c.next()) {
                rows.add(c.line() + "|" + c.text(0) + "|" + c.text(1) + "|" + c.decimal(2) + "|" + c.text(7));
            }
        }
        return rows;
    }

    @ParameterizedTest(name = "buffer of {0} bytes")
    @ValueSource(ints = {16, 17, 19, 64, 256 * 1024})
    void aSemicolonWindows1252FileReadsAsTheCommaUtf8One(int bufferBytes) throws IOException {
        Path utf8 = dir.resolve("accounts.csv");
        Files.writeString(utf8, ROWS.replace("{d}", ","), StandardCharsets.UTF_8);
        Path cp1252 = dir.resolve("accounts_eu.csv");
        Files.write(cp1252, ROWS.replace("{d}", ";").replace("\n", "\r\n").getBytes(Charset.forName("windows-1252")));

        List<String> expected = read(utf8, CsvDialect.DEFAULT, 256 * 1024);
        assertThat(expected).containsExactly("2|A-1|Müller, Söhne & Cie|1000.0|Jörg",
                "3|A-2|Société \"Générale\"|2000.0|Anaïs Roux", "4|A-3|Øresund|3000.0|null");
        List<String> semicolons = read(cp1252, new CsvDialect(';', Charset.forName("windows-1252")), bufferBytes);
        assertThat(semicolons).containsExactlyElementsOf(expected.stream().map(r -> r.replace(",", ";")).toList());
    }

    @Test
    void iso88591AndATabDelimiterReadToo() throws IOException {
        Path file = dir.resolve("accounts.tsv.csv");
        Files.write(file, "account_id\tarr\nA-\u00e9\t5\n".getBytes(StandardCharsets.ISO_8859_1));
        List<String> rows = new ArrayList<>();
        SourceMapping mapping = new SourceMapping(Source.ACCOUNTS, List.of(), Map.of(), ValueFormats.DEFAULT, Map.of(),
                Map.of(), new CsvDialect('\t', StandardCharsets.ISO_8859_1));
        try (CsvCursor c = new CsvCursor(file, mapping)) {
            while (c.next()) {
                rows.add(c.text(0) + " " + c.integer(2));
            }
        }
        assertThat(rows).containsExactly("A-é 5");
    }

    @Test
    void theWindows1252BytesWithoutACharacterReadAsTheirControlCharacters() throws IOException {
        Path file = dir.resolve("accounts.csv");
        Files.write(file, new byte[] {'a', 'c', 'c', 'o', 'u', 'n', 't', '_', 'i', 'd', '\n', 'A', (byte) 0x81, '\n'});
        SourceMapping mapping = new SourceMapping(Source.ACCOUNTS, List.of(), Map.of(), ValueFormats.DEFAULT, Map.of(),
                Map.of(), new CsvDialect(',', Charset.forName("windows-1252")));
        try (CsvCursor c = new CsvCursor(file, mapping)) {
            assertThat(c.next()).isTrue();
            assertThat(c.text(0)).isEqualTo("A\u0081");
        }
    }
}
