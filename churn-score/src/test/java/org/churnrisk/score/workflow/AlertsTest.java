package org.churnrisk.score.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.score.ReportFiles;
import org.churnrisk.score.RunSummary;
import org.churnrisk.score.ScoredAccount;
import org.churnrisk.score.ScoringSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts on a sequence of nightly runs into one folder, each compared with the one before. */
class AlertsTest {
    @TempDir
    Path dir;

    private List<List<String>> run(String report, LocalDate asOf, ScoredAccount... accounts) throws IOException {
        ReportFiles.write(dir.resolve(report), Hand.book(asOf, null, accounts), ScoringSettings.DEFAULT,
                WorkflowSettings.DEFAULT, a -> true, 1.0);
        return Hand.rows(Files.readString(dir.resolve(Workflow.ALERTS)));
    }

    private static ScoredAccount growth(String id, double p, double health) {
        return Hand.account(id, Tier.GROWTH, "dana", 20_000, p, health, 200, "ae." + id);
    }

    @Test
    void aFirstRunListsEveryRedAndLowHealthAccountAndSaysItHasNoBaseline() throws IOException {
        List<List<String>> alerts = run("r1.csv", LocalDate.parse("2026-11-02"), growth("A", 0.5, 60),
                growth("B", 0.1, 45), growth("C", 0.1, 70));

        assertThat(alerts).extracting(r -> r.get(0)).containsExactly("A", "B");
        assertThat(alerts.get(0).get(10)).isEqualTo("red (no earlier report to compare with: first run)");
        JsonNode summary = new ObjectMapper().readTree(RunSummary.fileOf(dir.resolve("r1.csv")).toFile());
        assertThat(summary.path("workflow").path("alerts").path("first_run").asBoolean()).isTrue();
        assertThat(summary.path("workflow").path("alerts").path("baseline").isNull()).isTrue();
    }

    @Test
    void laterRunsAlertOnlyOnWhatChanged() throws IOException {
        run("r1.csv", LocalDate.parse("2026-11-02"), growth("A", 0.5, 60), growth("B", 0.1, 70), growth("C", 0.1, 55));
        List<List<String>> second = run("r2.csv", LocalDate.parse("2026-11-03"), growth("A", 0.5, 60),
                growth("B", 0.4, 70), growth("C", 0.1, 48), growth("D", 0.1, 30));

        // A stays red: no alert; B entered red; C fell below 50; D is new and below 50
        assertThat(second).extracting(r -> r.get(0) + ": " + r.get(10)).containsExactly(
                "B: entered red since 2026-11-02",
                "C: health score fell from 55 to 48 since 2026-11-02",
                "D: health score 30, below 50 (not in the report of 2026-11-02)");
        List<String> b = second.get(0);
        assertThat(b.get(3)).isEqualTo("dana");
        assertThat(b.get(4)).isEqualTo("ae.B");
        assertThat(b.subList(11, 14)).containsExactly("Re-engagement call", "Executive business review",
                "2026-11-10"); // Tuesday + 5 business days

        List<List<String>> third = run("r3.csv", LocalDate.parse("2026-11-04"), growth("A", 0.5, 60),
                growth("B", 0.4, 70), growth("C", 0.1, 40), growth("D", 0.1, 30));
        assertThat(third).as("nothing changed that was not already alerted").isEmpty();
    }

    @Test
    void theColumnsAreTheDocumentedOnes() throws IOException {
        run("r1.csv", LocalDate.parse("2026-11-02"), growth("A", 0.5, 60));
        assertThat(Files.readAllLines(dir.resolve(Workflow.ALERTS)).get(0))
                .isEqualTo(String.join(",", Workflow.ALERT_COLUMNS));
    }

    @Test
    void aCsmWithoutAccountsTonightLosesTheStaleList() throws IOException {
        ScoredAccount e1 = Hand.account("E1", Tier.ENTERPRISE, "sam", 90_000, 0.2, 70);
        ScoredAccount e2 = Hand.account("E2", Tier.ENTERPRISE, "kim", 90_000, 0.2, 70);
        run("r1.csv", LocalDate.parse("2026-11-02"), e1, e2);
        assertThat(dir.resolve("worklists/sam.csv")).exists();
        run("r2.csv", LocalDate.parse("2026-11-03"), e2);

        try (var files = Files.list(dir.resolve("worklists"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("kim.csv",
                    "growth-queue.csv");
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
        }
    }
}
