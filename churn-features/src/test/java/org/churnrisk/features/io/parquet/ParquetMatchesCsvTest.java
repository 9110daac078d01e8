package org.churnrisk.features.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.churnrisk.features.io.parquet.ParquetTableWriter.optional;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.RecordCursor;
import org.churnrisk.features.io.csv.CsvCursor;
import org.churnrisk.features.io.mapping.SourceMapping;
import org.churnrisk.features.io.parquet.ParquetTableWriter.Kind;
import org.churnrisk.features.io.problems.DataProblemException;
import org.churnrisk.features.io.values.ValueFormats;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same text read from CSV and from a Parquet string column gives the same answers: values,
 * hashes, and the same reason when a value cannot be read.
 */
class ParquetMatchesCsvTest {

    private static final String[] TEXTS = {
        "A-1", "  padded\t", "", "   ", "Ünïcode ✓", "12", "-7", "+3", "3.0", "3.5", "abc", "1e3", "12500.50",
        "2025-03-04", "2025-03-04T10:15:30Z", "2025-03-04T10:15:30", "2025-03-04 10:15:30.250+01:00",
        "2025-03-04T23:30:00-05:00", "2025-02-30", "2025-13-01", "04/03/2025", "yes", "No", "Y", "0", "true",
        "TRUE", "maybe", "9223372036854775807", "9223372036854775808", null};

    @TempDir
    Path dir;

    /** One accessor, with the result as a string or the problem's reason. */
    record Access(String name, Function<RecordCursor, Object> read) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> accessors() {
        return Stream.of(
                new Access("isBlank", c -> c.isBlank(0)),
                new Access("text", c -> c.text(0)),
                new Access("hash", c -> c.hash(0)),
                new Access("integer", c -> c.integer(0)),
                new Access("decimal", c -> c.decimal(0)),
                new Access("bool", c -> c.bool(0)),
                new Access("epochSecond", c -> c.epochSecond(0)),
                new Access("epochDay", c -> c.epochDay(0)))
                .flatMap(a -> Stream.of(Arguments.of(a, "UTC"), Arguments.of(a, "America/New_York")));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("accessors")
    void parquetStringsReadLikeCsvCells(Access access, String zone) throws IOException {
        // touchpoints: account_id (required), occurred_at, kind; every value goes in account_id
        SourceMapping mapping = new SourceMapping(Source.TOUCHPOINTS, List.of(), Map.of(),
                new ValueFormats(ZoneId.of(zone), List.of("dd/MM/yyyy"), List.of(), List.of("true", "yes", "y", "1"),
                        List.of("false", "no", "n", "0")));
        Path csv = dir.resolve("touchpoints.csv");
        StringBuilder text = new StringBuilder("account_id,occurred_at,kind\n");
        List<Object[]> rows = new ArrayList<>();
        for (String t : TEXTS) {
            text.append(t == null ? "" : "\"" + t.replace("\"", "\"\"") + "\"").append(",2025-03-04,call\n");
            rows.add(new Object[] {t, "2025-03-04", "call"});
        }
        Files.writeString(csv, text, StandardCharsets.UTF_8);
        Path parquet = ParquetTableWriter.to(dir.resolve("touchpoints.parquet"))
                .columns(optional("account_id", Kind.STRING), optional("occurred_at", Kind.STRING),
                        optional("kind", Kind.STRING))
                .write(rows);

        List<String> fromCsv = readAll(new CsvCursor(csv, mapping), access);
        assertThat(fromCsv).hasSize(TEXTS.length);
        assertThat(readAll(new ParquetCursor(parquet, mapping), access)).containsExactlyElementsOf(fromCsv);
    }

    private static List<String> readAll(RecordCursor cursor, Access access) throws IOException {
        List<String> seen = new ArrayList<>();
        try (cursor) {
            while (cursor.next()) {
                try {
                    seen.add(String.valueOf(access.read().apply(cursor)));
                } catch (DataProblemException e) {
                    seen.add("problem: " + e.reason());
                }
            }
        }
        return seen;
    }
}
