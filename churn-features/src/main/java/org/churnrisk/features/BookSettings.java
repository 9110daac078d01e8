package org.churnrisk.features;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.features.io.mapping.BookConfig;
import org.churnrisk.features.io.mapping.YamlTree;

/**
 * What churn-features reads from a book's {@code churn.yaml}, from one parse of the file: the
 * mapping ({@link BookConfig}: the top level, {@code sources} and the value formats) and the
 * feature config ({@link FeatureSettings}: the {@code features:} section, with the top-level
 * {@code zone} that the mapping read). The parsed {@link #tree()} stays available for the
 * sections of modules that churn-features cannot see: churn-train's {@code ChurnSettings} reads
 * {@code scoring:} from it.
 *
 * <p>Each section's reader takes its part of the one {@link YamlTree} and never the file, so a
 * book's settings are read once, and every mistake names the file, the line and the key:
 *
 * <pre>{@code
 * BookSettings settings = BookSettings.forBook(book, null);   // book/churn.yaml, or the defaults
 * FeatureExtractor extractor = FeatureExtractor.create(settings.features());
 * FeatureTable table = extractor.extract(book, settings.readOptions(), asOf);
 * }</pre>
 *
 * Immutable and thread-safe.
 *
 * @param tree     the parsed file ({@link YamlTree#empty} for settings made in code), for the
 *                 readers of its other sections
 * @param mapping  how the book's files and columns are named and its values spelled
 * @param features what the feature definitions need to know about the product, in the book's zone
 */
public record BookSettings(YamlTree tree, BookConfig mapping, FeatureConfig features) {
    /** No file: the data contract's names and formats, {@link FeatureConfig#DEFAULT}. */
    public static final BookSettings DEFAULT = of(YamlTree.empty(BookConfig.FILE_NAME));

    public BookSettings {
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(features, "features");
    }

    /**
     * The settings of {@code yaml} when given, else of {@code book/churn.yaml}; {@link #DEFAULT}
     * when neither exists.
     *
     * @throws InvalidArgumentException if the file is invalid, or the book has a {@code churn.yml}
     * @throws IOException              if the file cannot be read (a {@code yaml} that does not exist)
     */
    public static BookSettings forBook(Path book, Path yaml) throws IOException {
        Path file = yaml != null ? yaml : BookConfig.fileOf(book);
        return file == null ? DEFAULT : load(file);
    }

    /**
     * Reads a settings file once.
     *
     * @throws InvalidArgumentException naming the file, line and key of the first mistake
     * @throws IOException              if it cannot be read
     */
    public static BookSettings load(Path yaml) throws IOException {
        return of(YamlTree.read(yaml));
    }

    /**
     * The settings of a parsed file: the mapping first (it checks the top-level keys and reads the
     * zone), then the {@code features:} section with that zone.
     *
     * @throws InvalidArgumentException naming the file, line and key of the first mistake
     */
    public static BookSettings of(YamlTree tree) {
        BookConfig mapping = BookConfig.from(tree.root());
        FeatureConfig features = FeatureSettings.from(tree.section("features"), mapping.formats().zone());
        return new BookSettings(tree, mapping, features);
    }

    /** The file these settings come from; empty for the defaults. */
    public Optional<Path> file() {
        return tree.file();
    }

    /** Reading with this mapping, stopping at the first bad row, silently; change with its {@code with} methods. */
    public ReadOptions readOptions() {
        return new ReadOptions(mapping, BadRows.FAIL, null, ProgressListener.NONE);
    }
}
