package org.churnrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.churnrisk.cli.CliRun.churn;
import static org.churnrisk.cli.CliRun.churnSuccessfully;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.churnrisk.testkit.FileTrees;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code churn outcomes} through the real command line: two {@code churn score} runs of the sample
 * book whose 120-day windows end before its data does, compared with the same book. The expected
 * numbers are worked out here from the book's {@code churn.csv} and the runs' report CSVs, not
 * from the history the command reads.
 */
class OutcomesCommandTest {
    static final String FIRST = "2026-05-01";
    static final String SECOND = "2026-06-01";
    static final int HORIZON = 120;
    static final List<String> BANDS = List.of("red", "yellow", "green");

    @TempDir
    static Path shared;
    static Path reports;
    static CliRun outcomes;
    static JsonNode json;
    static String markdown;
    static Map<String, List<LocalDate>> churns;

    @TempDir
    Path dir;

    @BeforeAll
    static void scoreTwiceThenCompare() throws IOException {
        reports = Files.createDirectory(shared.resolve("reports"));
        ScoredRuns.score(reports, FIRST);
        ScoredRuns.score(reports, SECOND);
        outcomes = churnSuccessfully("outcomes", "--reports", reports.toString(), "--data",
                ScoredRuns.SAMPLE_BOOK.toString());
        json = new ObjectMapper().readTree(reports.resolve("outcomes.json").toFile());
        markdown = Files.readString(reports.resolve("outcomes.md"), StandardCharsets.UTF_8);
        churns = new HashMap<>();
        for (CSVRecord r : csv(ScoredRuns.SAMPLE_BOOK.resolve("churn.csv"))) {
            churns.computeIfAbsent(r.get("account_id"), k -> new ArrayList<>()).add(LocalDate.parse(r.get("churned_at")));
        }
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return StreamSupport.stream(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                    .parse(in).spliterator(), false).toList();
        }
    }

    /** Whether the book has a churn date of {@code account} from {@code asOf} to the end of its window. */
    private static boolean churnedWithin(String account, LocalDate asOf) {
        LocalDate end = asOf.plusDays(HORIZON);
        return churns.getOrDefault(account, List.of()).stream().anyMatch(d -> !d.isBefore(asOf) && !d.isAfter(end));
    }

    /** The scored rows of a run's report CSV in one band. */
    private static List<CSVRecord> band(String asOf, String band) throws IOException {
        return csv(ScoredRuns.report(reports, asOf)).stream().filter(r -> r.get("risk_band").equals(band)).toList();
    }

    private static JsonNode run(String asOf) {
        for (JsonNode run : json.path("runs")) {
            if (run.path("as_of").asText().equals(asOf)) {
                return run;
            }
        }
        throw new AssertionError("outcomes.json has no run as of " + asOf + ": " + json.path("runs"));
    }

    @Test
    void bothRunsAreReportedWithTheirWholeWindowKnown() throws IOException {
        LocalDate end = LocalDate.parse(new ObjectMapper().readTree(ScoredRuns.SAMPLE_BOOK.resolve("generator.json")
                .toFile()).path("end").asText());

        assertThat(json.path("data_end").asText()).isEqualTo(end.minusDays(1).toString());
        assertThat(json.path("runs").findValuesAsText("as_of")).containsExactly(FIRST, SECOND);
        for (String asOf : List.of(FIRST, SECOND)) {
            assertThat(run(asOf).path("complete").asBoolean()).as(asOf).isTrue();
            assertThat(run(asOf).path("report").asText()).isEqualTo("at-risk-" + asOf + ".csv");
        }
        assertThat(markdown).contains("## Run as of " + FIRST + "\n", "## Run as of " + SECOND + "\n")
                .doesNotContain("(partial)");
    }

    @ParameterizedTest
    @CsvSource({FIRST + ",red", FIRST + ",yellow", FIRST + ",green", SECOND + ",red", SECOND + ",yellow",
        SECOND + ",green"})
    void eachBandCountsTheAccountsOfTheReportAndThoseTheChurnFileSaysChurnedInTheWindow(String asOf, String band)
            throws IOException {
        List<CSVRecord> rows = band(asOf, band);
        LocalDate date = LocalDate.parse(asOf);
        long churned = rows.stream().filter(r -> churnedWithin(r.get("account_id"), date)).count();
        double arrChurned = rows.stream().filter(r -> churnedWithin(r.get("account_id"), date))
                .mapToDouble(r -> Double.parseDouble(r.get("arr"))).sum();

        JsonNode g = run(asOf).path("by_band").path(band);

        assertThat(rows).as("accounts in the %s band as of %s", band, asOf).isNotEmpty();
        assertThat(g.path("accounts").asLong()).isEqualTo(rows.size());
        assertThat(g.path("churned").asLong()).isEqualTo(churned);
        assertThat(g.path("renewed").asLong()).isEqualTo(rows.size() - churned);
        assertThat(g.path("pending").asLong()).isZero();
        assertThat(g.path("arr_churned").asDouble()).isCloseTo(arrChurned, within(0.01 * rows.size()));
        String section = markdown.substring(markdown.indexOf("## Run as of " + asOf));
        assertThat(section).containsPattern("\\| " + band + " \\| " + rows.size() + " \\| [0-9.]+% \\| " + churned
                + " \\| " + (rows.size() - churned) + " \\| 0 \\|");
    }

    @Test
    void theBandsTogetherHoldEveryScoredAccountAndSomeChurned() throws IOException {
        long scored = csv(ScoredRuns.report(reports, FIRST)).stream().filter(r -> !r.get("rank").isEmpty()).count();
        long churned = 0;
        for (String band : BANDS) {
            churned += run(FIRST).path("by_band").path(band).path("churned").asLong();
        }

        long inBands = BANDS.stream().mapToLong(b -> run(FIRST).path("by_band").path(b).path("accounts").asLong()).sum();
        assertThat(inBands).isEqualTo(scored);
        assertThat(churned).as("a comparison where nobody churned would check little").isPositive();
    }

    @Test
    void theAccountsThatChurnedWhileGreenAreTheOnesTheChurnFileNames() throws IOException {
        LocalDate date = LocalDate.parse(FIRST);
        TreeSet<String> expected = new TreeSet<>();
        for (CSVRecord r : band(FIRST, "green")) {
            if (churnedWithin(r.get("account_id"), date)) {
                expected.add(r.get("account_id"));
            }
        }

        List<String> reported = run(FIRST).path("churned_while_green").findValuesAsText("account_id");

        assertThat(reported).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(markdown).contains("Churned while green: " + expected.size());
    }

    @Test
    void withoutAHoldoutTheRescueRateIsSaidNotToBeCausal() {
        assertThat(json.path("rescue").path("holdout").asBoolean()).isFalse();
        assertThat(markdown).contains("## Rescues", "It is not causal.");
    }

    @Test
    void theCommandPrintsTheOutcomesAndNamesBothFiles() {
        assertThat(outcomes.out()).startsWith("# Outcomes of past runs").contains(
                "Wrote " + reports.resolve("outcomes.md") + " and " + reports.resolve("outcomes.json"));
        assertThat(outcomes.out()).contains(markdown);
    }

    // ---- errors ------------------------------------------------------------------------------------

    @Test
    void aMissingReportsFolderIsAUsageErrorNamingIt() {
        Path missing = dir.resolve("no-such-folder");

        CliRun run = churn("outcomes", "--reports", missing.toString(), "--data", ScoredRuns.SAMPLE_BOOK.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("churn: --reports " + missing + ": is not a directory",
                "Try 'churn outcomes --help'").doesNotContain("\tat ");
        assertThat(missing).doesNotExist();
    }

    @Test
    void aFolderWithoutHistoryIsInvalidDataAndWritesNothing() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));

        CliRun run = churn("outcomes", "--reports", empty.toString(), "--data", ScoredRuns.SAMPLE_BOOK.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_DATA.code());
        assertThat(run.err()).contains("churn: --reports " + empty + ": no run history in " + empty.resolve("history"))
                .doesNotContain("\tat ");
        assertThat(empty.resolve("outcomes.md")).doesNotExist();
        assertThat(empty.resolve("outcomes.json")).doesNotExist();
    }

    @Test
    void aBookWithoutChurnIsInvalidDataSayingWhereChurnComesFrom() throws IOException {
        Path book = FileTrees.copy(ScoredRuns.SAMPLE_BOOK, dir.resolve("book"));
        Files.delete(book.resolve("churn.csv"));
        Path copy = FileTrees.copy(reports, dir.resolve("reports"));
        Files.delete(copy.resolve("outcomes.json"));

        CliRun run = churn("outcomes", "--reports", copy.toString(), "--data", book.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_DATA.code());
        assertThat(run.err()).contains("--data " + book + ": the book has no churn").doesNotContain("\tat ");
        assertThat(copy.resolve("outcomes.json")).doesNotExist();
    }
}
