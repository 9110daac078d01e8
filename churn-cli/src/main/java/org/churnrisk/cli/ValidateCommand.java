package org.churnrisk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.features.validate.BookValidator;
import org.churnrisk.features.validate.ValidationReport;
import org.churnrisk.score.ChurnSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code churn validate}: checks a book against the data contract and its mapping, changing nothing. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Checks every file of a book against the data contract and the mapping, the way features, train and "
                    + "evaluate read it, without stopping at the first problem and without writing into the book.",
            "Prints per source the files, rows read, valid and invalid, the date range, the problems by kind with "
                    + "the first ones in full (file, line, column, value, what was expected), and notes such as "
                    + "missing optional sources. Exits with 0 when the book is valid and 3 when it has problems."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  churn validate --data sample-data/book",
            "  churn validate --data exports/ --config exports.yaml --json report.json",
            "  churn validate --data exports/ --max-problems 50"
        })
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    private BookOptions book;

    @Option(names = "--max-problems", paramLabel = "<n>", defaultValue = "" + BookValidator.DEFAULT_MAX_PROBLEMS,
            description = "Problems to show in full per source; all are counted (default: ${DEFAULT-VALUE}).")
    private int maxProblems;

    @Option(names = "--json", paramLabel = "<file.json>",
            description = "Also write the report as JSON, for machines; written to a temporary file and renamed into place.")
    private Path json;

    @Override
    public Integer call() throws IOException {
        Path data = book.data();
        BookOptions.requireBook(data);
        if (maxProblems < 0) {
            throw new InvalidArgumentException("--max-problems " + maxProblems + ": expected 0 or more");
        }
        if (json != null) {
            book.outputGuard().file("--json", json, "the JSON report", json);
        }
        ChurnSettings settings = book.settings();
        ProgressReporter progress = book.progress();
        BookValidator validator = BookValidator.create(settings.mapping(), settings.features())
                .withMaxProblems(maxProblems).withProgress(progress);
        ValidationReport report = validator.validate(data);
        progress.finishLine();
        if (json != null) {
            report.writeJson(json);
        }

        PrintWriter out = book.out();
        out.println("Book " + data + ", mapping " + settings.file().map(Path::toString)
                .orElse("none (the data contract's names and formats)"));
        out.println();
        out.print(report.table());
        if (json != null) {
            out.println("Wrote " + json);
        }
        out.flush();
        if (report.valid()) {
            return ExitCode.OK.code();
        }
        long problems = report.problems();
        PrintWriter err = book.err();
        err.println(String.format(Locale.ROOT, "%s%s is not valid: %,d problem%s (see the report above)",
                ErrorHandler.PREFIX, data, problems, problems == 1 ? "" : "s"));
        err.flush();
        return ExitCode.INVALID_DATA.code();
    }
}
