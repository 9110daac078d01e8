package org.churnrisk.features.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.churnrisk.core.InvalidArgumentException;

/**
 * The size and SHA-256 of a file's bytes as stored on disk (for a gzipped file, the compressed
 * bytes), as a reader took them: the provenance of an input file. Immutable.
 *
 * @param bytes  the file's length in bytes
 * @param sha256 the SHA-256 of those bytes, 64 lower-case hex digits
 */
public record FileHash(long bytes, String sha256) {

    /** @throws InvalidArgumentException if bytes is negative or sha256 is not 64 lower-case hex digits */
    public FileHash {
        if (bytes < 0) {
            throw new InvalidArgumentException("file hash: bytes " + bytes + " must be >= 0");
        }
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new InvalidArgumentException("file hash: sha256 '" + sha256 + "' is not 64 lower-case hex digits");
        }
    }

    /** A new SHA-256 digest, for a reader that hashes the bytes it reads. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The hash of {@code bytes} bytes that went through {@code digest}, which is reset. */
    public static FileHash of(long bytes, MessageDigest digest) {
        return new FileHash(bytes, HexFormat.of().formatHex(digest.digest()));
    }

    /**
     * Reads a file only to hash it: for a file that no reader went through (one refused when it
     * was opened, under a problem sink that reads on).
     *
     * @throws IOException if the file cannot be read
     */
    public static FileHash of(Path file) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[64 * 1024];
        long bytes = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
                bytes += n;
            }
        }
        return of(bytes, digest);
    }
}
