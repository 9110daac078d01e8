package org.churnrisk.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.churnrisk.features.io.parquet.ParquetTableWriter.optional;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.churnrisk.core.contract.Account;
import org.churnrisk.core.contract.Source;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.core.contract.UsageEvent;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.features.io.parquet.ParquetTableWriter;
import org.churnrisk.features.io.problems.DataProblemException;
import org.churnrisk.features.validate.BookValidator;
import org.churnrisk.features.validate.ValidationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bounds of the data contract ({@code org.churnrisk.core.contract.Bounds},
 * docs/data-contract.md "Bounds"): each one breached in a small valid book, through a CSV file
 * and through a Parquet file with typed columns, is a bad row naming the file, line or row, the
 * column, the value and the bound; at the bound the row is accepted. And the sums the bounds
 * allow do not saturate.
 */
class ValueBoundsTest {
    private static final LocalDate AS_OF = LocalDate.of(2025, 4, 1);

    /** The header and one valid row of each source, by source file stem. */
    private static final Map<String, String[]> GOOD = new LinkedHashMap<>();

    static {
        GOOD.put("accounts", new String[] {
            "account_id,account_name,arr,licensed_seats,contract_start,renewal_date,tier,csm",
            "A-1001,Acme Corp,42000,60,2024-01-01,2026-01-01,growth,dana.lee"});
        GOOD.put("usage", new String[] {
            "account_id,occurred_at,user_id,event,quantity,errors",
            "A-1001,2025-03-04T10:00:00Z,u-17,login,3,1"});
        GOOD.put("tickets", new String[] {
            "ticket_id,account_id,created_at,resolved_at,priority,escalated,satisfaction",
            "T-5001,A-1001,2025-03-04T10:15:30Z,2025-03-05T16:00:00Z,high,false,4"});
        GOOD.put("surveys", new String[] {
            "account_id,responded_at,kind,score,respondent",
            "A-1001,2025-02-20T09:30:00Z,nps,9,cto@acme.example"});
        GOOD.put("touchpoints", new String[] {
            "account_id,occurred_at,kind",
            "A-1001,2025-01-15T15:00:00Z,qbr"});
        GOOD.put("contracts", new String[] {
            "account_id,start_date,end_date,arr,seats,plan",
            "A-1001,2024-01-01,2026-01-01,42000,60,growth-annual"});
        GOOD.put("churn", new String[] {
            "account_id,churned_at,reason",
            "A-1001,2026-02-01,budget"});
    }

    /** How each column is stored in the Parquet copy: typed, as an export from a warehouse would be. */
    private static final Map<String, ParquetTableWriter.Kind> PARQUET_KIND = Map.ofEntries(
            Map.entry("arr", ParquetTableWriter.Kind.DOUBLE),
            Map.entry("licensed_seats", ParquetTableWriter.Kind.INT64),
            Map.entry("seats", ParquetTableWriter.Kind.INT64),
            Map.entry("quantity", ParquetTableWriter.Kind.INT64),
            Map.entry("errors", ParquetTableWriter.Kind.INT64),
            Map.entry("satisfaction", ParquetTableWriter.Kind.INT64),
            Map.entry("score", ParquetTableWriter.Kind.INT64),
            Map.entry("contract_start", ParquetTableWriter.Kind.DATE),
            Map.entry("renewal_date", ParquetTableWriter.Kind.DATE),
            Map.entry("start_date", ParquetTableWriter.Kind.DATE),
            Map.entry("end_date", ParquetTableWriter.Kind.DATE),
            Map.entry("churned_at", ParquetTableWriter.Kind.DATE),
            Map.entry("occurred_at", ParquetTableWriter.Kind.TIMESTAMP_MICROS),
            Map.entry("created_at", ParquetTableWriter.Kind.TIMESTAMP_MICROS),
            Map.entry("resolved_at", ParquetTableWriter.Kind.TIMESTAMP_MICROS),
            Map.entry("responded_at", ParquetTableWriter.Kind.TIMESTAMP_MICROS));

    private static final String DATES = "is outside the accepted range (expected a date from 1970-01-01 to 2100-12-31)";
    private static final String TIMES = "is outside the accepted range (expected a time from 1970-01-01 to 2100-12-31)";
    private static final String ARR = "is out of range (expected an ARR from 0 to 1,000,000,000,000)";
    private static final String SEATS = "is out of range (expected a whole number of seats from 0 to 10,000,000)";
    private static final String QUANTITY = "is above the accepted maximum (expected at most 1,000,000,000 events in one"
            + " row)";

    @TempDir
    Path book;

    enum Format { CSV, PARQUET }

    /** Writes the valid book, with {@code column} of {@code source}'s row set to {@code value}. */
    private Path bookWith(Format format, String source, String column, String value) throws IOException {
        for (Map.Entry<String, String[]> e : GOOD.entrySet()) {
            String[] header = e.getValue()[0].split(",", -1);
            String[] row = e.getValue()[1].split(",", -1);
            if (e.getKey().equals(source)) {
                int i = List.of(header).indexOf(column);
                assertThat(i).as(column + " in " + source).isNotNegative();
                row[i] = value;
            }
            if (format == Format.PARQUET && e.getKey().equals(source)) {
                writeParquet(book.resolve(source + ".parquet"), header, row);
            } else {
                Files.writeString(book.resolve(e.getKey() + ".csv"), String.join(",", header) + "\n"
                        + String.join(",", row) + "\n", StandardCharsets.UTF_8);
            }
        }
        return book;
    }

    private static void writeParquet(Path file, String[] header, String[] row) throws IOException {
        ParquetTableWriter.Column[] columns = new ParquetTableWriter.Column[header.length];
        Object[] values = new Object[header.length];
        for (int i = 0; i < header.length; i++) {
            ParquetTableWriter.Kind kind = PARQUET_KIND.getOrDefault(header[i], ParquetTableWriter.Kind.STRING);
            columns[i] = optional(header[i], kind);
            String v = row[i];
            values[i] = v.isEmpty() ? null : switch (kind) {
                case DOUBLE -> Double.parseDouble(v);
                case INT64 -> Long.parseLong(v);
                case DATE -> LocalDate.parse(v);
                case TIMESTAMP_MICROS -> Instant.parse(v);
                default -> v;
            };
        }
        ParquetTableWriter.to(file).columns(columns).write(List.<Object[]>of(values));
    }

    static Stream<Arguments> breaches() {
        return Stream.of(
                Arguments.of("accounts", "arr", "1e300", ARR),
                Arguments.of("accounts", "arr", "1000000000000.01", ARR),
                Arguments.of("contracts", "arr", "1e300", ARR),
                Arguments.of("accounts", "licensed_seats", "10000001", SEATS),
                Arguments.of("contracts", "seats", "9200000000000000000", SEATS),
                Arguments.of("accounts", "contract_start", "9999-12-31", DATES),
                Arguments.of("accounts", "contract_start", "0001-01-01", DATES),
                Arguments.of("accounts", "contract_start", "1969-12-31", DATES),
                Arguments.of("accounts", "renewal_date", "2101-01-01", DATES),
                Arguments.of("contracts", "start_date", "1900-01-01", DATES),
                Arguments.of("contracts", "end_date", "9999-12-31", DATES),
                Arguments.of("churn", "churned_at", "9999-12-31", DATES),
                Arguments.of("usage", "occurred_at", "9999-12-31T00:00:00Z", TIMES),
                Arguments.of("usage", "occurred_at", "1969-12-31T23:59:59Z", TIMES),
                Arguments.of("usage", "quantity", "9200000000000000000", QUANTITY),
                Arguments.of("usage", "quantity", "1000000001", QUANTITY),
                Arguments.of("usage", "errors", "4", "is more than the row's quantity 3 (expected errors <= quantity:"
                        + " errors counts the events that failed)"),
                Arguments.of("tickets", "created_at", "2101-01-01T00:00:00Z", TIMES),
                Arguments.of("tickets", "resolved_at", "9999-12-31T00:00:00Z", TIMES),
                Arguments.of("surveys", "responded_at", "1960-01-01T00:00:00Z", TIMES),
                Arguments.of("touchpoints", "occurred_at", "2200-06-01T00:00:00Z", TIMES));
    }

    static Stream<Arguments> breachesInBothFormats() {
        return breaches().flatMap(a -> Stream.of(Format.values()).map(f -> {
            Object[] args = a.get();
            return Arguments.of(f, args[0], args[1], args[2], args[3]);
        }));
    }

    @ParameterizedTest(name = "{0}: {1}.{2} = {3}")
    @MethodSource("breachesInBothFormats")
    void aValueOutsideItsBoundIsABadRowNamingFileColumnValueAndBound(Format format, String source, String column,
                                                                    String value, String bound) throws IOException {
        Path damaged = bookWith(format, source, column, value);
        String where = format == Format.CSV ? source + ".csv line 2" : source + ".parquet row 1";

        assertThatThrownBy(() -> FeatureExtractor.create(FeatureConfig.DEFAULT).extract(damaged, AS_OF))
                .isInstanceOf(DataProblemException.class)
                .hasMessageStartingWith(where + ": column '" + column + "' value '")
                .hasMessageEndingWith(bound);
    }

    @ParameterizedTest(name = "{0}: {1}.{2} = {3}")
    @MethodSource("breachesInBothFormats")
    void validateCountsTheBreachAsAnInvalidRow(Format format, String source, String column, String value,
                                               String bound) throws IOException {
        Path damaged = bookWith(format, source, column, value);

        ValidationReport report = BookValidator.forBook(damaged).validate(damaged);

        assertThat(report.valid()).isFalse();
        assertThat(report.sources().stream().filter(s -> s.source() == Source.valueOf(source.toUpperCase()))
                .flatMap(s -> s.firstProblems().stream()).map(p -> p.message()).toList())
                .singleElement().asString().endsWith(bound);
    }

    static Stream<Arguments> atTheBound() {
        return Stream.of(
                Arguments.of("accounts", "arr", "1000000000000"),
                Arguments.of("accounts", "arr", "0"),
                Arguments.of("accounts", "licensed_seats", "10000000"),
                Arguments.of("contracts", "seats", "10000000"),
                Arguments.of("accounts", "contract_start", "1970-01-01"),
                Arguments.of("contracts", "end_date", "2100-12-31"),
                Arguments.of("usage", "quantity", "1000000000"),
                Arguments.of("usage", "errors", "3"),
                Arguments.of("tickets", "resolved_at", "2100-12-31T23:59:59Z"));
    }

    static Stream<Arguments> atTheBoundInBothFormats() {
        return atTheBound().flatMap(a -> Stream.of(Format.values()).map(f -> {
            Object[] args = a.get();
            return Arguments.of(f, args[0], args[1], args[2]);
        }));
    }

    @ParameterizedTest(name = "{0}: {1}.{2} = {3}")
    @MethodSource("atTheBoundInBothFormats")
    void aValueAtItsBoundIsAccepted(Format format, String source, String column, String value) throws IOException {
        Path atBound = bookWith(format, source, column, value);

        FeatureTable table = FeatureExtractor.create(FeatureConfig.DEFAULT).extract(atBound, AS_OF);

        assertThat(table.accountIds()).containsExactly("A-1001");
    }

    @Test
    void errorsWithABlankQuantityMayBeAtMostOne() throws IOException {
        Path damaged = bookWith(Format.CSV, "usage", "quantity", "");
        Files.writeString(damaged.resolve("usage.csv"), GOOD.get("usage")[0] + "\nA-1001,2025-03-04,u-17,login,,2\n");

        assertThatThrownBy(() -> FeatureExtractor.create(FeatureConfig.DEFAULT).extract(damaged, AS_OF))
                .hasMessage("usage.csv line 2: column 'errors' value '2' is more than the row's quantity (blank, so 1)"
                        + " (expected errors <= quantity: errors counts the events that failed)");
    }

    @Test
    void loginSumsAboveTwoToTheThirtyFirstAreExact() throws IOException {
        // Three rows at the largest quantity: 3e9 logins, more than an int holds; nothing saturates.
        Path big = bookWith(Format.CSV, "usage", "quantity", "1000000000");
        Files.writeString(big.resolve("usage.csv"), GOOD.get("usage")[0] + "\n"
                + "A-1001,2025-03-04,u-17,login,1000000000,0\n"
                + "A-1001,2025-03-05,u-17,login,1000000000,0\n"
                + "A-1001,2025-03-06,u-18,login,1000000000,1000000000\n");

        FeatureTable table = FeatureExtractor.create(FeatureConfig.DEFAULT).extract(big, AS_OF);

        assertThat(table.value(0, "logins_30d")).isEqualTo(3e9);
        assertThat(table.value(0, "error_rate_30d")).isEqualTo(1.0 / 3);
    }

    @Test
    void theInMemoryPathHasTheSameBounds() {
        Account absurd = new Account("A-1", "Absurd", 1e300, 10, LocalDate.parse("2024-01-01"),
                LocalDate.parse("2026-01-01"), Tier.ENTERPRISE, "x");
        List<UsageEvent> usage = List.of(new UsageEvent("A-1", Instant.parse("2025-03-01T00:00:00Z"), "u", "login", 1, 0));

        assertThatThrownBy(() -> FeatureExtractor.create(FeatureConfig.DEFAULT)
                .extract(List.of(AccountHistory.of(absurd, usage)), AS_OF))
                .hasMessageContaining("column 'arr' value '")
                .hasMessageEndingWith(ARR);
    }

    @Test
    void usageBeforeTheFirstContractIsAValidateNoteNotAProblem() throws IOException {
        Path early = bookWith(Format.CSV, "usage", "occurred_at", "2023-12-31T23:00:00Z");
        List<String> rows = new ArrayList<>(List.of(GOOD.get("usage")));
        rows.add("A-1001,2023-11-02,u-17,login,1,0");
        rows.add("A-1001,2023-12-31T23:00:00Z,u-17,login,1,0");
        rows.add("A-1001,2024-01-01,u-17,login,1,0"); // the contract's first day: not early
        Files.write(early.resolve("usage.csv"), rows, StandardCharsets.UTF_8);

        ValidationReport report = BookValidator.forBook(early).validate(early);

        assertThat(report.valid()).isTrue();
        assertThat(report.sources().stream().filter(s -> s.source() == Source.USAGE)
                .flatMap(s -> s.notes().stream()).toList())
                .contains("2 rows of 1 account are dated before the account's first contract (most: A-1001, 2 rows"
                        + " from 2023-11-02, first contract 2024-01-01); fine for a trial or pilot, otherwise check"
                        + " accounts.contract_start and contracts.start_date, which tenure and onboarding features"
                        + " count from");
    }
}
