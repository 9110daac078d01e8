package org.churnrisk.features.io.csv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.churnrisk.core.InvalidDataException;
import org.churnrisk.features.io.problems.DataProblemException;
import org.churnrisk.features.io.problems.Texts;

/**
 * Splits the bytes of a {@link CsvInput} into rows of fields, as commons-csv's {@code Lexer} does
 * for characters: RFC 4180 quoting (a field in double quotes may hold commas, line breaks and
 * doubled quotes), a comma or the mapping's delimiter between fields, CRLF, LF or CR line ends, the last line with or without one, and physical line
 * numbers (a row is at the line where it starts). A field is a slice {@code [start(f), end(f))}
 * of {@link #bytes()}, the read buffer, so that a row costs no allocation; a quoted field that
 * holds doubled quotes is {@linkplain #escaped escaped} and {@link #unescape} copies it without
 * them.
 *
 * <p>{@link #next()} throws {@link DataProblemException} for a quote that is never closed, a row
 * longer than {@link #MAX_ROW_BYTES} and damaged gzip data; after each, the rest of the file
 * cannot be split and {@link #next()} returns false. Text after a closing quote is not an error
 * here: {@link #badQuoteField()} says where it is, for the cursor to word. Not thread-safe.
 */
final class CsvLexer {
    /** A row longer than this almost surely comes from a quote that is never closed. */
    static final int MAX_ROW_BYTES = 64 * 1024 * 1024;

    private static final int OK = 0;
    private static final int NEED_MORE = 1;
    private static final int UNTERMINATED = 2;

    private final CsvInput input;
    private final String fileName;
    /** The byte between values: a comma unless the mapping names another ASCII character. */
    private final byte delimiter;
    /** The largest of the delimiter, CR and LF: a byte above it ends no field, which one comparison tells. */
    private final byte fieldEndMax;
    /** Whether a line with nothing but blanks is skipped (else it is a row of one blank field). */
    private boolean skipBlankLines = true;

    private byte[] buf;
    private int limit;
    private boolean eof;
    private boolean finished;
    /** Start of the next row in {@link #buf}. */
    private int pos;
    /** Physical line number of the next row. */
    private long nextLine = 1;

    private int rowStart;
    private int rowEnd;
    private long rowLine;
    private int fieldCount;
    private int[] fieldStart = new int[16];
    private int[] fieldEnd = new int[16];
    private boolean[] fieldEscaped = new boolean[16];

    // results of scanRow
    private int scanNext;
    private int scanLines;
    private int badQuoteField;
    private int quoteLineOffset;

    private byte[] unescaped = new byte[256];

    /** A lexer over the input's bytes, starting with its first block. */
    CsvLexer(CsvInput input, String fileName) {
        this(input, fileName, ',');
    }

    /** A lexer over the input's bytes whose values are separated by {@code delimiter}, an ASCII character. */
    CsvLexer(CsvInput input, String fileName, char delimiter) {
        this.input = input;
        this.fileName = fileName;
        this.delimiter = (byte) delimiter;
        this.fieldEndMax = (byte) Math.max(delimiter, '\r');
        this.buf = input.firstBlock();
        this.pos = input.firstStart();
        this.limit = input.firstLength();
        this.eof = input.atEnd();
    }

    /**
     * Whether a line with nothing but blanks is skipped, as it is by default; a file with a single
     * column reads it as a row with a blank value instead.
     */
    void skipBlankLines(boolean skip) {
        this.skipBlankLines = skip;
    }

    // ---- the current row ---------------------------------------------------------------------------

    /** The read buffer the fields are slices of; valid until the next call of {@link #next()}. */
    byte[] bytes() {
        return buf;
    }

    int fieldCount() {
        return fieldCount;
    }

    /** Where field {@code f} of the row starts in {@link #bytes()} (inside its quotes for a quoted field). */
    int start(int f) {
        return fieldStart[f];
    }

    /** Where field {@code f} ends in {@link #bytes()}, exclusive. */
    int end(int f) {
        return fieldEnd[f];
    }

    /** Whether field {@code f} is quoted and holds doubled quotes, so that it must be {@linkplain #unescape unescaped}. */
    boolean escaped(int f) {
        return fieldEscaped[f];
    }

    /** The first field of the row with text after its closing quote, or -1. */
    int badQuoteField() {
        return badQuoteField;
    }

    /** The physical line where the row starts. */
    long line() {
        return rowLine;
    }

    /** The row as the file holds it, without its line break. */
    String rawRow() {
        return new String(buf, rowStart, rowEnd - rowStart, StandardCharsets.UTF_8);
    }

    /**
     * Copies field {@code f} without its doubled quotes into {@link #unescaped()}; returns the
     * length. The copy is valid until the next call.
     */
    int unescape(int f) {
        int from = fieldStart[f];
        int to = fieldEnd[f];
        if (unescaped.length < to - from) {
            unescaped = new byte[Math.max(to - from, unescaped.length * 2)];
        }
        int o = 0;
        for (int i = from; i < to; i++) {
            byte c = buf[i];
            unescaped[o++] = c;
            if (c == '"') {
                i++;
            }
        }
        return o;
    }

    /** Field {@code f} as text, without its doubled quotes and untrimmed; allocates, so for headers and tables. */
    String text(int f) {
        if (fieldEscaped[f]) {
            return new String(unescaped, 0, unescape(f), StandardCharsets.UTF_8);
        }
        return new String(buf, fieldStart[f], fieldEnd[f] - fieldStart[f], StandardCharsets.UTF_8);
    }

    /** The buffer {@link #unescape} copies into. */
    byte[] unescaped() {
        return unescaped;
    }

    /** {@code usage.csv line 1,204}. */
    static String lineLocation(String fileName, long line) {
        return fileName + " line " + Texts.grouped(line);
    }

    private String lineLocation(long line) {
        return lineLocation(fileName, line);
    }

    /** Reads no more rows: {@link #next()} returns false from now on. */
    void finish() {
        finished = true;
    }

    // ---- splitting ---------------------------------------------------------------------------------

    /**
     * Moves to the next row (skipping blank lines unless told otherwise) and splits it; false at
     * the end.
     *
     * @throws DataProblemException for a quote that is never closed, a row longer than
     *     {@link #MAX_ROW_BYTES} or damaged gzip data; the rest of the file is then unreadable
     * @throws IOException          if the file cannot be read
     */
    boolean next() throws IOException {
        while (!finished) {
            if (pos >= limit) {
                if (eof) {
                    finished = true;
                    return false;
                }
                pos = 0;
                limit = 0;
                fill();
                continue;
            }
            int result = scanRow(pos);
            if (result == NEED_MORE) {
                makeRoom();
                fill();
                continue;
            }
            rowStart = pos;
            rowLine = nextLine;
            pos = scanNext;
            nextLine += scanLines;
            if (result == UNTERMINATED) {
                finished = true;
                throw new DataProblemException(lineLocation(rowLine + quoteLineOffset),
                        "a quoted value starting on this line has no closing quote (the file ends inside it)");
            }
            if (fieldCount == 1 && skipBlankLines && isBlankBytes(fieldStart[0], fieldEnd[0])) {
                continue; // an empty line
            }
            return true;
        }
        return false;
    }

    /**
     * Splits the row at {@code start}: sets the fields, {@link #rowEnd}, {@link #scanNext} and
     * {@link #scanLines}. Returns NEED_MORE when the buffer ends inside the row before the end of
     * the file; the caller then refills and scans the row again from its start.
     */
    private int scanRow(int start) {
        final byte[] b = buf;
        final int lim = limit;
        final byte d = delimiter;
        final byte top = fieldEndMax;
        int p = start;
        int f = 0;
        int lines = 0;
        badQuoteField = -1;
        while (true) {
            if (f == fieldStart.length) {
                growFields();
            }
            if (p >= lim) {
                if (!eof) {
                    return NEED_MORE;
                }
                setField(f++, p, p, false);
                return endAtEof(p, f, lines);
            }
            if (b[p] != '"') {
                int q = p;
                while (q < lim) {
                    byte c = b[q];
                    if (c <= top && (c == d || c == '\n' || c == '\r')) {
                        break;
                    }
                    q++;
                }
                if (q >= lim && !eof) {
                    return NEED_MORE;
                }
                setField(f++, p, q, false);
                if (q >= lim) {
                    return endAtEof(q, f, lines);
                }
                if (b[q] == d) {
                    p = q + 1;
                    continue;
                }
                return endAtLineBreak(q, f, lines);
            }
            // a quoted field
            int quoteLines = lines;
            int q = p + 1;
            boolean escaped = false;
            while (true) {
                while (q < lim) {
                    byte c = b[q];
                    if (c == '"' || c == '\n' || c == '\r') {
                        break;
                    }
                    q++;
                }
                if (q >= lim) {
                    if (!eof) {
                        return NEED_MORE;
                    }
                    quoteLineOffset = quoteLines;
                    fieldCount = f;
                    rowEnd = lim;
                    scanNext = lim;
                    scanLines = lines;
                    return UNTERMINATED;
                }
                byte c = b[q];
                if (q + 1 >= lim && !eof) {
                    return NEED_MORE; // need the next byte: a doubled quote, or CR LF
                }
                boolean hasNext = q + 1 < lim;
                if (c == '"') {
                    if (hasNext && b[q + 1] == '"') {
                        escaped = true;
                        q += 2;
                        continue;
                    }
                    break;
                }
                if (c == '\n' || !hasNext || b[q + 1] != '\n') {
                    lines++; // LF, or a CR that is not followed by LF
                }
                q++;
            }
            setField(f, p + 1, q, escaped);
            p = q + 1;
            while (p < lim && (b[p] == ' ' || b[p] == '\t') && b[p] != d) {
                p++;
            }
            if (p >= lim) {
                if (!eof) {
                    return NEED_MORE;
                }
                return endAtEof(p, f + 1, lines);
            }
            byte c = b[p];
            if (c == d) {
                f++;
                p++;
                continue;
            }
            if (c == '\n' || c == '\r') {
                return endAtLineBreak(p, f + 1, lines);
            }
            // Text after the closing quote: remember it, and read on to the end of the field.
            if (badQuoteField < 0) {
                badQuoteField = f;
            }
            int r = p;
            while (r < lim && b[r] != d && b[r] != '\n' && b[r] != '\r') {
                r++;
            }
            if (r >= lim && !eof) {
                return NEED_MORE;
            }
            f++;
            if (r >= lim) {
                return endAtEof(r, f, lines);
            }
            if (b[r] == d) {
                p = r + 1;
                continue;
            }
            return endAtLineBreak(r, f, lines);
        }
    }

    private void setField(int f, int start, int end, boolean escaped) {
        fieldStart[f] = start;
        fieldEnd[f] = end;
        fieldEscaped[f] = escaped;
    }

    private int endAtEof(int end, int fields, int lines) {
        fieldCount = fields;
        rowEnd = end;
        scanNext = end;
        scanLines = lines;
        return OK;
    }

    /** Ends the row at the CR or LF at {@code q}. */
    private int endAtLineBreak(int q, int fields, int lines) {
        int next = q + 1;
        if (buf[q] == '\r') {
            if (q + 1 >= limit && !eof) {
                return NEED_MORE;
            }
            if (q + 1 < limit && buf[q + 1] == '\n') {
                next = q + 2;
            }
        }
        fieldCount = fields;
        rowEnd = q;
        scanNext = next;
        scanLines = lines + 1;
        return OK;
    }

    private void growFields() {
        int n = fieldStart.length * 2;
        fieldStart = Arrays.copyOf(fieldStart, n);
        fieldEnd = Arrays.copyOf(fieldEnd, n);
        fieldEscaped = Arrays.copyOf(fieldEscaped, n);
    }

    /** Moves the unfinished row to the front of the buffer, or grows the buffer if it is the whole buffer. */
    private void makeRoom() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        } else if (limit == buf.length) {
            if (buf.length >= MAX_ROW_BYTES) {
                fail();
                throw new DataProblemException(lineLocation(nextLine), "a row starting on this line is longer than "
                        + (MAX_ROW_BYTES >> 20) + " MB; a quoted value probably lacks its closing quote");
            }
            buf = Arrays.copyOf(buf, Math.min(MAX_ROW_BYTES, buf.length * 2));
        }
    }

    /** Reads until the buffer is full or the file ends. */
    private void fill() throws IOException {
        try {
            limit = input.fill(buf, limit, nextLine);
        } catch (InvalidDataException e) {
            fail();
            throw e;
        }
        eof = input.atEnd();
    }

    /** Stops reading after an error that leaves the rest of the file unreadable; the row that failed has no text. */
    private void fail() {
        finished = true;
        rowStart = 0;
        rowEnd = 0;
        rowLine = nextLine;
        fieldCount = 0;
    }

    private boolean isBlankBytes(int from, int to) {
        for (int i = from; i < to; i++) {
            if ((buf[i] & 0xff) > ' ') {
                return false;
            }
        }
        return true;
    }
}
