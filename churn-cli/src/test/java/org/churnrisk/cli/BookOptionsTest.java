package org.churnrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.churnrisk.cli.CliRun.churn;
import static org.churnrisk.cli.CliRun.churnWith;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.churnrisk.testkit.FileTrees;
import org.churnrisk.testkit.ReadOnceFiles;
import org.churnrisk.score.ChurnSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The book options every command that reads a book shares ({@link BookOptions}, {@link
 * BookReadOptions}), through the real command line: the --data check, one load of churn.yaml with
 * every section checked (a mistake in it is invalid data, exit 3), and each command's own wording of
 * the options.
 */
class BookOptionsTest {
    @TempDir
    static Path shared;
    static Path book;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() throws IOException {
        book = GeneratedBooks.small(shared.resolve("book"));
    }

    /** Each command that reads a book with its other required options, none of which is reached first. */
    static Stream<Arguments> bookCommands() {
        return Stream.of(
                Arguments.of("features", List.of("--as-of", "2026-10-01", "--out", "features.csv")),
                Arguments.of("validate", List.of()),
                Arguments.of("train", List.of("--out", "model")),
                Arguments.of("evaluate", List.of("--model", "no-model")),
                Arguments.of("score", List.of("--model", "no-model", "--out", "at-risk.csv")),
                Arguments.of("explain", List.of("--model", "no-model", "--account", "A00001")));
    }

    private CliRun run(String command, Path data, List<String> more, String... config) {
        List<String> args = new ArrayList<>(List.of(command, "--data", data.toString()));
        args.addAll(more.stream().map(a -> a.endsWith(".csv") || a.equals("model") ? dir.resolve(a).toString() : a)
                .toList());
        args.addAll(List.of(config));
        return churn(args.toArray(new String[0]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bookCommands")
    void aDataThatIsNotADirectoryIsRefusedAlike(String command, List<String> more) {
        Path missing = dir.resolve("no-such-book");

        CliRun run = run(command, missing, more);

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).startsWith("churn: --data " + missing + ": is not a directory (expected a book of"
                + " exports)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bookCommands")
    void aMistakeInAnySectionOfTheConfigStopsEveryCommandNamingItsLine(String command, List<String> more)
            throws IOException {
        Path config = Files.writeString(dir.resolve("exports.yaml"), "zone: UTC\nscoring:\n  bands:\n    red_at_: 0.4\n");

        CliRun run = run(command, book, more, "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_DATA.code());
        assertThat(run.err()).startsWith("churn: exports.yaml line 4: scoring.bands: unknown key 'red_at_', did you"
                + " mean 'red_at'? (expected one of red_at, yellow_at)");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMistakeInTheBooksOwnChurnYamlIsNamedToo() throws IOException {
        Path copy = FileTrees.copy(book, dir.resolve("book"));
        Files.writeString(copy.resolve("churn.yaml"), "features:\n  login_event: login\n  core_feature: x\n");

        CliRun run = churn("validate", "--data", copy.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_DATA.code());
        assertThat(run.err()).startsWith("churn: churn.yaml line 3: features: unknown key 'core_feature', did you mean"
                + " 'core_features'?");
    }

    /**
     * A named pipe gives its content to the first reader only; a second open would wait for a
     * writer that never comes, so validate finishing proves it read --config once.
     */
    @Test
    void theConfigIsReadOnce() {
        Path pipe = dir.resolve("exports.yaml");
        assumeTrue(ReadOnceFiles.create(pipe, "zone: UTC\nfeatures: {login_event: login}\nscoring: {max_usage_lag_days: 7}\n"),
                "needs mkfifo");

        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> churn("validate", "--data", book.toString(), "--config", pipe.toString()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Book " + book + ", mapping " + pipe + "\n");
    }

    /** A throwaway command with the mixin, as a new command would use it. */
    @Command(name = "probe")
    static final class Probe implements Callable<Integer> {
        @Mixin
        private BookOptions book;

        @Override
        public Integer call() throws IOException {
            ChurnSettings first = book.settings();
            return first == book.settings() ? 0 : 1;
        }
    }

    @Test
    void theSettingsAreLoadedOnceAndKeptByTheMixin() {
        CliRun run = churnWith(new Probe(), "probe", "--data", book.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void theMixinRequiresData() {
        CliRun run = churnWith(new Probe(), "probe");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("Missing required option: '--data=<book-dir>'");
    }

    // ---- the wording: shared, or the command's own ---------------------------------------------------

    private static String help(String command) {
        CliRun run = churn(command, "--help");
        assertThat(run.exitCode()).isZero();
        return run.out().replaceAll("\\s+", " ");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "features | --data | The book: a directory of exports (accounts, usage, tickets, surveys, ...).",
        "features | --config | Mapping file for exports with other names and formats (default: <book-dir>/churn.yaml"
            + " if present).",
        "features | --skip-bad-rows | Skip rows that break the data contract into <out>. rejects/<source>.rejects.csv"
            + " instead of stopping.",
        "validate | --data | The book: a directory of exports (accounts, usage, tickets, surveys, ...).",
        "validate | --config | Mapping file for exports with other names and formats (default: <book-dir>/churn.yaml"
            + " if present).",
        "train | --data | The book to learn from (needs churn.csv).",
        "train | --config | Mapping file (default: <book-dir>/churn.yaml if present).",
        "train | --skip-bad-rows | Skip rows that break the data contract into <model-dir>.rejects/ instead of"
            + " stopping.",
        "evaluate | --data | The book (needs churn.csv).",
        "evaluate | --config | Mapping file (default: <book-dir>/churn.yaml if present).",
        "evaluate | --skip-bad-rows | Skip rows that break the data contract instead of stopping.",
        "score | --data | Tonight's exports: a directory with accounts, usage, tickets, surveys, ...",
        "score | --config | Mapping file, with the scoring: section for bands and plays (default:"
            + " <book-dir>/churn.yaml if present).",
        "score | --skip-bad-rows | Skip rows that break the data contract into <report>.rejects/ instead of stopping.",
        "explain | --data | The book of exports.",
        "explain | --config | Mapping file (default: <book-dir>/churn.yaml if present).",
        "explain | --skip-bad-rows | Skip rows that break the data contract into <book-dir>.explain.rejects/ instead"
            + " of stopping.",
    })
    void eachCommandDescribesTheBookOptionsInItsOwnWords(String command, String option, String description) {
        assertThat(help(command)).containsPattern("\\Q" + option + "\\E(=\\S+)? \\Q" + description + "\\E");
    }

    @Test
    void validateNeverStopsAtABadRowSoHasNoSkipBadRows() {
        assertThat(help("validate")).doesNotContain("--skip-bad-rows");
    }
}
