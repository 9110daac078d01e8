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
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
 * as a {@link RecordCursor}: one JSON object per line, one line at a time, so memory holds one
 * line and never a tree of the file.
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
 * <p>How a line is read: a byte scanner reads the common line, so that a plain line costs no
 * allocation. It walks the object's bytes with the tree of mapped paths (field names compared as
 * UTF-8 bytes), skips what is not mapped (strings, numbers, literals, objects and arrays at any
 * depth) without allocating, and keeps each mapped scalar as a slice of the line, so that {@link
 * #hash}, {@link #integer}, {@link #decimal}, {@link #bool}, {@link #epochSecond}, {@link
 * #epochDay} and {@link #isBlank} read bytes as the CSV reader does ({@link #text} makes a String).
 * It accepts only a line that is plainly valid: whenever it meets anything else (a backslash in a
 * mapped string or in a field name of an object on a mapped path, UTF-8 that is not well formed,
 * malformed JSON, a mapped field given twice, text after the object, nesting deeper than 64,
 * a number longer than 100 characters, a field name longer than 1,000 bytes) the line is read
 * again from its start with Jackson's streaming parser, which gives every value and every error
 * message of such a line. Values that the scanner cannot give exactly as Jackson does from bytes
 * are made Strings and read as Jackson's are: a string whose trimmed ends are not ASCII (so that
 * {@link String#strip()} decides what is whitespace), non-ASCII text or text longer than 64 bytes
 * for the number, date and timestamp parsers, non-ASCII text for the boolean spellings.
 *
 * <p>The scan, in one pass: when the unread bytes in the buffer start with {@code '{'}, the
 * scanner reads the object from there, bounded only by the end of the buffered bytes, not by a
 * line end found first; when the object closes it expects optional spaces, tabs, CRs (any byte up
 * to a space) and the LF, or the end of the file. No byte that the scanner accepts inside an
 * object is an LF, so the object it reads is the whole line. Anything else (an object that runs
 * past the buffered bytes, a line that starts with a space, a BOM or a blank line, text after the
 * object, any line the scanner refuses) sends the line the old way, from the same place: the line
 * end is searched for eight bytes at a time (the buffer refilled or grown as needed), the line
 * trimmed, blank lines skipped, and the line scanned again, then, if the scanner refuses it, read
 * by Jackson; so line numbers, messages and values are the same either way. Inside the scan,
 * strings are searched for their closing quote eight bytes at a time (a word is plain while it
 * has no quote, backslash, control character or non-ASCII byte; the first other byte is read as
 * before), and digits eight at a time. In an object on a mapped path, each field name is first
 * compared as bytes (one or two words, quotes included) with the name that followed the previous
 * field the last time that field came up, then with the first 16 names met in that object, and
 * only then read and looked up: a name is kept once the scanner has read it without an escape
 * (up to 256 names of up to 64 bytes an object), so equal bytes are the same, valid name with
 * the same mapping, and an export whose lines repeat their fields in the same order costs about
 * a word compare per name.
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
    /** The buffer's first size (package-private for tests of lines across its end). */
    static final int BUFFER_BYTES = 256 * 1024;
    private static final int MAX_LINE_BYTES = 64 * 1024 * 1024;
    /** Eight bytes at a time, for the searches of line ends and string ends. */
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    // the byte scanner leaves deeper, longer lines to Jackson, far below Jackson's own limits
    private static final int MAX_FAST_DEPTH = 64;
    private static final int MAX_FAST_NUMBER = 100;
    private static final int MAX_FAST_NAME = 1000;
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL_BYTES = {'n', 'u', 'l', 'l'};

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
    /**
     * The value of each column as Jackson gives it (a string trimmed), for a line that Jackson read;
     * for a line the byte scanner read, null unless the value is a string whose trimmed ends are not
     * ASCII, which is made once here so that {@link String#strip()} decides what is whitespace.
     */
    private final String[] value;
    // for a line the byte scanner read: each scalar value's bytes in buf (a string's trimmed, without quotes)
    private final int[] valueFrom;
    private final int[] valueLength;
    /** Whether each scalar value's bytes are all ASCII (a number or boolean always is). */
    private final boolean[] valueAscii;
    /** Whether the byte scanner is used at all: false to read every line with Jackson (tests), or for an odd mapping. */
    private final boolean fastPath;
    /** Whether {@link ValueParser#bool(byte[], int, int)} reads a byte slice exactly as its text method reads the String. */
    private final boolean boolBytes;
    /** Whether the current line was read by the byte scanner, so that its values are slices of {@link #buf}. */
    private boolean fastLine;
    /** Lines the byte scanner left to Jackson. */
    private long fallbacks;
    /** Non-zero when the last {@link #stringEnd} met a byte that is not ASCII. */
    private int nonAscii;

    /**
     * Opens a file; nothing is read until {@link #next()}.
     *
     * @param displayName the file's name in messages, e.g. {@code usage/part-0001.jsonl.gz}
     * @throws IOException if the file cannot be opened
     */
    public JsonlCursor(Path file, String displayName, SourceMapping mapping) throws IOException {
        this(file, displayName, mapping, true);
    }

    /** As the public constructor; {@code fastPath} false reads every line with Jackson, to compare the two in tests. */
    JsonlCursor(Path file, String displayName, SourceMapping mapping, boolean fastPath) throws IOException {
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
        this.valueFrom = new int[columns.size()];
        this.valueLength = new int[columns.size()];
        this.valueAscii = new boolean[columns.size()];
        this.root = new Node();
        for (int c = 0; c < columns.size(); c++) {
            String path = mapping.fileColumn(columns.get(c).name());
            Node n = root;
            for (String name : path.split("\\.", -1)) {
                n = n.children.computeIfAbsent(name, k -> new Node());
            }
            n.column = c;
        }
        // a field name that UTF-8 cannot carry (a lone surrogate) could match the wrong bytes: leave it to Jackson
        this.fastPath = fastPath && root.encodeNames();
        boolean stripped = true;
        for (String s : mapping.formats().trueSpellings()) {
            stripped &= s.equals(s.strip());
        }
        for (String s : mapping.formats().falseSpellings()) {
            stripped &= s.equals(s.strip());
        }
        this.boolBytes = stripped;
    }

    // ---- RecordCursor ----------------------------------------------------------------------------

    @Override
    public boolean next() throws IOException {
        clearValues();
        if (fastPath && start < limit && buf[start] == '{') {
            // one pass: scan the object where the line starts, then expect the line end right after it
            int close = scanMapped(buf, start + 1, limit, root, 1);
            if (close > 0) {
                int q = close;
                while (q < limit && buf[q] != '\n' && (buf[q] & 0xff) <= ' ') {
                    q++;
                }
                if (q < limit ? buf[q] == '\n' : eof) {
                    line = nextLine++;
                    lineFrom = start;
                    lineTo = close;
                    start = q < limit ? q + 1 : limit;
                    fastLine = true;
                    return true;
                }
            }
            // the line goes on past the buffer, or is odd: read it the old way, from the same start
            clearValues();
        }
        if (!nextNonBlankLine()) {
            return false;
        }
        if (fastPath) {
            if (scanLine()) {
                fastLine = true;
                return true;
            }
            fallbacks++;
            clearValues();
        }
        fastLine = false;
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

    /** Forgets what a scan of the line kept: every column missing again. */
    private void clearValues() {
        Arrays.fill(kind, MISSING);
        Arrays.fill(value, null);
    }

    // ---- the byte scanner --------------------------------------------------------------------------

    /**
     * Reads the line {@code buf[lineFrom, lineTo)} without Jackson (the second try, after the
     * one-pass scan in {@link #next} did not read it), keeping each mapped scalar
     * value as a slice of the line. Returns false, with the columns partly filled, as soon as it
     * meets anything it does not read simply, for Jackson to read the line again and say what is
     * wrong with it: malformed JSON, a backslash in a mapped string or in a field name of a mapped
     * object, UTF-8 that is not well formed (or any non-ASCII byte outside a string), a mapped
     * field given twice, a number of more than {@value #MAX_FAST_NUMBER} characters, a field name
     * of more than {@value #MAX_FAST_NAME} bytes, objects and arrays nested deeper than
     * {@value #MAX_FAST_DEPTH}. So it accepts only lines that Jackson reads without error (the
     * limits stay far below Jackson's {@link StreamReadConstraints}), and gives every value as
     * Jackson would.
     */
    private boolean scanLine() {
        byte[] b = buf;
        int p = lineFrom;
        if (b[p] != '{') {
            return false;
        }
        // the line is trimmed, so the object must end at its last byte
        return scanMapped(b, p + 1, lineTo, root, 1) == lineTo;
    }

    /**
     * Skips an object that is not on a mapped path, from just after its '{' to just after its '}'
     * (any escape allowed in its names); returns the position after the '}', or -1.
     */
    private int skipObject(byte[] b, int p, int end, int depth) {
        if (depth > MAX_FAST_DEPTH) {
            return -1;
        }
        p = ws(b, p, end);
        if (p < end && b[p] == '}') {
            return p + 1;
        }
        while (true) {
            if (p >= end || b[p] != '"') {
                return -1;
            }
            int nameFrom = p + 1;
            int nameTo = plainStringEnd(b, nameFrom, end);
            if (nameTo < 0) {
                nameTo = stringEnd(b, nameFrom, end, true);
                if (nameTo < 0 || nameTo - nameFrom > MAX_FAST_NAME) {
                    return -1;
                }
            }
            p = value(b, nameTo + 1, end);
            if (p < 0) {
                return -1;
            }
            p = skipValue(b, p, end, depth);
            p = afterMember(b, p, end);
            if (p < 0) {
                return p == -1 ? -1 : ~p;
            }
        }
    }

    /**
     * Reads the fields of an object on a mapped path from just after its '{' to just after its
     * '}', keeping the mapped ones; returns the position after the '}', or -1. Each field name is
     * first compared with the name that followed the previous field the last time that field came
     * up, then with the first names met in the object ({@link Seen}): lines of an export repeat
     * their names in the same order, so a name is usually recognised by comparing one or two
     * words, without searching for its end or looking it up. Otherwise the name is read (without
     * an escape: an escape could spell a mapped name some other way), looked up and kept.
     */
    private int scanMapped(byte[] b, int p, int end, Node node, int depth) {
        if (depth > MAX_FAST_DEPTH) {
            return -1;
        }
        p = ws(b, p, end);
        if (p < end && b[p] == '}') {
            return p + 1;
        }
        Seen prev = null;
        while (true) {
            if (p >= end || b[p] != '"') {
                return -1;
            }
            Seen expected = prev == null ? node.first : prev.next;
            Seen guess = expected;
            if (guess == null || !guess.matches(b, p, end)) {
                // one of the first names met in this object? (a name's bytes end at its first quote,
                // so at most one matches)
                guess = node.firstSeenAt(b, p, end);
            }
            int nameTo;
            Node child;
            if (guess != null) {
                nameTo = p + guess.length - 1;
                child = guess.child;
            } else {
                int nameFrom = p + 1;
                nameTo = plainStringEnd(b, nameFrom, end);
                if (nameTo < 0) {
                    // a name with an escape could spell a mapped name some other way
                    nameTo = stringEnd(b, nameFrom, end, false);
                    if (nameTo < 0 || nameTo - nameFrom > MAX_FAST_NAME) {
                        return -1;
                    }
                }
                guess = node.seen(b, nameFrom, nameTo);
                child = guess == null ? node.child(b, nameFrom, nameTo) : guess.child;
            }
            if (guess != null && guess != expected) {
                // remember what followed: the guess for this place on the next line
                if (prev == null) {
                    node.first = guess;
                } else {
                    prev.next = guess;
                }
            }
            prev = guess;
            p = value(b, nameTo + 1, end);
            if (p < 0) {
                return -1;
            }
            if (child == null) {
                p = skipValue(b, p, end, depth);
            } else if (child.column >= 0) {
                p = scanValue(b, p, end, child.column, depth);
            } else if (b[p] == '{') {
                p = scanMapped(b, p + 1, end, child, depth + 1);
            } else {
                p = skipValue(b, p, end, depth);
            }
            p = afterMember(b, p, end);
            if (p < 0) {
                return p == -1 ? -1 : ~p;
            }
        }
    }

    /**
     * From just after a field name's closing quote: past the colon and the spaces around it, to the
     * value's first byte; -1 when there is no colon or nothing after it.
     */
    private static int value(byte[] b, int p, int end) {
        if (p >= end || b[p] != ':') {
            p = ws(b, p, end);
            if (p >= end || b[p] != ':') {
                return -1;
            }
        }
        p = ws(b, p + 1, end);
        return p < end ? p : -1;
    }

    /**
     * From just after a member's value ({@code p}; negative when the value was refused): past the
     * comma and spaces to the next name, returned as is; or past the object's closing brace,
     * returned as {@code ~position} (at most -2); or -1 for anything else.
     */
    private static int afterMember(byte[] b, int p, int end) {
        if (p < 0 || p >= end) {
            return -1;
        }
        byte c = b[p];
        if (c != ',' && c != '}') {
            p = ws(b, p, end);
            if (p >= end) {
                return -1;
            }
            c = b[p];
        }
        if (c == ',') {
            return ws(b, p + 1, end);
        }
        return c == '}' ? ~(p + 1) : -1;
    }

    /** Reads the value of a mapped field at {@code p} into column {@code c}; returns the position after it, or -1. */
    private int scanValue(byte[] b, int p, int end, int c, int depth) {
        if (kind[c] != MISSING) {
            return -1;
        }
        switch (b[p]) {
            case '"' -> {
                int to = plainStringEnd(b, p + 1, end);
                if (to >= 0) {
                    nonAscii = 0;
                } else {
                    to = stringEnd(b, p + 1, end, false);
                    if (to < 0) {
                        return -1;
                    }
                }
                int from = p + 1;
                int rawFrom = from;
                int rawTo = to;
                // no control character gets here (stringEnd refuses them), so a space is the only ASCII whitespace
                while (from < to && b[from] == ' ') {
                    from++;
                }
                while (to > from && b[to - 1] == ' ') {
                    to--;
                }
                kind[c] = STRING;
                valueFrom[c] = from;
                valueLength[c] = to - from;
                valueAscii[c] = nonAscii == 0;
                if (from < to && (b[from] < 0 || b[to - 1] < 0)) {
                    // String.strip() decides whether a non-ASCII character at an end is whitespace
                    value[c] = new String(b, rawFrom, rawTo - rawFrom, StandardCharsets.UTF_8).strip();
                }
                return rawTo + 1;
            }
            case 't' -> {
                return literal(b, p, end, TRUE, c, BOOLEAN);
            }
            case 'f' -> {
                return literal(b, p, end, FALSE, c, BOOLEAN);
            }
            case 'n' -> {
                return literal(b, p, end, NULL_BYTES, c, NULL);
            }
            case '{' -> {
                kind[c] = OBJECT;
                return skipValue(b, p, end, depth);
            }
            case '[' -> {
                kind[c] = ARRAY;
                return skipValue(b, p, end, depth);
            }
            default -> {
                int to = numberEnd(b, p, end);
                if (to < 0) {
                    return -1;
                }
                kind[c] = NUMBER;
                valueFrom[c] = p;
                valueLength[c] = to - p;
                valueAscii[c] = true;
                return to;
            }
        }
    }

    private int literal(byte[] b, int p, int end, byte[] word, int c, byte k) {
        int to = p + word.length;
        if (to > end || !Arrays.equals(b, p, to, word, 0, word.length)) {
            return -1;
        }
        kind[c] = k;
        valueFrom[c] = p;
        valueLength[c] = word.length;
        valueAscii[c] = true;
        return to;
    }

    /** Skips the value at {@code p} (of an object at {@code depth}); returns the position after it, or -1. */
    private int skipValue(byte[] b, int p, int end, int depth) {
        switch (b[p]) {
            case '"' -> {
                int to = plainStringEnd(b, p + 1, end);
                if (to < 0) {
                    to = stringEnd(b, p + 1, end, true);
                }
                return to < 0 ? -1 : to + 1;
            }
            case '{' -> {
                return skipObject(b, p + 1, end, depth + 1);
            }
            case '[' -> {
                if (depth + 1 > MAX_FAST_DEPTH) {
                    return -1;
                }
                p = ws(b, p + 1, end);
                if (p < end && b[p] == ']') {
                    return p + 1;
                }
                while (true) {
                    if (p >= end) {
                        return -1;
                    }
                    p = skipValue(b, p, end, depth + 1);
                    if (p < 0) {
                        return -1;
                    }
                    p = ws(b, p, end);
                    if (p >= end) {
                        return -1;
                    }
                    if (b[p] == ',') {
                        p = ws(b, p + 1, end);
                    } else if (b[p] == ']') {
                        return p + 1;
                    } else {
                        return -1;
                    }
                }
            }
            case 't' -> {
                return word(b, p, end, TRUE);
            }
            case 'f' -> {
                return word(b, p, end, FALSE);
            }
            case 'n' -> {
                return word(b, p, end, NULL_BYTES);
            }
            default -> {
                return numberEnd(b, p, end);
            }
        }
    }

    private static int word(byte[] b, int p, int end, byte[] word) {
        int to = p + word.length;
        return to <= end && Arrays.equals(b, p, to, word, 0, word.length) ? to : -1;
    }

    /** JSON whitespace; a line feed cannot occur inside a line. */
    private static int ws(byte[] b, int p, int end) {
        while (p < end) {
            byte c = b[p];
            if (c != ' ' && c != '\t' && c != '\r') {
                break;
            }
            p++;
        }
        return p;
    }

    /**
     * The end of a JSON number as RFC 8259 spells it ({@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?})
     * starting at {@code p}, or -1 if there is none or it is longer than {@value #MAX_FAST_NUMBER}.
     */
    private static int numberEnd(byte[] b, int p, int end) {
        int start = p;
        if (p < end && b[p] == '-') {
            p++;
        }
        if (p >= end) {
            return -1;
        }
        if (b[p] == '0') {
            p++;
        } else if (b[p] >= '1' && b[p] <= '9') {
            p = digits(b, p + 1, end);
        } else {
            return -1;
        }
        if (p < end && b[p] == '.') {
            int f = digits(b, p + 1, end);
            if (f == p + 1) {
                return -1;
            }
            p = f;
        }
        if (p < end && (b[p] == 'e' || b[p] == 'E')) {
            p++;
            if (p < end && (b[p] == '+' || b[p] == '-')) {
                p++;
            }
            int e = digits(b, p, end);
            if (e == p) {
                return -1;
            }
            p = e;
        }
        // a letter or digit right after the number ("01", "1x") is left to Jackson by the caller's check for , } ]
        return p - start > MAX_FAST_NUMBER ? -1 : p;
    }

    private static int digits(byte[] b, int p, int end) {
        // eight digits at a time: each byte's high nibble is 3, and adding 6 to its low one carries nowhere
        while (p + 8 <= end) {
            long w = (long) LONG.get(b, p);
            if ((w & 0xF0F0F0F0F0F0F0F0L) != 0x3030303030303030L
                    || (w + 0x0606060606060606L & 0xF0F0F0F0F0F0F0F0L) != 0x3030303030303030L) {
                break;
            }
            p += 8;
        }
        while (p < end && b[p] >= '0' && b[p] <= '9') {
            p++;
        }
        return p;
    }

    /**
     * The position of the quote that ends the string whose first byte is at {@code p}, or -1 for
     * a control character, UTF-8 that is not well formed (overlong forms, surrogates and code
     * points above U+10FFFF included), an invalid escape, or any escape unless {@code escapes}.
     */
    private int stringEnd(byte[] b, int p, int end, boolean escapes) {
        int high = 0;
        while (p < end) {
            // skip eight plain bytes at a time; the first byte that is not plain is always flagged
            while (p + 8 <= end) {
                long t = special((long) LONG.get(b, p));
                if (t != 0) {
                    p += Long.numberOfTrailingZeros(t) >>> 3;
                    break;
                }
                p += 8;
            }
            if (p >= end) {
                break;
            }
            byte c = b[p];
            if (c == '"') {
                nonAscii = high;
                return p;
            }
            if (c >= ' ' && c != '\\') {
                p++;
            } else if (c < 0) {
                high = 1;
                p = utf8End(b, p, end);
                if (p < 0) {
                    return -1;
                }
            } else if (c == '\\' && escapes && p + 1 < end) {
                byte e = b[p + 1];
                if (e == 'u') {
                    if (p + 6 > end || !hex(b[p + 2]) || !hex(b[p + 3]) || !hex(b[p + 4]) || !hex(b[p + 5])) {
                        return -1;
                    }
                    p += 6;
                } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r'
                        || e == 't') {
                    p += 2;
                } else {
                    return -1;
                }
            } else {
                return -1;
            }
        }
        return -1;
    }

    /**
     * The position of the quote that ends a string of plain bytes (ASCII, no control character, no
     * backslash) whose first byte is at {@code p}, read eight bytes at a time; -1 for any other
     * string, which {@link #stringEnd} then reads from its start, or when the quote is not within
     * the last whole word before {@code end}.
     */
    private static int plainStringEnd(byte[] b, int p, int end) {
        for (; p + 8 <= end; p += 8) {
            long w = (long) LONG.get(b, p);
            long t = special(w);
            if (t != 0) {
                int k = Long.numberOfTrailingZeros(t) & ~7;
                return (w >>> k & 0xff) == '"' ? p + (k >>> 3) : -1;
            }
        }
        return -1;
    }

    /**
     * The high bit of each byte of {@code w} that is a quote, a backslash, a control character or
     * not ASCII; the lowest such byte is always flagged, a byte above it may be flagged falsely.
     */
    private static long special(long w) {
        return zeroBytes(w ^ 0x2222222222222222L) | zeroBytes(w ^ 0x5C5C5C5C5C5C5C5CL)
                | (w - 0x2020202020202020L) & ~w & HIGHS | w & HIGHS;
    }

    /**
     * The high bit of each zero byte of {@code w}; the lowest such byte is always flagged, and a
     * byte above it may be flagged falsely (the borrow of the subtraction), so only the lowest counts.
     */
    private static long zeroBytes(long w) {
        return (w - ONES) & ~w & HIGHS;
    }

    private static boolean hex(byte c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** The position after the well-formed UTF-8 sequence that starts at {@code p} (RFC 3629, table 3-7 of Unicode), or -1. */
    private static int utf8End(byte[] b, int p, int end) {
        int c = b[p] & 0xff;
        int n;
        int lo = 0x80;
        int hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            if (c == 0xE0) {
                lo = 0xA0;
            } else if (c == 0xED) {
                hi = 0x9F;
            }
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            if (c == 0xF0) {
                lo = 0x90;
            } else if (c == 0xF4) {
                hi = 0x8F;
            }
        } else {
            return -1;
        }
        if (p + n >= end) {
            return -1;
        }
        int second = b[p + 1] & 0xff;
        if (second < lo || second > hi) {
            return -1;
        }
        for (int i = 2; i <= n; i++) {
            if ((b[p + i] & 0xC0) != 0x80) {
                return -1;
            }
        }
        return p + n + 1;
    }

    /** Moves {@link #lineFrom}..{@link #lineTo} to the next line that is not blank; false at the end. */
    private boolean nextNonBlankLine() throws IOException {
        while (true) {
            int nl = -1;
            while (true) {
                int i = start;
                for (; i + 8 <= limit; i += 8) {
                    long t = zeroBytes((long) LONG.get(buf, i) ^ 0x0A0A0A0A0A0A0A0AL);
                    if (t != 0) {
                        nl = i + (Long.numberOfTrailingZeros(t) >>> 3);
                        break;
                    }
                }
                for (; nl < 0 && i < limit; i++) {
                    if (buf[i] == '\n') {
                        nl = i;
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
        return k == MISSING || k == NULL || k == STRING && (sliced(column) ? valueLength[column] == 0
                : value[column].isEmpty());
    }

    @Override
    public String text(int column) {
        if (isBlank(column)) {
            return null;
        }
        requireScalar(column, "a value");
        return valueText(column);
    }

    @Override
    public long hash(int column) {
        if (isBlank(column)) {
            return 0;
        }
        requireScalar(column, "a value");
        // the scanner keeps only well-formed UTF-8 without escapes: the bytes are those of the String
        return sliced(column) ? Hashing.hash64(buf, valueFrom[column], valueLength[column])
                : Hashing.hash64(value[column]);
    }

    @Override
    public long integer(int column) {
        requireNumeric(column, "a whole number");
        long v = parsedFromBytes(column) ? parser.integer(buf, valueFrom[column], valueLength[column])
                : parser.integer(valueText(column));
        if (v == ValueParser.INVALID) {
            throw problem(column, parser.integerExpected());
        }
        return v;
    }

    @Override
    public double decimal(int column) {
        requireNumeric(column, "a number");
        double v = parsedFromBytes(column) ? parser.decimal(buf, valueFrom[column], valueLength[column])
                : parser.decimal(valueText(column));
        if (Double.isNaN(v)) {
            throw problem(column, parser.decimalExpected());
        }
        return v;
    }

    @Override
    public boolean bool(int column) {
        if (kind[column] == BOOLEAN) {
            return sliced(column) ? buf[valueFrom[column]] == 't' : value[column].equals("true");
        }
        requireValue(column, "a boolean");
        int v = boolBytes && sliced(column) && valueAscii[column]
                ? parser.bool(buf, valueFrom[column], valueLength[column]) : parser.bool(valueText(column));
        if (v < 0) {
            throw problem(column, parser.booleanExpected());
        }
        return v == 1;
    }

    @Override
    public long epochSecond(int column) {
        requireNumeric(column, "a timestamp");
        long v = parsedFromBytes(column) ? parser.epochSecond(buf, valueFrom[column], valueLength[column])
                : parser.epochSecond(valueText(column));
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
        requireNumeric(column, "a date");
        long v = parsedFromBytes(column) ? parser.epochDay(buf, valueFrom[column], valueLength[column])
                : parser.epochDay(valueText(column));
        if (v == ValueParser.INVALID) {
            throw problem(column, parser.dateExpected());
        }
        return v;
    }

    /** Whether the column's value is a slice of the line: a line the byte scanner read, a value not made a String. */
    private boolean sliced(int column) {
        return fastLine && value[column] == null;
    }

    /**
     * Whether a number, date or timestamp is parsed from the slice: the text methods of {@link
     * ValueParser} copy ASCII text of up to 64 characters into a scratch buffer and read that with
     * the byte methods, so for such a value the two give the same; anything else goes through the
     * text method, as on a line Jackson read.
     */
    private boolean parsedFromBytes(int column) {
        return sliced(column) && valueAscii[column] && valueLength[column] <= 64;
    }

    /** The text of a string, number or boolean, as Jackson gives it (a string trimmed). */
    private String valueText(int column) {
        if (!sliced(column)) {
            return value[column];
        }
        if (kind[column] == BOOLEAN) {
            return buf[valueFrom[column]] == 't' ? "true" : "false";
        }
        return new String(buf, valueFrom[column], valueLength[column], StandardCharsets.UTF_8);
    }

    /** For a number, date or timestamp: a JSON boolean is refused, as blank, objects and arrays. */
    private void requireNumeric(int column, String expected) {
        if (kind[column] == BOOLEAN) {
            throw problem(column, "is a JSON boolean (expected " + expected + ")");
        }
        requireValue(column, expected);
    }

    private void requireValue(int column, String expected) {
        if (isBlank(column)) {
            throw problem(column, "is blank (expected " + expected + ")");
        }
        requireScalar(column, expected);
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

    /** Lines the byte scanner left to Jackson so far (for tests: plain lines are read without it). */
    long fallbacks() {
        return fallbacks;
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
        String shown = k == STRING || k == NUMBER || k == BOOLEAN ? valueText(column) : null;
        if (shown != null && shown.isEmpty()) {
            shown = null;
        }
        return DataProblemException.ofValue(location(), canonical, mapping.fileColumn(canonical), shown, said);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * A field name met in an object on a mapped path, kept to recognise it on later lines by its
     * bytes: only a name that the scanner read without an escape, so that the same bytes are the
     * same name, with what it maps to.
     */
    private static final class Seen {
        /** The quote, the name's UTF-8 bytes, the quote. */
        final byte[] token;
        /** The token's length. */
        final int length;
        /** The child node of the name, or null for a field that is not mapped. */
        final Node child;
        /** The token's first eight bytes, and its last eight (for a token of 9 to 16 bytes), as little-endian words. */
        final long first8;
        final long last8;
        /** The bytes of {@link #first8} that count (all for a token of eight bytes or more). */
        final long mask;
        /** The name that followed this one in the object the last time this one came up; null if none yet. */
        Seen next;

        Seen(byte[] token, Node child) {
            this.token = token;
            this.length = token.length;
            this.child = child;
            int n = token.length;
            this.first8 = Node.word(token, 0, Math.min(n, 8));
            this.mask = n >= 8 ? -1L : -1L >>> (64 - 8 * n);
            this.last8 = n > 8 ? Node.word(token, n - 8, n) : 0;
        }

        /** Whether {@code b} holds the token at {@code p}. */
        boolean matches(byte[] b, int p, int end) {
            int n = length;
            if (p + 16 > end) {
                return p + n <= end && Arrays.equals(b, p, p + n, token, 0, n);
            }
            if (((long) LONG.get(b, p) & mask) != first8) {
                return false;
            }
            if (n <= 8) {
                return true;
            }
            if (n <= 16) {
                return (long) LONG.get(b, p + n - 8) == last8;
            }
            return p + n <= end && Arrays.equals(b, p + 8, p + n, token, 8, n);
        }
    }

    /** One field name of the mapped paths: its column when a path ends here, the fields below it. */
    private static final class Node {
        /** At most this many names are kept in {@link #seen}, however many different ones the lines have. */
        static final int MAX_SEEN = 256;
        static final int MAX_SEEN_NAME = 64;
        /** The names met in this object on earlier lines, by a hash of their length and first word (open addressing). */
        final Seen[] seen = new Seen[2 * MAX_SEEN];
        int seenCount;
        /** The first {@value #FEW} names kept, in the order they were met, for {@link #firstSeenAt}. */
        static final int FEW = 16;
        final Seen[] few = new Seen[FEW];
        int fewCount;
        /** The name that came first in this object last time. */
        Seen first;
        final Map<String, Node> children = new HashMap<>(4);
        int column = -1;
        // the children again, for the byte scanner: their names in UTF-8
        byte[][] names = new byte[0][];
        Node[] nodes = new Node[0];
        /** Each name's length, and its first eight bytes as a little-endian word (zeros after a shorter name). */
        int[] lengths = new int[0];
        long[] words = new long[0];

        /** Fills {@link #names} here and below; false if a name does not survive UTF-8 (a lone surrogate). */
        boolean encodeNames() {
            names = new byte[children.size()][];
            nodes = new Node[children.size()];
            lengths = new int[children.size()];
            words = new long[children.size()];
            boolean ok = true;
            int i = 0;
            for (Map.Entry<String, Node> e : children.entrySet()) {
                names[i] = e.getKey().getBytes(StandardCharsets.UTF_8);
                lengths[i] = names[i].length;
                words[i] = word(names[i], 0, names[i].length);
                ok &= new String(names[i], StandardCharsets.UTF_8).equals(e.getKey());
                nodes[i] = e.getValue();
                ok &= nodes[i].encodeNames();
                i++;
            }
            return ok;
        }

        /** The child whose name is the bytes {@code b[from, to)}, or null. */
        Node child(byte[] b, int from, int to) {
            int length = to - from;
            long w = word(b, from, to);
            int[] ls = lengths;
            for (int i = 0; i < ls.length; i++) {
                if (ls[i] == length && words[i] == w
                        && (length <= 8 || Arrays.equals(b, from + 8, to, names[i], 8, length))) {
                    return nodes[i];
                }
            }
            return null;
        }

        /** The one of the first {@value #FEW} names kept whose token {@code b} holds at {@code p}, or null. */
        Seen firstSeenAt(byte[] b, int p, int end) {
            for (int i = 0; i < fewCount; i++) {
                if (few[i].matches(b, p, end)) {
                    return few[i];
                }
            }
            return null;
        }

        /**
         * The name {@code b[from, to)} (read without an escape) as a {@link Seen}, made the first
         * time it is met; null when too many names or too long a name to keep.
         */
        Seen seen(byte[] b, int from, int to) {
            int n = to - from;
            long w = word(b, from, to);
            int mask = seen.length - 1;
            for (int i = (int) ((w + n) * 0x9E3779B97F4A7C15L >>> 40) & mask; ; i = i + 1 & mask) {
                Seen s = seen[i];
                if (s == null) {
                    if (seenCount == MAX_SEEN || n > MAX_SEEN_NAME) {
                        return null;
                    }
                    byte[] token = new byte[n + 2];
                    token[0] = '"';
                    System.arraycopy(b, from, token, 1, n);
                    token[n + 1] = '"';
                    s = new Seen(token, child(b, from, to));
                    seen[i] = s;
                    seenCount++;
                    if (fewCount < FEW) {
                        few[fewCount++] = s;
                    }
                    return s;
                }
                if (s.length == n + 2 && Arrays.equals(b, from, to, s.token, 1, n + 1)) {
                    return s;
                }
            }
        }

        /** The first eight bytes of {@code b[from, to)} as a little-endian word, zeros after fewer. */
        static long word(byte[] b, int from, int to) {
            int n = to - from;
            if (n >= 8) {
                return (long) LONG.get(b, from);
            }
            if (n == 0) {
                return 0;
            }
            if (from + 8 <= b.length) {
                return (long) LONG.get(b, from) & -1L >>> (64 - 8 * n);
            }
            long w = 0;
            for (int i = n - 1; i >= 0; i--) {
                w = w << 8 | b[from + i] & 0xffL;
            }
            return w;
        }
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
