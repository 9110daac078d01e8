package org.churnrisk.features.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.csv.CsvTable;
import org.churnrisk.features.io.mapping.AccountChurn;
import org.churnrisk.features.io.mapping.SourceMapping;
import org.churnrisk.features.io.problems.DataProblemException;
import org.churnrisk.features.io.values.Hashing;
import org.churnrisk.features.io.values.ValueParser;

/**
 * The rows of an accounts CSV file that record a churn, as rows of the {@code churn} source
 * ({@code account_id}, {@code churned_at}, no {@code reason}): churn derived from a flag and a date
 * column of the account list ({@link AccountChurn}). Rows whose flag is false or blank (without a
 * flag: whose date is blank) are not churn rows and are passed over. A flag that is not a boolean
 * in the accounts' spellings is a problem of the row. Not thread-safe.
 */
public final class AccountChurnCursor implements RecordCursor {
    private static final int ACCOUNT = 0;
    private static final int DATE = 1;
    private static final int FLAG = 2;

    private final Rows table;
    private final SourceMapping accounts;
    private final AccountChurn churn;
    private final ValueParser parser;
    private final String[] fileColumns;

    /**
     * Opens one accounts file.
     *
     * @param accounts the accounts' mapping: its account_id column, dialect and value formats
     * @throws DataProblemException if the file lacks the account_id, date or flag column
     * @throws IOException          if it cannot be read
     */
    public AccountChurnCursor(Path file, String displayName, SourceMapping accounts, AccountChurn churn)
            throws IOException {
        this(rows(new CsvTable(file, displayName, columns(accounts, churn), accounts.dialect())), accounts, churn);
    }

    /** The accounts file's columns read: account_id, the churn date and the flag (when named). */
    private static List<String> columns(SourceMapping accounts, AccountChurn churn) {
        List<String> columns = new ArrayList<>(List.of(accounts.fileColumn("account_id"), churn.date()));
        if (churn.flag() != null) {
            columns.add(churn.flag());
        }
        return columns;
    }

    private static Rows rows(CsvTable csv) {
        return new Rows() {
            @Override
            public boolean next() throws IOException {
                return csv.next();
            }

            @Override
            public String text(int i) {
                return csv.text(i);
            }

            @Override
            public String fileName() {
                return csv.fileName();
            }

            @Override
            public String location() {
                return csv.location();
            }

            @Override
            public String rawRow() {
                return csv.rawRow();
            }

            @Override
            public long bytesRead() {
                return csv.bytesRead();
            }

            @Override
            public void close() throws IOException {
                csv.close();
            }
        };
    }

    /**
     * Churn rows of account rows read elsewhere (churn-spark's partitions), with the same checks.
     *
     * @param rows the account rows, each with its account_id, the churn date and (when {@code churn}
     *             names one) the flag as trimmed text, in that order
     */
    public AccountChurnCursor(Rows rows, SourceMapping accounts, AccountChurn churn) {
        this.accounts = accounts;
        this.churn = churn;
        this.parser = new ValueParser(accounts.formats());
        this.fileColumns = columns(accounts, churn).toArray(new String[0]);
        this.table = rows;
    }

    /** Account rows as this cursor reads them: the account_id, the date and the flag columns by index. */
    public interface Rows extends java.io.Closeable {
        boolean next() throws IOException;

        /** The trimmed value of column i (0 account_id, 1 date, 2 flag), or null when blank. */
        String text(int i);

        String fileName();

        String location();

        String rawRow();

        long bytesRead();
    }

    @Override
    public boolean next() throws IOException {
        while (table.next()) {
            if (churn.flag() == null) {
                if (table.text(DATE) != null) {
                    return true;
                }
                continue;
            }
            String flag = table.text(FLAG);
            if (flag == null) {
                continue;
            }
            byte[] bytes = flag.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int value = parser.bool(bytes, 0, bytes.length);
            if (value < 0) {
                throw DataProblemException.ofValue(location(), "churned", churn.flag(), flag, parser.booleanExpected()
                        + " (sources.churn.from_accounts.flag)");
            }
            if (value == 1) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String fileName() {
        return table.fileName();
    }

    @Override
    public String location() {
        return table.location();
    }

    @Override
    public boolean present(int column) {
        return column == ACCOUNT || column == DATE;
    }

    @Override
    public boolean isBlank(int column) {
        return text(column) == null;
    }

    @Override
    public String text(int column) {
        return column == ACCOUNT || column == DATE ? table.text(column) : null;
    }

    @Override
    public long hash(int column) {
        String text = text(column);
        return text == null ? 0 : Hashing.hash64(text);
    }

    @Override
    public long integer(int column) {
        throw problem(column, "is not a whole number");
    }

    @Override
    public double decimal(int column) {
        throw problem(column, "is not a number");
    }

    @Override
    public boolean bool(int column) {
        throw problem(column, "is not a boolean");
    }

    @Override
    public long epochSecond(int column) {
        throw problem(column, "is not a timestamp");
    }

    @Override
    public long epochDay(int column) {
        String text = text(column);
        if (text == null) {
            throw problem(column, "is blank (expected the churn date of an account flagged as churned)");
        }
        long day = parser.epochDay(text);
        if (day == ValueParser.INVALID) {
            throw problem(column, parser.dateExpected());
        }
        return day;
    }

    @Override
    public long bytesRead() {
        return table.bytesRead();
    }

    @Override
    public String rawRow() {
        return table.rawRow();
    }

    @Override
    public DataProblemException problem(int column, String expected) {
        String canonical = Source.CHURN.columnNames().get(column);
        String fileColumn = column < fileColumns.length ? fileColumns[column] : canonical;
        return DataProblemException.ofValue(location(), canonical, fileColumn, text(column), expected);
    }

    @Override
    public void close() throws IOException {
        table.close();
    }
}
