package org.churnrisk.features.io.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.parquet.VersionParser;
import org.apache.parquet.VersionParser.ParsedVersion;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.RowGroup;
import org.churnrisk.core.InvalidDataException;
import org.churnrisk.core.contract.ColumnSpec;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.FileHash;
import org.churnrisk.features.io.RecordCursor;
import org.churnrisk.features.io.csv.CsvCursor;
import org.churnrisk.features.io.mapping.SourceMapping;
import org.churnrisk.features.io.problems.DataProblemException;
import org.churnrisk.features.io.problems.Texts;
import org.churnrisk.features.io.values.ValueParser;

/**
 * A {@link RecordCursor} over one Parquet file, read without Hadoop and without native code.
 *
 * <p>Columns are top-level fields found by the mapping's name for each canonical column, exactly
 * as {@link CsvCursor} matches header names (a name that differs only in case gets a hint in the
 * message); other columns are ignored and never read. Values may be stored natively, or as strings
 * read by {@link ValueParser} exactly like CSV cells:
 *
 * <table>
 *   <caption>Parquet types accepted per canonical type</caption>
 *   <tr><th>canonical</th><th>Parquet</th></tr>
 *   <tr><td>string</td><td>string (BINARY), INT32, INT64 (read as their decimal text)</td></tr>
 *   <tr><td>enum</td><td>string</td></tr>
 *   <tr><td>integer</td><td>INT32, INT64, DECIMAL, DOUBLE, FLOAT (whole values), string</td></tr>
 *   <tr><td>decimal</td><td>INT32, INT64, DECIMAL, DOUBLE, FLOAT, string</td></tr>
 *   <tr><td>date</td><td>DATE, TIMESTAMP (its date in the zone), INT96, string</td></tr>
 *   <tr><td>timestamp</td><td>TIMESTAMP (MILLIS, MICROS, NANOS; UTC = instant, local = read in the
 *       zone), INT96 (instant), DATE (start of day in the zone), string</td></tr>
 *   <tr><td>boolean</td><td>BOOLEAN, INT32, INT64 (through the boolean spellings), string</td></tr>
 * </table>
 *
 * <p>A column of the NULL type (pyarrow's all-null column) fits any canonical type. Null, a blank
 * string and a floating-point NaN are blank. Pages may be UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW
 * or LZ4, in format v1 or v2, with any encoding parquet-java reads.
 *
 * <p>Errors when opening, as {@link DataProblemException} naming the file: not Parquet (with a
 * hint when it looks like CSV or gzip), cut off, encrypted, a damaged footer, a required column
 * missing (the message lists the columns found), a column whose Parquet type cannot hold its
 * canonical type ({@code usage.parquet: column 'quantity' has Parquet type BOOLEAN (expected a
 * whole number: ...)}), an unsupported compression. A value that cannot be read as asked throws
 * {@link DataProblemException} at {@link #location()}, worded as {@link CsvCursor} words it. Pages
 * that cannot be decoded throw {@link InvalidDataException}, which is not a row problem: the rest
 * of the file is unreadable and the cursor ends.
 *
 * <p>Each column decodes one page at a time, the whole page at once, into primitive arrays (strings
 * stay dictionary ids or offsets into the page), so memory stays at a page per column whatever the
 * row-group size, and the accessors are array reads. Not thread-safe.
 *
 * <p>{@link #fileHash()}: the cursor seeks and reads only the footer and the column chunks of
 * the mapped columns, so no stream of the whole file passes by to hash on the way. When asked,
 * the whole file is read once more through the channel this cursor opened, sequentially in 1 MB
 * positional reads into one heap buffer that is hashed as it fills (mapping the file would save
 * a copy but no read, and keeps the file mapped until a garbage collection). The file is usually
 * still in the page cache from the read of its rows, and Parquet files are small (about 3 bytes
 * a usage row), so this costs a few milliseconds per million rows; callers that do not ask pay
 * nothing.
 *
 * <pre>{@code
 * int accountId = Source.USAGE.columnNames().indexOf("account_id");
 * try (RecordCursor rows = new ParquetCursor(book.resolve("usage.parquet"), SourceMapping.defaults(Source.USAGE))) {
 *     while (rows.next()) {
 *         long account = rows.hash(accountId);
 *     }
 * }
 * }</pre>
 */
public final class ParquetCursor implements RecordCursor {
    private static final int HASH_BUFFER_BYTES = 1 << 20;

    private final String fileName;
    private final Source source;
    private final FileChannel channel;
    private final ParquetColumn[] columns;
    private final ParquetColumn[] present;
    private final List<RowGroup> groups;
    private final ParsedVersion writer;
    private final ParquetCodecs codecs = new ParquetCodecs();
    private final long rowCount;

    private int group = -1;
    private long groupRemaining;
    private long rowsBefore;
    private int batchLength;
    private int pos = -1;
    private FileHash hash;

    /**
     * Opens {@code file} and resolves its columns; the file name in messages is the file's own name,
     * prefixed by its folder when that folder is the source's part-file folder ({@code usage/part-1.parquet}).
     *
     * @throws DataProblemException if the file is not readable Parquet or its columns do not fit the source
     * @throws IOException if the file cannot be read
     */
    public ParquetCursor(Path file, SourceMapping mapping) throws IOException {
        this(file, displayName(file, mapping.source()), mapping);
    }

    /**
     * Opens {@code file}, naming it {@code fileName} in messages.
     *
     * @throws DataProblemException if the file is not readable Parquet or its columns do not fit the source
     * @throws IOException if the file cannot be read
     */
    public ParquetCursor(Path file, String fileName, SourceMapping mapping) throws IOException {
        this.fileName = fileName;
        this.source = mapping.source();
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            ParquetFooter footer = ParquetFooter.read(ch, fileName);
            this.columns = resolve(footer, mapping);
            List<ParquetColumn> found = new ArrayList<>();
            for (ParquetColumn c : columns) {
                if (c != null) {
                    found.add(c);
                }
            }
            this.present = found.toArray(new ParquetColumn[0]);
            List<RowGroup> nonEmpty = new ArrayList<>();
            long rows = 0;
            for (RowGroup g : footer.meta.getRow_groups()) {
                if (g.getNum_rows() > 0) {
                    checkChunks(g);
                    nonEmpty.add(g);
                    rows += g.getNum_rows();
                }
            }
            this.groups = List.copyOf(nonEmpty);
            this.rowCount = rows;
            this.writer = writerVersion(footer.meta.getCreated_by());
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        this.channel = ch;
    }

    private ParquetColumn[] resolve(ParquetFooter footer, SourceMapping mapping) {
        List<ColumnSpec> specs = source.columns();
        List<String> names = footer.fields.stream().map(ParquetFooter.Field::name).toList();
        ParquetFooter.Field[] matched = new ParquetFooter.Field[specs.size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            ColumnSpec spec = specs.get(i);
            String wanted = mapping.fileColumn(spec.name());
            int found = names.indexOf(wanted);
            if (found >= 0 && names.lastIndexOf(wanted) != found) {
                throw new DataProblemException(fileName, "has two columns named '" + wanted + "' (columns "
                        + (found + 1) + " and " + (names.lastIndexOf(wanted) + 1) + "); rename or remove one");
            }
            matched[i] = found < 0 ? null : footer.fields.get(found);
            if (found < 0 && spec.required()) {
                StringBuilder m = new StringBuilder("'").append(spec.name()).append('\'');
                if (!wanted.equals(spec.name())) {
                    m.append(" (mapped from '").append(wanted).append("')");
                }
                for (String name : names) {
                    if (normalized(name).equals(normalized(wanted))) {
                        m.append(" (the file has '").append(Texts.cut(name)).append("', which differs in case or spaces)");
                        break;
                    }
                }
                missing.add(m.toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new DataProblemException(fileName, "missing required column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + "; the file has columns: "
                    + (names.isEmpty() ? "none" : Texts.list(names, 40)));
        }
        ValueParser parser = new ValueParser(mapping.formats());
        ParquetColumn[] result = new ParquetColumn[specs.size()];
        for (int i = 0; i < specs.size(); i++) {
            ParquetFooter.Field f = matched[i];
            if (f == null) {
                continue;
            }
            ColumnSpec spec = specs.get(i);
            if (!f.type().canHold(spec.type())) {
                throw new DataProblemException(fileName, "column " + label(spec.name(), f.name())
                        + " has Parquet type " + f.type() + " (expected " + ParquetColumnType.expected(spec.type())
                        + ")");
            }
            result[i] = new ParquetColumn(this, parser, i, spec, f.name(), f.type(), f.leaf());
        }
        return result;
    }

    private static String normalized(String name) {
        return name.replaceAll("[\\s_]+", "").toLowerCase(Locale.ROOT);
    }

    private void checkChunks(RowGroup g) {
        for (ParquetColumn c : present) {
            if (!c.needsPages()) {
                continue;
            }
            ColumnChunk chunk = chunk(g, c);
            if (chunk.isSetFile_path() || chunk.isSetCrypto_metadata()) {
                throw new DataProblemException(fileName, "column " + label(c.spec.name(), c.fileColumn)
                        + (chunk.isSetFile_path() ? " keeps its data in another file ('" + chunk.getFile_path()
                        + "'), which cannot be read" : " is encrypted, which cannot be read"));
            }
            String unsupported = ParquetCodecs.check(chunk.getMeta_data().getCodec());
            if (unsupported != null) {
                throw new DataProblemException(fileName, "column " + label(c.spec.name(), c.fileColumn) + " "
                        + unsupported);
            }
            if (chunk.getMeta_data().getNum_values() != g.getNum_rows()) {
                throw ParquetFooter.damaged(fileName, "column " + label(c.spec.name(), c.fileColumn) + " has "
                        + chunk.getMeta_data().getNum_values() + " values in a row group of " + g.getNum_rows()
                        + " rows");
            }
        }
    }

    private ColumnChunk chunk(RowGroup g, ParquetColumn c) {
        List<ColumnChunk> chunks = g.getColumns();
        ColumnChunk chunk = c.leaf < chunks.size() ? chunks.get(c.leaf) : null;
        ColumnMetaData meta = chunk == null ? null : chunk.getMeta_data();
        if (meta == null || !List.of(c.fileColumn).equals(meta.getPath_in_schema())) {
            throw ParquetFooter.damaged(fileName, "a row group does not hold column '" + c.fileColumn
                    + "' where its schema says");
        }
        return chunk;
    }

    private static ParsedVersion writerVersion(String createdBy) {
        if (createdBy == null) {
            return null;
        }
        try {
            return VersionParser.parse(createdBy);
        } catch (VersionParser.VersionParseException | RuntimeException e) {
            return null; // only used to work around bugs of old parquet-mr writers
        }
    }

    private static String displayName(Path file, Source source) {
        Path name = file.getFileName();
        Path parent = file.getParent();
        if (parent != null && parent.getFileName() != null
                && parent.getFileName().toString().equals(source.fileStem())) {
            return parent.getFileName() + "/" + name;
        }
        return String.valueOf(name);
    }

    /** {@code 'occurred_at'}, or {@code 'occurred_at' ('Time')} where the mapping renames it, as CsvCursor says. */
    private static String label(String canonical, String fileColumn) {
        return fileColumn.equals(canonical) ? "'" + canonical + "'" : "'" + canonical + "' ('" + fileColumn + "')";
    }

    /** The number of rows in the file, from its footer. */
    public long rowCount() {
        return rowCount;
    }

    @Override
    public boolean next() throws IOException {
        if (++pos < batchLength) {
            return true;
        }
        return nextBatch();
    }

    /**
     * Moves to the next batch: the rows up to the nearest end of a page among the columns, so that
     * every column serves the batch from the one page it has decoded.
     */
    private boolean nextBatch() throws IOException {
        rowsBefore += batchLength;
        batchLength = 0;
        pos = 0;
        while (groupRemaining == 0) {
            if (!openNextGroup()) {
                return false;
            }
        }
        int n = (int) Math.min(groupRemaining, Integer.MAX_VALUE);
        for (ParquetColumn c : present) {
            try {
                n = Math.min(n, c.available());
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } catch (RuntimeException e) {
                throw undecodable(c, e);
            }
        }
        for (ParquetColumn c : present) {
            c.take(n);
        }
        groupRemaining -= n;
        batchLength = n;
        return true;
    }

    private boolean openNextGroup() throws IOException {
        for (ParquetColumn c : present) {
            c.close();
        }
        if (group + 1 >= groups.size()) {
            group = groups.size();
            return false;
        }
        RowGroup g = groups.get(++group);
        groupRemaining = g.getNum_rows();
        for (ParquetColumn c : present) {
            if (!c.needsPages()) {
                continue;
            }
            try {
                c.open(new ParquetChunk(channel, chunk(g, c).getMeta_data(), codecs, c.buffers), writer);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } catch (RuntimeException e) {
                throw undecodable(c, e);
            }
        }
        return true;
    }

    private InvalidDataException undecodable(ParquetColumn c, RuntimeException e) {
        long first = rowsBefore + 1;
        long last = rowsBefore + groupRemaining;
        group = groups.size();
        groupRemaining = 0;
        batchLength = 0;
        return new InvalidDataException(fileName + " rows " + Texts.grouped(first) + " to " + Texts.grouped(last)
                + ": column " + label(c.spec.name(), c.fileColumn) + " cannot be decoded (" + e.getMessage()
                + "); the file is damaged or uses a Parquet feature this reader does not support", e);
    }

    @Override
    public String fileName() {
        return fileName;
    }

    @Override
    public String location() {
        return fileName + " row " + Texts.grouped(rowsBefore + pos + 1);
    }

    @Override
    public boolean present(int column) {
        return columns[column] != null;
    }

    // The accessors read the column's arrays directly for the usual stored types, and call the
    // column otherwise: small enough to be inlined into a caller's loop over the rows.

    @Override
    public boolean isBlank(int column) {
        ParquetColumn c = columns[column];
        if (c == null) {
            return true;
        }
        long[] hashes = c.pageHashes;
        if (hashes != null) {
            return hashes[c.base + pos] == 0;
        }
        if (c.longValues) {
            return c.nulls[c.base + pos];
        }
        return c.isBlank(pos);
    }

    @Override
    public String text(int column) {
        ParquetColumn c = columns[column];
        return c == null ? null : c.text(pos);
    }

    /** {@inheritDoc} Returns 0 when the value is blank or the column absent. */
    @Override
    public long hash(int column) {
        ParquetColumn c = columns[column];
        if (c == null) {
            return 0;
        }
        long[] hashes = c.pageHashes;
        return hashes != null ? hashes[c.base + pos] : c.hash(pos);
    }

    @Override
    public long integer(int column) {
        ParquetColumn c = columns[column];
        if (c != null && c.signedInt) {
            int i = c.base + pos;
            if (!c.nulls[i]) {
                return c.longs[i];
            }
        }
        return column(column).integer(pos);
    }

    @Override
    public double decimal(int column) {
        return column(column).decimal(pos);
    }

    @Override
    public boolean bool(int column) {
        return column(column).bool(pos);
    }

    @Override
    public long epochSecond(int column) {
        ParquetColumn c = columns[column];
        if (c != null && c.utcMicros) {
            int i = c.base + pos;
            if (!c.nulls[i]) {
                return Math.floorDiv(c.longs[i], 1_000_000L);
            }
        }
        return column(column).epochSecond(pos);
    }

    @Override
    public long epochDay(int column) {
        return column(column).epochDay(pos);
    }

    private ParquetColumn column(int column) {
        ParquetColumn c = columns[column];
        if (c == null) {
            throw problem(column, "is blank (expected " + switch (source.columns().get(column).type()) {
                case INTEGER -> "a whole number";
                case DECIMAL -> "a number";
                case BOOLEAN -> "a boolean";
                case DATE -> "a date";
                case TIMESTAMP -> "a timestamp";
                default -> "a value";
            } + ")");
        }
        return c;
    }

    /** The mapped columns in canonical order as one CSV line; an absent column is an empty field. */
    @Override
    public String rawRow() {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            if (columns[i] != null && pos >= 0 && pos < batchLength) {
                appendCsv(line, columns[i].raw(pos));
            }
        }
        return line.toString();
    }

    private static void appendCsv(StringBuilder line, String value) {
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char ch = value.charAt(i);
            quote = ch == ',' || ch == '"' || ch == '\n' || ch == '\r';
        }
        if (!quote) {
            line.append(value);
            return;
        }
        line.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    /**
     * {@inheritDoc}
     *
     * <p>As {@link CsvCursor} words it: {@code usage.parquet row 17: column 'occurred_at' ('Time') value
     * '3/32/2025 10:00' is not a timestamp (...)}; a blank value is left out: {@code column 'account_id'
     * is blank}. {@code expected} follows the value, e.g. {@code is not a whole number}.
     */
    @Override
    public DataProblemException problem(int column, String expected) {
        ColumnSpec spec = source.columns().get(column);
        ParquetColumn c = columns[column];
        String value = c != null && pos >= 0 && pos < batchLength ? c.text(pos) : null;
        return DataProblemException.ofValue(location(), spec.name(), c == null ? spec.name() : c.fileColumn, value,
                expected);
    }

    /** {@inheritDoc} See the class comment for how the file is read for it. */
    @Override
    public FileHash fileHash() throws IOException {
        if (hash == null) {
            MessageDigest digest = FileHash.newDigest();
            ByteBuffer buffer = ByteBuffer.allocate(HASH_BUFFER_BYTES);
            long at = 0;
            for (int n; (n = channel.read(buffer.clear(), at)) >= 0; ) {
                digest.update(buffer.array(), 0, n);
                at += n;
            }
            hash = FileHash.of(at, digest);
        }
        return hash;
    }

    @Override
    public void close() throws IOException {
        for (ParquetColumn c : present) {
            c.close();
        }
        channel.close();
    }
}
