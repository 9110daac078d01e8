package org.churnrisk.features.io.csv;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.churnrisk.core.contract.ColumnSpec;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.RecordCursor;
import org.churnrisk.features.io.mapping.SourceMapping;
import org.churnrisk.features.io.problems.DataProblemException;
import org.churnrisk.features.io.problems.Texts;
import org.churnrisk.features.io.values.Hashing;
import org.churnrisk.features.io.values.ValueParser;

/**
 * Reads a CSV export ({@code .csv}, or gzipped {@code .csv.gz}) as a {@link RecordCursor}, at the
 * byte level: fields stay slices of one large buffer, and ids are hashed and numbers and
 * timestamps parsed from the bytes, so a row costs no allocation.
 *
 * <p>The file is RFC 4180 CSV in UTF-8: a comma between fields; CRLF, LF or CR line ends (the
 * last line may have none); a field in double quotes may hold commas, line breaks and doubled
 * quotes; a UTF-8 byte-order mark is ignored; empty lines are skipped. The first row is the
 * header. Its names are trimmed and matched exactly against the {@link SourceMapping}'s names for
 * the canonical columns; other columns are ignored. Line numbers in messages are physical: a row
 * is reported at the line where it starts.
 *
 * <p>Opening fails with {@link DataProblemException} (the file name as location) for an empty
 * file, a file that is not UTF-8 CSV text (binary, UTF-16, Excel, Parquet, or gzip under a
 * {@code .csv} name) and a header without a required column. {@link #next()} throws it for a row
 * with another number of fields than the header, a closing quote followed by text, or a quote that
 * is never closed; the row is consumed first. After a quote that is never closed, a row longer
 * than 64 MB or damaged gzip data, the rest of the file cannot be read and {@link #next()} returns
 * false. Not thread-safe.
 *
 * <pre>{@code
 * try (CsvCursor rows = new CsvCursor(book.resolve("usage.csv"), SourceMapping.defaults(Source.USAGE))) {
 *     while (rows.next()) {
 *         long account = rows.hash(0);
 *         long at = rows.epochSecond(1);
 *     }
 * }
 * }</pre>
 */
public final class CsvCursor implements RecordCursor {
    /** The default read buffer: large enough that refills are rare, small enough for the L2 cache. */
    static final int DEFAULT_BUFFER_BYTES = 256 * 1024;
    /** A row longer than this almost surely comes from a quote that is never closed. */
    static final int MAX_ROW_BYTES = 64 * 1024 * 1024;

    private static final int GZIP_BUFFER_BYTES = 64 * 1024;
    private static final int OK = 0;
    private static final int NEED_MORE = 1;
    private static final int UNTERMINATED = 2;

    private final String fileName;
    private final SourceMapping mapping;
    private final List<ColumnSpec> columns;
    private final ValueParser parser;
    private final CountingInputStream counting;
    private final InputStream in;

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

    private final List<String> header;
    private final int[] columnField;

    // the current value of slice(): trimmed bytes, possibly in the unescape buffer
    private byte[] sliceBytes;
    private int sliceFrom;
    private int sliceTo;
    private byte[] unescaped = new byte[256];

    /**
     * Opens a file and reads its header; the file name in messages is the path's last element.
     *
     * @throws DataProblemException if the file is empty, not CSV text, or lacks a required column
     * @throws IOException          if the file cannot be read
     */
    public CsvCursor(Path file, SourceMapping mapping) throws IOException {
        this(file, file.getFileName().toString(), mapping);
    }

    /**
     * Opens a file and reads its header.
     *
     * @param displayName the file's name in messages, e.g. {@code usage/part-0001.csv.gz}
     * @throws DataProblemException if the file is empty, not CSV text, or lacks a required column
     * @throws IOException          if the file cannot be read
     */
    public CsvCursor(Path file, String displayName, SourceMapping mapping) throws IOException {
        this(file, displayName, mapping, DEFAULT_BUFFER_BYTES);
    }

    CsvCursor(Path file, String displayName, SourceMapping mapping, int bufferBytes) throws IOException {
        this.fileName = displayName;
        this.mapping = mapping;
        this.columns = mapping.source().columns();
        this.parser = new ValueParser(mapping.formats());
        this.buf = new byte[Math.max(bufferBytes, 16)];
        boolean gzip = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        if (Files.size(file) == 0) {
            throw emptyFile();
        }
        this.counting = new CountingInputStream(Files.newInputStream(file));
        InputStream stream = counting;
        boolean ok = false;
        try {
            if (gzip) {
                try {
                    stream = new GZIPInputStream(counting, GZIP_BUFFER_BYTES);
                } catch (ZipException | EOFException e) {
                    throw new DataProblemException(fileName, "is not gzip-compressed although its name ends in .gz;"
                            + " rename it to " + stripSuffix(fileName, 3) + " if it is plain CSV");
                }
            }
            this.in = stream;
            fill();
            checkContent(gzip);
            if (limit >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF) {
                pos = 3;
            }
            if (!advance()) {
                throw emptyFile();
            }
            this.header = readHeader();
            this.columnField = mapColumns();
            ok = true;
        } finally {
            if (!ok) {
                stream.close();
            }
        }
    }

    // ---- RecordCursor ----------------------------------------------------------------------------

    @Override
    public boolean next() throws IOException {
        if (!advance()) {
            return false;
        }
        if (badQuoteField >= 0) {
            String column = badQuoteField < header.size() ? "'" + header.get(badQuoteField) + "'"
                    : Integer.toString(badQuoteField + 1);
            throw new DataProblemException(location(), "the value in column " + column
                    + " has text after its closing quote (a quote inside a quoted value must be doubled: \"\")");
        }
        if (fieldCount != header.size()) {
            throw new DataProblemException(location(), "has " + fieldCount + (fieldCount == 1 ? " column" : " columns")
                    + ", the header has " + header.size());
        }
        return true;
    }

    @Override
    public String fileName() {
        return fileName;
    }

    @Override
    public String location() {
        return lineLocation(rowLine);
    }

    /** The physical line where the current row starts (the header is line 1 unless blank lines precede it). */
    public long line() {
        return rowLine;
    }

    /** Bytes read from the file so far (compressed bytes for {@code .csv.gz}), for progress. */
    public long bytesRead() {
        return counting.count;
    }

    @Override
    public boolean present(int column) {
        return columnField[column] >= 0;
    }

    @Override
    public boolean isBlank(int column) {
        return !slice(column);
    }

    @Override
    public String text(int column) {
        return slice(column) ? new String(sliceBytes, sliceFrom, sliceTo - sliceFrom, StandardCharsets.UTF_8) : null;
    }

    @Override
    public long hash(int column) {
        return slice(column) ? Hashing.hash64(sliceBytes, sliceFrom, sliceTo - sliceFrom) : 0;
    }

    @Override
    public long integer(int column) {
        if (!slice(column)) {
            throw problem(column, "is blank (expected a whole number)");
        }
        long value = parser.integer(sliceBytes, sliceFrom, sliceTo - sliceFrom);
        if (value == ValueParser.INVALID) {
            throw problem(column, parser.integerExpected());
        }
        return value;
    }

    @Override
    public double decimal(int column) {
        if (!slice(column)) {
            throw problem(column, "is blank (expected a number)");
        }
        double value = parser.decimal(sliceBytes, sliceFrom, sliceTo - sliceFrom);
        if (Double.isNaN(value)) {
            throw problem(column, parser.decimalExpected());
        }
        return value;
    }

    @Override
    public boolean bool(int column) {
        if (!slice(column)) {
            throw problem(column, "is blank (expected a boolean)");
        }
        int value = parser.bool(sliceBytes, sliceFrom, sliceTo - sliceFrom);
        if (value < 0) {
            throw problem(column, parser.booleanExpected());
        }
        return value == 1;
    }

    @Override
    public long epochSecond(int column) {
        if (!slice(column)) {
            throw problem(column, "is blank (expected a timestamp)");
        }
        long value = parser.epochSecond(sliceBytes, sliceFrom, sliceTo - sliceFrom);
        if (value == ValueParser.INVALID) {
            throw problem(column, parser.timestampExpected());
        }
        return value;
    }

    @Override
    public long epochDay(int column) {
        if (!slice(column)) {
            throw problem(column, "is blank (expected a date)");
        }
        long value = parser.epochDay(sliceBytes, sliceFrom, sliceTo - sliceFrom);
        if (value == ValueParser.INVALID) {
            throw problem(column, parser.dateExpected());
        }
        return value;
    }

    @Override
    public String rawRow() {
        return new String(buf, rowStart, rowEnd - rowStart, StandardCharsets.UTF_8);
    }

    /**
     * {@inheritDoc}
     *
     * <p>For example {@code usage.csv line 17: column 'occurred_at' ('Time') value '3/32/2025 10:00'
     * is not a timestamp (...)}; a blank value is left out: {@code column 'account_id' is blank}.
     */
    @Override
    public DataProblemException problem(int column, String expected) {
        String canonical = columns.get(column).name();
        return DataProblemException.ofValue(location(), canonical, mapping.fileColumn(canonical), text(column), expected);
    }

    @Override
    public void close() throws IOException {
        finished = true;
        in.close();
    }

    // ---- rows ------------------------------------------------------------------------------------

    /** Moves to the next non-empty row and splits it; false at the end. */
    private boolean advance() throws IOException {
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
            if (fieldCount == 1 && isBlankBytes(fieldStart[0], fieldEnd[0]) && (header == null || header.size() > 1)) {
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
                    if (c <= ',' && (c == ',' || c == '\n' || c == '\r')) {
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
                if (b[q] == ',') {
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
            while (p < lim && (b[p] == ' ' || b[p] == '\t')) {
                p++;
            }
            if (p >= lim) {
                if (!eof) {
                    return NEED_MORE;
                }
                return endAtEof(p, f + 1, lines);
            }
            byte c = b[p];
            if (c == ',') {
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
            while (r < lim && b[r] != ',' && b[r] != '\n' && b[r] != '\r') {
                r++;
            }
            if (r >= lim && !eof) {
                return NEED_MORE;
            }
            f++;
            if (r >= lim) {
                return endAtEof(r, f, lines);
            }
            if (b[r] == ',') {
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
        fieldStart = java.util.Arrays.copyOf(fieldStart, n);
        fieldEnd = java.util.Arrays.copyOf(fieldEnd, n);
        fieldEscaped = java.util.Arrays.copyOf(fieldEscaped, n);
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
            buf = java.util.Arrays.copyOf(buf, Math.min(MAX_ROW_BYTES, buf.length * 2));
        }
    }

    /** Reads until the buffer is full or the file ends. */
    private void fill() throws IOException {
        try {
            while (limit < buf.length) {
                int n = in.read(buf, limit, buf.length - limit);
                if (n < 0) {
                    eof = true;
                    return;
                }
                limit += n;
            }
        } catch (EOFException e) {
            fail();
            throw new DataProblemException(lineLocation(nextLine),
                    "the gzip data ends early (the file is truncated, or was still being written)");
        } catch (ZipException e) {
            fail();
            throw new DataProblemException(lineLocation(nextLine), "the gzip data is damaged (" + e.getMessage() + ")");
        }
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

    /** Points {@link #sliceBytes} at the trimmed value; false if the column is absent or blank. */
    private boolean slice(int column) {
        int f = columnField[column];
        if (f < 0) {
            return false;
        }
        byte[] b = buf;
        int from = fieldStart[f];
        int to = fieldEnd[f];
        if (fieldEscaped[f]) {
            to = unescape(from, to);
            from = 0;
            b = unescaped;
        }
        while (from < to && (b[from] & 0xff) <= ' ') {
            from++;
        }
        while (to > from && (b[to - 1] & 0xff) <= ' ') {
            to--;
        }
        sliceBytes = b;
        sliceFrom = from;
        sliceTo = to;
        return from < to;
    }

    /** Copies a quoted field's content without its doubled quotes into {@link #unescaped}; returns the length. */
    private int unescape(int from, int to) {
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

    private String lineLocation(long line) {
        return fileName + " line " + Texts.grouped(line);
    }

    // ---- opening ---------------------------------------------------------------------------------

    private List<String> readHeader() {
        List<String> names = new ArrayList<>(fieldCount);
        for (int f = 0; f < fieldCount; f++) {
            int from = fieldStart[f];
            int to = fieldEnd[f];
            byte[] b = buf;
            if (fieldEscaped[f]) {
                to = unescape(from, to);
                from = 0;
                b = unescaped;
            }
            String name = new String(b, from, to - from, StandardCharsets.UTF_8);
            while (name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            names.add(name.strip());
        }
        return List.copyOf(names);
    }

    private int[] mapColumns() {
        int[] map = new int[columns.size()];
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            ColumnSpec column = columns.get(c);
            String wanted = mapping.fileColumn(column.name());
            int found = header.indexOf(wanted);
            if (found >= 0 && header.lastIndexOf(wanted) != found) {
                throw new DataProblemException(fileName, "has two columns named '" + wanted + "' (columns "
                        + (found + 1) + " and " + (header.lastIndexOf(wanted) + 1) + "); rename or remove one");
            }
            map[c] = found;
            if (found < 0 && column.required()) {
                StringBuilder m = new StringBuilder("'").append(column.name()).append('\'');
                if (!wanted.equals(column.name())) {
                    m.append(" (mapped from '").append(wanted).append("')");
                }
                for (String name : header) {
                    if (normalized(name).equals(normalized(wanted))) {
                        m.append(" (the file has '").append(name).append("', which differs in case or spaces)");
                        break;
                    }
                }
                missing.add(m.toString());
            }
        }
        if (!missing.isEmpty()) {
            String reason = "missing required column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + "; the file has columns: " + Texts.list(header, 40);
            if (header.size() == 1) {
                String only = header.get(0);
                for (String separator : List.of(";", "\t", "|")) {
                    if (only.contains(separator)) {
                        reason += " (the file seems to use '" + (separator.equals("\t") ? "\\t" : separator)
                                + "' between values; a book's CSV files use commas)";
                        break;
                    }
                }
            }
            throw new DataProblemException(fileName, reason);
        }
        return map;
    }

    private static String normalized(String name) {
        return name.replaceAll("[\\s_]+", "").toLowerCase(Locale.ROOT);
    }

    private DataProblemException emptyFile() {
        List<String> names = new ArrayList<>();
        for (ColumnSpec column : columns) {
            names.add(mapping.fileColumn(column.name()));
        }
        return new DataProblemException(fileName, "is empty (expected a header row with columns "
                + String.join(", ", names) + ")");
    }

    /** Recognises files that are not CSV text from their first block. */
    private void checkContent(boolean gzip) {
        if (limit == 0) {
            return;
        }
        if (startsWith(0x1f, 0x8b)) {
            throw new DataProblemException(fileName, gzip ? "holds gzip data inside gzip; decompress it once"
                    : "is gzip-compressed but its name ends in .csv; rename it to " + fileName + ".gz");
        }
        if (startsWith('P', 'A', 'R', '1')) {
            throw new DataProblemException(fileName, "is a Parquet file, not CSV text; rename it to "
                    + stripSuffix(fileName, gzip ? 7 : 4) + ".parquet");
        }
        if (startsWith('P', 'K', 3, 4)) {
            throw new DataProblemException(fileName, "is a zip archive (an Excel workbook?), not CSV text;"
                    + " export the sheet as CSV UTF-8");
        }
        if (startsWith(0xFF, 0xFE) || startsWith(0xFE, 0xFF)) {
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
            int n = utf8SequenceLength(i);
            if (n < 0) {
                throw new DataProblemException(fileName, "is not UTF-8 text (line " + line + " has the byte "
                        + String.format("0x%02X", c) + ", which is not valid UTF-8); save the file as UTF-8,"
                        + " or convert it, e.g. with iconv -f WINDOWS-1252 -t UTF-8");
            }
            i += n;
        }
    }

    /** The length of the valid UTF-8 sequence at {@code i}, or -1. */
    private int utf8SequenceLength(int i) {
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

    private boolean startsWith(int... bytes) {
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

    /** Counts the bytes read from the file, for {@link #bytesRead()}. */
    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count++;
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            count += Math.max(0, skipped);
            return skipped;
        }
    }
}
