package org.churnrisk.features.io.csv;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of a single-byte encoding (windows-1252, ISO-8859-1) into UTF-8 as they are
 * read, so that the lexer and the value parsers, which read UTF-8 bytes, serve such files
 * unchanged. ASCII bytes pass through; every other byte becomes its two or three UTF-8 bytes from
 * a table built once from the charset. The five bytes windows-1252 leaves undefined (0x81, 0x8D,
 * 0x8F, 0x90, 0x9D) become the C1 controls of the same number, as web browsers read them. Not
 * thread-safe.
 */
final class SingleByteDecodingInputStream extends FilterInputStream {
    private final byte[][] utf8 = new byte[256][];
    private final byte[] raw = new byte[8192];
    /** Decoded bytes that did not fit the caller's buffer. */
    private byte[] pending;
    private int pendingPos;

    SingleByteDecodingInputStream(InputStream in, Charset charset) {
        super(in);
        for (int b = 0x80; b < 256; b++) {
            CharBuffer c = charset.decode(ByteBuffer.wrap(new byte[] {(byte) b}));
            char ch = c.length() == 1 && c.charAt(0) != '\uFFFD' ? c.charAt(0) : (char) b;
            utf8[b] = String.valueOf(ch).getBytes(StandardCharsets.UTF_8);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int o = off;
        int end = off + len;
        if (pending != null) {
            while (o < end && pendingPos < pending.length) {
                b[o++] = pending[pendingPos++];
            }
            if (pendingPos == pending.length) {
                pending = null;
            }
            if (o == end) {
                return len;
            }
        }
        // a raw byte gives at most three bytes: read no more than fit, so that at most the tail of
        // one character is left over
        int n = in.read(raw, 0, Math.max(1, Math.min(raw.length, (end - o) / 3)));
        if (n < 0) {
            return o == off ? -1 : o - off;
        }
        for (int i = 0; i < n; i++) {
            int c = raw[i] & 0xff;
            if (c < 0x80) {
                if (o < end) {
                    b[o++] = (byte) c;
                } else {
                    appendPending(new byte[] {(byte) c});
                }
                continue;
            }
            byte[] seq = utf8[c];
            for (byte x : seq) {
                if (o < end) {
                    b[o++] = x;
                } else {
                    appendPending(new byte[] {x});
                }
            }
        }
        return o - off;
    }

    private void appendPending(byte[] more) {
        if (pending == null) {
            pending = more;
            pendingPos = 0;
            return;
        }
        byte[] joined = new byte[pending.length - pendingPos + more.length];
        System.arraycopy(pending, pendingPos, joined, 0, pending.length - pendingPos);
        System.arraycopy(more, 0, joined, pending.length - pendingPos, more.length);
        pending = joined;
        pendingPos = 0;
    }

    @Override
    public int available() throws IOException {
        return (pending == null ? 0 : pending.length - pendingPos) + in.available();
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
