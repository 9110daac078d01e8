package org.churnrisk.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Where a command writes: its standard output and standard error, as {@link ChurnCli#commandLine}
 * was given them, and progress on standard error. A mixin without options; {@link BookOptions}
 * extends it, and commands that read no book mix it in themselves. (picocli takes a class as a
 * mixin only when it carries one of its annotations, hence the bare {@code @Command}.)
 */
@Command
class Console {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    /** The command's standard output. */
    PrintWriter out() {
        return command.commandLine().getOut();
    }

    /** The command's standard error. */
    PrintWriter err() {
        return command.commandLine().getErr();
    }

    /** Progress on the command's standard error: a live line on a terminal, nothing in a log. */
    ProgressReporter progress() {
        return new ProgressReporter(err(), ProgressReporter.stderrIsTerminal());
    }
}
