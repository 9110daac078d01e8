package org.churnrisk.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temporary siblings, and removing those that runs killed before they finished left behind (issue 18 item 5). */
class AtomicFilesTest {
    @TempDir
    Path dir;

    /** A pid no process has: above the kernel's pid_max (at most 2^22 on Linux). */
    static long deadPid() {
        long pid = 4_194_304L * 8;
        while (ProcessHandle.of(pid).isPresent()) {
            pid++;
        }
        return pid;
    }

    private String[] names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void aSiblingIsHiddenAndNamesItsProcess() throws IOException {
        Path sibling = AtomicFiles.createSibling(dir.resolve("at-risk.csv"));

        assertThat(sibling.getFileName().toString())
                .matches("\\.at-risk\\.csv\\." + ProcessHandle.current().pid() + "\\.-?\\d+\\.partial");
    }

    @Test
    void theStalePartialsOfADeadProcessAreRemoved() throws IOException {
        Files.writeString(dir.resolve(".at-risk.csv." + deadPid() + ".17.partial"), "half a report");

        assertThat(AtomicFiles.removeStalePartials(dir.resolve("at-risk.csv"))).isEqualTo(1);
        assertThat(names()).isEmpty();
    }

    @Test
    void creatingASiblingRemovesTheStaleOnes() throws IOException {
        Files.writeString(dir.resolve(".at-risk.csv." + deadPid() + ".17.partial"), "half a report");

        Path sibling = AtomicFiles.createSibling(dir.resolve("at-risk.csv"));

        assertThat(names()).containsExactly(sibling.getFileName().toString());
    }

    @Test
    void theOnesOfALiveProcessAndEveryOtherFileStay() throws IOException {
        long live = ProcessHandle.current().pid();
        String[] kept = {".at-risk.csv." + live + ".17.partial", ".other.csv." + deadPid() + ".1.partial",
            ".at-risk.csv.lock", ".at-risk.csv.x.y.partial", "at-risk.csv", "at-risk.csv." + deadPid() + ".1.partial"};
        for (String name : kept) {
            Files.writeString(dir.resolve(name), name);
        }

        assertThat(AtomicFiles.removeStalePartials(dir.resolve("at-risk.csv"))).isZero();
        assertThat(names()).containsExactlyInAnyOrder(kept);
    }

    @Test
    void aFolderThatDoesNotExistHasNone() throws IOException {
        assertThat(AtomicFiles.removeStalePartials(dir.resolve("nothing/at-risk.csv"))).isZero();
    }
}
