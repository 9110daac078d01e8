package org.churnrisk.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.score.ChurnSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The options of a command that reads a book, {@code --data} and {@code --config}, mixed into it
 * with {@code @Mixin}, and the book's settings loaded once from them; as a {@link Console}, also
 * where the command writes.
 *
 * <p>The shared wording of the options is below; a command that says more about them (where its
 * rejects go, that it needs churn.csv) does so in {@code BookOptions.properties}, under keys
 * prefixed with its qualified name ({@code churn.score.config}), which picocli looks up before the
 * plain key.
 *
 * <pre>{@code
 * @Mixin
 * private BookOptions book;
 * ...
 * ChurnSettings settings = book.settings();   // checks --data, reads churn.yaml once
 * ProgressReporter progress = book.progress();
 * }</pre>
 */
@Command(resourceBundle = SharedOptions.BUNDLE)
class BookOptions extends Console {
    @Option(names = "--data", required = true, paramLabel = "<book-dir>", descriptionKey = "data",
            description = "The book: a directory of exports (accounts, usage, tickets, surveys, ...).")
    private Path data;

    @Option(names = "--config", paramLabel = "<churn.yaml>", descriptionKey = "config",
            description = "Mapping file (default: <book-dir>/churn.yaml if present).")
    private Path config;

    private ChurnSettings settings;

    /** The book, as given. */
    Path data() {
        return data;
    }

    /**
     * The guard against outputs that would overwrite what this command reads: the book, and the
     * {@code --config} file; a command adds its own outputs to check before it reads anything.
     */
    OutputGuard outputGuard() {
        return new OutputGuard().readsFolder("the book --data", data).readsFile("the settings file --config", config);
    }

    /**
     * The settings of {@code --config}, else of the book's churn.yaml, else the defaults; read on
     * the first call, the same object after.
     *
     * @throws InvalidArgumentException if {@code --data} is not a directory or the settings file is invalid
     * @throws IOException              if the settings file cannot be read
     */
    ChurnSettings settings() throws IOException {
        if (settings == null) {
            requireBook(data);
            settings = ChurnSettings.forBook(data, config);
        }
        return settings;
    }

    /**
     * Refuses a {@code --data} that is not a directory, with the message every command gives.
     *
     * @throws InvalidArgumentException if {@code data} is not a directory
     */
    static void requireBook(Path data) {
        if (!Files.isDirectory(data)) {
            throw new InvalidArgumentException("--data " + data + ": is not a directory (expected a book of exports)");
        }
    }
}
