package org.churnrisk.features.io.csv;

import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.churnrisk.features.io.FileHash;

/**
 * The SHA-256 of the bytes a reader takes from a file, computed on a helper thread once the file
 * turns out to be large, so that the thread that parses does not wait for it: SHA-256 costs
 * about 0.7 ns a byte even with the CPU's SHA instructions, some 30 ns a row of plain CSV, which
 * would otherwise be added to the parsing thread, the one an extraction waits for. Updates are
 * copied into one of two 1 MB chunks, so that the caller may reuse its array at once; a full
 * chunk goes to the helper while the other fills. The first {@value #INLINE_BYTES} bytes are
 * hashed on the caller's thread, so that small files start no thread. The helper thread ends
 * when it has been idle for a second, even if the digest is never finished. Not thread-safe:
 * one reader calls it.
 */
final class BackgroundDigest {
    /** Bytes hashed on the caller's thread before the helper takes over. */
    static final long INLINE_BYTES = 4 << 20;
    private static final int CHUNK_BYTES = 1 << 20;

    private final MessageDigest digest = FileHash.newDigest();
    private long bytes;
    private ThreadPoolExecutor helper;
    private byte[] filling;
    private int filled;
    /** The chunk the helper may be hashing, free once {@link #pending} is done. */
    private byte[] spare;
    private Future<?> pending;
    private boolean abandoned;

    /** Bytes given so far. */
    long bytes() {
        return bytes;
    }

    /**
     * Adds {@code b[off, off + len)}, copying it if the helper is to hash it.
     *
     * @throws InterruptedIOException if interrupted while waiting for the helper to free a chunk
     */
    void update(byte[] b, int off, int len) throws InterruptedIOException {
        bytes += len;
        if (helper == null) {
            if (bytes <= INLINE_BYTES) {
                digest.update(b, off, len);
                return;
            }
            startHelper();
        }
        while (len > 0) {
            int n = Math.min(len, CHUNK_BYTES - filled);
            System.arraycopy(b, off, filling, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == CHUNK_BYTES) {
                handOver();
            }
        }
    }

    /** Adds one byte. */
    void update(byte b) throws InterruptedIOException {
        update(new byte[] {b}, 0, 1);
    }

    /**
     * The SHA-256 of every byte given; waits for the helper, which then stops.
     *
     * @throws IllegalStateException  after {@link #abandon()}
     * @throws InterruptedIOException if interrupted while waiting
     */
    FileHash finish() throws InterruptedIOException {
        if (abandoned) {
            throw new IllegalStateException("the file's hash was abandoned when it was closed");
        }
        if (helper != null) {
            if (filled > 0) {
                handOver();
            }
            await();
            helper.shutdown();
            helper = null;
        }
        return FileHash.of(bytes, digest);
    }

    /** Stops the helper without waiting; the digest is not finished. */
    void abandon() {
        abandoned = true;
        if (helper != null) {
            helper.shutdownNow();
            helper = null;
        }
    }

    private void startHelper() {
        helper = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "churn-file-hash");
            t.setDaemon(true);
            return t;
        });
        helper.allowCoreThreadTimeOut(true);
        filling = new byte[CHUNK_BYTES];
        spare = new byte[CHUNK_BYTES];
    }

    /** Gives the full chunk to the helper once it is done with the other one, and fills that. */
    private void handOver() throws InterruptedIOException {
        await();
        byte[] chunk = filling;
        int length = filled;
        pending = helper.submit(() -> digest.update(chunk, 0, length));
        filling = spare;
        spare = chunk;
        filled = 0;
    }

    private void await() throws InterruptedIOException {
        if (pending == null) {
            return;
        }
        try {
            pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing the file");
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing the file failed", e.getCause());
        }
        pending = null;
    }
}
