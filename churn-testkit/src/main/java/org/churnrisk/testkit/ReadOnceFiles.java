package org.churnrisk.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files that can be read once: a named pipe whose content goes to the first reader, after which
 * a second open waits for a writer that never comes. A test that reads settings through one, under
 * a timeout, proves the code under test opened the file once.
 *
 * <pre>{@code
 * assumeTrue(ReadOnceFiles.create(dir.resolve("churn.yaml"), "zone: UTC\n"), "needs mkfifo");
 * ChurnSettings s = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> ChurnSettings.load(file));
 * }</pre>
 */
public final class ReadOnceFiles {
    private ReadOnceFiles() {
    }

    /**
     * Creates a named pipe at {@code path} (with {@code mkfifo}) and starts a daemon thread that
     * writes {@code content} to its first reader.
     *
     * @return false if named pipes cannot be made here (no {@code mkfifo}), for {@code assumeTrue}
     */
    public static boolean create(Path path, String content) {
        if (!mkfifo(path)) {
            return false;
        }
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(path, content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "read-once " + path.getFileName());
        writer.setDaemon(true);
        writer.start();
        return true;
    }

    private static boolean mkfifo(Path path) {
        try {
            return new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
