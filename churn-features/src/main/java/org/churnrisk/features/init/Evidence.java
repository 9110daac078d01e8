package org.churnrisk.features.init;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.churnrisk.features.io.values.ValueFormats;
import org.churnrisk.features.io.values.ValueParser;

/** What sampled values say about a column: the date or time format they parse in, booleans, enum spellings. */
final class Evidence {
    private Evidence() {
    }

    /** A format that reads a column: {@code pattern} null for ISO-8601, {@code excel} for serial numbers. */
    record Format(String pattern, boolean datePattern, boolean excel, int parsed, int total, String ambiguousWith) {
        String label() {
            return excel ? "Excel serial dates" : pattern == null ? "ISO-8601"
                    : pattern.equals(ValueParser.EPOCH_SECONDS) ? "seconds since the epoch"
                    : pattern.equals(ValueParser.EPOCH_MILLIS) ? "milliseconds since the epoch" : pattern;
        }

        String text() {
            return String.format(Locale.ROOT, "%,d of %,d values parse as %s", parsed, total, label());
        }
    }

    /** Epoch numbers taken for times only from 1990 to 2100, so that ids, counts and yyyyMMdd dates are not. */
    private static final long EPOCH_FROM = 631_152_000L;
    private static final long EPOCH_TO = 4_102_444_800L;

    private static final List<String> DATE_PATTERNS = List.of("M/d/yyyy", "d/M/yyyy", "d.M.yyyy", "yyyy/M/d",
            "d-M-yyyy", "yyyyMMdd", "d MMM yyyy", "MMM d yyyy", "d-MMM-yyyy");
    private static final List<String> TIMESTAMP_PATTERNS = List.of("yyyy-MM-dd H:mm", "yyyy-MM-dd H:mm:ss",
            "M/d/yyyy H:mm", "M/d/yyyy H:mm:ss", "M/d/yyyy h:mm a", "M/d/yyyy h:mm:ss a", "d/M/yyyy H:mm",
            "d/M/yyyy H:mm:ss", "d.M.yyyy H:mm", "d.M.yyyy H:mm:ss", "yyyy/MM/dd H:mm:ss", "yyyy/MM/dd H:mm",
            "MMM d, yyyy h:mm a", "MMM d, yyyy H:mm");

    /** The first format that reads the most values (ISO-8601 when it reads them all); null for no values. */
    static Format dateFormat(List<String> values, boolean timestamp) {
        if (values.isEmpty()) {
            return null;
        }
        List<Format> tried = new ArrayList<>();
        tried.add(count(values, timestamp, null, true, false));
        if (timestamp) {
            for (String p : TIMESTAMP_PATTERNS) {
                tried.add(count(values, true, p, false, false));
            }
        }
        for (String p : DATE_PATTERNS) {
            tried.add(count(values, timestamp, p, true, false));
        }
        tried.add(count(values, timestamp, null, true, true));
        if (timestamp) {
            tried.add(epoch(values, ValueParser.EPOCH_SECONDS, 1));
            tried.add(epoch(values, ValueParser.EPOCH_MILLIS, 1000));
        }
        Format best = tried.get(0);
        for (Format f : tried) {
            if (f.parsed() > best.parsed()) {
                best = f;
            }
        }
        if (best.pattern() != null && best.pattern().contains("M/d")) {
            String swapped = best.pattern().replace("M/d", "d/M");
            for (Format f : tried) {
                if (swapped.equals(f.pattern()) && f.parsed() == best.parsed()) {
                    return new Format(best.pattern(), best.datePattern(), false, best.parsed(), best.total(),
                            swapped);
                }
            }
        }
        return best;
    }

    private static Format count(List<String> values, boolean timestamp, String pattern, boolean date, boolean excel) {
        List<String> dates = pattern != null && date ? List.of(pattern) : List.of();
        List<String> times = pattern != null && !date ? List.of(pattern) : List.of();
        ValueParser parser;
        try {
            parser = new ValueParser(new ValueFormats(ZoneOffset.UTC, dates, times, ValueFormats.DEFAULT.trueSpellings(),
                    ValueFormats.DEFAULT.falseSpellings(), excel));
        } catch (RuntimeException e) {
            return new Format(pattern, date, excel, 0, values.size(), null);
        }
        int ok = 0;
        for (String v : values) {
            long t = timestamp ? parser.epochSecond(v) : parser.epochDay(v);
            if (t != ValueParser.INVALID) {
                ok++;
            }
        }
        return new Format(pattern, date, excel, ok, values.size(), null);
    }

    /**
     * How many values are numbers of seconds (or milliseconds, {@code unit} 1000) since the epoch
     * that fall from 1990 to 2100 and that the reader takes with {@code pattern}.
     */
    private static Format epoch(List<String> values, String pattern, long unit) {
        ValueParser parser = new ValueParser(new ValueFormats(ZoneOffset.UTC, List.of(), List.of(pattern),
                ValueFormats.DEFAULT.trueSpellings(), ValueFormats.DEFAULT.falseSpellings(), false));
        int ok = 0;
        for (String v : values) {
            double n;
            try {
                n = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                continue;
            }
            if (n >= EPOCH_FROM * unit && n < EPOCH_TO * unit && parser.epochSecond(v) != ValueParser.INVALID) {
                ok++;
            }
        }
        return new Format(pattern, false, false, ok, values.size(), null);
    }

    /** Whether some value holds a time of day without a zone or offset (read in the mapping's zone). */
    static boolean hasLocalTimes(List<String> values) {
        Pattern time = Pattern.compile("\\d{1,2}:\\d{2}");
        Pattern offset = Pattern.compile("(Z|[+-]\\d{2}(:?\\d{2})?)$");
        for (String v : values) {
            if (time.matcher(v).find() && !offset.matcher(v.strip()).find()) {
                return true;
            }
        }
        return false;
    }

    static int integers(List<String> values) {
        ValueParser parser = new ValueParser(ValueFormats.DEFAULT);
        int ok = 0;
        for (String v : values) {
            if (parser.integer(v) != ValueParser.INVALID) {
                ok++;
            }
        }
        return ok;
    }

    static int decimals(List<String> values) {
        ValueParser parser = new ValueParser(ValueFormats.DEFAULT);
        int ok = 0;
        for (String v : values) {
            if (!Double.isNaN(parser.decimal(v))) {
                ok++;
            }
        }
        return ok;
    }

    /** The share of {@code values} (distinct) found in {@code keys}; 0 for no values. */
    static double overlap(Collection<String> values, Set<String> keys) {
        Set<String> distinct = new HashSet<>(values);
        if (distinct.isEmpty()) {
            return 0;
        }
        int found = 0;
        for (String v : distinct) {
            if (keys.contains(v)) {
                found++;
            }
        }
        return (double) found / distinct.size();
    }

    /**
     * The spellings of true and false that cover every distinct value, as {@code [trues, falses]}; an
     * empty list when the defaults cover them; null when no known pair does.
     */
    static List<List<String>> booleans(Map<String, String> distinct) {
        Set<String> defaults = Set.of("true", "yes", "y", "1", "false", "no", "n", "0");
        if (defaults.containsAll(distinct.keySet())) {
            return List.of();
        }
        for (List<String> pair : Synonyms.BOOLEAN_PAIRS) {
            if (pair.containsAll(distinct.keySet())) {
                String t = distinct.getOrDefault(pair.get(0), capitalised(pair.get(0), distinct));
                String f = distinct.getOrDefault(pair.get(1), capitalised(pair.get(1), distinct));
                return List.of(List.of(t), List.of(f));
            }
        }
        return null;
    }

    private static String capitalised(String word, Map<String, String> seen) {
        boolean upperFirst = seen.values().stream().anyMatch(v -> !v.isEmpty() && Character.isUpperCase(v.charAt(0)));
        return upperFirst ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word;
    }

    private static final Pattern LEVEL = Pattern.compile("^(p|sev|s|prio|priority|level)(\\d)$");

    /**
     * A value map for an enum column: per spelling that is not canonical (lower-cased key, first
     * spelling seen), the canonical value, or null where no guess is made.
     */
    static Map<String, String> valueMap(String column, List<String> canonical, Map<String, String> distinct) {
        Map<String, String> map = new LinkedHashMap<>();
        int minLevel = Integer.MAX_VALUE;
        for (String lower : distinct.keySet()) {
            Matcher m = LEVEL.matcher(Synonyms.normal(lower));
            if (m.matches()) {
                minLevel = Math.min(minLevel, Integer.parseInt(m.group(2)));
            }
        }
        Map<String, Integer> tierRanks = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : distinct.entrySet()) {
            String lower = e.getKey();
            if (canonical.contains(lower)) {
                if (column.equals("tier")) {
                    tierRanks.put(lower, tierRank(lower));
                }
                continue;
            }
            String guess = null;
            String n = Synonyms.normal(lower);
            switch (column) {
                case "priority" -> {
                    Matcher m = LEVEL.matcher(n);
                    if (m.matches()) {
                        int level = Integer.parseInt(m.group(2)) - minLevel;
                        guess = level <= 0 ? "urgent" : level == 1 ? "high" : level == 2 ? "normal" : "low";
                    } else {
                        guess = Synonyms.PRIORITY.get(n);
                    }
                }
                case "tier" -> {
                    int rank = tierRank(lower);
                    if (rank >= 0) {
                        tierRanks.put(lower, rank);
                        guess = rank == 0 ? "starter" : rank == 4 ? "enterprise" : "growth";
                    }
                }
                case "kind" -> guess = kind(canonical, n, lower);
                default -> {
                }
            }
            map.put(e.getValue(), guess);
        }
        if (column.equals("tier") && tierRanks.size() == 3 && !tierRanks.containsValue(-1)) {
            // Three plans: the smallest is starter, the largest enterprise, whatever the words are.
            List<Integer> ranks = tierRanks.values().stream().distinct().sorted().toList();
            if (ranks.size() == 3) {
                List<String> tiers = List.of("starter", "growth", "enterprise");
                for (Map.Entry<String, String> e : distinct.entrySet()) {
                    if (map.containsKey(e.getValue())) {
                        map.put(e.getValue(), tiers.get(ranks.indexOf(tierRanks.get(e.getKey()))));
                    }
                }
            }
        }
        return map;
    }

    private static String kind(List<String> canonical, String n, String lower) {
        if (canonical.contains("nps")) {
            return n.contains("nps") || n.contains("netpromoter") ? "nps"
                    : n.contains("csat") || n.contains("satisfaction") ? "csat" : null;
        }
        if (n.contains("ebr") || n.contains("executive")) {
            return "ebr";
        }
        if (n.contains("qbr") || n.contains("businessreview") || n.contains("quarterly")) {
            return "qbr";
        }
        if (n.contains("call") || n.contains("phone") || n.contains("zoom") || n.contains("dial")) {
            return "call";
        }
        if (n.contains("email") || n.contains("mail")) {
            return "email";
        }
        if (n.contains("meeting") || n.contains("onsite") || n.contains("visit") || n.contains("workshop")
                || n.contains("demo") || lower.contains("meet")) {
            return "meeting";
        }
        return null;
    }

    private static int tierRank(String value) {
        for (String token : value.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            String t = Synonyms.normal(token);
            for (int r = 0; r < Synonyms.TIER_RANKS.size(); r++) {
                if (Synonyms.TIER_RANKS.get(r).contains(t)) {
                    return r;
                }
            }
        }
        return -1;
    }
}
