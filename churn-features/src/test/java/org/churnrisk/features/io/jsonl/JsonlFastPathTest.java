package org.churnrisk.features.io.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.mapping.SourceMapping;
import org.churnrisk.features.io.values.Hashing;
import org.churnrisk.features.io.values.ValueFormats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The byte scanner of {@link JsonlCursor} gives what Jackson gives: for each line below, read once
 * with the scanner (falling back to Jackson where it must) and once with Jackson only, every
 * accessor of every column returns the same value or throws the same message, as do
 * {@code next()}, the location and the raw row. Every accessor is asked of every column, whatever
 * the column's type, so that each value meets each parser. Two mappings: one with epoch seconds, a
 * date pattern and the default booleans; one without epoch numbers, with Excel dates and a boolean
 * spelling with a space in it.
 */
class JsonlFastPathTest {
    /** Nine columns of accounts, at the top level, one and two objects deep, and under a non-ASCII name. */
    private static final Map<String, String> PATHS = Map.of(
            "account_id", "id",
            "account_name", "p.name",
            "arr", "p.arr",
            "licensed_seats", "p.deep.seats",
            "contract_start", "start",
            "renewal_date", "p.renewal",
            "tier", "tier",
            "csm", "p.csm",
            "ae", "\u00e4.ae");
    private static final SourceMapping EPOCHS = new SourceMapping(Source.ACCOUNTS, List.of(), PATHS,
            new ValueFormats(ZoneId.of("UTC"), List.of("dd-MM-yyyy"), List.of("epoch_seconds"),
                    List.of("true", "yes", "y", "1"), List.of("false", "no", "n", "0")));
    private static final SourceMapping EXCEL = new SourceMapping(Source.ACCOUNTS, List.of(), PATHS,
            new ValueFormats(ZoneId.of("Europe/Berlin"), List.of(), List.of("yyyy-MM-dd H:mm"),
                    List.of("true", "ok "), List.of("false", "NEIN"), true));

    @TempDir
    Path dir;

    static Stream<Arguments> lines() {
        List<Arguments> cases = new ArrayList<>();
        for (String[] c : LINES) {
            cases.add(Arguments.of(c[0], utf8(c[1] + "\n")));
        }
        cases.add(Arguments.of("CRLF, blank lines and a BOM", utf8("\uFEFF{\"id\": \"A-1\"}\r\n\r\n  \t \r\n"
                + "{\"id\": \"A-2\", \"p\": {\"arr\": 5}}\r\n{\"id\": \"A-3\"}")));
        cases.add(Arguments.of("a BOM on a later line", utf8("{\"id\": \"A-1\"}\n\uFEFF{\"id\": \"A-2\"}\n")));
        cases.add(Arguments.of("a last line without a line end", utf8("{\"id\": \"A-1\"}\n{\"id\": \"A-2\"}")));
        cases.add(Arguments.of("an object nested deeper than the scanner goes", utf8("{\"x\": " + "[".repeat(80)
                + "]".repeat(80) + ", \"id\": \"A\"}\n")));
        cases.add(Arguments.of("an object nested deeper than Jackson allows", utf8("{\"x\": " + "[".repeat(1200)
                + "]".repeat(1200) + ", \"id\": \"A\"}\n")));
        cases.add(Arguments.of("a number longer than the scanner reads", utf8("{\"id\": " + "7".repeat(150)
                + ", \"x\": " + "9".repeat(150) + "}\n")));
        cases.add(Arguments.of("a number longer than Jackson allows", utf8("{\"x\": " + "9".repeat(1200) + "}\n")));
        cases.add(Arguments.of("a field name longer than the scanner reads", utf8("{\"" + "n".repeat(1500)
                + "\": 1, \"id\": \"A\"}\n")));
        cases.add(Arguments.of("digits longer than the parsers' scratch buffer", utf8("{\"id\": \"" + "0".repeat(70)
                + "12\", \"p\": {\"arr\": \"" + "0".repeat(70) + "1.5\"}, \"start\": " + "0".repeat(1) + "}\n")));
        cases.add(Arguments.of("a long string of a timestamp and spaces", utf8("{\"start\": \"2025-03-04T10:15:30Z"
                + " ".repeat(80) + "x\"}\n")));
        cases.add(Arguments.of("invalid UTF-8 in a mapped string", bytes("{\"id\": \"A", 0xC3, "\"}\n")));
        cases.add(Arguments.of("invalid UTF-8 in a skipped string", bytes("{\"x\": \"A", 0xFF, "\", \"id\": \"B\"}\n")));
        cases.add(Arguments.of("an overlong UTF-8 form", bytes("{\"id\": \"A", 0xC0, 0x80, "\"}\n")));
        cases.add(Arguments.of("a surrogate in UTF-8", bytes("{\"x\": \"A", 0xED, 0xA0, 0x80, "\", \"id\": \"B\"}\n")));
        cases.add(Arguments.of("a code point above U+10FFFF", bytes("{\"x\": \"", 0xF4, 0x90, 0x80, 0x80,
                "\", \"id\": \"B\"}\n")));
        cases.add(Arguments.of("a truncated UTF-8 sequence at the end of a name", bytes("{\"i", 0xE2, 0x82,
                "\": 1, \"id\": \"B\"}\n")));
        cases.add(Arguments.of("a raw control character in a skipped string", bytes("{\"x\": \"a", 0x01,
                "b\", \"id\": \"B\"}\n")));
        cases.add(Arguments.of("a NUL between tokens", bytes("{\"id\": \"B\",", 0x00, " \"x\": 1}\n")));
        cases.add(Arguments.of("a non-ASCII byte between tokens", bytes("{\"id\": \"B\",", 0xC3, 0xA4,
                " \"x\": 1}\n")));
        return cases.stream();
    }

    /** Name, then the line; Java escapes make the file's bytes, JSON escapes are written {@code \\}. */
    private static final String[][] LINES = {
        {"a flat object", "{\"id\":\"A-1\",\"tier\":\"growth\",\"start\":\"2024-01-01\"}"},
        {"nested objects", "{\"id\": \"A-1\", \"p\": {\"name\": \"Acme\", \"arr\": 1200.5, \"deep\": {\"seats\": 12},"
            + " \"csm\": \"kim\", \"renewal\": \"2026-01-31\"}, \"\u00e4\": {\"ae\": \"Jo\"}}"},
        {"a top-level field named like a dotted path", "{\"p.name\": \"no\", \"id\": \"A\", \"\u00e4.ae\": \"no\"}"},
        {"a mapped path's parent is not an object", "{\"p\": 5, \"id\": \"A\"}"},
        {"a mapped path's parent is an array", "{\"p\": [{\"name\": \"x\"}], \"id\": \"A\"}"},
        {"a mapped path's parent is null", "{\"p\": null, \"\u00e4\": \"s\", \"id\": \"A\"}"},
        {"a mapped path's parent twice with other fields", "{\"p\": {\"name\": \"a\"}, \"p\": {\"arr\": 1}, \"id\": \"A\"}"},
        {"a mapped path's parent twice with the same field", "{\"p\": {\"name\": \"a\"}, \"p\": {\"name\": \"b\"}}"},
        {"a mapped field twice", "{\"id\": \"A\", \"tier\": \"growth\", \"id\": \"B\"}"},
        {"a nested mapped field twice", "{\"p\": {\"deep\": {\"seats\": 1, \"seats\": 2}}}"},
        {"a mapped field twice, the second null", "{\"id\": \"A\", \"id\": null}"},
        {"an unmapped field twice", "{\"x\": 1, \"id\": \"A\", \"x\": 2}"},
        {"an escape in a mapped string", "{\"id\": \"A\\\"1\", \"p\": {\"name\": \"Tab\\there\"}}"},
        {"a unicode escape in a mapped string", "{\"id\": \"\\u00c5sa\", \"tier\": \" \\u3000growth\\u3000\"}"},
        {"escapes in skipped strings", "{\"id\": \"A\", \"note\": \"a\\\\b\\\"c\\u00e9\\n\\/\\b\\f\\r\\t\","
            + " \"p\": {\"x\": \"\\/\", \"arr\": 3}}"},
        {"an escape in a name of a mapped object", "{\"i\\u0064\": \"A\", \"tier\": \"growth\"}"},
        {"an escape in a name of a skipped object", "{\"x\": {\"a\\\"b\": 1}, \"id\": \"A\"}"},
        {"an invalid escape in a skipped string", "{\"x\": \"a\\qb\", \"id\": \"A\"}"},
        {"a short unicode escape", "{\"x\": \"a\\u12\", \"id\": \"A\"}"},
        {"an escaped lone surrogate in a skipped string", "{\"x\": \"\\ud800\", \"id\": \"A\"}"},
        {"UTF-8 in mapped values", "{\"id\": \"\u00c5sa-\u00fc\", \"p\": {\"name\": \"\u65e5\u672c\u8a9e \","
            + " \"csm\": \"\ud83d\ude00 smile\"}, \"tier\": \"\u00e9\"}"},
        {"UTF-8 in field names and skipped values", "{\"\u00e9v\u00e9nement\": \"\u00e7a\", \"id\": \"A\","
            + " \"\ud83d\ude00\": [\"\u4e2d\"]}"},
        {"Unicode whitespace at the ends of values", "{\"id\": \"\u3000A\u3000\", \"tier\": \"\u2028growth\u2029\","
            + " \"csm\": \"\u00a0kim\u00a0\", \"p\": {\"name\": \"\u2003\"}, \"start\": \" \u20032024-01-01\u2003 \"}"},
        {"non-ASCII inside, ASCII at the ends", "{\"id\": \"A\u00e9B\", \"start\": \"2024-01-01\u00e9\u00e9 x\","
            + " \"tier\": \"ye\u017f\"}"},
        {"spaces around values", "{\"id\": \"  A-1  \", \"tier\": \"   \", \"csm\": \"\", \"start\": \" 2024-01-01 \"}"},
        {"whitespace everywhere", "{ \t\"id\" \t: \t\"A\" \r, \"p\" :{ \"arr\" :1 ,\"deep\":{ }} , \"x\" : [ ] \t}"},
        {"arrays and objects skipped at depth", "{\"x\": [1, [2, {\"a\": [true, false, null, \"s\", -1.5e3]}], {}],"
            + " \"id\": \"A\", \"y\": {\"z\": {\"w\": [], \"v\": {}}}, \"p\": {\"q\": [[[]]], \"arr\": 2}}"},
        {"an empty object", "{}"},
        {"an empty object with spaces", "{   }"},
        {"whole numbers", "{\"id\": 0, \"tier\": -0, \"csm\": 12, \"start\": -12, \"p\": {\"arr\": 9223372036854775807,"
            + " \"name\": 9223372036854775808, \"deep\": {\"seats\": -9223372036854775808}, \"renewal\": 45720}}"},
        {"decimal numbers", "{\"id\": 1.5, \"tier\": -1.50, \"csm\": 3.0, \"start\": 0.25, \"p\": {\"arr\": 12500.50,"
            + " \"name\": 1.0000000000000002, \"deep\": {\"seats\": 45720.5}, \"renewal\": -0.0}}"},
        {"numbers with exponents", "{\"id\": 1e5, \"tier\": 1E+5, \"csm\": 1.5e-3, \"start\": -0.0e0, \"p\": {\"arr\":"
            + " 1.25E7, \"name\": 2e400, \"deep\": {\"seats\": 1e-400}, \"renewal\": 1741083330E0}}"},
        {"epoch numbers", "{\"id\": 1741083330, \"start\": 1741083330.25, \"tier\": 1741083330250, \"csm\": -1}"},
        {"a very long whole number", "{\"id\": 123456789012345678901234567890, \"tier\": \"123456789012345678901\"}"},
        {"numbers as strings", "{\"id\": \"42\", \"tier\": \" 1.5 \", \"csm\": \"+7\", \"start\": \"1e3\","
            + " \"p\": {\"arr\": \"3.000\"}}"},
        {"timestamps and dates as strings", "{\"id\": \"2025-03-04T10:15:30Z\", \"tier\": \"2025-03-04\","
            + " \"csm\": \"04-03-2025\", \"start\": \"2025-03-04 10:15:30.250+01:00\", \"p\": {\"arr\":"
            + " \"2025-03-04 9:30\", \"renewal\": \"2025-13-01\"}}"},
        {"booleans", "{\"id\": true, \"tier\": false, \"csm\": \"yes\", \"start\": \"Y\", \"p\": {\"arr\": \"ok\","
            + " \"name\": \"NEIN\", \"renewal\": \"nein\", \"deep\": {\"seats\": \"TRUE\"}}, \"\u00e4\": {\"ae\": \"0\"}}"},
        {"nulls", "{\"id\": null, \"tier\": null, \"p\": {\"arr\": null, \"deep\": null}}"},
        {"missing fields", "{\"x\": \"A\", \"p\": {\"y\": 1}}"},
        {"a mapped value that is an object", "{\"id\": {\"x\": 1}, \"tier\": {}, \"p\": {\"name\": {\"a\": [1]}}}"},
        {"a mapped value that is an array", "{\"id\": [1], \"tier\": [], \"p\": {\"arr\": [\"a\", {\"b\": 2}]}}"},
        {"not an object: an array", "[1, \"A\"]"},
        {"not an object: a string", "\"A\""},
        {"not an object: a number", "5"},
        {"not an object: null", "null"},
        {"text after the object", "{\"id\": \"A\"} x"},
        {"a second object", "{\"id\": \"A\"}{}"},
        {"a close bracket after the object", "{\"id\": \"A\"}]"},
        {"an unterminated string", "{\"id\": \"A}"},
        {"an unterminated object", "{\"id\": \"A\""},
        {"an unterminated nested object", "{\"id\": \"A\", \"p\": {\"arr\": 1"},
        {"a missing colon", "{\"id\" \"A\"}"},
        {"a missing comma", "{\"id\": \"A\" \"tier\": \"b\"}"},
        {"a trailing comma in an object", "{\"id\": \"A\",}"},
        {"a trailing comma in an array", "{\"x\": [1,], \"id\": \"A\"}"},
        {"a missing value", "{\"id\": }"},
        {"a leading zero", "{\"id\": 01}"},
        {"a leading zero in a skipped value", "{\"x\": 00, \"id\": \"A\"}"},
        {"a decimal point without digits", "{\"id\": 1.}"},
        {"a leading decimal point", "{\"id\": .5}"},
        {"a plus sign", "{\"id\": +1}"},
        {"a minus without digits", "{\"id\": -}"},
        {"an exponent without digits", "{\"id\": 1e}"},
        {"NaN", "{\"id\": NaN}"},
        {"Infinity", "{\"x\": -Infinity, \"id\": \"A\"}"},
        {"a number followed by a letter", "{\"id\": 12a}"},
        {"a misspelled literal", "{\"id\": tru}"},
        {"a literal followed by a letter", "{\"id\": truex}"},
        {"a literal followed by a digit", "{\"x\": null1, \"id\": \"A\"}"},
        {"single quotes", "{'id': 'A'}"},
        {"an unquoted name", "{id: \"A\"}"},
        {"a comment", "{\"id\": \"A\" /* c */}"},
        {"a raw tab in a mapped string", "{\"id\": \"A\tB\"}"},
        {"a close brace for a bracket", "{\"x\": [1}, \"id\": \"A\"}"},
        {"a lone close brace", "}"},
        {"an object as a name", "{{\"id\": \"A\"}: 1}"},
    };

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void theScannerAndJacksonAgreeOnEveryAccessor(String what, byte[] content) throws IOException {
        for (SourceMapping mapping : List.of(EPOCHS, EXCEL)) {
            Path file = dir.resolve("accounts.jsonl");
            Files.write(file, content);
            List<String> scanned = transcript(file, mapping, true);
            List<String> jackson = transcript(file, mapping, false);
            assertThat(scanned).as("read with the scanner, then with Jackson").isEqualTo(jackson);
        }
    }

    @Test
    void randomLinesAndTheirMutationsReadTheSameBothWays() throws IOException {
        Random random = new Random(12);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 3000; i++) {
            StringBuilder line = new StringBuilder();
            randomObject(random, line, 0);
            byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
            if (random.nextInt(3) == 0) {
                bytes = mutate(random, bytes);
            }
            out.writeBytes(bytes);
            out.write('\n');
        }
        Path file = dir.resolve("random.jsonl");
        Files.write(file, out.toByteArray());
        for (SourceMapping mapping : List.of(EPOCHS, EXCEL)) {
            assertThat(transcript(file, mapping, true)).isEqualTo(transcript(file, mapping, false));
        }
        // both paths were taken: most lines by the scanner, the broken ones and those with escapes by Jackson
        try (JsonlCursor rows = new JsonlCursor(file, "random.jsonl", EPOCHS)) {
            readAll(rows);
            assertThat(rows.fallbacks()).isBetween(300L, 2000L);
        }
    }

    @Test
    void plainLinesAreReadWithoutJackson() throws IOException {
        Path file = dir.resolve("plain.jsonl");
        List<String> plain = Stream.of("a flat object", "nested objects", "a top-level field named like a dotted path",
                "a mapped path's parent twice with other fields", "an unmapped field twice", "escapes in skipped strings",
                "an escape in a name of a skipped object", "UTF-8 in mapped values",
                "UTF-8 in field names and skipped values", "Unicode whitespace at the ends of values",
                "whitespace everywhere", "arrays and objects skipped at depth", "an empty object", "whole numbers",
                "decimal numbers", "numbers with exponents", "booleans", "nulls", "missing fields",
                "a mapped value that is an object", "a mapped value that is an array").map(JsonlFastPathTest::line).toList();
        Files.writeString(file, "\uFEFF" + String.join("\r\n", plain) + "\r\n\n  \n");
        try (JsonlCursor rows = new JsonlCursor(file, "plain.jsonl", EPOCHS)) {
            assertThat(readAll(rows)).isEqualTo(plain.size());
            assertThat(rows.fallbacks()).isZero();
        }
    }

    private static String line(String name) {
        return Stream.of(LINES).filter(l -> l[0].equals(name)).findFirst().orElseThrow()[1];
    }

    // ---- the one-pass scan: the object where the line starts, then the line end -----------------

    @Test
    void linesAcrossBufferRefillsReadTheSameBothWays() throws IOException {
        // about five buffers of lines of many lengths and line ends, some odd, so that lines are cut
        // by the buffer's end at every kind of place; blank lines between; the last without a line end
        Random random = new Random(7);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] ends = {"\n", "\r\n", " \n", " \t\r\n", "\r\r\n", "\n\n", "\n \t\n", "\u000b\n"};
        int odd = 0;
        int lines = 0;
        while (out.size() < 5 * JsonlCursor.BUFFER_BYTES) {
            String pad = "x".repeat(random.nextInt(random.nextInt(10) == 0 ? 3000 : 300));
            String id = "A-" + lines;
            String line = switch (random.nextInt(6)) {
                case 0 -> "{\"id\":\"" + id + "\",\"note\":\"" + pad + "\",\"p\":{\"arr\":" + lines + ",\"deep\":{\"seats\":3}}}";
                case 1 -> "{\"note\":\"" + pad + "\",\"id\":\"" + id + "\",\"tier\":\"growth\"}";
                case 2 -> "{\"id\": \"" + id + "\", \"p\": {\"name\": \"" + pad + "\", \"renewal\": \"2026-01-31\"}}";
                case 3 -> "{\"id\":\"" + id + "\",\"x\":[" + "1,".repeat(pad.length() / 2) + "2],\"start\":1741083330}";
                case 4 -> "{\"\u00e4\":{\"ae\":\"J\u00f6\"},\"id\":\"" + id + "\",\"note\":\"\\u00e9" + pad + "\"}";
                default -> {
                    odd++;
                    yield "{\"id\":\"A\\u002d" + lines + "\",\"note\":\"" + pad + "\"}";
                }
            };
            out.writeBytes(utf8(line));
            out.writeBytes(utf8(ends[random.nextInt(ends.length)]));
            lines++;
        }
        out.writeBytes(utf8("{\"id\":\"last\"}"));
        lines++;
        Path file = dir.resolve("refills.jsonl");
        Files.write(file, out.toByteArray());
        assertThat(transcript(file, EPOCHS, true)).isEqualTo(transcript(file, EPOCHS, false));
        try (JsonlCursor rows = new JsonlCursor(file, "refills.jsonl", EPOCHS)) {
            assertThat(readAll(rows)).isEqualTo(lines);
            assertThat(rows.fallbacks()).as("only the lines with an escape in a mapped string go to Jackson")
                    .isEqualTo(odd);
        }
    }

    /**
     * The first line, if any, and a long one end where the buffer's first fill ends, give or take
     * {@code more} bytes: the long line is read by the one-pass scan from a full buffer (after a
     * first line) or from an empty one (as the file's first), and its object, line end or the
     * spaces between may end at the last byte of the fill or just after it.
     */
    @ParameterizedTest(name = "a line ending {0} bytes after the buffer's end, then {1}")
    @CsvSource({"0, LF", "-1, LF", "1, LF", "2, LF", "-8, LF", "0, CRLF", "1, CRLF", "2, CRLF", "3, CRLF",
        "1, space LF", "2, space LF", "0, nothing", "-1, nothing", "1, nothing"})
    void aLineEndingAtTheBuffersEndReadsTheSameBothWays(int more, String after) throws IOException {
        String end = switch (after) {
            case "LF" -> "\n";
            case "CRLF" -> "\r\n";
            case "space LF" -> " \n";
            default -> "";
        };
        String head = "{\"id\":\"A-1\",\"note\":\"";
        String tail = "\",\"tier\":\"growth\"}";
        for (String before : List.of("", "{\"id\":\"A-0\"}\n")) {
            int length = JsonlCursor.BUFFER_BYTES + more - end.length() - before.length();
            String line = head + "y".repeat(length - head.length() - tail.length()) + tail;
            Path file = dir.resolve("long.jsonl");
            Files.writeString(file, before + line + end + (end.isEmpty() ? "" : "{\"id\":\"A-2\"}"));
            assertThat(transcript(file, EPOCHS, true)).isEqualTo(transcript(file, EPOCHS, false));
            try (JsonlCursor rows = new JsonlCursor(file, "long.jsonl", EPOCHS)) {
                int n = 0;
                while (rows.next()) {
                    n++;
                    if (rows.rawRow().length() > 1000) {
                        assertThat(rows.rawRow()).isEqualTo(line);
                        assertThat(rows.text(6)).isEqualTo("growth");
                    }
                }
                assertThat(n).isEqualTo((before.isEmpty() ? 1 : 2) + (end.isEmpty() ? 0 : 1));
                assertThat(rows.fallbacks()).isZero();
            }
        }
    }

    @Test
    void fieldNamesInAnotherOrderOrSpelledOtherwiseReadTheSameBothWays() throws IOException {
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < 70; i++) {
            content.append("{\"f").append(i).append("\": ").append(i).append(", \"id\": \"A-").append(i).append("\"}\n");
        }
        content.append("{");
        for (int i = 0; i < 70; i++) {
            content.append("\"g").append(i).append("\": ").append(i).append(", ");
        }
        content.append("\"id\": \"many\"}\n");
        content.append("""
                {"id":"A","tier":"t","p":{"name":"n","arr":1}}
                {"tier":"u","id":"B","p":{"arr":2,"name":"m"}}
                {"id":"C"}
                {"idx":"D","id":"E","i":"F","tie":"x","tiers":"y"}
                {"id" : "G" , "tier"\t:"H"}
                {"i\\u0064":"H","tier":"I"}
                {"x":{"id":"no","tier":"no"},"id":"yes","p":{"p":{"name":"no"},"name":"yes"}}
                {"a_field_name_longer_than_sixteen_bytes":1,"id":"J","another_name_longer_than_sixteen":{"id":2}}
                {"a_field_name_longer_than_sixteen_bytes":1,"id":"K","another_name_longer_than_sixteen":{"id":2}}
                {"a_field_name_longer_than_sixteen_bytez":1,"id":"L"}
                {"\u00e4":{"ae":"\u00c5"},"\u00e9t\u00e9":1,"id":"M"}
                {"\u00e9t\u00e9":1,"\u00e4":{"ae":"\u00c6"},"id":"N"}
                {"id":"O","id":"P"}
                {"p":{"name":"a"},"p":{"name":"b"}}
                {"p":{"renewal":"2026-01-31","name":"S"},"id":"S"}
                {"p":{"renewall":"2026-02-01","namx":"T","renewaX":"2026-02-02"},"id":"T"}
                {"p":{"renewal":"2026-03-01","nam":"U","namee":"U"},"id":"U"}
                """);
        // the last line, without a line end, ends within a word of the file's end
        content.append("{\"tier\":\"Q\",\"id\":\"R\"}");
        Path file = dir.resolve("names.jsonl");
        Files.writeString(file, content.toString());
        for (SourceMapping mapping : List.of(EPOCHS, EXCEL)) {
            assertThat(transcript(file, mapping, true)).isEqualTo(transcript(file, mapping, false));
        }
        try (JsonlCursor rows = new JsonlCursor(file, "names.jsonl", EPOCHS)) {
            assertThat(readAll(rows)).as("every line but the two with a field twice").isEqualTo(70 + 1 + 18 - 2);
            assertThat(rows.fallbacks()).as("the escaped name and the two lines with a field twice").isEqualTo(3);
        }
    }

    @Test
    void aLineWithAnEscapeInAMappedStringIsLeftToJackson() throws IOException {
        Path file = dir.resolve("escape.jsonl");
        Files.writeString(file, "{\"id\": \"A\"}\n{\"id\": \"A\\u002d1\"}\n{\"id\": \"A-1\", \"x\": \"\\u002d\"}\n");
        try (JsonlCursor rows = new JsonlCursor(file, "escape.jsonl", EPOCHS)) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.next()).isTrue();
            assertThat(rows.fallbacks()).isEqualTo(1);
            assertThat(rows.text(0)).isEqualTo("A-1");
            assertThat(rows.hash(0)).isEqualTo(Hashing.hash64("A-1"));
            assertThat(rows.next()).isTrue();
            assertThat(rows.fallbacks()).as("an escape in a skipped string is read by the scanner").isEqualTo(1);
            assertThat(rows.hash(0)).isEqualTo(Hashing.hash64("A-1"));
        }
    }

    @Test
    void theScannerReadsValuesAsTheyAre() throws IOException {
        Path file = dir.resolve("values.jsonl");
        Files.writeString(file, "{\"id\": \" A-\u00e91 \", \"p\": {\"arr\": 1.25E2, \"deep\": {\"seats\": -42},"
                + " \"csm\": \"yes\"}, \"start\": \"2025-03-04\", \"tier\": 1741083330, \"x\": [{\"id\": 1}]}\n");
        try (JsonlCursor rows = new JsonlCursor(file, "values.jsonl", EPOCHS)) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.fallbacks()).isZero();
            assertThat(rows.text(0)).isEqualTo("A-\u00e91");
            assertThat(rows.hash(0)).isEqualTo(Hashing.hash64("A-\u00e91"));
            assertThat(rows.text(2)).isEqualTo("1.25E2");
            assertThat(rows.decimal(2)).isEqualTo(125.0);
            assertThat(rows.integer(3)).isEqualTo(-42);
            assertThat(rows.epochDay(4)).isEqualTo(20151);
            assertThat(rows.epochSecond(6)).isEqualTo(1741083330L);
            assertThat(rows.bool(7)).isTrue();
            assertThat(rows.isBlank(1)).isTrue();
            assertThat(rows.isBlank(8)).isTrue();
        }
    }

    // ---- the transcript of a read ----------------------------------------------------------------

    /** Everything a reader can ask of each line of the file, as text, read with or without the scanner. */
    private static List<String> transcript(Path file, SourceMapping mapping, boolean fastPath) throws IOException {
        List<String> out = new ArrayList<>();
        try (JsonlCursor rows = new JsonlCursor(file, "accounts.jsonl", mapping, fastPath)) {
            for (int guard = 0; guard < 100_000; guard++) {
                String next = outcome(rows::next);
                out.add("next " + next + " at " + rows.location() + ": " + rows.rawRow());
                if (next.equals("= false")) {
                    break;
                }
                if (!next.equals("= true")) {
                    continue;
                }
                for (int c = 0; c < Source.ACCOUNTS.columns().size(); c++) {
                    int column = c;
                    out.add(c + " present " + outcome(() -> rows.present(column)));
                    out.add(c + " isBlank " + outcome(() -> rows.isBlank(column)));
                    out.add(c + " text " + outcome(() -> rows.text(column)));
                    out.add(c + " hash " + outcome(() -> rows.hash(column)));
                    out.add(c + " integer " + outcome(() -> rows.integer(column)));
                    out.add(c + " decimal " + outcome(() -> rows.decimal(column)));
                    out.add(c + " bool " + outcome(() -> rows.bool(column)));
                    out.add(c + " epochSecond " + outcome(() -> rows.epochSecond(column)));
                    out.add(c + " epochDay " + outcome(() -> rows.epochDay(column)));
                    out.add(c + " problem " + rows.problem(column, "is blank (expected a value)").getMessage());
                    out.add(c + " problem " + rows.problem(column, "is wrong").getMessage());
                }
            }
        }
        assertThat(out.get(out.size() - 1)).as("the transcript ends at the end of the file").startsWith("next = false");
        return out;
    }

    private static String outcome(Callable<Object> call) {
        try {
            return "= " + call.call();
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static int readAll(JsonlCursor rows) throws IOException {
        int n = 0;
        while (true) {
            try {
                if (!rows.next()) {
                    return n;
                }
                n++;
            } catch (org.churnrisk.features.io.problems.DataProblemException e) {
                // a bad line: go on
            }
        }
    }

    // ---- random lines ----------------------------------------------------------------------------

    private static final String[] NAMES = {"id", "p", "name", "arr", "deep", "seats", "start", "tier", "csm",
        "renewal", "\u00e4", "ae", "x", "y", "note", "\u00e9t\u00e9", "i\\u0064"};
    private static final String[] STRINGS = {"A-1", " A-2 ", "", "   ", "growth", "2024-01-01", "2025-03-04T10:15:30Z",
        "04-03-2025", "42", "1.5", "yes", "ok", "NEIN", "\u00e9", "\u3000x", "x\u3000", "\u65e5\u672c", "\ud83d\ude00",
        "a\\\"b", "\\u00e9", "\\n", "1741083330", "45720"};
    private static final String[] NUMBERS = {"0", "-0", "7", "-12", "1.5", "3.0", "1e5", "-2.5E-3", "1741083330",
        "1741083330.25", "45720.5", "9223372036854775808", "12500.50"};
    private static final String[] NOISE = {"\"", "\\", "{", "}", "[", "]", ",", ":", " ", "x", "0", "-", "e", ".",
        "\u00e9", "\t", "n"};

    private static void randomObject(Random random, StringBuilder out, int depth) {
        out.append('{');
        int fields = random.nextInt(depth == 0 ? 7 : 4);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                out.append(random.nextInt(4) == 0 ? " , " : ", ");
            }
            out.append('"').append(NAMES[random.nextInt(NAMES.length)]).append('"')
                    .append(random.nextBoolean() ? ": " : ":");
            randomValue(random, out, depth);
        }
        out.append(random.nextInt(5) == 0 ? " }" : "}");
    }

    private static void randomValue(Random random, StringBuilder out, int depth) {
        int k = random.nextInt(depth < 3 ? 9 : 6);
        switch (k) {
            case 0, 1, 2 -> out.append('"').append(STRINGS[random.nextInt(STRINGS.length)]).append('"');
            case 3 -> out.append(NUMBERS[random.nextInt(NUMBERS.length)]);
            case 4 -> out.append(List.of("true", "false", "null").get(random.nextInt(3)));
            case 5 -> out.append("\"").append(STRINGS[random.nextInt(STRINGS.length)]).append(" \"");
            case 6, 7 -> randomObject(random, out, depth + 1);
            default -> {
                out.append('[');
                int n = random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    out.append(i > 0 ? ", " : "");
                    randomValue(random, out, depth + 1);
                }
                out.append(']');
            }
        }
    }

    /** Deletes, inserts or doubles a few bytes. */
    private static byte[] mutate(Random random, byte[] line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = random.nextInt(line.length);
        out.write(line, 0, at);
        switch (random.nextInt(3)) {
            case 0 -> out.write(line, Math.min(at + 1, line.length), line.length - Math.min(at + 1, line.length));
            case 1 -> {
                out.writeBytes(NOISE[random.nextInt(NOISE.length)].getBytes(StandardCharsets.UTF_8));
                out.write(line, at, line.length - at);
            }
            default -> {
                int to = Math.min(line.length, at + 1 + random.nextInt(8));
                out.write(line, at, to - at);
                out.write(line, at, line.length - at);
            }
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Text as UTF-8 and ints as single bytes, in order. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String s) {
                out.writeBytes(utf8(s));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }
}
