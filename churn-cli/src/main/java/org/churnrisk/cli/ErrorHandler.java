package org.churnrisk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.churnrisk.core.ChurnException;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.InvalidConfigException;
import org.churnrisk.core.InvalidDataException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every error that reaches picocli into one {@code churn: ...} message on stderr and an
 * {@link ExitCode}, so that subcommands simply throw.
 *
 * <p>Mapping: a bad command line and {@link InvalidArgumentException} exit with {@link
 * ExitCode#USAGE} and a hint to read the command's help; {@link InvalidDataException} and {@link
 * InvalidConfigException} (a mistake in churn.yaml, named by file and line) with {@link
 * ExitCode#INVALID_DATA}; {@link IOException} and {@link UncheckedIOException} with {@link
 * ExitCode#IO_ERROR}; any other {@link ChurnException} and everything unexpected with {@link
 * ExitCode#INTERNAL_ERROR}. The stack trace is printed only with {@code --verbose}.
 *
 * <p>Output goes to the root command's error writer, so subcommands added after the factory ran
 * (which picocli does not give the factory's writers) report in the same place. Stateless.
 */
final class ErrorHandler implements IParameterExceptionHandler, IExecutionExceptionHandler {
    static final String PREFIX = "churn: ";
    static final String VERBOSE_OPTION = "--verbose";

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        PrintWriter err = rootErr(command);
        err.println(PREFIX + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println(helpHint(command));
        err.flush();
        return ExitCode.USAGE.code();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
        PrintWriter err = rootErr(command);
        ExitCode exitCode = exitCodeFor(ex);
        err.println(PREFIX + describe(ex));
        boolean verbose = isVerbose(parseResult);
        if (verbose) {
            ex.printStackTrace(err);
        }
        if (exitCode == ExitCode.USAGE) {
            err.println(helpHint(command));
        } else if (exitCode == ExitCode.INTERNAL_ERROR && !verbose) {
            err.println("Rerun with " + VERBOSE_OPTION + " to see the stack trace; please include it when reporting a bug.");
        }
        err.flush();
        return exitCode.code();
    }

    static ExitCode exitCodeFor(Throwable ex) {
        // before InvalidArgumentException, which it is for the library's callers: the book's settings are wrong
        if (ex instanceof InvalidDataException || ex instanceof InvalidConfigException) {
            return ExitCode.INVALID_DATA;
        }
        if (ex instanceof InvalidArgumentException) {
            return ExitCode.USAGE;
        }
        if (ex instanceof ChurnException) {
            return ExitCode.INTERNAL_ERROR;
        }
        if (ex instanceof IOException || ex instanceof UncheckedIOException) {
            return ExitCode.IO_ERROR;
        }
        return ExitCode.INTERNAL_ERROR;
    }

    /** The one-line message for {@code ex}, without the prefix. */
    static String describe(Throwable ex) {
        if (ex instanceof ChurnException) {
            return ex.getMessage() != null ? ex.getMessage() : ex.toString();
        }
        if (ex instanceof IOException io) {
            return describe(io);
        }
        if (ex instanceof UncheckedIOException unchecked) {
            String cause = describe(unchecked.getCause());
            String message = unchecked.getMessage();
            // new UncheckedIOException(cause) copies cause.toString() as its message: say it once.
            boolean ownMessage = message != null && !message.equals(unchecked.getCause().toString());
            return ownMessage ? message + ": " + cause : cause;
        }
        return "internal error: " + ex;
    }

    // NIO exceptions carry only a file name as their message; say what happened to the file.
    private static String describe(IOException ex) {
        if (ex instanceof NoSuchFileException e) {
            return "no such file or directory: " + e.getFile();
        }
        if (ex instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        if (ex instanceof FileAlreadyExistsException e) {
            return "file already exists: " + e.getFile();
        }
        if (ex instanceof NotDirectoryException e) {
            return "not a directory: " + e.getFile();
        }
        if (ex instanceof DirectoryNotEmptyException e) {
            return "directory not empty: " + e.getFile();
        }
        if (ex instanceof FileSystemException e && e.getReason() == null) {
            return "cannot access " + e.getFile() + " (" + e.getClass().getSimpleName() + ")";
        }
        return ex.getMessage() != null ? ex.getMessage() : ex.toString();
    }

    static String helpHint(CommandLine command) {
        return "Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.";
    }

    // --verbose is inherited, so it may have been given to the root or to any subcommand.
    private static boolean isVerbose(ParseResult parseResult) {
        if (parseResult == null) {
            return false;
        }
        for (CommandLine parsed : parseResult.asCommandLineList()) {
            if (parsed.getParseResult().hasMatchedOption(VERBOSE_OPTION)) {
                return true;
            }
        }
        return false;
    }

    private static PrintWriter rootErr(CommandLine command) {
        return command.getCommandSpec().root().commandLine().getErr();
    }
}
