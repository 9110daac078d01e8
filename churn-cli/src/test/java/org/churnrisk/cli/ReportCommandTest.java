package org.churnrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.churnrisk.cli.CliRun.churn;
import static org.churnrisk.cli.CliRun.churnSuccessfully;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.churnrisk.testkit.FileTrees;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code churn report} through the real command line, on a report folder that two {@code churn
 * score} runs of the sample book, a month apart, filled with their run history.
 */
class ReportCommandTest {
    static final String FIRST = "2026-09-01";
    static final String SECOND = "2026-10-01";

    @TempDir
    static Path shared;
    static Path reports;
    /** The page {@code churn score} wrote after the second run. */
    static String scoredPage;

    @TempDir
    Path dir;

    @BeforeAll
    static void scoreTwice() throws IOException {
        reports = Files.createDirectory(shared.resolve("reports"));
        ScoredRuns.score(reports, FIRST);
        ScoredRuns.score(reports, SECOND);
        scoredPage = Files.readString(reports.resolve("report.html"), StandardCharsets.UTF_8);
    }

    private static List<String> historyFiles(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder.resolve("history"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The report file a history entry names, read straight from the gzipped JSON. */
    private static String historyReport(Path folder, String asOf) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(folder.resolve("history/" + asOf + ".json.gz")))) {
            return new ObjectMapper().readTree(in).path("summary").path("report").asText();
        }
    }

    private static JsonNode summary(Path folder, String asOf) throws IOException {
        return new ObjectMapper().readTree(ScoredRuns.summary(folder, asOf).toFile());
    }

    /** The text of the element whose {@code data-key} is {@code key}; fails when the page has none. */
    private static String dataKey(String html, String key) {
        Matcher m = Pattern.compile("data-key=\"" + Pattern.quote(key) + "\">([^<]*)<").matcher(html);
        assertThat(m.find()).as("data-key %s in the page", key).isTrue();
        return m.group(1);
    }

    private static String money(double v) {
        long rounded = Math.round(v);
        return (rounded < 0 ? "-$" : "$") + String.format(Locale.ROOT, "%,d", Math.abs(rounded));
    }

    /** A copy of the shared folder whose report.html is gone, so that what is there afterwards is the rebuild's. */
    private Path copyWithoutPage() throws IOException {
        Path copy = FileTrees.copy(reports, dir.resolve("reports"));
        Files.delete(copy.resolve("report.html"));
        return copy;
    }

    @Test
    void eachRunOfADateAddsOneEntryToTheHistory() throws IOException {
        assertThat(historyFiles(reports)).containsExactly(FIRST + ".json.gz", SECOND + ".json.gz");
    }

    @Test
    void theRebuiltPageIsTheOneChurnScoreWroteByteForByte() throws IOException {
        Path copy = copyWithoutPage();

        CliRun run = churnSuccessfully("report", "--reports", copy.toString());

        assertThat(run.out()).contains("Wrote " + copy.resolve("report.html"), "as of " + SECOND,
                "2 runs in the history");
        assertThat(Files.readString(copy.resolve("report.html"), StandardCharsets.UTF_8)).isEqualTo(scoredPage);
    }

    @Test
    void thePageHasEverySectionOfTheLatestRun() throws IOException {
        Path copy = copyWithoutPage();

        churnSuccessfully("report", "--reports", copy.toString());

        String html = Files.readString(copy.resolve("report.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("<h1>Churn risk as of " + SECOND, "<h2>At a glance</h2>",
                "<h2>ARR at risk by tier and band</h2>", "<h2>Over the runs in this folder</h2>",
                "<h2>Top 25 accounts by churn risk</h2>", "<h2>Model card</h2>", "<h2>Data quality</h2>",
                "2 runs from " + FIRST + " to " + SECOND + ".");
    }

    @Test
    void theTilesAgreeWithTheSummariesOfTheRuns() throws IOException {
        Path copy = copyWithoutPage();
        JsonNode now = summary(copy, SECOND);
        JsonNode before = summary(copy, FIRST);

        churnSuccessfully("report", "--reports", copy.toString());

        String html = Files.readString(copy.resolve("report.html"), StandardCharsets.UTF_8);
        assertThat(now.path("accounts").path("scored").asInt()).isPositive();
        assertThat(dataKey(html, "accounts.scored"))
                .isEqualTo(String.format(Locale.ROOT, "%,d", now.path("accounts").path("scored").asLong()));
        assertThat(dataKey(html, "arr.at_risk")).isEqualTo(money(now.path("arr").path("at_risk").asDouble()));
        for (String band : List.of("red", "yellow", "green")) {
            assertThat(dataKey(html, "arr.at_risk_by_band." + band)).as(band)
                    .isEqualTo(money(now.path("arr").path("at_risk_by_band").path(band).asDouble()));
        }
        double change = now.path("arr").path("at_risk").asDouble() - before.path("arr").path("at_risk").asDouble();
        assertThat(html).contains("Change since " + FIRST);
        assertThat(dataKey(html, "change.arr_at_risk")).isEqualTo((Math.round(change) > 0 ? "+" : "") + money(change));
    }

    @Test
    void anEarlierAsOfShowsThatRunAsTheFirst() throws IOException {
        Path copy = copyWithoutPage();
        JsonNode first = summary(copy, FIRST);

        CliRun run = churnSuccessfully("report", "--reports", copy.toString(), "--as-of", FIRST);

        String html = Files.readString(copy.resolve("report.html"), StandardCharsets.UTF_8);
        assertThat(run.out()).contains("as of " + FIRST);
        assertThat(html).contains("<h1>Churn risk as of " + FIRST);
        assertThat(dataKey(html, "arr.at_risk")).isEqualTo(money(first.path("arr").path("at_risk").asDouble()));
        assertThat(dataKey(html, "change")).isEqualTo("first run");
    }

    @Test
    void aRerunOfTheSameDateReplacesItsEntryInsteadOfAddingOne() throws IOException {
        Path copy = FileTrees.copy(reports, dir.resolve("reports"));
        churnSuccessfully("score", "--data", ScoredRuns.SAMPLE_BOOK.toString(), "--model", ScoredRuns.BUNDLE.toString(),
                "--as-of", SECOND, "--out", copy.resolve("rerun.csv").toString());

        CliRun run = churnSuccessfully("report", "--reports", copy.toString());

        assertThat(historyFiles(copy)).containsExactly(FIRST + ".json.gz", SECOND + ".json.gz");
        assertThat(historyReport(copy, SECOND)).isEqualTo("rerun.csv");
        assertThat(historyReport(copy, FIRST)).isEqualTo("at-risk-" + FIRST + ".csv");
        assertThat(run.out()).contains("2 runs in the history");
        assertThat(Files.readString(copy.resolve("report.html"), StandardCharsets.UTF_8))
                .contains("2 runs from " + FIRST + " to " + SECOND + ".");
    }

    // ---- errors ------------------------------------------------------------------------------------

    @Test
    void aMissingReportsFolderIsAUsageErrorNamingIt() {
        Path missing = dir.resolve("no-such-folder");

        CliRun run = churn("report", "--reports", missing.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("churn: --reports " + missing + ": is not a directory",
                "Try 'churn report --help'").doesNotContain("\tat ");
        assertThat(missing).doesNotExist();
    }

    @Test
    void aFolderWithoutHistoryIsInvalidDataAndWritesNoPage() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));

        CliRun run = churn("report", "--reports", empty.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_DATA.code());
        assertThat(run.err()).contains("churn: --reports " + empty + ": no run history in " + empty.resolve("history"),
                "churn score writes one entry per run").doesNotContain("\tat ");
        assertThat(empty.resolve("report.html")).doesNotExist();
    }

    @Test
    void anAsOfWithoutARunIsAUsageErrorNamingTheDatesThereAre() {
        CliRun run = churn("report", "--reports", reports.toString(), "--as-of", "2026-09-15");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("--as-of 2026-09-15: the history has no run of that date (it has " + FIRST
                + " to " + SECOND + ")");
    }
}
