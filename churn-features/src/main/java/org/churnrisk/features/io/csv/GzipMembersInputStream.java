package org.churnrisk.features.io.csv;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;
import org.churnrisk.features.io.problems.Texts;

/**
 * Decompresses a gzip file (RFC 1952) of one or more members, checking each member's CRC-32 and
 * length, and refusing anything after a member that is not another member.
 *
 * <p>Why not {@link java.util.zip.GZIPInputStream}: up to JDK 22 it ends the stream without a
 * word when the bytes after a member are not a valid gzip header, so a file whose second member
 * has one flipped bit in its header, or a member followed by garbage, reads as a shorter file and
 * its remaining rows are lost silently. Here every byte of the file is accounted for: a member,
 * or zero bytes of padding at the very end (which {@code gzip -d} accepts too).
 *
 * <p>Problems are {@link IOException}s that {@link CsvInput} (and the JSON Lines reader) word as a damaged file: an
 * {@link EOFException} when the file ends inside a member (truncated), a {@link ZipException}
 * for anything else (a failed CRC-32 or length check, invalid deflate data, a damaged header,
 * bytes that are not gzip after a member), and {@link NotGzipException} when the file does not
 * start as gzip at all. Not thread-safe.
 */
public final class GzipMembersInputStream extends InputStream {
    private static final int MAGIC1 = 0x1f;
    private static final int MAGIC2 = 0x8b;
    private static final int DEFLATE = 8;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int RESERVED = 0xe0;

    /** The file does not start with the gzip magic number. */
    public static final class NotGzipException extends ZipException {
        private static final long serialVersionUID = 1L;

        NotGzipException() {
            super("not in gzip format");
        }
    }

    private final InputStream in;
    private final byte[] buf;
    private int bufPos;
    private int bufLen;
    /** Compressed bytes taken from {@link #in} before {@link #buf}'s current contents. */
    private long before;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private long memberLength;
    private int member;
    private long memberStart;
    private boolean inMember;
    private boolean eof;
    private boolean closed;
    private final byte[] one = new byte[1];

    /**
     * Opens the stream and reads the first member's header.
     *
     * @throws NotGzipException if the file does not start with the gzip magic number
     * @throws IOException      if the header is damaged or cut off, or the file cannot be read
     */
    public GzipMembersInputStream(InputStream in, int bufferBytes) throws IOException {
        this.in = in;
        this.buf = new byte[bufferBytes];
        int b1 = readByte();
        int b2 = b1 < 0 ? -1 : readByte();
        if (b1 != MAGIC1 || b2 != MAGIC2) {
            throw new NotGzipException();
        }
        startMember();
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (len == 0) {
            return 0;
        }
        while (!eof) {
            if (!inMember) {
                if (!nextMember()) {
                    eof = true;
                    break;
                }
                continue;
            }
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new ZipException(where() + " holds invalid deflate data (" + e.getMessage() + ")");
            }
            if (n > 0) {
                crc.update(b, off, n);
                memberLength += n;
                return n;
            }
            if (inflater.finished()) {
                bufPos = bufLen - inflater.getRemaining();
                readTrailer();
                inMember = false;
            } else if (inflater.needsDictionary()) {
                throw new ZipException(where() + " asks for a preset dictionary, which gzip does not have");
            } else if (inflater.needsInput()) {
                if (bufPos >= bufLen && !refill()) {
                    throw new EOFException(where() + " ends inside its compressed data");
                }
                inflater.setInput(buf, bufPos, bufLen - bufPos);
                bufPos = bufLen;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            inflater.end();
            in.close();
        }
    }

    /** The header of the member whose magic number was just read. */
    private void startMember() throws IOException {
        member++;
        memberStart = before + bufPos - 2;
        int method = need("header");
        if (method != DEFLATE) {
            throw new ZipException(where() + " uses compression method " + method + " (expected 8, deflate)");
        }
        int flags = need("header");
        if ((flags & RESERVED) != 0) {
            throw new ZipException(where() + " has reserved header flags set (0x" + Integer.toHexString(flags) + ")");
        }
        for (int i = 0; i < 6; i++) {
            need("header"); // modification time, extra flags, operating system
        }
        if ((flags & FEXTRA) != 0) {
            int length = need("header") | need("header") << 8;
            for (int i = 0; i < length; i++) {
                need("header");
            }
        }
        if ((flags & FNAME) != 0) {
            while (need("header") != 0) {
                // the original file name
            }
        }
        if ((flags & FCOMMENT) != 0) {
            while (need("header") != 0) {
                // a comment
            }
        }
        if ((flags & FHCRC) != 0) {
            need("header");
            need("header");
        }
        inflater.reset();
        crc.reset();
        memberLength = 0;
        inMember = true;
    }

    private void readTrailer() throws IOException {
        long storedCrc = readInt32("trailer");
        long storedLength = readInt32("trailer");
        if (storedCrc != crc.getValue()) {
            throw new ZipException(where() + " fails its CRC-32 check (stored " + hex(storedCrc) + ", the data gives "
                    + hex(crc.getValue()) + ")");
        }
        if (storedLength != (memberLength & 0xffffffffL)) {
            throw new ZipException(where() + " fails its length check (stored " + Texts.grouped(storedLength)
                    + " bytes, the data has " + Texts.grouped(memberLength) + " modulo 2^32)");
        }
    }

    /** After a member: another member (true), the end of the file or zero padding (false), or damage. */
    private boolean nextMember() throws IOException {
        long at = before + bufPos;
        int b1 = readByte();
        if (b1 < 0) {
            return false;
        }
        if (b1 == 0) {
            int b;
            do {
                b = readByte();
            } while (b == 0);
            if (b < 0) {
                return false;
            }
            throw notAMember(at);
        }
        int b2 = readByte();
        if (b1 != MAGIC1 || b2 != MAGIC2) {
            throw notAMember(at);
        }
        startMember();
        return true;
    }

    private ZipException notAMember(long at) throws IOException {
        while (readByte() >= 0) {
            // count the rest of the file for the message
        }
        long size = before + bufPos;
        return new ZipException("the " + Texts.grouped(size - at) + " bytes after gzip member " + member + " (from byte "
                + Texts.grouped(at) + ") are not a gzip member: a member's header is damaged, or other data was"
                + " appended");
    }

    private String where() {
        return "gzip member " + member + " (from byte " + Texts.grouped(memberStart) + ")";
    }

    private long readInt32(String part) throws IOException {
        return (need(part) | need(part) << 8 | need(part) << 16 | (long) need(part) << 24) & 0xffffffffL;
    }

    private int need(String part) throws IOException {
        int b = readByte();
        if (b < 0) {
            throw new EOFException(where() + " ends inside its " + part);
        }
        return b;
    }

    private int readByte() throws IOException {
        if (bufPos >= bufLen && !refill()) {
            return -1;
        }
        return buf[bufPos++] & 0xff;
    }

    private boolean refill() throws IOException {
        before += bufLen;
        bufPos = 0;
        bufLen = 0;
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            // FileInputStream and channels never return 0 for a non-empty buffer; treat it as the end.
            return false;
        }
        bufLen = n;
        return true;
    }

    private static String hex(long v) {
        return String.format("%08x", v);
    }
}
