package org.churnrisk.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code churn} command: global options, the list of subcommands, and the factory
 * that wires picocli to churn's exit codes and error messages.
 *
 * <p>A subcommand is a {@code Callable<Integer>} annotated with {@code @Command} and added to the
 * {@code subcommands} list below. It returns {@code ExitCode.OK.code()} and reports failures by
 * throwing: {@link org.churnrisk.core.InvalidDataException}, {@link
 * org.churnrisk.core.InvalidArgumentException}, {@link java.io.IOException} and the rest are turned
 * into a message and an {@link ExitCode} by {@link ErrorHandler}.
 *
 * <pre>{@code
 * StringWriter out = new StringWriter();
 * StringWriter err = new StringWriter();
 * int exitCode = ChurnCli.commandLine(new PrintWriter(out), new PrintWriter(err)).execute("--version");
 * }</pre>
 */
@Command(
        name = "churn",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        optionListHeading = "%nOptions:%n",
        commandListHeading = "%nCommands:%n",
        description = {
            "Predicts which B2B SaaS customers will churn within the next 120 days.",
            "",
            "Run 'churn COMMAND --help' for the options of a command."
        },
        subcommands = {HelpCommand.class, DemoCommand.class, GenerateCommand.class, InitCommand.class, ValidateCommand.class,
            FeaturesCommand.class, TrainCommand.class, EvaluateCommand.class, ScoreCommand.class, ExplainCommand.class, ReportCommand.class,
            OutcomesCommand.class})
public final class ChurnCli implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    // A field on the root object: picocli sets it whether --verbose comes before or after the
    // subcommand, so subcommands can read it through @ParentCommand.
    @Option(
            names = ErrorHandler.VERBOSE_OPTION,
            scope = ScopeType.INHERIT,
            description = "Print stack traces with error messages, and more detail while working.")
    private boolean verbose;

    /**
     * Builds the {@code churn} command line writing to the given writers, with churn's error
     * handling and exit codes; the caller runs it with {@link CommandLine#execute}.
     *
     * <p>Subcommands added to the result later (tests do) report errors through the same handler
     * and writer, but their own help output goes to picocli's default writers.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        ErrorHandler errorHandler = new ErrorHandler();
        CommandLine commandLine = new CommandLine(new ChurnCli())
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(errorHandler)
                .setExecutionExceptionHandler(errorHandler);
        commandLine.getCommandSpec().usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCode.helpSection());
        return commandLine;
    }

    /** Runs {@code churn} with {@code args} on {@code System.out} and {@code System.err}; returns the exit code. */
    public static int run(String... args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        try {
            return commandLine(out, err).execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Whether {@code --verbose} was given, before or after the subcommand. */
    public boolean isVerbose() {
        return verbose;
    }

    /** Without a subcommand there is nothing to do: show what there is. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }
}
