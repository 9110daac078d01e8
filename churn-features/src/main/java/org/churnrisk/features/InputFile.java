package org.churnrisk.features;

import java.util.Objects;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.contract.Source;

/**
 * One file a read of a book took rows from, for the provenance of what it produced: its source,
 * where it is in the book, and its size and SHA-256 as stored (the compressed bytes of a
 * {@code .csv.gz}), taken while the rows were read. Immutable.
 *
 * @param source the source the file belongs to
 * @param path   the file's path relative to the book with {@code /} separators, e.g.
 *               {@code usage/part-0001.csv.gz}
 * @param bytes  the file's size in bytes
 * @param sha256 the SHA-256 of its bytes, 64 lower-case hex digits
 */
public record InputFile(Source source, String path, long bytes, String sha256) {

    /** @throws InvalidArgumentException if bytes is negative or sha256 is not 64 lower-case hex digits */
    public InputFile {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(path, "path");
        if (bytes < 0) {
            throw new InvalidArgumentException("input file " + path + ": bytes " + bytes + " must be >= 0");
        }
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new InvalidArgumentException("input file " + path + ": sha256 '" + sha256
                    + "' is not 64 lower-case hex digits");
        }
    }
}
