package org.churnrisk.score;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.features.BookSettings;
import org.churnrisk.features.FeatureConfig;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.features.io.mapping.BookConfig;
import org.churnrisk.features.io.mapping.YamlNode;
import org.churnrisk.features.io.mapping.YamlTree;
import org.churnrisk.score.workflow.WorkflowSettings;

/**
 * Everything a book's {@code churn.yaml} sets, read once: the mapping, the feature config and the
 * scoring settings, its three sections.
 *
 * <p>The file is parsed once into a {@link YamlTree}; {@link BookSettings} (churn-features) reads
 * the mapping and the {@code features:} section from it, and this class adds the {@code scoring:}
 * section, which {@link ScoringSettings#from} reads from the same tree. The split follows the
 * modules: churn-features cannot see the scoring settings, so the one object with all three lives
 * beside them. A mistake anywhere in the file fails the load, naming the file, the line and the
 * key.
 *
 * <pre>{@code
 * ChurnSettings settings = ChurnSettings.forBook(book, null);   // book/churn.yaml, or the defaults
 * ChurnModel churn = ChurnModel.load(model, settings.scoring());
 * ScoredBook scored = churn.score(book, settings.readOptions(), settings.features(), asOf);
 * }</pre>
 *
 * Immutable and thread-safe.
 *
 * @param book    the mapping and the feature config, and the parsed file
 * @param scoring  the bands, plays and usage lag of the report
 * @param workflow the worklists, alerts and onboarding watch ({@code scoring.workflow})
 */
public record ChurnSettings(BookSettings book, ScoringSettings scoring, WorkflowSettings workflow) {
    /** No file: every section's defaults. */
    public static final ChurnSettings DEFAULT = new ChurnSettings(BookSettings.DEFAULT, ScoringSettings.DEFAULT);

    public ChurnSettings {
        Objects.requireNonNull(book, "book");
        Objects.requireNonNull(scoring, "scoring");
        Objects.requireNonNull(workflow, "workflow");
    }

    /** Settings with the default workflow. */
    public ChurnSettings(BookSettings book, ScoringSettings scoring) {
        this(book, scoring, WorkflowSettings.DEFAULT);
    }

    /**
     * The settings of {@code yaml} when given, else of {@code book/churn.yaml}; {@link #DEFAULT}
     * when neither exists.
     *
     * @throws InvalidArgumentException if the file is invalid, or the book has a {@code churn.yml}
     * @throws IOException              if the file cannot be read (a {@code yaml} that does not exist)
     */
    public static ChurnSettings forBook(Path book, Path yaml) throws IOException {
        return of(BookSettings.forBook(book, yaml));
    }

    /**
     * Reads a settings file once.
     *
     * @throws InvalidArgumentException naming the file, line and key of the first mistake
     * @throws IOException              if it cannot be read
     */
    public static ChurnSettings load(Path yaml) throws IOException {
        return of(BookSettings.load(yaml));
    }

    /**
     * Adds the {@code scoring:} section of the tree {@code book} was read from.
     *
     * @throws InvalidArgumentException naming the file, line and key of the first mistake
     */
    public static ChurnSettings of(BookSettings book) {
        YamlNode scoring = book.tree().section("scoring");
        YamlNode workflow = scoring instanceof YamlNode.MapNode m ? m.get("workflow") : null;
        return new ChurnSettings(book, ScoringSettings.from(scoring), WorkflowSettings.from(workflow));
    }

    /** The file these settings come from; empty for the defaults. */
    public Optional<Path> file() {
        return book.file();
    }

    /** How the book's files and columns are named and its values spelled. */
    public BookConfig mapping() {
        return book.mapping();
    }

    /** What the feature definitions need to know about the product, in the book's zone. */
    public FeatureConfig features() {
        return book.features();
    }

    /** Reading with the mapping, stopping at the first bad row, silently. */
    public ReadOptions readOptions() {
        return book.readOptions();
    }
}
