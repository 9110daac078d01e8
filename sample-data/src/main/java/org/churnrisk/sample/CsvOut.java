package org.churnrisk.sample;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A CSV writer that appends bytes to its own buffer, so that the generator can write millions of
 * rows a second without building a String per field.
 *
 * <p>Fields given as text are quoted when they hold a comma, a quote or a line break (RFC 4180);
 * pre-encoded byte fields are written as they are and must not need quoting. Rows end with LF.
 * Not thread-safe.
 */
final class CsvOut implements Closeable {
    private static final int CAPACITY = 1 << 16;

    private final OutputStream out;
    private final byte[] buf = new byte[CAPACITY];
    private int pos;
    private boolean rowStarted;
    private long rows;

    CsvOut(OutputStream out) {
        this.out = out;
    }

    /** Writes a header row; it does not count as a data row. */
    void header(Iterable<String> names) throws IOException {
        for (String name : names) {
            text(name);
        }
        endRow();
        rows--;
    }

    /** Appends a field written exactly as the given bytes. */
    CsvOut raw(byte[] bytes) throws IOException {
        separator();
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
        return this;
    }

    /** Appends a text field, quoted if needed; null writes an empty field. */
    CsvOut text(String value) throws IOException {
        if (value == null) {
            return empty();
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0
                || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
        String escaped = quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
        return raw(escaped.getBytes(StandardCharsets.UTF_8));
    }

    /** Appends an empty field. */
    CsvOut empty() throws IOException {
        separator();
        return this;
    }

    /** Appends a non-negative or negative whole number in decimal. */
    CsvOut number(long value) throws IOException {
        separator();
        ensure(20);
        if (value < 0) {
            buf[pos++] = '-';
            value = -value;
        }
        if (value < 10) {
            buf[pos++] = (byte) ('0' + value);
            return this;
        }
        int start = pos;
        while (value > 0) {
            buf[pos++] = (byte) ('0' + (value % 10));
            value /= 10;
        }
        for (int i = start, j = pos - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
        return this;
    }

    /** Ends the current row. */
    void endRow() throws IOException {
        ensure(1);
        buf[pos++] = '\n';
        rowStarted = false;
        rows++;
    }

    /** Data rows written so far (the header excluded). */
    long rows() {
        return rows;
    }

    private void separator() throws IOException {
        if (rowStarted) {
            ensure(1);
            buf[pos++] = ',';
        }
        rowStarted = true;
    }

    private void ensure(int n) throws IOException {
        if (pos + n > buf.length) {
            flushBuffer();
            if (n > buf.length) {
                throw new IOException("field of " + n + " bytes is larger than the write buffer");
            }
        }
    }

    private void flushBuffer() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }

    @Override
    public void close() throws IOException {
        try {
            flushBuffer();
        } finally {
            out.close();
        }
    }
}
