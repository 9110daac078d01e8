package org.churnrisk.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.extract.BookRows;
import org.churnrisk.features.io.LookupTables;
import org.churnrisk.features.io.RecordCursor;
import org.churnrisk.features.io.mapping.BookConfig;
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
        return present.contains(source);
    }

    @Override
    public boolean absent(Source source) {
        return !has(source);
    }

    @Override
    public void read(Source source, RowHandler handler) throws IOException {
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

    /** Rows read per source so far. */
    ReadStats stats() {
        return stats.build();
    }
}
