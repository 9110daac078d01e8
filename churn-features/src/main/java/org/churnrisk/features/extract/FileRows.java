package org.churnrisk.features.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.churnrisk.core.InvalidDataException;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.core.contract.Requirement;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.InputFile;
import org.churnrisk.features.io.BookSources;
import org.churnrisk.features.io.FileHash;
import org.churnrisk.features.io.AccountChurnCursor;
import org.churnrisk.features.io.LookupTables;
import org.churnrisk.features.io.mapping.AccountChurn;
import org.churnrisk.features.io.mapping.SourceMapping;
import org.churnrisk.features.io.RecordCursor;
import org.churnrisk.features.io.mapping.BookConfig;
import org.churnrisk.features.io.problems.DataProblemException;
import org.churnrisk.features.io.problems.ProblemSink;
import org.churnrisk.features.io.problems.ReadStats;

/**
 * Rows from the files of a book on disk, through the mapping, with every row accounted for: each
 * is accepted or handed to the {@link ProblemSink}, which stops the read, skips the row into a
 * rejects file, or records it for a validation report. Sources and files that cannot be read go
 * to the sink too. When asked to, it keeps each file's size and SHA-256 from the read of its rows
 * ({@link RecordCursor#fileHash()}), for {@link #inputFiles()}. Not thread-safe.
 */
final class FileRows implements BookRows {
    private final Path book;
    private final BookConfig config;
    private final ProblemSink problems;
    private final ProgressListener progress;
    private final ReadStats.Builder stats = ReadStats.builder();
    private final Map<Source, List<Path>> listed = new EnumMap<>(Source.class);
    /** Null when files are not hashed. */
    private final Map<Path, FileHash> hashes;
    private final LookupTables lookups;
    private final List<String> notes = new ArrayList<>();

    /** @param hashFiles whether to keep the size and SHA-256 of each file read, for {@link #inputFiles()} */
    FileRows(Path book, BookConfig config, ProblemSink problems, ProgressListener progress, boolean hashFiles) {
        this.book = book;
        this.config = config;
        this.problems = problems;
        this.progress = progress;
        this.hashes = hashFiles ? new HashMap<>() : null;
        this.lookups = new LookupTables(book, config);
    }

    @Override
    public boolean has(Source source) throws IOException {
        return !BookSources.files(book, config.mapping(source), false).isEmpty();
    }

    @Override
    public boolean absent(Source source) throws IOException {
        return !has(source);
    }

    /**
     * The files of a source; a required source without one, and a part folder holding a file of
     * another format, are reported to the sink (and give no files).
     */
    List<Path> files(Source source) throws IOException {
        List<Path> files;
        InvalidDataException problem = null;
        try {
            files = BookSources.files(book, config.mapping(source), false);
        } catch (InvalidDataException e) {
            files = List.of();
            problem = e;
        }
        listed.put(source, files);
        if (problem == null && files.isEmpty() && source.requirement() == Requirement.REQUIRED) {
            problem = BookSources.noFile(book, config.mapping(source));
        }
        if (problem != null) {
            problems.badFile(source, null, problem);
        }
        return files;
    }

    /** The files of each source looked for so far. */
    Map<Source, List<Path>> listed() {
        return Collections.unmodifiableMap(listed);
    }

    /** Opens one file of a source as a cursor. */
    private interface Opener {
        RecordCursor open(Path file) throws IOException;
    }

    @Override
    public void read(Source source, RowHandler handler) throws IOException {
        if (source == Source.CHURN && config.churnFromAccounts() != null) {
            readChurn(handler);
            return;
        }
        read(source, files(source), handler, opener(source));
    }

    /** Opens a file of a source through the mapping: its reader, then its value maps and lookups. */
    private Opener opener(Source source) {
        return file -> {
            RecordCursor opened = hashes != null ? BookSources.openHashing(book, file, config.mapping(source))
                    : BookSources.open(book, file, config.mapping(source));
            try {
                return lookups.wrap(opened, config.mapping(source));
            } catch (IOException | RuntimeException e) {
                opened.close();
                throw e;
            }
        };
    }

    /**
     * Churn with {@code sources.churn.from_accounts}: from the account rows when the book has no
     * churn file; else from the churn file, with a note of how many accounts the two disagree on.
     */
    private void readChurn(RowHandler handler) throws IOException {
        AccountChurn derived = config.churnFromAccounts();
        SourceMapping accounts = config.mapping(Source.ACCOUNTS);
        Opener fromAccounts = file -> new AccountChurnCursor(file, BookSources.displayName(book, file), accounts,
                derived);
        List<Path> churnFiles = files(Source.CHURN);
        List<Path> accountFiles = BookSources.files(book, accounts, false);
        if (churnFiles.isEmpty()) {
            listed.put(Source.CHURN, accountFiles);
            read(Source.CHURN, accountFiles, handler, fromAccounts);
            return;
        }
        Map<String, Long> fromFile = new TreeMap<>();
        read(Source.CHURN, churnFiles, c -> {
            handler.row(c);
            fromFile.merge(c.text(Col.X_ACCOUNT), c.epochDay(Col.X_AT), Math::max);
        }, opener(Source.CHURN));
        Map<String, Long> fromAccountRows = new TreeMap<>();
        for (Path file : accountFiles) {
            try (RecordCursor c = fromAccounts.open(file)) {
                while (true) {
                    try {
                        if (!c.next()) {
                            break;
                        }
                        fromAccountRows.merge(c.text(Col.X_ACCOUNT), c.epochDay(Col.X_AT), Math::max);
                    } catch (DataProblemException e) {
                        // a bad flag or date: it disagrees with nothing; the churn file is used
                    }
                }
            } catch (InvalidDataException e) {
                notes.add("churn: the accounts' churn columns cannot be compared with the churn file: " + e.getMessage());
                return;
            }
        }
        ChurnComparison.note(fromFile, fromAccountRows, churnFiles.size() == 1
                ? BookSources.displayName(book, churnFiles.get(0)) : "the churn files", derived).ifPresent(notes::add);
    }

    /** What the read noticed that is not a problem: that two churn sources disagree. */
    List<String> notes() {
        return List.copyOf(notes);
    }

    private void read(Source source, List<Path> files, RowHandler handler, Opener opener) throws IOException {
        long accepted = 0;
        long rejected = 0;
        long totalBytes = 0;
        for (Path file : files) {
            totalBytes += Files.size(file);
        }
        long doneBytes = 0;
        boolean everyFileRead = true;
        String stage = "reading " + source.fileStem();
        for (Path file : files) {
            RecordCursor cursor;
            try {
                cursor = opener.open(file);
            } catch (InvalidDataException e) {
                problems.badFile(source, file, e);
                everyFileRead = false;
                doneBytes += Files.size(file);
                continue;
            }
            try (cursor) {
                long rows = 0;
                while (true) {
                    try {
                        if (!cursor.next()) {
                            break;
                        }
                        handler.row(cursor);
                        accepted++;
                    } catch (DataProblemException e) {
                        InvalidDataException damage = cursor.damage();
                        if (damage != null) {
                            // The bad row is a symptom: the file itself is damaged, and so is every row of it.
                            problems.badFile(source, file, damage);
                            everyFileRead = false;
                            break;
                        }
                        problems.badRow(source, cursor, e);
                        rejected++;
                    } catch (InvalidDataException e) {
                        // Not a row problem: the rest of the file cannot be decoded.
                        problems.badFile(source, file, e);
                        everyFileRead = false;
                        break;
                    }
                    if ((++rows & 0xFFFF) == 0) {
                        progress.update(stage, Math.min(totalBytes, doneBytes + cursor.bytesRead()), totalBytes);
                    }
                }
                FileHash hash = hashes != null ? cursor.fileHash() : null;
                if (hash != null) {
                    hashes.put(file, hash);
                }
            }
            doneBytes += Files.size(file);
            progress.update(stage, doneBytes, Math.max(1, totalBytes));
        }
        if (!files.isEmpty() && everyFileRead && accepted + rejected == 0
                && (source == Source.ACCOUNTS || source == Source.USAGE)) {
            Path only = files.size() == 1 ? files.get(0) : null;
            String what = only != null ? BookSources.displayName(book, only) + " has a header but no rows"
                    : "the files have headers but no rows";
            problems.badFile(source, only, new DataProblemException(source.fileStem(), what + " (expected at least one "
                    + (source == Source.ACCOUNTS ? "account" : "usage row") + ")"));
        }
        stats.add(source, accepted, rejected);
    }

    ReadStats stats() {
        return stats.build();
    }

    /**
     * Every file of the sources looked for so far, in source order and then reading order, with
     * the size and SHA-256 taken while its rows were read. A file no reader went through (refused
     * when it was opened, under a sink that reads on) is read by itself to hash it, so that the
     * list still names every file; under a sink that stops at a bad file this never happens.
     *
     * @throws IllegalStateException if this reader was made without hashing
     * @throws IOException           if such a file cannot be read
     */
    List<InputFile> inputFiles() throws IOException {
        if (hashes == null) {
            throw new IllegalStateException("the files were not hashed");
        }
        List<InputFile> files = new ArrayList<>();
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (Map.Entry<Source, List<Path>> source : listed.entrySet()) {
            for (Path file : source.getValue()) {
                if (!seen.add(file)) {
                    continue; // the accounts file read again for churn (sources.churn.from_accounts)
                }
                FileHash hash = hashes.get(file);
                if (hash == null) {
                    hash = FileHash.of(file);
                }
                files.add(new InputFile(source.getKey(), BookSources.displayName(book, file), hash.bytes(),
                        hash.sha256()));
            }
        }
        // the tables lookups read, under the source that looked up through them (read apart, so hashed now)
        for (Map.Entry<Path, Source> table : lookups.filesRead().entrySet()) {
            if (seen.add(table.getKey())) {
                FileHash hash = FileHash.of(table.getKey());
                files.add(new InputFile(table.getValue(), BookSources.displayName(book, table.getKey()), hash.bytes(),
                        hash.sha256()));
            }
        }
        return files;
    }
}
