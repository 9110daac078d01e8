package org.churnrisk.features.io.csv;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.churnrisk.features.io.FileHash;

/**
 * The bottom of a CSV file's streams: counts every byte as it is taken from the file and, when
 * asked to, hashes it (SHA-256) as {@link java.security.DigestInputStream} does, so that the
 * size and hash of the file as stored come from the one read that parses it; a large file is
 * hashed on a helper thread ({@link BackgroundDigest}). {@link #fileHash()} reads what is left
 * first, so that the hash always covers the whole file. Not thread-safe.
 */
final class HashingInputStream extends FilterInputStream {
    /** Null when the bytes are only counted. */
    private final BackgroundDigest digest;
    private long count;
    private boolean atEnd;
    private FileHash hash;
    private boolean closed;

    /** @param hash whether to hash the bytes, for {@link #fileHash()}, or only count them */
    HashingInputStream(InputStream in, boolean hash) {
        super(in);
        this.digest = hash ? new BackgroundDigest() : null;
    }

    /** Bytes taken from the file so far. */
    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int c = in.read();
        if (c >= 0) {
            if (digest != null) {
                digest.update((byte) c);
            }
            count++;
        } else {
            atEnd = true;
        }
        return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            if (digest != null) {
                digest.update(b, off, n);
            }
            count += n;
        } else if (n < 0) {
            atEnd = true;
        }
        return n;
    }

    /** Skips by reading, so that skipped bytes are hashed too. */
    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    /** Closes the file; a hash not taken yet cannot be taken any more. */
    @Override
    public void close() throws IOException {
        closed = true;
        if (hash == null && digest != null) {
            digest.abandon();
        }
        super.close();
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    /**
     * The size and SHA-256 of the whole file: the bytes not taken yet (after a stop before the
     * end, or what gzip leaves after its last member) are read and hashed first. Nothing can be
     * read after this.
     *
     * @throws IllegalStateException if the bytes are only counted, or the file is closed
     * @throws IOException           if the rest of the file cannot be read
     */
    FileHash fileHash() throws IOException {
        if (digest == null) {
            throw new IllegalStateException("the file was opened without hashing its bytes"
                    + " (open it with BookSources.openHashing)");
        }
        if (hash == null && closed) {
            throw new IllegalStateException("the file was closed before its hash was taken");
        }
        if (hash == null) {
            byte[] rest = new byte[64 * 1024];
            while (!atEnd) {
                read(rest, 0, rest.length);
            }
            hash = digest.finish();
        }
        return hash;
    }
}
