package org.churnrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.churnrisk.cli.CliRun.churn;
import static org.churnrisk.cli.CliRun.churnSuccessfully;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.churnrisk.sample.GeneratorConfig;
import org.churnrisk.score.ReportCsv;
import org.churnrisk.testkit.FileTrees;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code churn score} and {@code churn explain} through the real command line, on a generated book. */
class ScoreCommandTest {
    /** The generator's export date: the day after the book's data ends. */
    static final String AS_OF = GeneratorConfig.DEFAULT_END.toString();

    @TempDir
    static Path shared;
    static Path book;
    static Path model;

    @TempDir
    Path dir;

    static CliRun score(Path data, Path out, String... more) {
        return churn(List.of("score", "--data", data.toString(), "--model", model.toString(), "--out", out.toString()),
                more);
    }

    @BeforeAll
    static void train() throws IOException {
        book = GeneratedBooks.generate(shared.resolve("book"), 150, 500, 9);
        model = shared.resolve("model");
        churnSuccessfully("train", "--data", book.toString(), "--out", model.toString(), "--algorithm", "logistic",
                "--folds", "2");
    }

    /** A copy of the book whose tickets.csv ends with a bad row; returns the row's line number. */
    private static long damagedCopy(Path copy) throws IOException {
        FileTrees.copy(book, copy);
        String account = GeneratedBooks.firstAccount(book);
        Path tickets = copy.resolve("tickets.csv");
        Files.writeString(tickets, "T-BAD," + account + ",2026-13-01T10:00:00Z,,normal,false,\n",
                StandardOpenOption.APPEND);
        return Files.readAllLines(tickets).size();
    }

    // ---- good runs ---------------------------------------------------------------------------------

    @Test
    void aGoodRunWritesTheReportWithItsColumns() throws IOException {
        Path out = dir.resolve("at-risk.csv");

        CliRun run = score(book, out, "--as-of", AS_OF);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllLines(out).get(0)).isEqualTo(String.join(",", ReportCsv.COLUMNS));
    }

    @Test
    void aGoodRunPrintsTheSummaryAndTheRiskiestAccounts() {
        CliRun run = score(book, dir.resolve("at-risk.csv"), "--as-of", AS_OF, "--top", "3");

        assertThat(run.out()).contains("As of " + AS_OF + ": ", "ARR at risk: $", "rank  account", "top driver",
                "Wrote ");
        assertThat(run.out().lines().filter(l -> l.matches("\\s+[1-9]\\d*  \\S+.*"))).hasSize(3);
    }

    @Test
    void theSummaryIsWrittenBesideTheReport() throws IOException {
        score(book, dir.resolve("at-risk.csv"), "--as-of", AS_OF);

        JsonNode summary = new ObjectMapper().readTree(dir.resolve("at-risk.summary.json").toFile());
        assertThat(summary.path("as_of").asText()).isEqualTo(AS_OF);
        assertThat(summary.path("accounts").path("scored").asInt()).isPositive();
        assertThat(summary.path("rows").path("usage").path("accepted").asLong()).isPositive();
        assertThat(summary.path("model").path("algorithm").asText()).isEqualTo("logistic");
        assertThat(summary.path("data").path("files").size()).isPositive();
    }

    @Test
    void theSameInputsWriteTheSameBytes() throws IOException {
        score(book, dir.resolve("first.csv"), "--as-of", AS_OF);
        score(book, dir.resolve("second.csv"), "--as-of", AS_OF);

        assertThat(Files.readAllBytes(dir.resolve("second.csv"))).isEqualTo(Files.readAllBytes(dir.resolve("first.csv")));
    }

    @Test
    void aLaterRunListsTheAccountsThatEnteredTheRedBand() {
        score(book, dir.resolve("october.csv"), "--as-of", "2026-10-01");

        CliRun run = score(book, dir.resolve("november.csv"), "--as-of", AS_OF);

        assertThat(run.out()).contains("Entered the red band since october.csv (as of 2026-10-01): ");
    }

    @Test
    void badRowsCanBeSkippedAndAreCounted() throws IOException {
        Path copy = dir.resolve("book");
        damagedCopy(copy);

        CliRun run = score(copy, dir.resolve("at-risk.csv"), "--as-of", AS_OF, "--skip-bad-rows");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("at-risk.summary.json").toFile());
        assertThat(summary.path("rows").path("tickets").path("rejected").asInt()).isEqualTo(1);
        assertThat(dir.resolve("at-risk.csv.rejects").resolve("tickets.rejects.csv")).isRegularFile();
    }

    // ---- bad arguments -----------------------------------------------------------------------------

    @Test
    void aMissingOutIsAUsageError() {
        CliRun run = churn("score", "--data", book.toString(), "--model", model.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("Missing required option: '--out=<report.csv>'", "Try 'churn score --help'");
    }

    @Test
    void aReportThatIsNotCsvIsAUsageError() {
        CliRun run = score(book, dir.resolve("at-risk.xlsx"), "--as-of", AS_OF);

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("expected a .csv file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13-01", "01/11/2026", "yesterday"})
    void aDateThatIsNotIsoIsAUsageErrorNamingTheFormat(String date) {
        CliRun run = score(book, dir.resolve("at-risk.csv"), "--as-of", date);

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("'" + date + "' is not a date (expected yyyy-MM-dd");
    }

    @Test
    void aMissingModelIsInvalidDataNamingTheDirectory() {
        CliRun run = churn("score", "--data", book.toString(), "--model", dir.resolve("nomodel").toString(), "--out",
                dir.resolve("at-risk.csv").toString(), "--as-of", AS_OF);

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_DATA.code());
        assertThat(run.err()).contains("model bundle", "nomodel", "does not exist").doesNotContain("\tat ");
    }

    @Test
    void aFormatOneBundleIsInvalidDataAndTheMessageSaysToRetrain() throws java.io.IOException {
        Path old = java.nio.file.Files.createDirectory(dir.resolve("format-1"));
        for (String f : new String[] {"bundle.json", "model.tribuo", "scorer.bin"}) {
            java.nio.file.Files.copy(model.resolve(f), old.resolve(f));
        }
        String json = java.nio.file.Files.readString(old.resolve("bundle.json"));
        java.nio.file.Files.writeString(old.resolve("bundle.json"),
                json.replace("\"format_version\": 3,", "\"format_version\": 1,"));

        CliRun run = churn("score", "--data", book.toString(), "--model", old.toString(), "--out",
                dir.resolve("at-risk.csv").toString(), "--as-of", AS_OF);

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_DATA.code());
        assertThat(run.err()).contains("format_version 1 is no longer read", "retrain with churn train")
                .doesNotContain("\tat ");
    }

    @Test
    void aHandEditedManifestIsInvalidDataAndTheReportIsLeftAlone() throws IOException {
        Path edited = Files.createDirectory(dir.resolve("edited"));
        for (String f : new String[] {"bundle.json", "model.tribuo", "scorer.bin"}) {
            Files.copy(model.resolve(f), edited.resolve(f));
        }
        String json = Files.readString(edited.resolve("bundle.json"));
        assertThat(json).contains("\"horizon_days\": 120,");
        Files.writeString(edited.resolve("bundle.json"), json.replace("\"horizon_days\": 120,", "\"horizon_days\": 30,"));
        Path out = dir.resolve("at-risk.csv");
        Files.writeString(out, "yesterday's report\n");

        CliRun run = churn("score", "--data", book.toString(), "--model", edited.toString(), "--out", out.toString(),
                "--as-of", AS_OF);

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_DATA.code());
        assertThat(run.err()).contains("model bundle " + edited, "bundle.json was changed after training",
                "retrain with churn train").doesNotContain("\tat ");
        assertThat(out).hasContent("yesterday's report");
        assertThat(dir.resolve("at-risk.summary.json")).doesNotExist();
    }

    @Test
    void aDataDirectoryThatDoesNotExistIsAUsageError() {
        CliRun run = score(dir.resolve("nothing"), dir.resolve("at-risk.csv"), "--as-of", AS_OF);

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("is not a directory");
    }

    // ---- bad data ----------------------------------------------------------------------------------

    @Test
    void badDataExitsThreeNamingTheFileAndLine() throws IOException {
        Path copy = dir.resolve("book");
        long line = damagedCopy(copy);

        CliRun run = score(copy, dir.resolve("at-risk.csv"), "--as-of", AS_OF);

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_DATA.code());
        assertThat(run.err()).contains("churn: tickets.csv line " + String.format(Locale.ROOT, "%,d", line)
                + ": column 'created_at' value '2026-13-01T10:00:00Z' is not a timestamp").doesNotContain("\tat ");
    }

    @Test
    void aRunThatFailsOnBadDataLeavesThePreviousReportByteIdentical() throws IOException {
        Path out = dir.resolve("at-risk.csv");
        score(book, out, "--as-of", AS_OF);
        byte[] report = Files.readAllBytes(out);
        byte[] summary = Files.readAllBytes(dir.resolve("at-risk.summary.json"));
        List<String> written;
        try (Stream<Path> files = Files.list(dir)) {
            written = files.map(p -> p.getFileName().toString()).toList();
        }
        Path copy = shared.resolve("damaged-" + System.nanoTime());
        damagedCopy(copy);

        CliRun run = score(copy, out, "--as-of", AS_OF);

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_DATA.code());
        assertThat(Files.readAllBytes(out)).isEqualTo(report);
        assertThat(Files.readAllBytes(dir.resolve("at-risk.summary.json"))).isEqualTo(summary);
        try (Stream<Path> files = Files.list(dir)) {
            // The first run's report, summary and workflow files, and no temporary file of the failed run.
            assertThat(written).contains("at-risk.csv", "at-risk.summary.json", ".at-risk.csv.lock",
                    "alerts.csv", "onboarding.csv", "digital-journey.csv", "adoption.csv", "worklists");
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(written);
        }
    }

    @Test
    void staleExportsAreInvalidDataWithTheDateToUse() {
        CliRun run = score(book, dir.resolve("at-risk.csv"), "--as-of", "2027-02-01");

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_DATA.code());
        assertThat(run.err()).contains("usage ends 2026-10-", "days before 2027-01-31", "score as of 2026-1");
    }

    @Test
    void aBadScoringSectionIsInvalidDataNamingTheKey() throws IOException {
        Path yaml = dir.resolve("churn.yaml");
        Files.writeString(yaml, Files.readString(book.resolve("churn.yaml")) + "scoring:\n  bands: {red_at: 2}\n");

        CliRun run = score(book, dir.resolve("at-risk.csv"), "--as-of", AS_OF, "--config", yaml.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_DATA.code());
        assertThat(run.err()).contains("scoring.bands", "red_at");
    }

    // ---- explain -----------------------------------------------------------------------------------

    @Test
    void explainShowsTheProbabilityAndEveryContribution() throws IOException {
        Path out = dir.resolve("at-risk.csv");
        score(book, out, "--as-of", AS_OF);
        String top = Files.readAllLines(out).get(1).split(",")[1];

        CliRun run = churn("explain", "--data", book.toString(), "--model", model.toString(), "--as-of", AS_OF,
                "--account", top);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(top, "Churn probability within 120 days: ", "Driver 1: ", "Suggested play: ");
        assertThat(run.out().lines().filter(l -> l.matches("[a-z0-9_]+\\s+\\S+\\s+[+-]\\d+\\.\\d{4}\\s.*")))
                .hasSize(85);
    }

    @Test
    void explainingAnUnknownAccountIsAUsageError() {
        CliRun run = churn("explain", "--data", book.toString(), "--model", model.toString(), "--as-of", AS_OF,
                "--account", "NOPE");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("has no account 'NOPE'");
    }
}
