package org.churnrisk.train.bundle;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture of the tests that break a bundle and check how loading refuses it: before each
 * test, a good bundle of {@link TinyModels#standardizedLogistic()} is written to {@code dir}, and
 * {@code where} is the prefix of every message about it.
 */
abstract class FreshBundle {
    @TempDir
    Path tmp;
    Path dir;
    String where;

    @BeforeEach
    void writeABundle() throws IOException {
        dir = TinyModels.write(tmp.resolve("model"), TinyModels.standardizedLogistic());
        where = "model bundle " + dir + ": ";
    }
}
