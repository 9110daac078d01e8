package org.churnrisk.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.churnrisk.score.history.HistoryEntry;
import org.churnrisk.score.history.RunHistory;
import org.churnrisk.score.report.HtmlReport;
import org.churnrisk.testkit.FileTrees;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code churn score}'s files for CS leaders on the sample book, scored twice a month apart with
 * a 10% holdout: the history, the holdout column and {@code report.html}.
 */
class HtmlReportFilesTest {
    static final Path EVALUATION = TrainedBook.MODULE.resolve(
            "../churn-cli/src/test/resources/golden/sample-book/evaluation.json").normalize();

    @TempDir
    static Path dir;
    static Path report;
    static RunSummary october;
    static RunSummary november;
    static String html;

    @BeforeAll
    static void scoreTwice() throws Exception {
        Path model = dir.resolve("model");
        FileTrees.copy(TrainedBook.LOGISTIC.model(), model);
        Files.copy(EVALUATION, model.resolve("evaluation.json"));
        ScoringSettings settings = ScoringSettings.DEFAULT.withHoldout(new HoldoutSettings(0.1, "test"));
        ChurnModel churn = ChurnModel.load(model, settings);
        report = dir.resolve("reports/at-risk.csv");
        Files.createDirectories(report.getParent());
        october = ReportFiles.write(report, churn.score(TrainedBook.BOOK, LocalDate.parse("2026-10-01")), settings, 1);
        november = ReportFiles.write(report, churn.score(TrainedBook.BOOK, TrainedBook.AS_OF), settings, 1);
        html = Files.readString(report.resolveSibling("report.html"), StandardCharsets.UTF_8);
    }

    @Test
    void theHistoryHoldsOneEntryPerAsOfDate() throws Exception {
        List<HistoryEntry> history = RunHistory.read(report.resolveSibling("history"), true);

        assertThat(history).extracting(HistoryEntry::asOf)
                .containsExactly(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-11-01"));
        assertThat(history.get(1).number("arr", "at_risk"))
                .isEqualTo(((Number) ((java.util.Map<?, ?>) november.values().get("arr")).get("at_risk")).doubleValue());
        assertThat(history.get(1).accounts()).hasSize(((Number) ((java.util.Map<?, ?>) november.values()
                .get("accounts")).get("active")).intValue());
    }

    @Test
    void heldOutAccountsHaveNoPlayAndAreMarkedInTheReport() throws Exception {
        List<String> lines = Files.readAllLines(report);
        List<String> held = lines.stream().skip(1).filter(l -> l.endsWith(",holdout")).toList();

        assertThat(lines.get(0)).endsWith(",suggested_play,holdout");
        assertThat(held).isNotEmpty().allMatch(l -> l.endsWith(",,holdout"));
        assertThat(html).contains("holdout: no play");
    }

    @Test
    void everySectionIsThere() {
        for (String id : List.of("tiles", "arr-at-risk", "trends", "top-accounts", "model-card", "data-quality")) {
            assertThat(html).contains("<section id=\"" + id + "\">");
        }
        assertThat(html).doesNotContain("http://www.w3.org/1999", "<script", "https://", "<link");
    }

    @Test
    void theNumbersAreTheSummarys() {
        HistoryEntry now = entry(november);
        assertThat(key("accounts.scored")).isEqualTo(String.format(Locale.ROOT, "%,d",
                Math.round(now.number("accounts", "scored"))));
        assertThat(key("arr.at_risk")).isEqualTo(money(now.number("arr", "at_risk")));
        for (String band : List.of("red", "yellow", "green")) {
            assertThat(key("arr.at_risk_by_band." + band)).isEqualTo(money(now.number("arr", "at_risk_by_band", band)));
        }
        for (String tier : List.of("starter", "growth", "enterprise")) {
            assertThat(key("arr.at_risk_by_tier." + tier)).isEqualTo(money(now.number("arr", "at_risk_by_tier", tier)));
        }
        assertThat(key("rows.usage.read")).isEqualTo(String.format(Locale.ROOT, "%,d",
                Math.round(now.number("rows", "usage", "read"))));
        double change = now.number("arr", "at_risk") - entry(october).number("arr", "at_risk");
        assertThat(key("change.arr_at_risk")).isEqualTo((Math.round(change) > 0 ? "+" : "") + money(change));
    }

    @Test
    void theModelCardShowsTheBacktestOfEvaluationJson() {
        assertThat(html).contains("<td>ROC AUC</td><td>0.792</td><td>0.672</td>")
                .contains("aria-label=\"Lift by decile\"").contains("aria-label=\"Reliability\"");
    }

    @Test
    void rebuildingFromTheHistoryGivesTheSameBytes() throws Exception {
        List<HistoryEntry> history = RunHistory.read(report.resolveSibling("history"), true);

        assertThat(HtmlReport.render(history, TrainedBook.AS_OF)).isEqualTo(html);
    }

    @Test
    void accountNamesAreEscaped() throws Exception {
        List<HistoryEntry> history = RunHistory.read(report.resolveSibling("history"), true);
        HistoryEntry last = history.get(1);
        List<org.churnrisk.score.history.RecordedAccount> accounts = new java.util.ArrayList<>(last.accounts());
        var a = accounts.get(0);
        accounts.set(0, new org.churnrisk.score.history.RecordedAccount(a.accountId(), "<img src=x onerror=alert(1)>",
                a.tier(), "\"csm\" & co", a.arr(), a.renewalDate(), a.probability(), a.band(), a.healthScore(),
                a.drivers(), a.play(), a.holdout()));
        HistoryEntry hostile = new HistoryEntry(last.asOf(), last.summary(), accounts, last.holdout(), last.assignments(),
                last.modelCard(), last.notes());

        String page = HtmlReport.render(List.of(history.get(0), hostile), last.asOf());
        assertThat(page).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("&quot;csm&quot; &amp; co");
    }

    private static HistoryEntry entry(RunSummary s) {
        return new HistoryEntry(LocalDate.parse((String) s.values().get("as_of")), s.values(), List.of(), null,
                java.util.Map.of(), null, List.of());
    }

    private static String key(String key) {
        String marker = "data-key=\"" + key + "\">";
        int at = html.indexOf(marker);
        assertThat(at).as(key).isPositive();
        return html.substring(at + marker.length(), html.indexOf('<', at + marker.length()));
    }

    private static String money(double v) {
        long r = Math.round(v);
        return (r < 0 ? "-$" : "$") + String.format(Locale.ROOT, "%,d", Math.abs(r));
    }
}
