package org.churnrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.churnrisk.cli.CliRun.churn;
import static org.churnrisk.cli.GeneratedBooks.BAD_USAGE_ROW;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.features.Feature;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.features.FeatureSettings;
import org.churnrisk.testkit.FileTrees;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code churn features} through the real command line, on small generated and hand-written books. */
class FeaturesCommandTest {
    private static final String AS_OF = "2026-10-01";

    @TempDir
    static Path shared;
    /** A valid generated book; tests that damage a book copy it first. */
    static Path book;

    @TempDir
    Path dir;

    private static CliRun features(Path data, Path out, String... more) {
        return churn(List.of("features", "--data", data.toString(), "--out", out.toString()), more);
    }

    @BeforeAll
    static void generate() throws IOException {
        book = GeneratedBooks.small(shared.resolve("book"));
    }

    /** A copy of the generated book whose usage.csv has a bad row; returns the row's line number. */
    private long damagedCopy(Path copy) throws IOException {
        FileTrees.copy(book, copy);
        String account = GeneratedBooks.firstAccount(book);
        Path usage = copy.resolve("usage.csv");
        Files.writeString(usage, account + BAD_USAGE_ROW + "\n", StandardOpenOption.APPEND);
        return Files.readAllLines(usage).size();
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    private static String cell(String line, int index) {
        return line.split(",", -1)[index];
    }

    // ---- a good run ------------------------------------------------------------------------------

    @Test
    void aGoodRunExitsZeroAndReportsWhatItReadAndWrote() {
        Path out = dir.resolve("features.csv");

        CliRun run = features(book, out, "--as-of", AS_OF);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK.code());
        assertThat(out).isRegularFile();
        assertThat(run.out())
                .containsPattern("source\\s+rows read\\s+accepted\\s+rejected")
                .containsPattern("usage\\s+[\\d,]+\\s+[\\d,]+\\s+0\n")
                .containsPattern("as of 2026-10-01: \\d+ active accounts")
                .contains("Wrote " + out + " (" + Feature.SCHEMA.size() + " features per account)");
    }

    @Test
    void theHeaderIsTheAccountTheDateEveryFeatureAndTheHealthScore() throws IOException {
        Path out = dir.resolve("features.csv");

        features(book, out, "--as-of", AS_OF);

        List<String> expected = new ArrayList<>(List.of("account_id", "as_of"));
        expected.addAll(Feature.SCHEMA.names());
        expected.addAll(List.of("health_score", "health_band"));
        assertThat(lines(out).get(0)).isEqualTo(String.join(",", expected));
    }

    @Test
    void thereIsOneRowPerActiveAccountSortedById() throws IOException {
        Path out = dir.resolve("features.csv");
        FeatureTable table = FeatureExtractor.create(FeatureSettings.forBook(book, null))
                .extract(book, LocalDate.parse(AS_OF));

        CliRun run = features(book, out, "--as-of", AS_OF);

        List<String> rows = lines(out).subList(1, lines(out).size());
        assertThat(rows).extracting(r -> cell(r, 0)).isNotEmpty().containsExactlyElementsOf(table.accountIds())
                .isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(rows).extracting(r -> cell(r, 1)).containsOnly(AS_OF);
        assertThat(run.out()).contains("as of 2026-10-01: " + table.rows() + " active accounts");
    }

    @Test
    void twoDatesSeparatedByACommaGiveOneSortedBlockPerDate() throws IOException {
        Path out = dir.resolve("features.csv");

        CliRun run = features(book, out, "--as-of", "2026-09-01,2026-10-01");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK.code());
        List<String> rows = lines(out).subList(1, lines(out).size());
        List<String> dates = rows.stream().map(r -> cell(r, 1)).distinct().toList();
        assertThat(dates).containsExactly("2026-09-01", "2026-10-01");
        for (String date : dates) {
            List<String> ids = rows.stream().filter(r -> cell(r, 1).equals(date)).map(r -> cell(r, 0)).toList();
            assertThat(ids).as(date).isNotEmpty().doesNotHaveDuplicates().isSorted();
            assertThat(run.out()).contains("as of " + date + ": " + ids.size() + " active accounts");
        }
        assertThat(rows.stream().map(r -> cell(r, 1)).toList()).isSorted(); // one block per date, in order
    }

    @Test
    void twoRunsWithTheSameInputsWriteIdenticalBytes() throws IOException {
        Path first = dir.resolve("first.csv");
        Path second = dir.resolve("second.csv");

        features(book, first, "--as-of", "2026-09-01,2026-10-01");
        features(book, second, "--as-of", "2026-09-01,2026-10-01");

        assertThat(Files.readAllBytes(second)).isNotEmpty().isEqualTo(Files.readAllBytes(first));
    }

    // ---- bad arguments ---------------------------------------------------------------------------

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of("missing --data", List.of("--as-of", AS_OF, "--out", "OUT"),
                        "Missing required option: '--data=<book-dir>'"),
                Arguments.of("a date that is not a date", List.of("--data", "BOOK", "--as-of", "2026-13-01", "--out", "OUT"),
                        "'2026-13-01' is not a date (expected yyyy-MM-dd, e.g. 2026-03-01)"),
                Arguments.of("a date in another format", List.of("--data", "BOOK", "--as-of", "10/01/2026", "--out", "OUT"),
                        "'10/01/2026' is not a date (expected yyyy-MM-dd, e.g. 2026-03-01)"),
                Arguments.of("--out neither .csv nor .parquet", List.of("--data", "BOOK", "--as-of", AS_OF, "--out", "OUT.txt"),
                        "expected a .csv or .parquet file"),
                Arguments.of("--data not a directory", List.of("--data", "BOOK/accounts.csv", "--as-of", AS_OF, "--out", "OUT"),
                        "is not a directory (expected a book of exports)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void aBadArgumentIsAUsageErrorThatSaysWhatIsExpected(String kind, List<String> args, String message) {
        List<String> all = new ArrayList<>(List.of("features"));
        for (String a : args) {
            all.add(a.replace("BOOK", book.toString()).replace("OUT", dir.resolve("features.csv").toString()));
        }

        CliRun run = churn(all.toArray(new String[0]));

        assertThat(run.exitCode()).as(kind).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains(message).contains("Try 'churn features --help'");
        assertThat(dir).isEmptyDirectory();
    }

    // ---- bad data --------------------------------------------------------------------------------

    @Test
    void badDataExitsThreeNamingTheFileAndLineAndWritesNoOutput() throws IOException {
        long line = damagedCopy(dir.resolve("book"));
        Path outDir = dir.resolve("out");
        Files.createDirectories(outDir);

        CliRun run = features(dir.resolve("book"), outDir.resolve("features.csv"), "--as-of", AS_OF);

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_DATA.code());
        assertThat(run.err()).contains("churn: usage.csv line " + String.format(Locale.ROOT, "%,d", line)
                + ": column 'quantity' value '-2' is negative (expected a whole number >= 0)");
        assertThat(outDir).isEmptyDirectory(); // neither the file nor a partial one
    }

    @Test
    void aFailedRunLeavesThePreviousOutputByteIdentical() throws IOException {
        damagedCopy(dir.resolve("book"));
        Path out = dir.resolve("features.csv");
        features(book, out, "--as-of", AS_OF);
        byte[] before = Files.readAllBytes(out);

        CliRun run = features(dir.resolve("book"), out, "--as-of", "2026-09-01");

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_DATA.code());
        assertThat(Files.readAllBytes(out)).isNotEmpty().isEqualTo(before);
    }

    @Test
    void skippingBadRowsWritesThemBesideTheOutputAndExitsZero() throws IOException {
        long line = damagedCopy(dir.resolve("book"));
        Path out = dir.resolve("features.csv");

        CliRun run = features(dir.resolve("book"), out, "--as-of", AS_OF, "--skip-bad-rows");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK.code());
        Path rejects = dir.resolve("features.csv.rejects/usage.rejects.csv");
        String account = GeneratedBooks.firstAccount(book);
        assertThat(lines(rejects)).containsExactly("file,line,reason,row",
                "usage.csv," + line + ",column 'quantity' value '-2' is negative (expected a whole number >= 0),\""
                        + account + BAD_USAGE_ROW + "\"");
        assertThat(run.out()).containsPattern("usage\\s+[\\d,]+\\s+[\\d,]+\\s+1\n").contains("rejected rows: " + rejects);
        assertThat(out).isRegularFile();
    }

    // ---- spreadsheets ----------------------------------------------------------------------------

    @Test
    void accountIdsThatLookLikeFormulasAreWrittenAsText() throws IOException {
        Path hand = dir.resolve("book");
        Files.createDirectories(hand);
        Files.writeString(hand.resolve("accounts.csv"), """
                account_id,arr,contract_start
                =1+2,42000,2025-01-01
                -A1,9000,2025-01-01
                +A2,9000,2025-01-01
                @A3,9000,2025-01-01
                A4,9000,2025-01-01
                """);
        Files.writeString(hand.resolve("usage.csv"), """
                account_id,occurred_at,user_id,event
                =1+2,2026-09-20,u1,login
                -A1,2026-09-21,u2,login
                """);
        Files.writeString(hand.resolve("tickets.csv"), "ticket_id,account_id,created_at\n");
        Files.writeString(hand.resolve("surveys.csv"), "account_id,responded_at,kind,score\n");
        Path out = dir.resolve("features.csv");

        CliRun run = features(hand, out, "--as-of", AS_OF);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK.code());
        List<String> rows = lines(out).subList(1, lines(out).size());
        assertThat(rows).extracting(r -> cell(r, 0)).containsExactlyInAnyOrder("'=1+2", "'-A1", "'+A2", "'@A3", "A4");
    }
}
