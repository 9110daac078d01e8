package org.churnrisk.sample;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
     * @param overwrite replace {@code out} if it holds a book made by this generator and nothing
     *                  else; a directory with other content (even beside a generated book) is never replaced
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
        List<String> foreign = foreign(target);
        if (!foreign.isEmpty()) {
            throw new InvalidArgumentException(target + " holds files this generator did not write ("
                    + String.join(", ", foreign.subList(0, Math.min(5, foreign.size())))
                    + (foreign.size() > 5 ? " and " + (foreign.size() - 5) + " more" : "")
                    + "); --overwrite replaces only a book made by this command and never other content: move them"
                    + " or choose another --out");
        }
    }

    /** What a generated book never holds, relative to it, sorted: the files --overwrite would otherwise delete. */
    private static List<String> foreign(Path target) throws IOException {
        List<String> foreign = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(target)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (p.equals(target)) {
                    continue;
                }
                String relative = target.relativize(p).toString().replace('\\', '/');
                boolean generated = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                        ? relative.equals("usage")
                        : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && (WRITTEN.contains(relative)
                                || relative.matches("usage/part-\\d{4}-\\d{2}\\.csv\\.gz"));
                if (!generated) {
                    foreign.add(relative);
                }
            }
        }
        foreign.sort(null);
        return foreign;
    }

    /** The files a generated book may hold at its top level (the monthly usage parts aside). */
    private static final Set<String> WRITTEN = Set.of("accounts.csv", "contracts.csv", "usage.csv", "usage.csv.gz",
            "tickets.csv", "surveys.csv", "touchpoints.csv", "churn.csv", "truth.csv", MANIFEST, "churn.yaml");
}
