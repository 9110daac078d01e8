package org.churnrisk.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Copies and snapshots of folder trees: for tests that damage a copy of a book, and tests that
 * check a run left a folder as it was.
 */
public final class FileTrees {
    private FileTrees() {
    }

    /**
     * Copies the tree at {@code from}, files and folders, to {@code to}, which must not hold any of
     * its files yet; returns {@code to}.
     */
    public static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    /**
     * Every file and folder under {@code root} (itself as {@code ""}) by relative path, with the
     * bytes of each file in hex and {@code "<dir>"} for a folder: two snapshots are equal when
     * nothing was added, removed or changed.
     */
    public static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                files.put(root.relativize(p).toString(), Files.isDirectory(p) ? "<dir>"
                        : HexFormat.of().formatHex(Files.readAllBytes(p)));
            }
        }
        return files;
    }
}
