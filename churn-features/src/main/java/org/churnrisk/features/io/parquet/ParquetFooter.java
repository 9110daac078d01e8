package org.churnrisk.features.io.parquet;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Util;
import org.churnrisk.features.io.problems.DataProblemException;

/**
 * The footer of a Parquet file, read straight from the Thrift structures: the top-level columns
 * with their types and the row groups. Checks the PAR1 markers first so that a file that is not
 * Parquet at all gets a plain message instead of a Thrift error. Immutable after {@link #read}.
 */
final class ParquetFooter {

    private static final int MAGIC = 0x31524150; // "PAR1", little-endian
    private static final int ENCRYPTED_MAGIC = 0x45524150; // "PARE"
    /** Far above any real footer (thousands of row groups and columns); guards against a damaged length. */
    private static final int MAX_FOOTER_BYTES = 256 << 20;

    /** One top-level field of the schema, with the index of its first leaf column in each row group. */
    record Field(String name, ParquetColumnType type, int leaf) {
    }

    final FileMetaData meta;
    final List<Field> fields;

    private ParquetFooter(FileMetaData meta, List<Field> fields) {
        this.meta = meta;
        this.fields = List.copyOf(fields);
    }

    /**
     * Reads and checks the footer.
     *
     * @throws DataProblemException if the file is not Parquet, is cut off, encrypted or has a damaged footer
     * @throws IOException if the file cannot be read
     */
    static ParquetFooter read(FileChannel channel, String fileName) throws IOException {
        long size = channel.size();
        if (size < 12) {
            throw new DataProblemException(fileName, "is not a Parquet file: it is only " + size + " bytes long");
        }
        int head = readInt(channel, 0);
        if (head == ENCRYPTED_MAGIC) {
            throw new DataProblemException(fileName,
                    "is an encrypted Parquet file, which cannot be read; export it without encryption");
        }
        if (head != MAGIC) {
            throw new DataProblemException(fileName, "is not a Parquet file: it does not start with the marker PAR1"
                    + guess(head, fileName));
        }
        int footerLength = readInt(channel, size - 8);
        if (readInt(channel, size - 4) != MAGIC) {
            throw new DataProblemException(fileName, "is not a complete Parquet file: it does not end with the"
                    + " marker PAR1 (was it cut off while being written or copied?)");
        }
        if (footerLength <= 0 || footerLength > size - 12 || footerLength > MAX_FOOTER_BYTES) {
            throw damaged(fileName, "the footer length " + footerLength + " does not fit the file size " + size);
        }
        ByteBuffer footer = ByteBuffer.allocate(footerLength);
        readFully(channel, footer, size - 8 - footerLength);
        FileMetaData meta;
        try {
            meta = Util.readFileMetaData(new ByteArrayInputStream(footer.array()));
        } catch (IOException | RuntimeException e) {
            throw damaged(fileName, "its footer cannot be decoded (" + e.getMessage() + ")");
        }
        if (meta.isSetEncryption_algorithm()) {
            throw new DataProblemException(fileName,
                    "is an encrypted Parquet file, which cannot be read; export it without encryption");
        }
        return new ParquetFooter(meta, fields(meta.getSchema(), fileName));
    }

    private static List<Field> fields(List<SchemaElement> schema, String fileName) {
        if (schema == null || schema.isEmpty()) {
            throw damaged(fileName, "its footer has no schema");
        }
        List<Field> fields = new ArrayList<>();
        int[] next = {1};
        int leaves = 0;
        int children = schema.get(0).getNum_children();
        for (int i = 0; i < children; i++) {
            if (next[0] >= schema.size()) {
                throw damaged(fileName, "its schema lists fewer columns than it declares");
            }
            SchemaElement element = schema.get(next[0]);
            if (element.isSetNum_children()) {
                fields.add(new Field(element.getName(), ParquetColumnType.group(), -1));
                leaves += skipGroup(schema, next, fileName);
            } else {
                fields.add(new Field(element.getName(), ParquetColumnType.of(element), leaves));
                leaves++;
                next[0]++;
            }
        }
        return fields;
    }

    /** Moves past the group at {@code next[0]} and its descendants; returns how many leaves it holds. */
    private static int skipGroup(List<SchemaElement> schema, int[] next, String fileName) {
        SchemaElement group = schema.get(next[0]++);
        int leaves = 0;
        for (int i = 0; i < group.getNum_children(); i++) {
            if (next[0] >= schema.size()) {
                throw damaged(fileName, "its schema lists fewer columns than it declares");
            }
            if (schema.get(next[0]).isSetNum_children()) {
                leaves += skipGroup(schema, next, fileName);
            } else {
                leaves++;
                next[0]++;
            }
        }
        return leaves;
    }

    /** What a file that is not Parquet seems to be, from its first four bytes (read little-endian). */
    private static String guess(int head, String fileName) {
        String name = fileName.substring(fileName.lastIndexOf('/') + 1);
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".parquet")
                ? name.substring(0, name.length() - ".parquet".length()) : name;
        if ((head & 0xffff) == 0x8b1f) {
            return "; it is gzip data: if it is gzipped CSV, rename it to " + stem + ".csv.gz";
        }
        boolean text = (head & 0xffffff) == 0xbfbbef; // a UTF-8 byte-order mark
        for (int i = 0; i < 4 && !text; i++) {
            int b = head >>> (8 * i) & 0xff;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == 0x7f) {
                return "";
            }
            text = i == 3;
        }
        return "; it looks like text: if it is CSV, rename it to " + stem + ".csv";
    }

    static DataProblemException damaged(String fileName, String why) {
        return new DataProblemException(fileName, "is a damaged Parquet file: " + why);
    }

    private static int readInt(FileChannel channel, long position) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, b, position);
        return b.getInt(0);
    }

    static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int n = channel.read(into, at);
            if (n < 0) {
                throw new EOFException("unexpected end of file at byte " + at);
            }
            at += n;
        }
    }
}
