package org.churnrisk.score.history;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.churnrisk.core.AtomicFiles;
import org.churnrisk.core.InvalidDataException;

/**
 * The run history of a report folder: {@code history/<as-of>.json.gz} beside the reports, one
 * gzipped JSON file per as-of date, written by every {@code churn score} and read by the HTML
 * report and {@code churn outcomes}.
 *
 * <p>A rerun of the same as-of date replaces that date's file. Growth is bounded: after each
 * write the folder keeps the {@value #DAILY} latest dates, and beyond them the latest date of each
 * of the {@value #MONTHS} calendar months up to the newest date's month; older files are deleted.
 * Files are written to a hidden sibling and renamed into place. Stateless; the methods are safe
 * to call from several processes (the last rename wins).
 */
public final class RunHistory {
    /** Marks the entries churn-risk writes. */
    public static final String FORMAT = "churn-risk/run-history/1";
    /** The folder beside the report. */
    public static final String FOLDER = "history";
    /** Latest dates kept whatever their month. */
    public static final int DAILY = 35;
    /** Calendar months, up to the newest date's, whose latest date is kept. */
    public static final int MONTHS = 24;
    private static final String SUFFIX = ".json.gz";

    private RunHistory() {
    }

    /** The history folder of a report: {@code history/} beside it. */
    public static Path folderOf(Path report) {
        Path dir = report.toAbsolutePath().getParent();
        return dir.resolve(FOLDER);
    }

    /** The file of one as-of date. */
    public static Path fileOf(Path folder, LocalDate asOf) {
        return folder.resolve(asOf + SUFFIX);
    }

    /**
     * Writes an entry (replacing the one of the same date), then deletes the entries no longer kept.
     *
     * @return the files deleted
     */
    public static List<Path> write(Path folder, HistoryEntry entry) throws IOException {
        Files.createDirectories(folder);
        Path target = fileOf(folder, entry.asOf());
        Path tmp = AtomicFiles.createSibling(target);
        try {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp))) {
                out.write(json().writeValueAsBytes(toMap(entry)));
            }
            AtomicFiles.moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
        List<Path> deleted = new ArrayList<>();
        Map<LocalDate, Path> files = files(folder);
        TreeSet<LocalDate> keep = kept(files.keySet());
        for (Map.Entry<LocalDate, Path> f : files.entrySet()) {
            if (!keep.contains(f.getKey())) {
                Files.deleteIfExists(f.getValue());
                deleted.add(f.getValue());
            }
        }
        return deleted;
    }

    /** The dates kept of these: the {@value #DAILY} latest and the latest of each of {@value #MONTHS} months. */
    public static TreeSet<LocalDate> kept(java.util.Collection<LocalDate> dates) {
        TreeSet<LocalDate> all = new TreeSet<>(dates);
        TreeSet<LocalDate> keep = new TreeSet<>();
        if (all.isEmpty()) {
            return keep;
        }
        all.descendingSet().stream().limit(DAILY).forEach(keep::add);
        YearMonth newest = YearMonth.from(all.last());
        Map<YearMonth, LocalDate> lastOfMonth = new TreeMap<>();
        for (LocalDate d : all) {
            lastOfMonth.put(YearMonth.from(d), d);
        }
        lastOfMonth.forEach((month, d) -> {
            if (!month.isBefore(newest.minusMonths(MONTHS - 1))) {
                keep.add(d);
            }
        });
        return keep;
    }

    /**
     * Every entry of the folder, oldest first; none when it does not exist.
     *
     * @param strict whether a damaged entry fails the read ({@link InvalidDataException} naming the
     *               file) or is passed over (the nightly run must not stop at an old file)
     */
    public static List<HistoryEntry> read(Path folder, boolean strict) throws IOException {
        List<HistoryEntry> out = new ArrayList<>();
        for (Path f : files(folder).values()) {
            try {
                out.add(readEntry(f));
            } catch (IOException | RuntimeException e) {
                if (strict) {
                    throw new InvalidDataException(f + ": not a run history entry churn-risk can read ("
                            + e.getMessage() + "); delete it or restore it from a backup", e);
                }
            }
        }
        return out;
    }

    /** One entry. */
    @SuppressWarnings("unchecked")
    public static HistoryEntry readEntry(Path file) throws IOException {
        Map<String, Object> m;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            m = json().readValue(in, new TypeReference<LinkedHashMap<String, Object>>() { });
        }
        if (!FORMAT.equals(m.get("format"))) {
            throw new IOException("format is " + m.get("format") + ", expected " + FORMAT);
        }
        List<RecordedAccount> accounts = new ArrayList<>();
        for (Object a : (List<Object>) m.get("accounts")) {
            accounts.add(RecordedAccount.fromMap((Map<String, Object>) a));
        }
        Map<String, Assignment> assignments = new TreeMap<>();
        ((Map<String, Object>) m.get("assignments")).forEach((id, a) ->
                assignments.put(id, Assignment.fromMap((Map<String, Object>) a)));
        return new HistoryEntry(LocalDate.parse((String) m.get("as_of")), (Map<String, Object>) m.get("summary"),
                accounts, (Map<String, Object>) m.get("holdout"), assignments,
                (Map<String, Object>) m.get("model_card"), (List<String>) m.get("notes"));
    }

    private static Map<String, Object> toMap(HistoryEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("as_of", e.asOf().toString());
        m.put("summary", e.summary());
        m.put("holdout", e.holdout());
        m.put("model_card", e.modelCard());
        m.put("notes", e.notes());
        m.put("accounts", e.accounts().stream().map(RecordedAccount::toMap).toList());
        Map<String, Object> assignments = new LinkedHashMap<>();
        e.assignments().forEach((id, a) -> assignments.put(id, a.toMap()));
        m.put("assignments", assignments);
        return m;
    }

    private static Map<LocalDate, Path> files(Path folder) throws IOException {
        Map<LocalDate, Path> out = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
            for (Path f : dir) {
                String name = f.getFileName().toString();
                try {
                    out.put(LocalDate.parse(name.substring(0, name.length() - SUFFIX.length())), f);
                } catch (DateTimeParseException e) {
                    // not an entry: leave it alone
                }
            }
        }
        return out;
    }

    private static ObjectMapper json() {
        return new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .disable(SerializationFeature.INDENT_OUTPUT);
    }
}
