package org.churnrisk.features.io.jsonl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipException;
import org.churnrisk.core.InvalidDataException;
import org.churnrisk.core.contract.ColumnSpec;
import org.churnrisk.features.io.FileHash;
import org.churnrisk.features.io.RecordCursor;
import org.churnrisk.features.io.csv.GzipMembersInputStream;
import org.churnrisk.features.io.mapping.SourceMapping;
import org.churnrisk.features.io.problems.DataProblemException;
import org.churnrisk.features.io.problems.Texts;
import org.churnrisk.features.io.values.Hashing;
import org.churnrisk.features.io.values.ValueParser;

/**
 * Reads a JSON Lines export ({@code .jsonl} or {@code .ndjson}, or either gzipped with {@code .gz})
 * as a {@link RecordCursor}: one JSON object per line, read with Jackson's streaming parser, one
 * line at a time, so memory holds one line and never a tree of the file.
 *
 * <p>The mapping names each canonical column's field by a dotted path into the object:
 * {@code properties.$user_id} is the field {@code $user_id} of the object in the field
 * {@code properties}; a path without dots is a top-level field. Fields the mapping does not name
 * are skipped unread, however deep. A value may be a JSON string, number, boolean or null: a
 * number or boolean is read as its JSON text ({@code 42}, {@code 1.5}, {@code true}), so
 * {@code "42"} and {@code 42} are the same value, and a string is trimmed. Timestamps given as
 * numbers need {@code epoch_seconds} or {@code epoch_millis} among the source's
 * {@code timestamp_patterns} ({@link ValueParser#EPOCH_SECONDS}).
 *
 * <p>Lines are numbered from 1 as in a text editor; blank lines are skipped; LF and CRLF line ends
 * and a UTF-8 byte-order mark are accepted. A file has no header, so every column is
 * {@linkplain #present present}; a line whose object lacks a field, or holds {@code null} in it,
 * has that value blank, and the message tells which: {@code column 'user_id'
 * ('properties.$user_id') is missing: the object has no such field (...)} or {@code ... is null
 * (...)}. Row problems, each thrown by {@link #next()} after the line is consumed: a line that is not
 * valid JSON (with the column of the line where the parser stopped), not an object, or has text
 * after its object; a mapped field given twice. Value problems, thrown when the value is read: an
 * object or array where a value is expected, a boolean where a number or timestamp is expected,
 * and the parse failures every reader reports. Gzip is read as the CSV reader reads it (every
 * member checked, {@link GzipMembersInputStream}); damaged gzip data is a problem of the whole file
 * (an {@link InvalidDataException} that is not a {@link DataProblemException}). Not thread-safe.
 *
 * <pre>{@code
 * try (JsonlCursor rows = new JsonlCursor(book.resolve("usage.jsonl.gz"), "usage.jsonl.gz", mapping)) {
 *     while (rows.next()) {
 *         long account = rows.hash(0);
 *         long at = rows.epochSecond(1);
 *     }
 * }
 * }</pre>
 */
public final class JsonlCursor implements RecordCursor {
    /** Shared: a {@link JsonFactory} is thread-safe once configured. Lines up to 64 MB, as the CSV reader allows. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(64 * 1024 * 1024).build())
            .build();
    private static final int BUFFER_BYTES = 256 * 1024;
    private static final int MAX_LINE_BYTES = 64 * 1024 * 1024;

    // the kinds of a column's value in the current line
    private static final byte MISSING = 0;
    private static final byte NULL = 1;
    private static final byte STRING = 2;
    private static final byte NUMBER = 3;
    private static final byte BOOLEAN = 4;
    private static final byte OBJECT = 5;
    private static final byte ARRAY = 6;

    private final Path file;
    private final String fileName;
    private final SourceMapping mapping;
    private final List<ColumnSpec> columns;
    private final ValueParser parser;
    private final boolean gzip;
    private final CountingInputStream raw;
    private final InputStream in;
    /** The mapped paths as a tree of field names, from the top-level object. */
    private final Node root;

    private byte[] buf = new byte[BUFFER_BYTES];
    private int start;   // where the unread bytes begin
    private int limit;   // where they end
    private boolean eof;
    private long nextLine = 1;
    private long line;
    private int lineFrom;
    private int lineTo;

    private final byte[] kind;
    private final String[] value;

    /**
     * Opens a file; nothing is read until {@link #next()}.
     *
     * @param displayName the file's name in messages, e.g. {@code usage/part-0001.jsonl.gz}
     * @throws IOException if the file cannot be opened
     */
    public JsonlCursor(Path file, String displayName, SourceMapping mapping) throws IOException {
        this.file = file;
        this.fileName = displayName;
        this.mapping = mapping;
        this.columns = mapping.source().columns();
        this.parser = new ValueParser(mapping.formats());
        this.gzip = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        this.raw = new CountingInputStream(Files.newInputStream(file));
        InputStream opened;
        try {
            opened = gzip ? new GzipMembersInputStream(raw, 64 * 1024) : raw;
        } catch (GzipMembersInputStream.NotGzipException e) {
            raw.close();
            throw new DataProblemException(displayName, "is not gzip-compressed although its name ends in .gz;"
                    + " rename it to " + displayName.substring(0, displayName.length() - 3) + " if it is plain JSON Lines");
        } catch (ZipException | EOFException e) {
            raw.close();
            throw damaged(displayName, e);
        }
        this.in = opened;
        this.kind = new byte[columns.size()];
        this.value = new String[columns.size()];
        this.root = new Node();
        for (int c = 0; c < columns.size(); c++) {
            String path = mapping.fileColumn(columns.get(c).name());
            Node n = root;
            for (String name : path.split("\\.", -1)) {
                n = n.children.computeIfAbsent(name, k -> new Node());
            }
            n.column = c;
        }
    }

    // ---- RecordCursor ----------------------------------------------------------------------------

    @Override
    public boolean next() throws IOException {
        Arrays.fill(kind, MISSING);
        Arrays.fill(value, null);
        if (!nextNonBlankLine()) {
            return false;
        }
        try (JsonParser p = JSON.createParser(buf, lineFrom, lineTo - lineFrom)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new DataProblemException(location(), "is not a JSON object (expected one object such as"
                        + " {\"event\": \"login\", ...} on each line)");
            }
            readObject(p, root, "");
            if (p.nextToken() != null) {
                throw new DataProblemException(location(), "has text after its JSON object, at column "
                        + p.currentTokenLocation().getColumnNr() + " (expected one object on each line)");
            }
        } catch (JsonProcessingException e) {
            throw new DataProblemException(location(), "is not valid JSON: " + e.getOriginalMessage().lines().findFirst()
                    .orElse("") + " at column " + e.getLocation().getColumnNr());
        }
        return true;
    }

    /** Reads the fields of an object whose START_OBJECT was read, keeping the mapped ones. */
    private void readObject(JsonParser p, Node node, String prefix) throws IOException {
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            Node child = node.children.get(p.currentName());
            JsonToken v = p.nextToken();
            if (child == null) {
                p.skipChildren();
                continue;
            }
            if (child.column >= 0) {
                int c = child.column;
                if (kind[c] != MISSING) {
                    throw new DataProblemException(location(), "has the field " + prefix + p.currentName()
                            + " twice (expected each field once)");
                }
                switch (v) {
                    case VALUE_STRING -> {
                        kind[c] = STRING;
                        value[c] = p.getText().strip();
                    }
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                        kind[c] = NUMBER;
                        value[c] = p.getText();
                    }
                    case VALUE_TRUE, VALUE_FALSE -> {
                        kind[c] = BOOLEAN;
                        value[c] = p.getText();
                    }
                    case VALUE_NULL -> kind[c] = NULL;
                    case START_OBJECT -> {
                        kind[c] = OBJECT;
                        p.skipChildren();
                    }
                    case START_ARRAY -> {
                        kind[c] = ARRAY;
                        p.skipChildren();
                    }
                    default -> throw new IllegalStateException("token " + v);
                }
            } else if (v == JsonToken.START_OBJECT) {
                readObject(p, child, prefix + p.currentName() + ".");
            } else {
                p.skipChildren();
            }
        }
    }

    /** Moves {@link #lineFrom}..{@link #lineTo} to the next line that is not blank; false at the end. */
    private boolean nextNonBlankLine() throws IOException {
        while (true) {
            int nl = -1;
            while (true) {
                for (int i = start; i < limit; i++) {
                    if (buf[i] == '\n') {
                        nl = i;
                        break;
                    }
                }
                if (nl >= 0 || eof) {
                    break;
                }
                fill();
            }
            if (start >= limit && eof) {
                return false;
            }
            int from = start;
            int to = nl >= 0 ? nl : limit;
            start = nl >= 0 ? nl + 1 : limit;
            line = nextLine++;
            if (line == 1 && to - from >= 3 && (buf[from] & 0xff) == 0xEF && (buf[from + 1] & 0xff) == 0xBB
                    && (buf[from + 2] & 0xff) == 0xBF) {
                from += 3;
            }
            while (to > from && (buf[to - 1] & 0xff) <= ' ') {
                to--;
            }
            while (from < to && (buf[from] & 0xff) <= ' ') {
                from++;
            }
            if (from < to) {
                lineFrom = from;
                lineTo = to;
                return true;
            }
        }
    }

    /** Moves the unread bytes to the front of the buffer (growing it for a long line) and reads more. */
    private void fill() throws IOException {
        int unread = limit - start;
        if (unread == buf.length) {
            if (buf.length >= MAX_LINE_BYTES) {
                throw new InvalidDataException(fileName + " line " + Texts.grouped(nextLine) + " is longer than "
                        + MAX_LINE_BYTES / (1024 * 1024) + " MB; the rest of the file cannot be read (is it JSON Lines,"
                        + " one object per line?)");
            }
            buf = Arrays.copyOf(buf, buf.length * 2);
        } else if (start > 0) {
            System.arraycopy(buf, start, buf, 0, unread);
        }
        start = 0;
        limit = unread;
        try {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        } catch (ZipException | EOFException e) {
            if (!gzip) {
                throw e;
            }
            throw damaged(fileName, e);
        }
    }

    private static InvalidDataException damaged(String fileName, IOException e) {
        String what = e instanceof EOFException ? "the gzip data ends early (the file is truncated, or was still"
                + " being written): " : "the gzip data is corrupt: ";
        return new InvalidDataException(fileName + " is damaged: " + what + e.getMessage()
                + "; none of its rows are used: restore the file or export it again", e);
    }

    @Override
    public String fileName() {
        return fileName;
    }

    @Override
    public String location() {
        return fileName + " line " + Texts.grouped(line);
    }

    /** The line of the current row, from 1. */
    public long line() {
        return line;
    }

    /** {@inheritDoc} A gzipped file is read through once more to check its every member. */
    @Override
    public InvalidDataException damage() throws IOException {
        if (!gzip) {
            return null;
        }
        byte[] scratch = new byte[64 * 1024];
        try (InputStream check = new GzipMembersInputStream(Files.newInputStream(file), 64 * 1024)) {
            while (check.read(scratch) >= 0) {
                // read to the end: the checks happen at the end of each member
            }
            return null;
        } catch (ZipException | EOFException e) {
            return damaged(fileName, e);
        }
    }

    @Override
    public long bytesRead() {
        return raw.count;
    }

    /** {@inheritDoc} The file is read once more for its hash. */
    @Override
    public FileHash fileHash() throws IOException {
        return FileHash.of(file);
    }

    /** Always true: a JSON Lines file has no header, and each line may or may not have a field. */
    @Override
    public boolean present(int column) {
        return true;
    }

    @Override
    public boolean isBlank(int column) {
        byte k = kind[column];
        return k == MISSING || k == NULL || k == STRING && value[column].isEmpty();
    }

    @Override
    public String text(int column) {
        if (isBlank(column)) {
            return null;
        }
        requireScalar(column, "a value");
        return value[column];
    }

    @Override
    public long hash(int column) {
        String text = text(column);
        return text == null ? 0 : Hashing.hash64(text);
    }

    @Override
    public long integer(int column) {
        String text = scalar(column, "a whole number");
        long v = parser.integer(text);
        if (v == ValueParser.INVALID) {
            throw problem(column, parser.integerExpected());
        }
        return v;
    }

    @Override
    public double decimal(int column) {
        String text = scalar(column, "a number");
        double v = parser.decimal(text);
        if (Double.isNaN(v)) {
            throw problem(column, parser.decimalExpected());
        }
        return v;
    }

    @Override
    public boolean bool(int column) {
        if (kind[column] == BOOLEAN) {
            return value[column].equals("true");
        }
        String text = blankOrScalar(column, "a boolean");
        int v = parser.bool(text);
        if (v < 0) {
            throw problem(column, parser.booleanExpected());
        }
        return v == 1;
    }

    @Override
    public long epochSecond(int column) {
        String text = scalar(column, "a timestamp");
        long v = parser.epochSecond(text);
        if (v == ValueParser.INVALID) {
            if (kind[column] == NUMBER && !parser.epochNumbers()) {
                throw problem(column, "is a JSON number, not a timestamp (add epoch_seconds or epoch_millis to the"
                        + " source's timestamp_patterns to read numbers since 1970-01-01T00:00:00Z)");
            }
            throw problem(column, parser.timestampExpected());
        }
        return v;
    }

    @Override
    public long epochDay(int column) {
        String text = scalar(column, "a date");
        long v = parser.epochDay(text);
        if (v == ValueParser.INVALID) {
            throw problem(column, parser.dateExpected());
        }
        return v;
    }

    /** The value as text for a number, date or timestamp: a JSON boolean is refused, as blank, objects and arrays. */
    private String scalar(int column, String expected) {
        if (kind[column] == BOOLEAN) {
            throw problem(column, "is a JSON boolean (expected " + expected + ")");
        }
        return blankOrScalar(column, expected);
    }

    private String blankOrScalar(int column, String expected) {
        if (isBlank(column)) {
            throw problem(column, "is blank (expected " + expected + ")");
        }
        requireScalar(column, expected);
        return value[column];
    }

    private void requireScalar(int column, String expected) {
        byte k = kind[column];
        if (k == OBJECT || k == ARRAY) {
            String path = mapping.fileColumn(columns.get(column).name());
            throw problem(column, "is a JSON " + (k == OBJECT ? "object" : "array") + " (expected " + expected
                    + (k == OBJECT ? "; name a field inside it with a dotted path such as " + path + ".id" : "")
                    + ")");
        }
    }

    @Override
    public String rawRow() {
        return new String(buf, lineFrom, lineTo - lineFrom, StandardCharsets.UTF_8);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A value that is blank because the object lacks the field says so ({@code is missing: the
     * object has no such field (...)}), as does a JSON {@code null} ({@code is null (...)}).
     */
    @Override
    public DataProblemException problem(int column, String expected) {
        String canonical = columns.get(column).name();
        String said = expected;
        if (expected.startsWith("is blank")) {
            if (kind[column] == MISSING) {
                said = "is missing: the object has no such field" + expected.substring("is blank".length());
            } else if (kind[column] == NULL) {
                said = "is null" + expected.substring("is blank".length());
            }
        }
        byte k = kind[column];
        String shown = k == STRING || k == NUMBER || k == BOOLEAN ? value[column] : null;
        if (shown != null && shown.isEmpty()) {
            shown = null;
        }
        return DataProblemException.ofValue(location(), canonical, mapping.fileColumn(canonical), shown, said);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** One field name of the mapped paths: its column when a path ends here, the fields below it. */
    private static final class Node {
        final Map<String, Node> children = new HashMap<>(4);
        int column = -1;
    }

    /** Counts the bytes taken from the file, below gzip, for progress. */
    private static final class CountingInputStream extends BufferedInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in, 64 * 1024);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public synchronized int read() throws IOException {
            int n = super.read();
            if (n >= 0) {
                count++;
            }
            return n;
        }
    }
}
