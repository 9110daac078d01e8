package org.churnrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every command answers --help with its options and at least one example of a whole command line. */
class HelpExamplesTest {

    static Stream<String> commands() {
        return ChurnCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .getSubcommands().keySet().stream().filter(name -> !name.equals("help"));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpShowsAnExample(String command) {
        ScoreCommandTest.Run run = ScoreCommandTest.churn(command, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: churn " + command).containsPattern("Examples?:\\R  churn " + command);
    }
}
