package org.churnrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.churnrisk.cli.CliRun.churn;
import static org.churnrisk.cli.CliRun.churnWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.churnrisk.core.ChurnException;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.InvalidDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

class ChurnCliTest {

    /** A subcommand that fails the way a real one would: by throwing. */
    @Command(name = "fail", mixinStandardHelpOptions = true)
    static final class Fail implements Callable<Integer> {
        private final Exception toThrow;

        Fail(Exception toThrow) {
            this.toThrow = toThrow;
        }

        @Override
        public Integer call() throws Exception {
            throw toThrow;
        }
    }

    /** A subcommand that reports whether it saw --verbose through its parent. */
    @Command(name = "peek")
    static final class Peek implements Callable<Integer> {
        @ParentCommand
        private ChurnCli churn;

        @Override
        public Integer call() {
            return churn.isVerbose() ? 10 : 11;
        }
    }

    /** A subcommand that rejects its options after parsing, the picocli way. */
    @Command(name = "check")
    static final class CheckOptions implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            throw new ParameterException(spec.commandLine(), "--from must be before --to");
        }
    }

    @Test
    void helpExitsZeroAndPrintsUsageOnStdout() {
        CliRun run = churn("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: churn").contains("--verbose", "--version");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void helpListsSubcommands() {
        CliRun run = churnWith(new Fail(new IllegalStateException()), "--help");

        assertThat(run.out()).containsPattern("Commands:\\R\\s+help\\b").containsPattern("\\R\\s+fail\\b");
    }

    @Test
    void helpListsExitCodes() {
        CliRun run = churn("--help");

        assertThat(run.out()).contains("Exit codes:").containsPattern("\\s3\\s+Invalid input data");
    }

    @Test
    void versionExitsZeroAndPrintsFilteredProjectVersion() {
        CliRun run = churn("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).first().asString().matches("churn-risk \\d+\\.\\d+\\.\\d+.*");
        assertThat(run.out()).contains("Java " + System.getProperty("java.version"));
    }

    @Test
    void unknownOptionExitsWithUsageAndNamesIt() {
        CliRun run = churn("--bogus");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("churn: ").contains("'--bogus'", "Try 'churn --help'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownOptionOfSubcommandPointsToThatSubcommandsHelp() {
        CliRun run = churnWith(new Fail(new IllegalStateException()), "fail", "--bogus");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("'--bogus'", "Try 'churn fail --help'");
    }

    @Test
    void misspelledSubcommandSuggestsTheRightOne() {
        CliRun run = churnWith(new Fail(new IllegalStateException()), "fails");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("'fails'", "Did you mean: churn fail");
    }

    @Test
    void noSubcommandPrintsUsageOnStderrAndExitsWithUsage() {
        CliRun run = churn();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Usage: churn");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void helpSubcommandShowsHelpOfAnotherSubcommand() {
        CliRun run = churnWith(new Fail(new IllegalStateException()), "help", "fail");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: churn fail");
    }

    static Stream<Arguments> exceptionsAndExitCodes() {
        return Stream.of(
                Arguments.of(new InvalidDataException("usage.csv line 3: bad date"), 3),
                Arguments.of(new InvalidArgumentException("--horizon must be positive"), 2),
                Arguments.of(new ChurnException("model bundle is from a newer version"), 1),
                Arguments.of(new IOException("disk full"), 4),
                Arguments.of(new NoSuchFileException("data/usage.csv"), 4),
                Arguments.of(new UncheckedIOException(new IOException("disk full")), 4),
                Arguments.of(new IllegalStateException("bug"), 1),
                Arguments.of(new NullPointerException(), 1));
    }

    @ParameterizedTest
    @MethodSource("exceptionsAndExitCodes")
    void exceptionMapsToExitCode(Exception thrown, int expectedExitCode) {
        CliRun run = churnWith(new Fail(thrown), "fail");

        assertThat(run.exitCode()).isEqualTo(expectedExitCode);
    }

    @ParameterizedTest
    @MethodSource("exceptionsAndExitCodes")
    void exceptionIsReportedWithoutStackTrace(Exception thrown, int ignored) {
        CliRun run = churnWith(new Fail(thrown), "fail");

        assertThat(run.err()).startsWith("churn: ").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--verbose fail", "fail --verbose"})
    void verbosePrintsStackTraceWhereverItIsGiven(String args) {
        CliRun run = churnWith(new Fail(new InvalidDataException("usage.csv line 3: bad date")), args.split(" "));

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_DATA.code());
        assertThat(run.err())
                .startsWith("churn: usage.csv line 3: bad date")
                .contains(InvalidDataException.class.getName(), "\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--verbose peek", "peek --verbose"})
    void verboseReachesSubcommandsThroughTheirParent(String args) {
        CliRun run = churnWith(new Peek(), args.split(" "));

        assertThat(run.exitCode()).isEqualTo(10);
    }

    @Test
    void dataErrorPrintsOnlyTheMessage() {
        CliRun run = churnWith(new Fail(new InvalidDataException("usage.csv line 3: bad date")), "fail");

        assertThat(run.err()).isEqualTo("churn: usage.csv line 3: bad date" + System.lineSeparator());
    }

    @Test
    void invalidArgumentPointsToTheCommandsHelp() {
        CliRun run = churnWith(new Fail(new InvalidArgumentException("--horizon must be positive")), "fail");

        assertThat(run.err()).contains("churn: --horizon must be positive", "Try 'churn fail --help'");
    }

    @Test
    void missingFileIsNamed() {
        CliRun run = churnWith(new Fail(new NoSuchFileException("data/usage.csv")), "fail");

        assertThat(run.err()).startsWith("churn: no such file or directory: data/usage.csv");
    }

    @Test
    void uncheckedIoErrorKeepsItsOwnMessageAndTheCause() {
        CliRun run = churnWith(
                new Fail(new UncheckedIOException("cannot write scores.csv", new IOException("disk full"))), "fail");

        assertThat(run.err()).startsWith("churn: cannot write scores.csv: disk full");
    }

    @Test
    void unexpectedExceptionIsCalledInternalAndSuggestsVerbose() {
        CliRun run = churnWith(new Fail(new IllegalStateException("bug")), "fail");

        assertThat(run.err())
                .startsWith("churn: internal error: java.lang.IllegalStateException: bug")
                .contains("--verbose");
    }

    @Test
    void parameterExceptionThrownBySubcommandIsAUsageError() {
        CliRun run = churnWith(new CheckOptions(), "check");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).startsWith("churn: --from must be before --to").contains("Try 'churn check --help'");
    }
}
