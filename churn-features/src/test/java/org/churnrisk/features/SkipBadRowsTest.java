package org.churnrisk.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.core.contract.Source;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.features.io.problems.DataProblemException;
import org.churnrisk.features.io.problems.ReadStats;
import org.churnrisk.sample.BookGenerator;
import org.churnrisk.sample.GeneratorConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link BadRows#SKIP} on a generated book into which bad rows of several kinds were inserted, in
 * every source: each row read is accepted or rejected, each rejected row is in its source's
 * rejects file with its line and reason, and the features are those of the book without the bad
 * rows (the generated book as it was).
 */
class SkipBadRowsTest {
    private static final List<LocalDate> AS_OF = List.of(LocalDate.of(2026, 8, 1), LocalDate.of(2026, 10, 1));

    /** A row inserted into a source's file so that it ends up on {@code line}, and why it is bad. */
    record BadRow(Source source, int line, String row, String reason) {
    }

    @TempDir
    static Path dir;
    static Path clean;
    static Path damaged;
    static Path rejects;
    static List<BadRow> badRows;
    static FeatureExtractor extractor;
    static ExtractionReport report;
    static final List<FeatureTable> skipped = new ArrayList<>();
    static final List<FeatureTable> expected = new ArrayList<>();

    @BeforeAll
    static void extractBothBooks() throws IOException {
        clean = dir.resolve("clean");
        BookGenerator.generate(GeneratorConfig.builder().accounts(20).days(150).seed(7).truthSamples(0).build(), clean,
                false, ProgressListener.NONE);
        String account = field(line(clean, "accounts.csv", 2), 0);
        String firstTicket = line(clean, "tickets.csv", 2);
        badRows = List.of(
                new BadRow(Source.ACCOUNTS, 3, "Z-NEG,Negative Co,-5,,,,,",
                        "column 'arr' value '-5' is negative (expected a number >= 0)"),
                new BadRow(Source.ACCOUNTS, 5, account + ",Duplicate Co,100,,,,,",
                        "column 'account_id' value '" + account + "' is a duplicate (expected each account once in accounts)"),
                new BadRow(Source.CONTRACTS, 4, account + ",2026-01-10,2026-01-01,5000,5,Starter annual",
                        "column 'end_date' value '2026-01-01' is not after start_date 2026-01-10 "
                                + "(expected an end after the start)"),
                new BadRow(Source.CHURN, 2, "Z-GONE,2026-07-01,budget cuts",
                        "column 'account_id' value 'Z-GONE' is not an account in accounts "
                                + "(expected the account_id of a listed account)"),
                new BadRow(Source.USAGE, 10, account + ",2026-07-01,u-x,login,-2,0",
                        "column 'quantity' value '-2' is negative (expected a whole number >= 0)"),
                new BadRow(Source.USAGE, 20, account + ",2026-13-01,u-x,login,1,0",
                        "column 'occurred_at' value '2026-13-01' is not a timestamp (expected ISO-8601 such as "
                                + "2025-03-04T10:15:30Z, 2025-03-04T10:15:30 or 2025-03-04)"),
                new BadRow(Source.USAGE, 30, "Z-UNKNOWN,2026-07-01,u-x,login,1,0",
                        "column 'account_id' value 'Z-UNKNOWN' is not an account in accounts "
                                + "(expected the account_id of a listed account)"),
                new BadRow(Source.USAGE, 40, account + ",2026-07-01,u-x,login",
                        "has 4 columns, the header has 6"),
                new BadRow(Source.TICKETS, 3, firstTicket,
                        "column 'ticket_id' value '" + field(firstTicket, 0) + "' is a duplicate (expected each ticket once)"),
                new BadRow(Source.TICKETS, 6, "T-BAD," + account + ",2026-07-01T10:00:00Z,2026-07-02T10:00:00Z,low,false,9",
                        "column 'satisfaction' value '9' is out of range (expected 1-5)"),
                new BadRow(Source.SURVEYS, 4, account + ",2026-07-01T10:00:00Z,nps,11,",
                        "column 'score' value '11' is out of range for nps (expected 0-10)"),
                new BadRow(Source.TOUCHPOINTS, 3, account + ",2026-07-01,lunch",
                        "column 'kind' value 'lunch' is not a touchpoint kind (expected call, email, meeting, qbr or ebr)"));

        damaged = dir.resolve("damaged");
        Files.createDirectories(damaged);
        try (Stream<Path> files = Files.list(clean)) {
            for (Path f : files.toList()) {
                Files.copy(f, damaged.resolve(f.getFileName()));
            }
        }
        for (Source source : Source.values()) {
            Path file = damaged.resolve(source.fileStem() + ".csv");
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
            for (BadRow bad : badRows(source)) { // in line order, so each lands on its line
                lines.add(bad.line() - 1, bad.row());
            }
            Files.write(file, lines, StandardCharsets.UTF_8);
        }

        extractor = FeatureExtractor.create(FeatureSettings.forBook(clean, null));
        extractor.extract(clean, ReadOptions.forBook(clean), AS_OF, expected::add);
        rejects = dir.resolve("rejects");
        report = extractor.extract(damaged, ReadOptions.forBook(damaged).withBadRows(BadRows.SKIP, rejects), AS_OF,
                skipped::add);
    }

    private static List<BadRow> badRows(Source source) {
        return badRows.stream().filter(b -> b.source() == source).toList();
    }

    private static String line(Path book, String file, int line) throws IOException {
        return Files.readAllLines(book.resolve(file), StandardCharsets.UTF_8).get(line - 1);
    }

    private static String field(String row, int index) {
        return row.split(",", -1)[index];
    }

    /** The data rows of a CSV file as commons-csv reads it: an oracle independent of the book reader. */
    private static List<CSVRecord> records(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            return parser.getRecords();
        }
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void everyRowOfTheFileIsReadAndEitherAcceptedOrRejected(Source source) throws IOException {
        int rowsInFile = records(damaged.resolve(source.fileStem() + ".csv")).size();
        int goodRows = records(clean.resolve(source.fileStem() + ".csv")).size();

        ReadStats.Counts counts = report.stats().of(source);

        assertThat(counts.read()).isEqualTo(rowsInFile).isEqualTo(counts.accepted() + counts.rejected());
        assertThat(counts.accepted()).isEqualTo(goodRows);
        assertThat(counts.rejected()).isEqualTo(badRows(source).size()).isPositive();
    }

    @Test
    void everySourceWithBadRowsHasItsRejectsFile() {
        List<Path> files = Stream.of(Source.values()).map(s -> rejects.resolve(s.fileStem() + ".rejects.csv")).toList();

        assertThat(report.rejectFiles()).containsExactlyInAnyOrderElementsOf(files);
        assertThat(files).allSatisfy(f -> assertThat(f).isRegularFile());
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void theRejectsFileHoldsEachBadRowWithItsLineAndReason(Source source) throws IOException {
        List<List<String>> expectedRejects = new ArrayList<>();
        for (BadRow bad : badRows(source)) {
            expectedRejects.add(List.of(source.fileStem() + ".csv", Integer.toString(bad.line()), bad.reason(), bad.row()));
        }
        Path file = rejects.resolve(source.fileStem() + ".rejects.csv");

        List<CSVRecord> records = records(file);

        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8).get(0)).isEqualTo("file,line,reason,row");
        assertThat(records).map(CSVRecord::toList).containsExactlyElementsOf(expectedRejects);
    }

    @Test
    void theFeaturesAreThoseOfTheBookWithoutTheBadRows() {
        assertThat(skipped).hasSize(AS_OF.size());
        for (int k = 0; k < AS_OF.size(); k++) {
            assertSameTable(skipped.get(k), expected.get(k));
        }
    }

    static void assertSameTable(FeatureTable actual, FeatureTable expected) {
        assertThat(actual.asOf()).isEqualTo(expected.asOf());
        assertThat(actual.accountIds()).isNotEmpty().containsExactlyElementsOf(expected.accountIds());
        for (int r = 0; r < expected.rows(); r++) {
            String id = expected.accountIds().get(r);
            assertThat(actual.row(r)).as("%s as of %s", id, expected.asOf()).containsExactly(expected.row(r));
            assertThat(actual.healthScore(r)).as("health of %s as of %s", id, expected.asOf())
                    .isEqualTo(expected.healthScore(r));
        }
    }

    @Test
    void failingOnBadRowsTheSameBookStopsAtTheFirstOne() {
        BadRow first = badRows.get(0); // accounts are read first

        assertThatThrownBy(() -> extractor.extract(damaged, LocalDate.of(2026, 10, 1)))
                .isInstanceOf(DataProblemException.class)
                .hasMessage("accounts.csv line " + first.line() + ": " + first.reason());
    }

    @Test
    void aCleanRerunRemovesTheRejectsFilesOfTheRunBefore(@TempDir Path out) throws IOException {
        Path rejectsDir = out.resolve("rejects");
        ReadOptions options = ReadOptions.forBook(damaged).withBadRows(BadRows.SKIP, rejectsDir);
        extractor.extract(damaged, options, AS_OF, t -> { });
        assertThat(rejectsDir.resolve("usage.rejects.csv")).exists();

        ExtractionReport rerun = extractor.extract(clean, ReadOptions.forBook(clean).withBadRows(BadRows.SKIP, rejectsDir),
                AS_OF, t -> { });

        assertThat(rerun.rejectFiles()).isEmpty();
        try (Stream<Path> left = Files.list(rejectsDir)) {
            assertThat(left).isEmpty();
        }
    }
}
