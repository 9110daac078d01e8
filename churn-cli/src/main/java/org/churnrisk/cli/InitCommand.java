package org.churnrisk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.features.init.MappingDraft;
import org.churnrisk.features.io.mapping.BookConfig;
import org.churnrisk.features.validate.BookValidator;
import org.churnrisk.features.validate.ValidationReport;
import org.churnrisk.score.ChurnSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code churn init}: drafts the churn.yaml of a folder of exports, then validates the folder with it. */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Looks at a folder of exports it has never seen (file names, headers, a sample of values) and writes a "
                    + "draft churn.yaml: which file is which source, which column is which, date patterns, boolean "
                    + "spellings, value maps, delimiters and encodings, lookups through other tables, each guess "
                    + "commented with its evidence and what it could not decide marked # TODO.",
            "Then validates the folder with the draft, as churn validate does, and prints the report. Exits with 0 "
                    + "when the folder is valid with the draft, 3 when it has problems (the draft is written either "
                    + "way), 2 when the output exists and --force is not given."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  churn init --data exports/",
            "  churn init --data exports/ --out exports.yaml --force",
            "  churn init --data exports/ --sample-rows 50000"
        })
final class InitCommand implements Callable<Integer> {
    @Mixin
    private Console console;

    @Option(names = "--data", required = true, paramLabel = "<exports-dir>",
            description = "The folder of exports to look at.")
    private Path data;

    @Option(names = "--out", paramLabel = "<churn.yaml>",
            description = "Where to write the draft (default: <exports-dir>/churn.yaml).")
    private Path out;

    @Option(names = "--force", description = "Overwrite the output if it exists.")
    private boolean force;

    @Option(names = "--sample-rows", paramLabel = "<n>", defaultValue = "" + MappingDraft.DEFAULT_SAMPLE_ROWS,
            description = "Rows read from the start of each file for evidence (default: ${DEFAULT-VALUE}).")
    private int sampleRows;

    @Override
    public Integer call() throws IOException {
        BookOptions.requireBook(data);
        Path yaml = out != null ? out : data.resolve(BookConfig.FILE_NAME);
        if (Files.isDirectory(yaml)) {
            throw new InvalidArgumentException("--out " + yaml + ": is a directory (expected a churn.yaml file)");
        }
        if (Files.exists(yaml) && !force) {
            throw new InvalidArgumentException("--out " + yaml + ": exists; churn init does not overwrite it"
                    + " (give --force to replace it, or --out another file)");
        }
        if (sampleRows < 1) {
            throw new InvalidArgumentException("--sample-rows " + sampleRows + ": expected 1 or more");
        }
        MappingDraft draft = MappingDraft.infer(data, sampleRows);
        draft.write(yaml);
        PrintWriter o = console.out();
        o.println("Wrote " + yaml + " (" + draft.todos().size() + " TODO" + (draft.todos().size() == 1 ? "" : "s")
                + ")");
        for (String todo : draft.todos()) {
            o.println("  TODO: " + todo);
        }
        o.println();
        o.flush();

        // The same path as churn validate: the settings from the draft, the validator over the folder.
        ChurnSettings settings = ChurnSettings.forBook(data, yaml);
        ProgressReporter progress = console.progress();
        ValidationReport report = BookValidator.create(settings.mapping(), settings.features())
                .withProgress(progress).validate(data);
        progress.finishLine();
        o.println("Book " + data + ", mapping " + yaml);
        o.println();
        o.print(report.table());
        o.flush();
        if (report.valid()) {
            return ExitCode.OK.code();
        }
        PrintWriter err = console.err();
        err.println(String.format(Locale.ROOT, "%s%s is not valid with the draft: %,d problem%s (see the report"
                + " above; edit %s and run churn validate)", ErrorHandler.PREFIX, data, report.problems(),
                report.problems() == 1 ? "" : "s", yaml));
        err.flush();
        return ExitCode.INVALID_DATA.code();
    }
}
