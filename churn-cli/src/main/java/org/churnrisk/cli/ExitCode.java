package org.churnrisk.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of {@code churn}, the only place they are defined.
 *
 * <p>Scripts depend on these numbers: never renumber one, only add new ones. {@code churn --help}
 * lists them from here.
 */
public enum ExitCode {
    /** The command did what was asked. */
    OK(0, "Success."),
    /** A bug, or a failure no other code describes; rerun with --verbose for the stack trace. */
    INTERNAL_ERROR(1, "Internal or other unexpected error (rerun with --verbose for details)."),
    /**
     * Unknown option, missing or malformed argument, options that contradict each other, or an
     * output that would overwrite an input (inside the book, the model bundle, or an input file).
     */
    USAGE(2, "Invalid command line: unknown option, bad or missing argument, an output that would overwrite an input."),
    /**
     * Input data breaks the data contract (a bad value, a missing column, a duplicate key), the
     * book's churn.yaml is invalid, the book is too short to train on; or validate found problems.
     */
    INVALID_DATA(3, "Invalid input data or churn.yaml, or a book too short to train on (the message or validate's"
            + " report names the file, line and column)."),
    /** A file or directory could not be read or written. */
    IO_ERROR(4, "A file could not be read or written.");

    private final int code;
    private final String description;

    ExitCode(int code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The number the process exits with; what a {@code Callable<Integer>} subcommand returns. */
    public int code() {
        return code;
    }

    /** The exit-code section of the usage help, in the form picocli expects. */
    static Map<String, String> helpSection() {
        Map<String, String> section = new LinkedHashMap<>();
        for (ExitCode exitCode : values()) {
            section.put(Integer.toString(exitCode.code), exitCode.description);
        }
        return section;
    }
}
