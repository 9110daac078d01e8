package org.churnrisk.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.extract.BookRows;
import org.churnrisk.features.extract.ChurnComparison;
import org.churnrisk.features.io.AccountChurnCursor;
import org.churnrisk.features.io.LookupTables;
import org.churnrisk.features.io.RecordCursor;
import org.churnrisk.features.io.mapping.BookConfig;
import org.churnrisk.features.io.problems.DataProblemException;
import org.churnrisk.features.io.problems.ReadStats;

/**
 * The rows of one partition (the accounts whose id hashes to it, and every row of theirs) as
 * {@link BookRows} for {@link org.churnrisk.features.extract.Extraction#runPart}: in file order,
 * through the mapping's value maps, with the whole book's answer to which sources it has. Rows
 * are read with the extractor's checks; the first bad one stops the run with its message, as
 * {@code churn score} does without {@code --skip-bad-rows}. Not thread-safe.
 */
final class PartRows implements BookRows {
    private final Map<Source, List<Rec>> rows = new EnumMap<>(Source.class);
    private final Set<Source> present;
    private final Map<Source, boolean[]> columns;
    private final BookConfig mapping;
    private final LookupTables values;
    private final ReadStats.Builder stats = ReadStats.builder();
    private final Map<String, Long> churnFromFile = new java.util.TreeMap<>();
    private final Map<String, Long> churnFromAccounts = new java.util.TreeMap<>();

    /**
     * @param present the sources the book has files for
     * @param columns per source, which canonical columns its files have
     * @param tables  each lookup's table, by {@link SparkBook#lookupKey}
     */
    PartRows(List<Rec> part, Set<Source> present, Map<Source, boolean[]> columns, BookConfig mapping,
             Map<String, Map<String, String>> tables) {
        for (Source s : Source.values()) {
            rows.put(s, new ArrayList<>());
        }
        List<Rec> sorted = new ArrayList<>(part);
        sorted.sort(Rec::compare);
        for (Rec r : sorted) {
            rows.get(Source.values()[r.source]).add(r);
        }
        this.present = present;
        this.columns = columns;
        this.mapping = mapping;
        // the value maps, and the lookups through the tables the driver read (SparkBook.loadLookups)
        this.values = LookupTables.loaded(mapping, SparkBook.lookupTables(mapping, tables));
    }

    @Override
    public boolean has(Source source) {
        return present.contains(source) || source == Source.CHURN && derivedChurn();
    }

    /** Whether churn comes from the account rows: from_accounts and no churn file. */
    private boolean derivedChurn() {
        return mapping.churnFromAccounts() != null && !present.contains(Source.CHURN)
                && present.contains(Source.ACCOUNTS);
    }

    @Override
    public boolean absent(Source source) {
        return !has(source);
    }

    @Override
    public void read(Source source, RowHandler handler) throws IOException {
        if (source == Source.CHURN && mapping.churnFromAccounts() != null && present.contains(Source.ACCOUNTS)) {
            readChurn(handler);
            return;
        }
        long accepted = 0;
        if (has(source)) {
            RecordCursor cursor = values.wrap(new TextCursor(source, mapping.mapping(source), columns.get(source),
                    rows.get(source)), mapping.mapping(source));
            while (cursor.next()) {
                handler.row(cursor);
                accepted++;
            }
        }
        stats.add(source, accepted, 0);
    }

    /**
     * Churn with {@code sources.churn.from_accounts}, as one machine reads it: from the account rows
     * when the book has no churn file; else from the churn file, keeping both sides' latest churn
     * day per account for the driver's disagreement note ({@link ChurnComparison}).
     */
    private void readChurn(RowHandler handler) throws IOException {
        if (derivedChurn()) {
            long accepted = 0;
            try (RecordCursor cursor = accountChurn()) {
                while (cursor.next()) {
                    handler.row(cursor);
                    accepted++;
                }
            }
            stats.add(Source.CHURN, accepted, 0);
            return;
        }
        long accepted = 0;
        RecordCursor cursor = values.wrap(new TextCursor(Source.CHURN, mapping.mapping(Source.CHURN),
                columns.get(Source.CHURN), rows.get(Source.CHURN)), mapping.mapping(Source.CHURN));
        while (cursor.next()) {
            handler.row(cursor);
            churnFromFile.merge(cursor.text(0), cursor.epochDay(1), Math::max);
            accepted++;
        }
        stats.add(Source.CHURN, accepted, 0);
        try (RecordCursor derived = accountChurn()) {
            while (true) {
                try {
                    if (!derived.next()) {
                        break;
                    }
                    churnFromAccounts.merge(derived.text(0), derived.epochDay(1), Math::max);
                } catch (DataProblemException e) {
                    // a bad flag or date: it disagrees with nothing; the churn file is used
                }
            }
        }
    }

    /** The churn rows of this partition's account rows (the date and flag cells after the canonical ones). */
    private RecordCursor accountChurn() {
        List<Rec> accounts = rows.get(Source.ACCOUNTS);
        int id = Source.ACCOUNTS.columnNames().indexOf("account_id");
        int extra = Source.ACCOUNTS.columns().size();
        return new AccountChurnCursor(new AccountChurnCursor.Rows() {
            private int at = -1;

            @Override
            public boolean next() {
                return ++at < accounts.size();
            }

            @Override
            public String text(int i) {
                String[] cells = accounts.get(at).cells;
                int c = i == 0 ? id : extra + i - 1;
                return c < cells.length ? TextCursor.trim(cells[c]) : null;
            }

            @Override
            public String fileName() {
                return at < 0 ? Source.ACCOUNTS.fileStem() : accounts.get(at).file;
            }

            @Override
            public String location() {
                return TextCursor.location(accounts.get(at));
            }

            @Override
            public String rawRow() {
                return String.join(",", java.util.Arrays.stream(accounts.get(at).cells)
                        .map(v -> v == null ? "" : v).toList());
            }

            @Override
            public long bytesRead() {
                return 0;
            }

            @Override
            public void close() {
            }
        }, mapping.mapping(Source.ACCOUNTS), mapping.churnFromAccounts());
    }

    /** With from_accounts and a churn file: each account's latest churn day in the churn file, and in its account row. */
    Map<String, Long> churnFromFile() {
        return churnFromFile;
    }

    Map<String, Long> churnFromAccounts() {
        return churnFromAccounts;
    }

    /** Rows read per source so far. */
    ReadStats stats() {
        return stats.build();
    }
}
