package org.churnrisk.core;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writing files so that readers never see half of one: write a sibling, then move it into place.
 * Every file churn-risk writes for people (reports, tables, rejects) goes through here.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * A new, empty sibling of {@code target} to write into, with the directory's usual permissions
     * ({@code Files.createTempFile} would make it owner-only, and the final file with it): named
     * {@code .<name>.<pid>.<n>.partial}. The stale siblings of earlier runs are removed first
     * ({@link #removeStalePartials}).
     */
    public static Path createSibling(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        removeStalePartials(target);
        return Files.createFile(parent.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + System.nanoTime() + ".partial"));
    }

    /**
     * Removes the siblings {@link #createSibling} made for {@code target} in processes that are no
     * longer running: what a run killed before it moved its files into place ({@code kill -9}, a
     * power cut) leaves behind. The partial files of a live process, such as a second run writing
     * the same file at the same time, are left alone; so is every other file. Nothing happens when
     * the folder does not exist.
     *
     * @return how many files were removed
     * @throws IOException if the folder cannot be listed or a stale file cannot be removed
     */
    public static int removeStalePartials(Path target) throws IOException {
        int removed = 0;
        for (Path stale : staleSiblings(target, "partial")) {
            if (Files.isRegularFile(stale, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(stale)) {
                removed++;
            }
        }
        return removed;
    }

    /**
     * The siblings {@code .<name>.<pid>.<n>.<kind>} of {@code target} whose process {@code pid} is
     * no longer running, for writers that name their temporary files or folders that way (a model
     * bundle's {@code partial} folder); empty when the folder does not exist.
     *
     * @throws IOException if the folder cannot be listed
     */
    public static java.util.List<Path> staleSiblings(Path target, String kind) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return java.util.List.of();
        }
        String prefix = "." + target.getFileName() + ".";
        String suffix = "." + kind;
        java.util.List<Path> stale = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> siblings = Files.list(parent)) {
            for (Path sibling : (Iterable<Path>) siblings::iterator) {
                String name = sibling.getFileName().toString();
                if (!name.startsWith(prefix) || !name.endsWith(suffix) || name.length() <= prefix.length() + suffix.length()) {
                    continue;
                }
                String[] pidAndCounter = name.substring(prefix.length(), name.length() - suffix.length()).split("\\.");
                if (pidAndCounter.length != 2 || !pidAndCounter[0].matches("\\d{1,18}")
                        || !pidAndCounter[1].matches("-?\\d{1,19}")) {
                    continue;
                }
                long pid = Long.parseLong(pidAndCounter[0]);
                if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    stale.add(sibling);
                }
            }
        }
        stale.sort(null);
        return stale;
    }

    /** Moves a finished sibling over {@code target}, atomically where the file system can. */
    public static void moveIntoPlace(Path written, Path target) throws IOException {
        try {
            Files.move(written, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(written, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes a directory and everything in it; nothing happens if it does not exist. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
