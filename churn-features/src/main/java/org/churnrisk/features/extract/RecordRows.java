package org.churnrisk.features.extract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.AccountHistory;
import org.churnrisk.features.io.RecordCursor;
import org.churnrisk.features.io.problems.DataProblemException;
import org.churnrisk.features.io.values.Hashing;

/**
 * Serves in-memory records as rows, so that a service's own data goes through exactly the same
 * validation and feature code as exported files.
 */
final class RecordRows implements BookRows {
    private final Map<Source, List<Object[]>> rows = new EnumMap<>(Source.class);
    private final ZoneId zone;

    RecordRows(List<AccountHistory> histories, ZoneId zone) {
        this.zone = zone;
        for (Source s : Source.values()) {
            rows.put(s, new ArrayList<>());
        }
        for (AccountHistory h : histories) {
            var a = h.account();
            rows.get(Source.ACCOUNTS).add(new Object[] {a.accountId(), a.accountName(), a.arr(), a.licensedSeats(),
                a.contractStart(), a.renewalDate(), a.tier(), a.csm(), a.ae()});
            String id = a.accountId();
            for (var c : h.contracts()) {
                rows.get(Source.CONTRACTS).add(new Object[] {own(id, c.accountId()), c.startDate(), c.endDate(), c.arr(),
                    c.seats(), c.plan()});
            }
            for (var c : h.churns()) {
                rows.get(Source.CHURN).add(new Object[] {own(id, c.accountId()), c.churnedAt(), c.reason()});
            }
            for (var u : h.usage()) {
                rows.get(Source.USAGE).add(new Object[] {own(id, u.accountId()), u.occurredAt(), u.userId(), u.event(),
                    u.quantity(), u.errors()});
            }
            for (var t : h.tickets()) {
                rows.get(Source.TICKETS).add(new Object[] {t.ticketId(), own(id, t.accountId()), t.createdAt(),
                    t.resolvedAt(), t.priority(), t.escalated(), t.satisfaction()});
            }
            for (var s : h.surveys()) {
                rows.get(Source.SURVEYS).add(new Object[] {own(id, s.accountId()), s.respondedAt(), s.kind(), s.score(),
                    s.respondent()});
            }
            for (var t : h.touchpoints()) {
                rows.get(Source.TOUCHPOINTS).add(new Object[] {own(id, t.accountId()), t.occurredAt(), t.kind()});
            }
        }
    }

    private static String own(String account, String recordAccount) {
        if (!account.equals(recordAccount)) {
            throw new org.churnrisk.core.InvalidDataException("a record of account '" + recordAccount
                    + "' is in the history of account '" + account + "'");
        }
        return recordAccount;
    }

    @Override
    public boolean has(Source source) {
        return !rows.get(source).isEmpty();
    }

    @Override
    public void read(Source source, RowHandler handler) {
        Cursor cursor = new Cursor(source, rows.get(source), zone);
        while (cursor.next()) {
            handler.row(cursor);
        }
    }

    private static final class Cursor implements RecordCursor {
        private final Source source;
        private final List<Object[]> rows;
        private final ZoneId zone;
        private int index = -1;
        private Object[] row;

        Cursor(Source source, List<Object[]> rows, ZoneId zone) {
            this.source = source;
            this.rows = rows;
            this.zone = zone;
        }

        @Override
        public boolean next() {
            if (++index >= rows.size()) {
                return false;
            }
            row = rows.get(index);
            return true;
        }

        @Override
        public String fileName() {
            return source.fileStem();
        }

        @Override
        public String location() {
            return source.fileStem() + " record " + String.format(Locale.ROOT, "%,d", index + 1);
        }

        @Override
        public boolean present(int column) {
            return true;
        }

        @Override
        public boolean isBlank(int column) {
            Object v = row[column];
            return v == null || v instanceof String s && s.isBlank();
        }

        @Override
        public String text(int column) {
            Object v = row[column];
            if (v == null) {
                return null;
            }
            return v instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : v.toString().trim();
        }

        @Override
        public long hash(int column) {
            return isBlank(column) ? 0 : Hashing.hash64(text(column));
        }

        @Override
        public long integer(int column) {
            return ((Number) row[column]).longValue();
        }

        @Override
        public double decimal(int column) {
            return ((Number) row[column]).doubleValue();
        }

        @Override
        public boolean bool(int column) {
            return (Boolean) row[column];
        }

        @Override
        public long epochSecond(int column) {
            Object v = row[column];
            return v instanceof Instant i ? i.getEpochSecond() : ((LocalDate) v).atStartOfDay(zone).toEpochSecond();
        }

        @Override
        public long epochDay(int column) {
            Object v = row[column];
            return v instanceof LocalDate d ? d.toEpochDay() : ((Instant) v).atZone(zone).toLocalDate().toEpochDay();
        }

        @Override
        public String rawRow() {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < row.length; i++) {
                cells.add(row[i] == null ? "" : text(i));
            }
            return cells.stream().collect(Collectors.joining(","));
        }

        @Override
        public DataProblemException problem(int column, String expected) {
            String name = source.columnNames().get(column);
            return DataProblemException.ofValue(location(), name, name, text(column), expected);
        }

        @Override
        public void close() {
        }
    }
}
