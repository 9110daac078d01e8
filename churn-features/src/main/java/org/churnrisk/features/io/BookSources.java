package org.churnrisk.features.io;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.churnrisk.core.InvalidDataException;
import org.churnrisk.core.contract.Requirement;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.csv.CsvCursor;
import org.churnrisk.features.io.jsonl.JsonlCursor;
import org.churnrisk.features.io.mapping.BookConfig;
import org.churnrisk.features.io.mapping.SourceMapping;
import org.churnrisk.features.io.parquet.ParquetCursor;
import org.churnrisk.features.io.problems.DataProblemException;

/**
 * Finds the files of a source in a book and opens them as {@link RecordCursor}s.
 *
 * <p>Without globs in the mapping, a source is the first of {@code <stem>.csv},
 * {@code <stem>.csv.gz}, {@code <stem>.parquet}, {@code <stem>.jsonl}, {@code <stem>.jsonl.gz},
 * {@code <stem>.ndjson}, {@code <stem>.ndjson.gz} that exists, else the folder {@code <stem>/},
 * whose part files (with those endings, in subfolders too) are read
 * in name order; names starting with {@code .} or {@code _} ({@code _SUCCESS}, {@code .crc}
 * files) are skipped. With globs, every file under the book that one of them matches, in name
 * order; a matched folder stands for its part files. Stateless.
 *
 * <pre>{@code
 * BookConfig config = BookConfig.forBook(book);
 * for (Path file : BookSources.files(book, config.mapping(Source.USAGE))) {
 *     try (RecordCursor rows = BookSources.open(book, file, config.mapping(Source.USAGE))) {
 *         while (rows.next()) { ... }
 *     }
 * }
 * }</pre>
 */
public final class BookSources {
    private static final List<String> EXTENSIONS = List.of(".csv", ".csv.gz", ".parquet", ".jsonl", ".jsonl.gz",
            ".ndjson", ".ndjson.gz");

    private BookSources() {
    }

    /**
     * The files of a source, in reading order. A source that scoring needs
     * ({@link Requirement#REQUIRED}) must have one; for the others an empty list means "absent".
     *
     * @throws InvalidDataException if a required source has no file, or a part folder holds a
     *     file in another format
     * @throws IOException          if the book cannot be listed
     */
    public static List<Path> files(Path book, SourceMapping mapping) throws IOException {
        return files(book, mapping, mapping.source().requirement() == Requirement.REQUIRED);
    }

    /**
     * The files of a source, in reading order; {@code required} decides whether none is an error
     * (pass true for {@code churn} when training).
     *
     * @throws InvalidDataException if {@code required} and there is no file, e.g. {@code book /x: no
     *     file for usage (looked for usage.csv, usage.csv.gz, usage.parquet, usage.jsonl, ..., usage/)}
     * @throws IOException          if the book cannot be listed
     */
    public static List<Path> files(Path book, SourceMapping mapping, boolean required) throws IOException {
        List<Path> files = mapping.files().isEmpty() ? defaultFiles(book, mapping.source()) : globbed(book, mapping);
        if (files.isEmpty() && required) {
            throw noFile(book, mapping);
        }
        requireInsideBook(book, files);
        return files;
    }

    /**
     * Refuses a file that is a symbolic link (or lies in a linked folder) leading outside the book:
     * a book is what its folder holds, and a link could make a run read, and hash into a model's
     * provenance, a file nobody meant to export. Links within the book are followed.
     */
    private static void requireInsideBook(Path book, List<Path> files) throws IOException {
        Path root = book.toRealPath();
        for (Path file : files) {
            Path real = file.toRealPath();
            if (!real.startsWith(root)) {
                throw new DataProblemException(displayName(book, file), "is a symbolic link to " + real
                        + ", outside the book " + root + "; copy the file into the book (churn-risk reads only"
                        + " files inside the book)");
            }
        }
    }

    /**
     * The problem of a source that has no file, naming where it was looked for: {@code book /x: no
     * file for usage (looked for usage.csv, usage.csv.gz, usage.parquet, usage.jsonl, usage.jsonl.gz,
     * usage.ndjson, usage.ndjson.gz, usage/)}.
     */
    public static DataProblemException noFile(Path book, SourceMapping mapping) {
        return new DataProblemException("book " + book, "no file for " + mapping.source().fileStem()
                + " (looked for " + lookedFor(mapping) + ")");
    }

    /** The names a source is looked for under, for messages: {@code usage.csv, usage.csv.gz, usage.parquet, ..., usage/}. */
    public static String lookedFor(SourceMapping mapping) {
        if (!mapping.files().isEmpty()) {
            return String.join(", ", mapping.files());
        }
        String stem = mapping.source().fileStem();
        StringBuilder names = new StringBuilder();
        for (String extension : EXTENSIONS) {
            names.append(stem).append(extension).append(", ");
        }
        return names.append(stem).append('/').toString();
    }

    /**
     * Opens a file with the reader its extension calls for; in messages it is named by its path
     * in the book, e.g. {@code usage/part-0001.csv.gz}.
     *
     * @throws DataProblemException if the file is not in a format churn-risk reads, or cannot be read as one
     * @throws IOException          if it cannot be read
     */
    public static RecordCursor open(Path book, Path file, SourceMapping mapping) throws IOException {
        return open(file, displayName(book, file), mapping);
    }

    /**
     * Opens a file with the reader its extension calls for; in messages it is named by its file
     * name, or {@code <stem>/<name>} for a part file in the source's folder.
     *
     * @throws DataProblemException if the file is not in a format churn-risk reads, or cannot be read as one
     * @throws IOException          if it cannot be read
     */
    public static RecordCursor open(Path file, SourceMapping mapping) throws IOException {
        String name = file.getFileName().toString();
        Path parent = file.getParent();
        if (parent != null && parent.getFileName() != null
                && parent.getFileName().toString().equals(mapping.source().fileStem())) {
            name = mapping.source().fileStem() + "/" + name;
        }
        return open(file, name, mapping);
    }

    /**
     * Opens a file as {@link #open(Path, Path, SourceMapping)} does, and makes its size and SHA-256
     * available from the same open through {@link RecordCursor#fileHash()}: a CSV file is hashed
     * as it is read (which costs about 0.7 ns of CPU a byte, on a helper thread for large files),
     * a Parquet or JSON Lines file when the hash is asked for.
     *
     * @throws DataProblemException if the file is not in a format churn-risk reads, or cannot be read as one
     * @throws IOException          if it cannot be read
     */
    public static RecordCursor openHashing(Path book, Path file, SourceMapping mapping) throws IOException {
        return open(file, displayName(book, file), mapping, true);
    }

    private static RecordCursor open(Path file, String displayName, SourceMapping mapping) throws IOException {
        return open(file, displayName, mapping, false);
    }

    private static RecordCursor open(Path file, String displayName, SourceMapping mapping, boolean hash)
            throws IOException {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv") || lower.endsWith(".csv.gz")) {
            return hash ? CsvCursor.openHashing(file, displayName, mapping) : new CsvCursor(file, displayName, mapping);
        }
        if (lower.endsWith(".parquet")) {
            return new ParquetCursor(file, displayName, mapping);
        }
        if (lower.endsWith(".jsonl") || lower.endsWith(".jsonl.gz") || lower.endsWith(".ndjson")
                || lower.endsWith(".ndjson.gz")) {
            return new JsonlCursor(file, displayName, mapping);
        }
        throw new DataProblemException(displayName, "is not in a format churn-risk reads (expected a name ending in "
                + String.join(", ", EXTENSIONS) + ")");
    }

    /**
     * A file's name in messages and reports: its path relative to the book with {@code /}
     * separators ({@code usage/part-0001.csv.gz}), or its name if it is outside the book.
     */
    public static String displayName(Path book, Path file) {
        Path b = book.toAbsolutePath().normalize();
        Path f = file.toAbsolutePath().normalize();
        if (f.startsWith(b) && !f.equals(b)) {
            return relative(b, f);
        }
        return file.getFileName().toString();
    }

    private static List<Path> defaultFiles(Path book, Source source) throws IOException {
        String stem = source.fileStem();
        for (String extension : EXTENSIONS) {
            Path file = book.resolve(stem + extension);
            if (Files.isRegularFile(file)) {
                return List.of(file);
            }
        }
        Path folder = book.resolve(stem);
        if (Files.isDirectory(folder)) {
            return partFiles(book, folder);
        }
        return List.of();
    }

    private static List<Path> globbed(Path book, SourceMapping mapping) throws IOException {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String glob : mapping.files()) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
        }
        TreeMap<String, Path> found = new TreeMap<>();
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(book)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (path.equals(book) || hiddenBelow(book, path)) {
                    continue;
                }
                Path relative = book.relativize(path);
                if (matchers.stream().noneMatch(m -> m.matches(relative))) {
                    continue;
                }
                if (Files.isDirectory(path)) {
                    folders.add(path);
                } else if (Files.isRegularFile(path)) {
                    found.put(relative(book, path), path);
                }
            }
        }
        for (Path folder : folders) {
            for (Path part : partFiles(book, folder)) {
                found.put(relative(book, part), part);
            }
        }
        return List.copyOf(found.values());
    }

    /** The part files under a folder, in name order. */
    private static List<Path> partFiles(Path book, Path folder) throws IOException {
        TreeMap<String, Path> parts = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (!Files.isRegularFile(path) || hiddenBelow(folder, path)) {
                    continue;
                }
                String lower = path.getFileName().toString().toLowerCase(Locale.ROOT);
                if (EXTENSIONS.stream().noneMatch(lower::endsWith)) {
                    throw new InvalidDataException("book " + book + ": " + relative(book, path) + " is not a part file"
                            + " churn-risk reads (expected names ending in " + String.join(", ", EXTENSIONS)
                            + "); move it out of " + relative(book, folder) + "/");
                }
                parts.put(relative(folder, path), path);
            }
        }
        return List.copyOf(parts.values());
    }

    /** Whether a name on the way from {@code root} down to {@code path} starts with . or _. */
    private static boolean hiddenBelow(Path root, Path path) {
        for (Path name : root.relativize(path)) {
            String s = name.toString();
            if (s.startsWith(".") || s.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    private static String relative(Path root, Path path) {
        List<String> names = new ArrayList<>();
        for (Path name : root.relativize(path)) {
            names.add(name.toString());
        }
        return String.join("/", names);
    }
}
