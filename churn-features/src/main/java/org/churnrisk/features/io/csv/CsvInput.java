package org.churnrisk.features.io.csv;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipException;
import org.churnrisk.core.InvalidDataException;
import org.churnrisk.features.io.FileHash;
import org.churnrisk.features.io.mapping.CsvDialect;
import org.churnrisk.features.io.problems.Texts;
import org.churnrisk.features.io.problems.DataProblemException;

/**
 * A CSV export opened as bytes, before any row is split: the file's stream (through gzip for a
 * name ending in {@code .gz}) and its first block, read and checked. This is where files that are
 * not UTF-8 CSV text are refused, each with a message that says what the file is and what to do:
 * a {@code .gz} name on a plain file, gzip inside gzip, gzip or Parquet under a {@code .csv} name,
 * a zip archive (an Excel workbook), UTF-16, a NUL byte, bytes that are not UTF-8. A UTF-8
 * byte-order mark is skipped.
 *
 * <p>Below gzip, a {@link HashingInputStream} counts every byte taken from the file and, when
 * asked to, hashes it, so that {@link #fileHash()} gives its size and SHA-256 as stored without
 * a second read.
 * {@link #fill} reads on for the lexer. Gzip is read by {@link GzipMembersInputStream}, every
 * member checked; damaged gzip data is a problem of the whole file ({@link #damaged}), never of a
 * row.
 * Not thread-safe.
 */
final class CsvInput implements Closeable {
    private static final int GZIP_BUFFER_BYTES = 64 * 1024;

    private final String fileName;
    private final HashingInputStream raw;
    private final InputStream in;
    private byte[] firstBlock;
    private int firstStart;
    private int firstLength;
    private boolean atEnd;

    private final boolean gzip;

    private CsvInput(String fileName, HashingInputStream raw, InputStream in, boolean gzip) {
        this.fileName = fileName;
        this.raw = raw;
        this.in = in;
        this.gzip = gzip;
    }

    /** Whether the file is read through gzip. */
    boolean gzip() {
        return gzip;
    }

    /**
     * A gzipped file that is damaged: a whole-file problem, not a row problem, so that no reader
     * goes on with rows decoded from it (an {@link InvalidDataException} that is not a
     * {@link DataProblemException} stops the read of the file, with or without skipping bad rows).
     *
     * @param line the last line read before the damage showed, or 0 when none was
     */
    static InvalidDataException damaged(String fileName, IOException e, long line) {
        String what = e instanceof EOFException ? "the gzip data ends early (the file is truncated, or was still"
                + " being written): " : "the gzip data is corrupt: ";
        return new InvalidDataException(fileName + " is damaged: " + what + e.getMessage()
                + (line > 1 ? ", noticed after line " + Texts.grouped(line) : "")
                + "; none of its rows are used: restore the file or export it again", e);
    }

    /**
     * Reads a whole gzipped file once more, apart from any reader, to tell whether its gzip data
     * is sound: a row that does not parse may be the first sign of damage that the CRC-32 check at
     * the end of its member would only report later.
     *
     * @return the problem, or null when every member passes its checks
     * @throws IOException if the file cannot be read
     */
    static InvalidDataException checkGzip(Path file, String fileName) throws IOException {
        try (InputStream in = new GzipMembersInputStream(Files.newInputStream(file), GZIP_BUFFER_BYTES)) {
            in.transferTo(OutputStream.nullOutputStream());
            return null;
        } catch (ZipException | EOFException e) {
            return damaged(fileName, e, 0);
        }
    }

    /**
     * Opens a file that is not empty and reads its first {@code blockBytes} bytes (after
     * decompression), checking that they are UTF-8 CSV text.
     *
     * @param fileName the file's name in messages, e.g. {@code usage/part-0001.csv.gz}
     * @param hash     whether to hash the file's bytes as they are read, for {@link #fileHash()}
     * @throws DataProblemException if the file is not CSV text, or its gzip data is damaged
     * @throws IOException          if it cannot be read
     */
    static CsvInput open(Path file, String fileName, int blockBytes, boolean hash) throws IOException {
        return open(file, fileName, blockBytes, hash, CsvDialect.DEFAULT);
    }

    /**
     * Opens a file as {@link #open(Path, String, int, boolean)} does, in a dialect: a file in a
     * single-byte encoding is decoded to UTF-8 below the lexer (and above gzip and the hashing of
     * the stored bytes).
     */
    static CsvInput open(Path file, String fileName, int blockBytes, boolean hash, CsvDialect dialect)
            throws IOException {
        boolean gzip = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        HashingInputStream raw = new HashingInputStream(Files.newInputStream(file), hash);
        InputStream stream = raw;
        try {
            if (gzip) {
                try {
                    stream = new GzipMembersInputStream(raw, GZIP_BUFFER_BYTES);
                } catch (GzipMembersInputStream.NotGzipException e) {
                    throw new DataProblemException(fileName, "is not gzip-compressed although its name ends in .gz;"
                            + " rename it to " + stripSuffix(fileName, 3) + " if it is plain CSV");
                } catch (ZipException | EOFException e) {
                    throw damaged(fileName, e, 0);
                }
            }
            if (!dialect.utf8()) {
                stream = new SingleByteDecodingInputStream(stream, dialect.encoding());
            }
            CsvInput input = new CsvInput(fileName, raw, stream, gzip);
            input.readFirstBlock(blockBytes, gzip);
            return input;
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    private void readFirstBlock(int blockBytes, boolean gzip) throws IOException {
        byte[] block = new byte[blockBytes];
        int length = fill(block, 0, 1);
        checkContent(fileName, block, length, atEnd, gzip);
        boolean bom = length >= 3 && (block[0] & 0xff) == 0xEF && (block[1] & 0xff) == 0xBB && (block[2] & 0xff) == 0xBF;
        firstBlock = block;
        firstStart = bom ? 3 : 0;
        firstLength = length;
    }

    /** The first block, which the lexer takes as its buffer: its bytes are {@code [firstStart(), firstLength())}. */
    byte[] firstBlock() {
        return firstBlock;
    }

    /** Where the text starts in the first block: after a byte-order mark, if there is one. */
    int firstStart() {
        return firstStart;
    }

    int firstLength() {
        return firstLength;
    }

    /** Whether the file's bytes have all been read. */
    boolean atEnd() {
        return atEnd;
    }

    /**
     * Reads into {@code buf} from {@code from} until it is full or the file ends; returns the new
     * end of the bytes in {@code buf}.
     *
     * @param line the line the reader is on, for the message when the gzip data is damaged
     * @throws InvalidDataException naming the file when the gzip data ends early or is damaged
     * @throws IOException          if the file cannot be read
     */
    int fill(byte[] buf, int from, long line) throws IOException {
        int limit = from;
        try {
            while (limit < buf.length) {
                int n = in.read(buf, limit, buf.length - limit);
                if (n < 0) {
                    atEnd = true;
                    break;
                }
                limit += n;
            }
        } catch (ZipException | EOFException e) {
            if (!gzip) {
                throw e;
            }
            throw damaged(fileName, e, line);
        }
        return limit;
    }

    /** Bytes read from the file so far (compressed bytes for {@code .csv.gz}). */
    long bytesRead() {
        return raw.count();
    }

    /**
     * The size and SHA-256 of the whole file as stored; bytes not read yet are read now. No more
     * bytes can be read after this.
     *
     * @throws IllegalStateException if the file was opened without hashing, or is closed
     * @throws IOException           if the rest of the file cannot be read
     */
    FileHash fileHash() throws IOException {
        return raw.fileHash();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    // ---- what the first block says the file is ------------------------------------------------------

    /** Refuses files that are not CSV text, recognised by their first block. */
    private static void checkContent(String fileName, byte[] buf, int limit, boolean eof, boolean gzip) {
        if (limit == 0) {
            return;
        }
        if (startsWith(buf, limit, 0x1f, 0x8b)) {
            throw new DataProblemException(fileName, gzip ? "holds gzip data inside gzip; decompress it once"
                    : "is gzip-compressed but its name ends in .csv; rename it to " + fileName + ".gz");
        }
        if (startsWith(buf, limit, 'P', 'A', 'R', '1')) {
            throw new DataProblemException(fileName, "is a Parquet file, not CSV text; rename it to "
                    + stripSuffix(fileName, gzip ? 7 : 4) + ".parquet");
        }
        if (startsWith(buf, limit, 'P', 'K', 3, 4)) {
            throw new DataProblemException(fileName, "is a zip archive (an Excel workbook?), not CSV text;"
                    + " export the sheet as CSV UTF-8");
        }
        if (startsWith(buf, limit, 0xFF, 0xFE) || startsWith(buf, limit, 0xFE, 0xFF)) {
            throw new DataProblemException(fileName, "is UTF-16 text; save it as UTF-8 CSV");
        }
        int check = eof ? limit : Math.max(0, limit - 3); // a character may continue past the block
        int line = 1;
        int i = 0;
        while (i < check) {
            int c = buf[i] & 0xff;
            if (c < 0x80) {
                if (c == 0) {
                    throw new DataProblemException(fileName, "is not a text file (line " + line
                            + " holds a NUL byte); expected UTF-8 CSV text");
                }
                if (c == '\n') {
                    line++;
                }
                i++;
                continue;
            }
            int n = utf8SequenceLength(buf, limit, i);
            if (n < 0) {
                throw new DataProblemException(fileName, "is not UTF-8 text (line " + line + " has the byte "
                        + String.format("0x%02X", c) + ", which is not valid UTF-8); save the file as UTF-8,"
                        + " or convert it, e.g. with iconv -f WINDOWS-1252 -t UTF-8, or name its encoding in churn.yaml"
                        + " (encoding: windows-1252 for the source)");
            }
            i += n;
        }
    }

    /** The length of the valid UTF-8 sequence at {@code i}, or -1. */
    private static int utf8SequenceLength(byte[] buf, int limit, int i) {
        int c = buf[i] & 0xff;
        int n;
        int min;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            min = 0x10000;
        } else {
            return -1;
        }
        if (i + n > limit) {
            return -1;
        }
        int cp = c & (0xFF >> (n + 1));
        for (int k = 1; k < n; k++) {
            int cc = buf[i + k] & 0xff;
            if ((cc & 0xC0) != 0x80) {
                return -1;
            }
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return -1;
        }
        return n;
    }

    private static boolean startsWith(byte[] buf, int limit, int... bytes) {
        if (limit < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((buf[i] & 0xff) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static String stripSuffix(String name, int chars) {
        return name.substring(0, Math.max(0, name.length() - chars));
    }
}
