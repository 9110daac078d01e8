package org.churnrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.churnrisk.cli.CliRun.churnSuccessfully;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every command's {@code --help} ends with examples, each on one line that can be copied as it is,
 * and each a command line the command accepts, so that an option renamed later, or an example too
 * long for the 80-column help, cannot leave a broken example behind.
 */
class HelpExamplesTest {

    /** The real command line, to inspect or parse with, not to run: what it writes is dropped. */
    private static CommandLine churn() {
        return ChurnCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }

    /** The commands of {@code churn}, as registered, except picocli's own {@code help}. */
    static List<String> commands() {
        return churn().getSubcommands().keySet().stream().filter(name -> !name.equals("help")).toList();
    }

    private static String help(String command) {
        return churnSuccessfully(command, "--help").out();
    }

    /** The lines after the help's last heading, which must be "Example:" or "Examples:". */
    private static List<String> examples(String help) {
        List<String> lines = help.lines().toList();
        int heading = lines.size() - 1;
        while (heading >= 0 && lines.get(heading).startsWith(" ")) {
            heading--;
        }
        assertThat(heading).as("a heading before the examples").isNotNegative();
        assertThat(lines.get(heading)).isIn("Example:", "Examples:");
        return lines.subList(heading + 1, lines.size());
    }

    @Test
    void theseAreTheCommands() {
        assertThat(commands()).containsExactlyInAnyOrder("demo", "generate", "init", "validate", "features", "train", "evaluate", "score",
                "explain", "report", "outcomes");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpEndsWithExamplesOfTheCommandOneALine(String command) {
        List<String> examples = examples(help(command));

        assertThat(examples).isNotEmpty().allSatisfy(e -> assertThat(e).matches("  churn " + command + "( .*)?"));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyExampleIsACommandLineTheCommandAccepts(String command) {
        List<String> examples = examples(help(command));

        assertThat(examples).isNotEmpty().allSatisfy(example -> {
            String[] words = example.strip().split(" +");
            String[] args = Arrays.copyOfRange(words, 1, words.length);
            CommandLine churn = churn();
            assertThatCode(() -> churn.parseArgs(args)).as(example).doesNotThrowAnyException();
        });
    }
}
