package org.churnrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * What one run of the real command line produced: its exit code and everything it wrote on
 * standard output and standard error. The runs go through {@link ChurnCli#commandLine}, as
 * {@code Main} does, with writers the test reads afterwards.
 */
record CliRun(int exitCode, String out, String err) {

    /** Runs {@code churn args}. */
    static CliRun churn(String... args) {
        return churnWith(null, args);
    }

    /** Runs {@code churn args more}: for a test's helper that fixes the options every run of a command takes. */
    static CliRun churn(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return churn(all.toArray(new String[0]));
    }

    /** Runs {@code churn args} with {@code extra} added as a subcommand, the way tests plug in throwaway commands. */
    static CliRun churnWith(Object extra, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = ChurnCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        if (extra != null) {
            commandLine.addSubcommand(extra);
        }
        int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /** Runs {@code churn args}; unless it exits 0, fails the test naming the command line and its stderr. */
    static CliRun churnSuccessfully(String... args) {
        CliRun run = churn(args);
        assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isZero();
        return run;
    }
}
