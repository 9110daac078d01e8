package org.churnrisk.features.init;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.contract.ColumnSpec;
import org.churnrisk.core.contract.ColumnType;
import org.churnrisk.core.contract.Source;

/**
 * A draft {@code churn.yaml} for a folder of exports never seen before: which file is which
 * source, which column is which, the date patterns, boolean spellings, value maps, CSV dialects and
 * lookups the values call for, each with its evidence as a comment, and a {@code # TODO} for what
 * could not be decided. Names are only candidates (synonym lists of the column names real tools
 * export); the sampled values decide (dates that parse, ids found among the accounts). Immutable.
 *
 * <pre>{@code
 * MappingDraft draft = MappingDraft.infer(Path.of("exports"), MappingDraft.DEFAULT_SAMPLE_ROWS);
 * draft.write(Path.of("exports/churn.yaml"));
 * draft.todos().forEach(System.out::println);
 * }</pre>
 *
 * @param yaml  the draft, ready to write
 * @param todos what it could not decide, one line each (also in the draft as {@code # TODO})
 */
public record MappingDraft(String yaml, List<String> todos) {
    /** Rows sampled per file unless told otherwise. */
    public static final int DEFAULT_SAMPLE_ROWS = 5_000;

    private static final List<Source> ORDER = List.of(Source.ACCOUNTS, Source.USAGE, Source.TICKETS, Source.SURVEYS,
            Source.TOUCHPOINTS, Source.CONTRACTS, Source.CHURN);
    private static final double MIN_OVERLAP = 0.9;

    public MappingDraft {
        todos = List.copyOf(todos);
    }

    /**
     * Looks at every file of {@code dir} (the first {@code sampleRows} rows of each) and drafts its mapping.
     *
     * @throws InvalidArgumentException if {@code dir} is not a directory or {@code sampleRows} is below 1
     * @throws IOException              if a file cannot be read
     */
    public static MappingDraft infer(Path dir, int sampleRows) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new InvalidArgumentException(dir + ": is not a directory (expected a folder of exports)");
        }
        if (sampleRows < 1) {
            throw new InvalidArgumentException("sample rows " + sampleRows + ": expected 1 or more");
        }
        return new Drafter(new ExportScanner(sampleRows).scan(dir)).draft();
    }

    /** Writes the draft to {@code file} through a temporary file renamed into place. */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The inference of one folder. */
    private static final class Drafter {
        private final List<Export> exports;
        private final Map<Source, Export> assigned = new LinkedHashMap<>();
        private final List<String> todos = new ArrayList<>();
        private final StringBuilder out = new StringBuilder();
        private final StringBuilder tables = new StringBuilder();
        private final Set<Export> usedAsTable = new HashSet<>();
        private Set<String> accountIds = Set.of();
        private boolean localTimes;
        private String loginEvent;

        Drafter(List<Export> exports) {
            this.exports = exports;
        }

        MappingDraft draft() {
            assign();
            StringBuilder body = new StringBuilder();
            body.append("sources:\n");
            Export accounts = assigned.get(Source.ACCOUNTS);
            for (Source source : ORDER) {
                Export e = assigned.get(source);
                if (e != null) {
                    body.append(source(source, e));
                } else if (source == Source.CHURN && accounts != null) {
                    body.append(churnFromAccounts(accounts));
                } else if (source == Source.ACCOUNTS || source == Source.USAGE) {
                    todo(body, "  ", "no export looks like " + source.fileStem() + " (required): add its file under"
                            + " sources." + source.fileStem());
                } else {
                    body.append("  # ").append(source.fileStem()).append(": no export found (optional)\n");
                }
            }
            out.append("# Draft mapping written by `churn init` (docs/mapping.md). Each guess is commented with its\n");
            out.append("# evidence from a sample of each file; check every TODO, then run churn validate.\n");
            out.append("zone: UTC");
            if (localTimes) {
                out.append("   # TODO: some times have no offset and are read as UTC; set the zone they were written in\n");
                todos.add("zone: some times have no offset and are read as UTC; set the zone they were written in");
            } else {
                out.append("\n");
            }
            out.append(body);
            if (!tables.isEmpty()) {
                out.append("tables:\n").append(tables);
            }
            if (loginEvent != null && !loginEvent.equals("login")) {
                out.append("features:\n  login_event: ").append(q(loginEvent))
                        .append("   # the event value that looks like a login\n");
            } else if (loginEvent == null && assigned.containsKey(Source.USAGE)) {
                todo(out, "", "no usage event looks like a login: set features.login_event (default login)");
            }
            for (Export e : exports) {
                if (!assigned.containsValue(e) && !usedAsTable.contains(e)) {
                    out.append("# not read: ").append(e.name).append(": ").append(e.problem != null ? e.problem
                            : "no source matches its columns (" + String.join(", ", e.header) + ")").append('\n');
                }
            }
            return new MappingDraft(out.toString(), todos);
        }

        // ---- which export is which source ------------------------------------------------------------------

        private void assign() {
            record Pair(Export export, Source source, double score) {
            }
            List<Pair> pairs = new ArrayList<>();
            for (Export e : exports) {
                if (e.problem != null && e.header.isEmpty()) {
                    continue;
                }
                for (Source s : ORDER) {
                    pairs.add(new Pair(e, s, score(e, s)));
                }
            }
            pairs.sort((a, b) -> Double.compare(b.score(), a.score()));
            for (Pair p : pairs) {
                if (p.score() >= 0.6 && !assigned.containsKey(p.source()) && !assigned.containsValue(p.export())) {
                    assigned.put(p.source(), p.export());
                }
            }
            Export accounts = assigned.get(Source.ACCOUNTS);
            if (accounts != null) {
                int id = match(accounts, Source.ACCOUNTS, "account_id", new HashSet<>());
                if (id >= 0) {
                    accountIds = accounts.distinctExact(id);
                }
            }
        }

        private static double score(Export e, Source s) {
            double max = 0;
            double got = 0;
            Set<Integer> used = new HashSet<>();
            for (ColumnSpec c : s.columns()) {
                double w = c.required() ? 2 : 1;
                max += w;
                if (match(e, s, c.name(), used) >= 0) {
                    got += w;
                }
            }
            double score = got / max;
            for (String token : e.name.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
                if (Synonyms.FILE_WORDS.get(s).contains(token)) {
                    score += 1.5;
                    break;
                }
            }
            return score;
        }

        /** The header index named like {@code column}, not in {@code used}; -1 if none. Adds it to {@code used}. */
        private static int match(Export e, Source s, String column, Set<Integer> used) {
            List<String> names = new ArrayList<>();
            names.add(Synonyms.normal(column));
            names.addAll(Synonyms.columns(s, column));
            for (boolean prefix : new boolean[] {false, true}) {
                for (String name : names) {
                    for (int i = 0; i < e.header.size(); i++) {
                        String raw = e.header.get(i);
                        String h = Synonyms.normal(raw);
                        // A JSON path is also named by its last field: properties.distinct_id is a distinct id.
                        String rawLeaf = e.format == Export.Format.JSONL ? leaf(raw) : raw;
                        String leaf = Synonyms.normal(rawLeaf);
                        // A prefix must end at a word: quantity's "times" names "times_used", not "timestamp".
                        boolean hit = prefix ? name.length() >= 5 && (Synonyms.startsWithWords(raw, name)
                                || rawLeaf != raw && Synonyms.startsWithWords(rawLeaf, name))
                                : h.equals(name) || leaf.equals(name);
                        if (hit && !used.contains(i)) {
                            used.add(i);
                            return i;
                        }
                    }
                }
            }
            return -1;
        }

        private static String leaf(String path) {
            return path.substring(path.lastIndexOf('.') + 1);
        }

        // ---- one source -------------------------------------------------------------------------------------

        private String source(Source source, Export e) {
            StringBuilder b = new StringBuilder();
            b.append("  ").append(source.fileStem()).append(":\n");
            b.append("    ").append(e.files.size() == 1 && e.name.equals(e.files.get(0)) ? "file: " + q(e.name)
                    : "files: [" + q(e.name) + "]");
            b.append(e.format == Export.Format.PARQUET ? "   # Parquet; columns from its schema\n"
                    : String.format(Locale.ROOT, "   # %s%s; evidence from %s%n",
                            e.format == Export.Format.JSONL ? "JSON Lines, columns as dotted paths; " : "",
                            e.files.size() > 1
                            ? e.files.size() + " files of the same shape" : "matched by its columns", e.sampleText()));
            if (e.problem != null) {
                todo(b, "    ", e.name + ": " + e.problem);
            }
            if (e.format == Export.Format.CSV) {
                if (e.delimiter != ',') {
                    b.append("    delimiter: ").append(q(String.valueOf(e.delimiter)))
                            .append("   # the header has more of these than commas\n");
                }
                if (!e.encoding.equals("utf-8")) {
                    b.append("    encoding: ").append(e.encoding)
                            .append("   # the bytes are not valid UTF-8\n");
                }
            }
            List<String> datePatterns = new ArrayList<>();
            List<String> timestampPatterns = new ArrayList<>();
            boolean[] excel = {false};
            List<List<String>> booleans = new ArrayList<>();
            StringBuilder columns = new StringBuilder();
            StringBuilder values = new StringBuilder();
            StringBuilder lookups = new StringBuilder();
            Set<Integer> used = new HashSet<>();
            for (ColumnSpec c : source.columns()) {
                column(source, e, c, used, columns, values, lookups, datePatterns, timestampPatterns, excel, booleans);
            }
            if (source == Source.ACCOUNTS && assigned.get(Source.CHURN) == null) {
                // from_accounts reads its date with the accounts' formats: find them now.
                churnColumns(e, used, datePatterns, excel, booleans);
            }
            if (excel[0]) {
                b.append("    excel_dates: true   # date values are Excel serial numbers\n");
            }
            if (!datePatterns.isEmpty()) {
                b.append("    date_patterns: [").append(String.join(", ", datePatterns.stream().map(MappingDraft::q)
                        .toList())).append("]\n");
            }
            if (!timestampPatterns.isEmpty()) {
                b.append("    timestamp_patterns: [").append(String.join(", ", timestampPatterns.stream()
                        .map(MappingDraft::q).toList())).append("]\n");
            }
            if (!booleans.isEmpty()) {
                b.append("    booleans: {true: [").append(q(booleans.get(0).get(0))).append("], false: [")
                        .append(q(booleans.get(1).get(0))).append("]}\n");
            }
            b.append("    columns:\n").append(columns);
            if (!values.isEmpty()) {
                b.append("    values:\n").append(values);
            }
            if (!lookups.isEmpty()) {
                b.append("    lookups:\n").append(lookups);
            }
            return b.toString();
        }

        private void column(Source source, Export e, ColumnSpec c, Set<Integer> used, StringBuilder columns,
                            StringBuilder values, StringBuilder lookups, List<String> datePatterns,
                            List<String> timestampPatterns, boolean[] excel, List<List<String>> booleans) {
            String name = c.name();
            boolean parquet = e.format == Export.Format.PARQUET;
            int i = match(e, source, name, used);
            String evidence = null;
            if (i >= 0 && name.equals("account_id") && source != Source.ACCOUNTS && !parquet && !accountIds.isEmpty()) {
                double overlap = Evidence.overlap(e.values(i), accountIds);
                if (overlap < MIN_OVERLAP) {
                    used.remove(i);
                    i = -1;
                } else {
                    evidence = percent(overlap) + " of its distinct values are account_ids of the accounts";
                }
            }
            if (i < 0 && name.equals("account_id") && source != Source.ACCOUNTS && !parquet) {
                i = byOverlap(e, used);
                if (i >= 0) {
                    evidence = percent(Evidence.overlap(e.values(i), accountIds))
                            + " of its distinct values are account_ids of the accounts (found by its values)";
                } else if (lookup(source, e, used, lookups)) {
                    return;
                }
            }
            if (i < 0) {
                if (c.required()) {
                    todo(columns, "      ", source.fileStem() + "." + name + ": no column found (the file has "
                            + String.join(", ", e.header) + ")");
                } else if (source == Source.ACCOUNTS && name.equals("arr") && !assigned.containsKey(Source.CONTRACTS)) {
                    todo(columns, "      ", "accounts.arr: no ARR column and no contracts export; add one of them");
                }
                return;
            }
            String header = e.header.get(i);
            List<String> sample = e.values(i);
            if (parquet) {
                evidence = "type " + e.parquetTypes.get(i) + " in the Parquet schema";
            } else if (evidence == null) {
                evidence = typeEvidence(source, e, c, i, sample, values, datePatterns, timestampPatterns, excel,
                        booleans);
                if (evidence == null) {
                    used.remove(i);
                    if (c.required()) {
                        todo(columns, "      ", source.fileStem() + "." + name + ": '" + header
                                + "' is named like it but its values do not fit; map the right column");
                    }
                    return;
                }
            }
            if (source == Source.USAGE && name.equals("event") && !parquet) {
                for (String v : e.distinct(i, 500).values()) {
                    String n = Synonyms.normal(v);
                    if (List.of("login", "signin", "logon", "loggedin", "userlogin", "signedin", "sessionstart")
                            .contains(n)) {
                        loginEvent = v;
                        break;
                    }
                }
            }
            columns.append("      ").append(name).append(": ").append(q(header)).append("   # ").append(evidence)
                    .append('\n');
        }

        /** Checks sampled values against the column's type; the evidence, or null when they do not fit. */
        private String typeEvidence(Source source, Export e, ColumnSpec c, int i, List<String> sample,
                                    StringBuilder values, List<String> datePatterns, List<String> timestampPatterns,
                                    boolean[] excel, List<List<String>> booleans) {
            String name = c.name();
            ColumnType type = c.type();
            if (sample.isEmpty()) {
                return "named like it; blank in " + e.sampleText();
            }
            switch (type) {
                case DATE, TIMESTAMP -> {
                    Evidence.Format f = Evidence.dateFormat(sample, type == ColumnType.TIMESTAMP);
                    if (f.parsed() < MIN_OVERLAP * f.total()) {
                        return null;
                    }
                    addFormat(f, datePatterns, timestampPatterns, excel);
                    if (type == ColumnType.TIMESTAMP && Evidence.hasLocalTimes(sample)) {
                        localTimes = true;
                    }
                    String text = f.text();
                    if (f.ambiguousWith() != null) {
                        todos.add(source.fileStem() + "." + name + ": every value also reads as " + f.ambiguousWith()
                                + "; check which one the export means");
                        text += "; TODO: every value also reads as " + f.ambiguousWith() + ", check which";
                    }
                    if (f.parsed() < f.total()) {
                        todos.add(source.fileStem() + "." + name + ": " + (f.total() - f.parsed())
                                + " sampled values do not parse as " + f.label());
                        text += "; TODO: the others do not";
                    }
                    return text;
                }
                case INTEGER, DECIMAL -> {
                    int ok = type == ColumnType.INTEGER ? Evidence.integers(sample) : Evidence.decimals(sample);
                    if (ok < MIN_OVERLAP * sample.size()) {
                        return null;
                    }
                    String text = String.format(Locale.ROOT, "%,d of %,d values are %s", ok, sample.size(),
                            type == ColumnType.INTEGER ? "whole numbers" : "numbers");
                    if (ok < sample.size()) {
                        todos.add(source.fileStem() + "." + name + ": " + (sample.size() - ok)
                                + " sampled values are not numbers");
                        text += "; TODO: the others are not";
                    }
                    return text;
                }
                case BOOLEAN -> {
                    Map<String, String> distinct = e.distinct(i, 10);
                    List<List<String>> spellings = Evidence.booleans(distinct);
                    if (spellings == null) {
                        todos.add(source.fileStem() + "." + name + ": values " + String.join(", ", distinct.values())
                                + " are not a known pair of true/false spellings: set booleans");
                        return "named like it; TODO: values " + String.join(", ", distinct.values())
                                + " are not a known true/false pair, set booleans";
                    }
                    if (!spellings.isEmpty()) {
                        booleans.clear();
                        booleans.addAll(spellings);
                    }
                    return "values " + String.join(", ", distinct.values()) + (spellings.isEmpty()
                            ? " (true/false spellings known by default)" : " (booleans set above)");
                }
                case ENUM -> {
                    return enumEvidence(source, name, e, i, values);
                }
                default -> {
                    return String.format(Locale.ROOT, "named like it; %,d distinct value(s) in %s",
                            e.distinct(i, 100_000).size(), e.sampleText());
                }
            }
        }

        private String enumEvidence(Source source, String name, Export e, int i, StringBuilder values) {
            List<String> canonical = switch (source) {
                case ACCOUNTS -> List.of("starter", "growth", "enterprise");
                case TICKETS -> List.of("low", "normal", "high", "urgent");
                case SURVEYS -> List.of("nps", "csat");
                default -> List.of("call", "email", "meeting", "qbr", "ebr");
            };
            Map<String, String> distinct = e.distinct(i, 50);
            if (distinct.size() > 50) {
                todos.add(source.fileStem() + "." + name + ": more than 50 distinct values; is it the right column?");
                return "TODO: more than 50 distinct values, check it is the right column";
            }
            Map<String, String> map = Evidence.valueMap(name, canonical, distinct);
            List<String> unmapped = new ArrayList<>();
            StringBuilder lines = new StringBuilder();
            for (Map.Entry<String, String> m : map.entrySet()) {
                if (m.getValue() == null) {
                    unmapped.add(m.getKey());
                } else {
                    lines.append("        ").append(q(m.getKey())).append(": ").append(m.getValue()).append('\n');
                }
            }
            if (!lines.isEmpty()) {
                values.append("      ").append(name).append(":   # ")
                        .append(name.equals("tier") ? "guessed from the plan words, smallest to largest; check it"
                                : "the export's spellings of " + String.join(", ", canonical))
                        .append('\n').append(lines);
            }
            String text = "values " + String.join(", ", distinct.values());
            if (!unmapped.isEmpty()) {
                String what = source.fileStem() + "." + name + ": no canonical value for " + String.join(", ", unmapped)
                        + " (expected one of " + String.join(", ", canonical) + "): add them under values." + name;
                todos.add(what);
                text += "; TODO: map " + String.join(", ", unmapped) + " under values." + name;
            }
            return text;
        }

        private static void addFormat(Evidence.Format f, List<String> datePatterns, List<String> timestampPatterns,
                                      boolean[] excel) {
            if (f.excel()) {
                excel[0] = true;
            } else if (f.pattern() != null) {
                List<String> list = f.datePattern() ? datePatterns : timestampPatterns;
                if (!list.contains(f.pattern())) {
                    list.add(f.pattern());
                }
            }
        }

        private int byOverlap(Export e, Set<Integer> used) {
            int best = -1;
            double bestOverlap = MIN_OVERLAP;
            for (int i = 0; i < e.header.size(); i++) {
                if (used.contains(i) || accountIds.isEmpty()) {
                    continue;
                }
                double o = Evidence.overlap(e.values(i), accountIds);
                if (o >= bestOverlap) {
                    best = i;
                    bestOverlap = o;
                }
            }
            if (best >= 0) {
                used.add(best);
            }
            return best;
        }

        /** account_id through another table of the folder: a column of {@code e} whose values are that table's keys. */
        private boolean lookup(Source source, Export e, Set<Integer> used, StringBuilder lookups) {
            if (accountIds.isEmpty()) {
                return false;
            }
            for (int on = 0; on < e.header.size(); on++) {
                if (used.contains(on) || e.values(on).isEmpty()) {
                    continue;
                }
                for (Export t : exports) {
                    if (t == e || t.format != Export.Format.CSV || t.problem != null || t == assigned.get(Source.ACCOUNTS)) {
                        continue;
                    }
                    for (int k = 0; k < t.header.size(); k++) {
                        double keys = Evidence.overlap(e.values(on), t.distinctExact(k));
                        if (keys < MIN_OVERLAP) {
                            continue;
                        }
                        for (int a = 0; a < t.header.size(); a++) {
                            if (a == k || Evidence.overlap(t.values(a), accountIds) < MIN_OVERLAP || !oneValue(t, k, a)) {
                                continue;
                            }
                            String table = t.name.replaceAll("\\.(csv|csv\\.gz)$", "").toLowerCase(Locale.ROOT)
                                    .replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
                            used.add(on);
                            lookups.append("      account_id: {table: ").append(table).append(", on: ")
                                    .append(q(e.header.get(on))).append(", key: id, value: account_id}   # ")
                                    .append(percent(keys)).append(" of '").append(e.header.get(on))
                                    .append("' values are '").append(t.header.get(k)).append("' keys of ")
                                    .append(t.name).append(", whose '").append(t.header.get(a))
                                    .append("' values are account_ids\n");
                            if (usedAsTable.add(t)) {
                                tables.append("  ").append(table).append(":\n    file: ").append(q(t.name)).append('\n');
                                if (t.delimiter != ',') {
                                    tables.append("    delimiter: ").append(q(String.valueOf(t.delimiter))).append('\n');
                                }
                                if (!t.encoding.equals("utf-8")) {
                                    tables.append("    encoding: ").append(t.encoding).append('\n');
                                }
                                tables.append("    columns: {id: ").append(q(t.header.get(k))).append(", account_id: ")
                                        .append(q(t.header.get(a))).append("}\n");
                            }
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        /** Whether every sampled key of column {@code k} of {@code t} gives one value of column {@code a}. */
        private static boolean oneValue(Export t, int k, int a) {
            List<String> keys = t.values.get(k);
            List<String> vals = t.values.get(a);
            if (keys.size() != t.rowsSampled || vals.size() != t.rowsSampled) {
                return false;
            }
            Map<String, String> seen = new LinkedHashMap<>();
            for (int r = 0; r < keys.size(); r++) {
                String prev = seen.putIfAbsent(keys.get(r), vals.get(r));
                if (prev != null && !prev.equals(vals.get(r))) {
                    return false;
                }
            }
            return true;
        }

        // ---- churn on the account rows ----------------------------------------------------------------------

        private String churnFlag;
        private String churnDate;
        private String churnEvidence;

        private void churnColumns(Export e, Set<Integer> used, List<String> datePatterns, boolean[] excel,
                                  List<List<String>> booleans) {
            for (int i = 0; i < e.header.size() && churnDate == null; i++) {
                if (used.contains(i) || !Synonyms.CHURN_DATE.contains(Synonyms.normal(e.header.get(i)))) {
                    continue;
                }
                Evidence.Format f = Evidence.dateFormat(e.values(i), false);
                if (f == null || f.parsed() == f.total()) {
                    churnDate = e.header.get(i);
                    churnEvidence = "'" + churnDate + "': " + (f == null ? "blank in the sample" : f.text());
                    if (f != null) {
                        addFormat(f, datePatterns, new ArrayList<>(), excel);
                    }
                    used.add(i);
                }
            }
            for (int i = 0; i < e.header.size() && churnDate != null && churnFlag == null; i++) {
                if (used.contains(i) || !Synonyms.CHURN_FLAG.contains(Synonyms.normal(e.header.get(i)))) {
                    continue;
                }
                Map<String, String> distinct = e.distinct(i, 10);
                List<List<String>> spellings = Evidence.booleans(distinct);
                if (spellings != null && (booleans.isEmpty() || spellings.isEmpty() || spellings.equals(booleans))) {
                    churnFlag = e.header.get(i);
                    churnEvidence += "; '" + churnFlag + "': values " + String.join(", ", distinct.values());
                    if (!spellings.isEmpty()) {
                        booleans.clear();
                        booleans.addAll(spellings);
                    }
                    used.add(i);
                }
            }
        }

        private String churnFromAccounts(Export accounts) {
            StringBuilder b = new StringBuilder();
            if (churnDate == null) {
                todo(b, "  ", "no churn export and no churn date on the account rows: training needs one"
                        + " (sources.churn, or sources.churn.from_accounts)");
                return b.toString();
            }
            b.append("  churn:   # no churn export; the account rows of ").append(accounts.name)
                    .append(" carry it: ").append(churnEvidence).append('\n');
            b.append("    from_accounts: {");
            if (churnFlag != null) {
                b.append("flag: ").append(q(churnFlag)).append(", ");
            }
            b.append("date: ").append(q(churnDate)).append("}\n");
            return b.toString();
        }

        private void todo(StringBuilder b, String indent, String what) {
            todos.add(what);
            b.append(indent).append("# TODO: ").append(what).append('\n');
        }
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }

    /** A YAML double-quoted scalar. */
    static String q(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
