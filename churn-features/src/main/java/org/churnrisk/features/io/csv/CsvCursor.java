package org.churnrisk.features.io.csv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.churnrisk.core.contract.ColumnSpec;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.FileHash;
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
 * is never closed; the row is consumed first. After a quote that is never closed or a row longer
 * than 64 MB, the rest of the file cannot be read and {@link #next()} returns false. Damaged gzip
 * data (truncated, a failed CRC-32 or length check, bytes after a member that are not a member)
 * is a problem of the whole file: an {@link org.churnrisk.core.InvalidDataException} that is not a
 * {@link DataProblemException}, and {@link #damage()} tells a reader whether a bad row of a
 * gzipped file is a symptom of such damage. Not thread-safe.
 *
 * <p>The work is split as commons-csv splits it: {@link CsvInput} opens the file as bytes
 * (gzip, the refusals of what is not CSV text, the byte-order mark, counting and hashing the
 * file's bytes), {@link CsvLexer} splits the bytes into rows of fields with their line numbers,
 * and this class maps the header to the canonical columns and reads values.
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

    private final Path file;
    private final String fileName;
    private final SourceMapping mapping;
    private final List<ColumnSpec> columns;
    private final ValueParser parser;
    private final CsvInput input;
    private final CsvLexer lexer;
    private final List<String> header;
    /** Per canonical column, its field in the file's rows, or -1 when the file lacks it. */
    private final int[] columnField;
    /** Whether {@link #damage()} has read the gzipped file through, and what it found (null: sound). */
    private boolean gzipChecked;
    private org.churnrisk.core.InvalidDataException gzipDamage;

    // the current value of slice(): trimmed bytes, in the lexer's buffer or its unescape buffer
    private byte[] sliceBytes;
    private int sliceFrom;
    private int sliceTo;

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
        this(file, displayName, mapping, DEFAULT_BUFFER_BYTES, false);
    }

    /**
     * Opens a file as {@link #CsvCursor(Path, String, SourceMapping)} does, and hashes its bytes
     * as they are read, for {@link #fileHash()}.
     *
     * @throws DataProblemException if the file is empty, not CSV text, or lacks a required column
     * @throws IOException          if the file cannot be read
     */
    public static CsvCursor openHashing(Path file, String displayName, SourceMapping mapping) throws IOException {
        return new CsvCursor(file, displayName, mapping, DEFAULT_BUFFER_BYTES, true);
    }

    CsvCursor(Path file, String displayName, SourceMapping mapping, int bufferBytes) throws IOException {
        this(file, displayName, mapping, bufferBytes, false);
    }

    CsvCursor(Path file, String displayName, SourceMapping mapping, int bufferBytes, boolean hash) throws IOException {
        this.file = file;
        this.fileName = displayName;
        this.mapping = mapping;
        this.columns = mapping.source().columns();
        this.parser = new ValueParser(mapping.formats());
        if (Files.size(file) == 0) {
            throw emptyFile();
        }
        this.input = CsvInput.open(file, displayName, Math.max(bufferBytes, 16), hash, mapping.dialect());
        boolean ok = false;
        try {
            this.lexer = new CsvLexer(input, displayName, mapping.dialect().delimiter());
            if (!lexer.next()) {
                throw emptyFile();
            }
            this.header = readHeader();
            this.columnField = mapColumns();
            lexer.skipBlankLines(header.size() > 1);
            ok = true;
        } finally {
            if (!ok) {
                input.close();
            }
        }
    }

    // ---- RecordCursor ----------------------------------------------------------------------------

    @Override
    public boolean next() throws IOException {
        if (!lexer.next()) {
            return false;
        }
        int badQuoteField = lexer.badQuoteField();
        if (badQuoteField >= 0) {
            String column = badQuoteField < header.size() ? "'" + header.get(badQuoteField) + "'"
                    : Integer.toString(badQuoteField + 1);
            throw new DataProblemException(location(), "the value in column " + column
                    + " has text after its closing quote (a quote inside a quoted value must be doubled: \"\")");
        }
        int fieldCount = lexer.fieldCount();
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

    /**
     * {@inheritDoc}
     *
     * <p>For a gzipped file, the first call reads the whole file once more through gzip and checks
     * every member; later calls give the same answer. A plain CSV file cannot tell: null.
     */
    @Override
    public org.churnrisk.core.InvalidDataException damage() throws IOException {
        if (!input.gzip()) {
            return null;
        }
        if (!gzipChecked) {
            gzipDamage = CsvInput.checkGzip(file, fileName);
            gzipChecked = true;
        }
        return gzipDamage;
    }

    @Override
    public String location() {
        return CsvLexer.lineLocation(fileName, lexer.line());
    }

    /** The physical line where the current row starts (the header is line 1 unless blank lines precede it). */
    public long line() {
        return lexer.line();
    }

    /** Bytes read from the file so far (compressed bytes for {@code .csv.gz}), for progress. */
    @Override
    public long bytesRead() {
        return input.bytesRead();
    }

    /**
     * {@inheritDoc}
     *
     * <p>The bytes were hashed as they were read, below gzip; only what was not read yet (after
     * a stop before the end of the file) is read now.
     *
     * @throws IllegalStateException if the cursor was not opened with {@link #openHashing}, or is closed
     */
    @Override
    public FileHash fileHash() throws IOException {
        lexer.finish();
        return input.fileHash();
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
        return lexer.rawRow();
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
        lexer.finish();
        input.close();
    }

    // ---- values ----------------------------------------------------------------------------------

    /** Points {@link #sliceBytes} at the trimmed value; false if the column is absent or blank. */
    private boolean slice(int column) {
        int f = columnField[column];
        if (f < 0) {
            return false;
        }
        CsvLexer lx = lexer;
        byte[] b = lx.bytes();
        int from = lx.start(f);
        int to = lx.end(f);
        if (lx.escaped(f)) {
            to = lx.unescape(f);
            from = 0;
            b = lx.unescaped();
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

    // ---- the header ------------------------------------------------------------------------------

    private List<String> readHeader() {
        int fieldCount = lexer.fieldCount();
        List<String> names = new ArrayList<>(fieldCount);
        for (int f = 0; f < fieldCount; f++) {
            String name = lexer.text(f);
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
                throw new DataProblemException(fileName, "has two columns named '" + Texts.cut(wanted) + "' (columns "
                        + (found + 1) + " and " + (header.lastIndexOf(wanted) + 1) + "); rename or remove one");
            }
            map[c] = found;
            if (found < 0 && column.required()) {
                StringBuilder m = new StringBuilder("'").append(column.name()).append('\'');
                if (!wanted.equals(column.name())) {
                    m.append(" (mapped from '").append(Texts.cut(wanted)).append("')");
                }
                for (String name : header) {
                    if (normalized(name).equals(normalized(wanted))) {
                        m.append(" (the file has '").append(Texts.cut(name)).append("', which differs in case or spaces)");
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
                reason += separatorHint(header.get(0), mapping.dialect().delimiter());
            }
            throw new DataProblemException(fileName, reason);
        }
        return map;
    }

    /**
     * When a header is one column, whether another character seems to separate its values:
     * {@code (the file seems to use ';' between values; a book's CSV files use commas)} and what to
     * set in the mapping, or "".
     */
    static String separatorHint(String onlyColumn, char delimiter) {
        for (char separator : new char[] {',', ';', '\t', '|'}) {
            if (separator != delimiter && onlyColumn.indexOf(separator) >= 0) {
                String shown = separator == '\t' ? "\\t" : String.valueOf(separator);
                String said = delimiter == ',' ? "a book's CSV files use commas"
                        : "the mapping says '" + (delimiter == '\t' ? "\\t" : String.valueOf(delimiter)) + "'";
                return " (the file seems to use '" + shown + "' between values; " + said + "; to read it as it is, set"
                        + " delimiter: \"" + shown + "\" for its source in churn.yaml)";
            }
        }
        return "";
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
}
