package org.churnrisk.score;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.churnrisk.core.features.RiskBand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFilesTest {
    @TempDir
    Path dir;

    private static ScoredBook book(String asOf, ScoredAccount... accounts) {
        return new ScoredBook(LocalDate.parse(asOf), List.of(accounts), null, Map.of("algorithm", "logistic"),
                Map.of(), Map.of("scoring", 1.0));
    }

    private RunSummary write(String name, ScoredBook book) throws IOException {
        return ReportFiles.write(dir.resolve(name), book, ScoringSettings.DEFAULT, 2.5);
    }

    private JsonNode summaryOf(String report) throws IOException {
        return new ObjectMapper().readTree(RunSummary.fileOf(dir.resolve(report)).toFile());
    }

    @Test
    void writesTheReportAndItsSummaryBesideIt() throws IOException {
        write("at-risk.csv", book("2026-11-01", Accounts.scored("A1", 0.5, RiskBand.RED, 10_000)));

        assertThat(dir.resolve("at-risk.csv")).content().startsWith("rank,account_id");
        assertThat(summaryOf("at-risk.csv").path("report").asText()).isEqualTo("at-risk.csv");
        assertThat(dir.resolve("at-risk.summary.json")).exists();
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws IOException {
        write("at-risk.csv", book("2026-11-01", Accounts.scored("A1", 0.5, RiskBand.RED, 10_000)));

        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("at-risk.csv",
                    "at-risk.summary.json", ".at-risk.csv.lock", "history", "report.html");
        }
    }

    @Test
    void theSummaryAddsUpArrAtRiskByTierAndBand() throws IOException {
        write("r.csv", book("2026-11-01", Accounts.scored("A1", 0.5, RiskBand.RED, 10_000),
                Accounts.scored("A2", 0.2, RiskBand.YELLOW, 20_000), Accounts.unscored("A3", 7_000)));

        JsonNode arr = summaryOf("r.csv").path("arr");
        assertThat(arr.path("at_risk").asDouble()).isEqualTo(9_000);
        assertThat(arr.path("at_risk_by_band").path("red").asDouble()).isEqualTo(5_000);
        assertThat(arr.path("at_risk_by_tier").path("growth").asDouble()).isEqualTo(9_000);
        assertThat(arr.path("total").asDouble()).isEqualTo(37_000);
    }

    @Test
    void theSummaryCountsAccountsByBandAndUnscoredReason() throws IOException {
        write("r.csv", book("2026-11-01", Accounts.scored("A1", 0.5, RiskBand.RED, 10_000),
                Accounts.unscored("A3", 7_000)));

        JsonNode accounts = summaryOf("r.csv").path("accounts");
        assertThat(accounts.path("scored").asInt()).isEqualTo(1);
        assertThat(accounts.path("by_band").path("red").asInt()).isEqualTo(1);
        assertThat(accounts.path("unscored_reasons").path("no product usage before 2026-11-01").asInt()).isEqualTo(1);
    }

    @Test
    void accountsThatTurnedRedSinceTheLatestEarlierReportAreListed() throws IOException {
        write("2026-10-01.csv", book("2026-10-01", Accounts.scored("A1", 0.5, RiskBand.RED, 10_000)));
        write("2026-10-15.csv", book("2026-10-15", Accounts.scored("A2", 0.5, RiskBand.RED, 10_000)));

        RunSummary summary = write("2026-11-01.csv", book("2026-11-01", Accounts.scored("A1", 0.6, RiskBand.RED, 1),
                Accounts.scored("A2", 0.5, RiskBand.RED, 1), Accounts.scored("A3", 0.4, RiskBand.RED, 1)));

        assertThat(summary.enteredRed()).extracting(ScoredAccount::accountId).containsExactly("A1", "A3");
        assertThat(summaryOf("2026-11-01.csv").path("entered_red").path("previous_report").asText())
                .isEqualTo("2026-10-15.csv");
    }

    @Test
    void aReportOverwrittenNightlyIsComparedWithItsOwnPreviousVersion() throws IOException {
        write("at-risk.csv", book("2026-10-31", Accounts.scored("A1", 0.5, RiskBand.RED, 10_000)));

        RunSummary summary = write("at-risk.csv", book("2026-11-01", Accounts.scored("A1", 0.5, RiskBand.RED, 1),
                Accounts.scored("A2", 0.4, RiskBand.RED, 1)));

        assertThat(summary.enteredRed()).extracting(ScoredAccount::accountId).containsExactly("A2");
    }

    @Test
    void withoutAnEarlierReportNobodyIsSaidToHaveEnteredRed() throws IOException {
        RunSummary summary = write("r.csv", book("2026-11-01", Accounts.scored("A1", 0.5, RiskBand.RED, 1)));

        assertThat(summary.previous()).isNull();
        assertThat(summaryOf("r.csv").path("entered_red").path("count").isNull()).isTrue();
        assertThat(summary.text()).contains("no earlier report");
    }

    @Test
    void theSameBookGivesTheSameReportBytes() throws IOException {
        ScoredBook book = book("2026-11-01", Accounts.scored("A1", 0.5, RiskBand.RED, 10_000),
                Accounts.unscored("A3", 7_000));
        write("a.csv", book);
        write("b.csv", book);

        assertThat(Files.readAllBytes(dir.resolve("a.csv"))).isEqualTo(Files.readAllBytes(dir.resolve("b.csv")));
    }
}
