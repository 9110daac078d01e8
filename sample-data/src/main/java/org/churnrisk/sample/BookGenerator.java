package org.churnrisk.sample;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.churnrisk.core.AtomicFiles;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.ProgressListener;

/**
 * Writes a simulated B2B SaaS customer book in the format of the data contract.
 *
 * <p>The book is deterministic: the same {@link GeneratorConfig} gives byte-identical files. It is
 * written to a hidden sibling directory and moved into place at the end, so that a failed run
 * never leaves a half-written book behind. Memory is bounded by the number of accounts, not by
 * the number of rows, so books of any length can be made.
 *
 * <pre>{@code
 * GenerationReport report = BookGenerator.generate(
 *         GeneratorConfig.builder().accounts(2_000).seed(7).build(), Path.of("book"), false,
 *         ProgressListener.NONE);
 * }</pre>
 *
 * <p>Thread-safe: each call works on its own state. A call uses both cores for {@code truth.csv}.
 */
public final class BookGenerator {
    /** The file that marks a directory as a generated book (and so as safe to overwrite). */
    public static final String MANIFEST = "generator.json";

    private BookGenerator() {
    }

    /**
     * Generates a book into {@code out}.
     *
     * @param overwrite replace {@code out} if it holds a book made by this generator; a directory
     *                  with other content is never replaced
     * @throws InvalidArgumentException if {@code out} exists and may not be replaced
     * @throws IOException              if a file cannot be written
     */
    public static GenerationReport generate(GeneratorConfig config, Path out, boolean overwrite,
                                            ProgressListener progress) throws IOException {
        Path target = out.toAbsolutePath().normalize();
        checkTarget(target, overwrite);
        Path parent = target.getParent();
        Files.createDirectories(parent);
        // Not Files.createTempDirectory: that makes the directory private (700), and it becomes the book.
        Path work = parent.resolve("." + target.getFileName() + ".partial-" + ProcessHandle.current().pid()
                + "-" + System.nanoTime());
        Files.createDirectory(work);
        try {
            GenerationReport report = new BookSimulation(config, work, progress).run();
            if (Files.exists(target)) {
                AtomicFiles.deleteTree(target);
            }
            try {
                Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(work, target);
            }
            return report;
        } finally {
            if (Files.exists(work)) {
                AtomicFiles.deleteTree(work);
            }
        }
    }

    private static void checkTarget(Path target, boolean overwrite) throws IOException {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new InvalidArgumentException(target + " exists and is not a directory; choose another --out");
        }
        try (Stream<Path> entries = Files.list(target)) {
            if (entries.findAny().isEmpty()) {
                return;
            }
        }
        if (!overwrite) {
            throw new InvalidArgumentException(target + " is not empty; choose another --out, or pass "
                    + "--overwrite to replace a book made by this generator");
        }
        if (!Files.exists(target.resolve(MANIFEST))) {
            throw new InvalidArgumentException(target + " has no " + MANIFEST
                    + ", so it was not made by this generator and will not be replaced; choose another --out");
        }
    }
}
