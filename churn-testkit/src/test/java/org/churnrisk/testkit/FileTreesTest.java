package org.churnrisk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
    @TempDir
    Path dir;

    private Path book() throws IOException {
        Path book = Files.createDirectories(dir.resolve("book/usage"));
        Files.writeString(book.resolve("part-1.csv"), "account_id\nA-1\n");
        Files.writeString(dir.resolve("book/accounts.csv"), "account_id\nA-1\n");
        return dir.resolve("book");
    }

    @Test
    void aCopyHasTheSameFilesAndFolders() throws IOException {
        Path book = book();

        Path copy = FileTrees.copy(book, dir.resolve("copy"));

        assertThat(copy).isEqualTo(dir.resolve("copy"));
        assertThat(FileTrees.snapshot(copy)).isEqualTo(FileTrees.snapshot(book))
                .containsOnlyKeys("", "accounts.csv", "usage", Path.of("usage", "part-1.csv").toString())
                .containsEntry("usage", "<dir>");
    }

    @Test
    void aSnapshotChangesWithOneByte() throws IOException {
        Path book = book();
        Map<String, String> before = FileTrees.snapshot(book);

        Files.writeString(book.resolve("accounts.csv"), "account_id\nA-2\n");

        assertThat(FileTrees.snapshot(book)).isNotEqualTo(before);
    }

    @Test
    void aSnapshotChangesWithAnEmptyFolder() throws IOException {
        Path book = book();
        Map<String, String> before = FileTrees.snapshot(book);

        Files.createDirectory(book.resolve("rejects"));

        assertThat(FileTrees.snapshot(book)).isNotEqualTo(before);
    }
}
