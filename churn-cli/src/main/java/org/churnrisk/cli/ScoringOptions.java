package org.churnrisk.cli;

import java.io.IOException;
import java.time.LocalDate;
import org.churnrisk.score.ChurnModel;
import picocli.CommandLine.Option;

/**
 * {@link BundleOptions} and {@code --as-of}, for the commands that score a book as of a day: the
 * model with the book's scoring settings, and the day.
 */
class ScoringOptions extends BundleOptions {
    @Option(names = "--as-of", paramLabel = "<yyyy-MM-dd>", converter = IsoDateConverter.class, descriptionKey = "as-of",
            description = "Score as of this date, from what happened before it (default: today in the book's zone).")
    private LocalDate asOf;

    /**
     * The bundle of {@code --model}, with the bands and plays of the book's settings.
     *
     * @throws IOException as {@link ChurnModel#load} and {@link #settings()}
     */
    ChurnModel model() throws IOException {
        return ChurnModel.load(modelDir(), settings().scoring());
    }

    /** {@code --as-of}, else today in the book's zone. */
    LocalDate asOf() throws IOException {
        return asOf != null ? asOf : LocalDate.now(settings().features().zone());
    }
}
