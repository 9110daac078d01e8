package org.churnrisk.features.io.csv;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.churnrisk.features.io.mapping.CsvDialect;
import org.churnrisk.features.io.problems.DataProblemException;
import org.churnrisk.features.io.problems.Texts;

/**
 * Reads named columns of a CSV file that is not a source of the data contract, as trimmed text:
 * the tables a mapping's lookups read (a subscriptions or users export). Same bytes, quoting,
 * dialects, gzip and refusals as {@link CsvCursor}; the columns are whatever the mapping names.
 * Not thread-safe.
 *
 * <pre>{@code
 * try (CsvTable t = new CsvTable(file, "subscriptions.csv", List.of("id", "account_id"), CsvDialect.DEFAULT)) {
 *     while (t.next()) {
 *         map.put(t.text(0), t.text(1));
 *     }
 * }
 * }</pre>
 */
public final class CsvTable implements Closeable {
    private final String fileName;
    private final CsvInput input;
    private final CsvLexer lexer;
    private final List<String> header;
    private final int[] fields;

    /**
     * Opens a file and finds the columns in its header.
     *
     * @param columns the header names to read, in the order {@link #text(int)} numbers them
     * @throws DataProblemException if the file is empty, not CSV text, or lacks one of the columns
     *     (the message lists the columns it has)
     * @throws IOException          if it cannot be read
     */
    public CsvTable(Path file, String fileName, List<String> columns, CsvDialect dialect) throws IOException {
        this.fileName = fileName;
        if (Files.size(file) == 0) {
            throw new DataProblemException(fileName, "is empty (expected a header row with columns "
                    + String.join(", ", columns) + ")");
        }
        this.input = CsvInput.open(file, fileName, CsvCursor.DEFAULT_BUFFER_BYTES, false, dialect);
        boolean ok = false;
        try {
            this.lexer = new CsvLexer(input, fileName, dialect.delimiter());
            if (!lexer.next()) {
                throw new DataProblemException(fileName, "is empty (expected a header row with columns "
                        + String.join(", ", columns) + ")");
            }
            List<String> names = new ArrayList<>();
            for (int f = 0; f < lexer.fieldCount(); f++) {
                String name = field(f);
                names.add(name == null ? "" : name.replace("\uFEFF", ""));
            }
            this.header = List.copyOf(names);
            this.fields = new int[columns.size()];
            List<String> missing = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                fields[c] = header.indexOf(columns.get(c));
                if (fields[c] < 0) {
                    missing.add("'" + Texts.cut(columns.get(c)) + "'");
                }
            }
            if (!missing.isEmpty()) {
                throw new DataProblemException(fileName, "missing column" + (missing.size() > 1 ? "s " : " ")
                        + String.join(", ", missing) + "; the file has columns: " + Texts.list(header, 40)
                        + (header.size() == 1 ? CsvCursor.separatorHint(header.get(0), dialect.delimiter()) : ""));
            }
            lexer.skipBlankLines(true);
            ok = true;
        } finally {
            if (!ok) {
                input.close();
            }
        }
    }

    /**
     * Moves to the next row; false at the end.
     *
     * @throws DataProblemException for a row with another number of values than the header
     * @throws IOException          if the file cannot be read
     */
    public boolean next() throws IOException {
        if (!lexer.next()) {
            return false;
        }
        if (lexer.fieldCount() != header.size()) {
            throw new DataProblemException(location(), "has " + lexer.fieldCount() + " columns, the header has "
                    + header.size());
        }
        return true;
    }

    /** The trimmed value of the {@code i}-th column asked for; null when blank. */
    public String text(int i) {
        return field(fields[i]);
    }

    /** The file's header names, trimmed, in file order (a byte-order mark dropped); unmodifiable. */
    public List<String> header() {
        return header;
    }

    /** {@code subscriptions.csv line 12}. */
    public String location() {
        return CsvLexer.lineLocation(fileName, lexer.line());
    }

    /** The current row as the file holds it (decoded to UTF-8), for a rejects file. */
    public String rawRow() {
        return lexer.rawRow();
    }

    /** Bytes read from the file so far. */
    public long bytesRead() {
        return input.bytesRead();
    }

    /** The file's name in messages. */
    public String fileName() {
        return fileName;
    }

    @Override
    public void close() throws IOException {
        lexer.finish();
        input.close();
    }

    private String field(int f) {
        String s = lexer.text(f).strip();
        return s.isEmpty() ? null : s;
    }
}
