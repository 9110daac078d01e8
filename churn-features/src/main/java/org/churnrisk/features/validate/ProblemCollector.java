package org.churnrisk.features.validate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.churnrisk.core.InvalidDataException;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.BookSources;
import org.churnrisk.features.io.RecordCursor;
import org.churnrisk.features.io.problems.DataProblemException;
import org.churnrisk.features.io.problems.ProblemSink;

/**
 * Collects the problems of a read instead of stopping at the first: per source, how many of each
 * kind, and the first few in full. Writes nothing. Not thread-safe.
 */
final class ProblemCollector implements ProblemSink {
    private final Path book;
    private final int maxProblems;
    private final Map<Source, Collected> sources = new EnumMap<>(Source.class);

    /** What one source has collected. */
    private static final class Collected {
        long problems;
        final Map<String, Long> kinds = new HashMap<>();
        final List<Problem> first = new ArrayList<>();
    }

    ProblemCollector(Path book, int maxProblems) {
        this.book = book;
        this.maxProblems = maxProblems;
    }

    @Override
    public void badRow(Source source, RecordCursor cursor, DataProblemException problem) {
        String file = cursor.fileName();
        add(source, problem.kind(), () -> new Problem(file, problem.lineIn(file), problem.column(),
                Problem.cut(problem.value()), problem.kind(), problem.reason(), problem.getMessage()));
    }

    @Override
    public void badFile(Source source, Path path, InvalidDataException problem) {
        String file = path == null ? null : BookSources.displayName(book, path);
        if (problem instanceof DataProblemException p) {
            add(source, p.kind(), () -> new Problem(file, p.lineIn(file), p.column(), Problem.cut(p.value()), p.kind(),
                    p.reason(), p.getMessage()));
            return;
        }
        // Only a Parquet page that cannot be decoded comes here: "<file> rows 1 to 9: column 'x' cannot be ...".
        String message = problem.getMessage();
        int colon = message.indexOf(": ");
        String reason = colon >= 0 ? message.substring(colon + 2) : message;
        String kind = new DataProblemException("", reason).kind();
        add(source, kind, () -> new Problem(file, 0, null, null, kind, reason, message));
    }

    private void add(Source source, String kind, java.util.function.Supplier<Problem> problem) {
        Collected c = sources.computeIfAbsent(source, s -> new Collected());
        c.problems++;
        c.kinds.merge(kind, 1L, Long::sum);
        if (c.first.size() < maxProblems) {
            c.first.add(problem.get());
        }
    }

    long problems(Source source) {
        Collected c = sources.get(source);
        return c == null ? 0 : c.problems;
    }

    /** The kinds of problems of a source, the most frequent first, ties in alphabetical order. */
    Map<String, Long> kinds(Source source) {
        Collected c = sources.get(source);
        Map<String, Long> sorted = new LinkedHashMap<>();
        if (c != null) {
            c.kinds.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        }
        return sorted;
    }

    List<Problem> first(Source source) {
        Collected c = sources.get(source);
        return c == null ? List.of() : c.first;
    }
}
