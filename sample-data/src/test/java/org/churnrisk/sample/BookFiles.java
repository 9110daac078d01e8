package org.churnrisk.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.churnrisk.core.contract.Source;

/** Reads a generated book back for tests: every file of a source, in order, with a real CSV parser. */
final class BookFiles {
    private BookFiles() {
    }

    /** The files that hold {@code source}: a plain or gzipped file, or the parts of a folder. */
    static List<Path> files(Path book, Source source) throws IOException {
        Path folder = book.resolve(source.fileStem());
        if (Files.isDirectory(folder)) {
            try (Stream<Path> parts = Files.list(folder)) {
                return parts.sorted().toList();
            }
        }
        for (String ending : List.of(".csv", ".csv.gz")) {
            Path file = book.resolve(source.fileStem() + ending);
            if (Files.exists(file)) {
                return List.of(file);
            }
        }
        return List.of();
    }

    static List<String> header(Path file) throws IOException {
        try (CSVParser parser = parse(file)) {
            return parser.getHeaderNames();
        }
    }

    static void forEach(Path book, Source source, Consumer<CSVRecord> action) {
        try {
            for (Path file : files(book, source)) {
                try (CSVParser parser = parse(file)) {
                    parser.forEach(action);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<CSVRecord> read(Path book, Source source) {
        List<CSVRecord> rows = new ArrayList<>();
        forEach(book, source, rows::add);
        return rows;
    }

    static List<CSVRecord> readFile(Path file) throws IOException {
        try (CSVParser parser = parse(file)) {
            return parser.getRecords();
        }
    }

    private static CSVParser parse(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader);
    }

    /** When each account was a customer, from contracts.csv and churn.csv. */
    static final class History {
        record Term(LocalDate start, LocalDate end, int seats, String tier) { }

        final Map<String, List<Term>> terms = new HashMap<>();
        final Map<String, List<LocalDate>> churns = new HashMap<>();

        static History of(Path book) {
            History h = new History();
            forEach(book, Source.CONTRACTS, r -> h.terms.computeIfAbsent(r.get("account_id"), k -> new ArrayList<>())
                    .add(new Term(LocalDate.parse(r.get("start_date")), LocalDate.parse(r.get("end_date")),
                            Integer.parseInt(r.get("seats")), r.get("plan").split(" ")[0].toLowerCase())));
            forEach(book, Source.CHURN, r -> h.churns.computeIfAbsent(r.get("account_id"), k -> new ArrayList<>())
                    .add(LocalDate.parse(r.get("churned_at"))));
            return h;
        }

        /**
         * The term in force on {@code day} if the account was a customer that day, else null. A
         * customer who cancels and comes back before the old term's planned end has two terms
         * covering the day; the later one is in force.
         */
        Term termOn(String account, LocalDate day) {
            Term inForce = null;
            for (Term t : terms.getOrDefault(account, List.of())) {
                if (!t.start().isAfter(day) && day.isBefore(t.end())
                        && (inForce == null || t.start().isAfter(inForce.start()))) {
                    inForce = t;
                }
            }
            if (inForce == null) {
                return null;
            }
            Term t = inForce;
            boolean churned = churns.getOrDefault(account, List.of()).stream()
                    .anyMatch(c -> c.isAfter(t.start()) && !c.isAfter(day));
            return churned ? null : t;
        }

        boolean customerOn(String account, LocalDate day) {
            return termOn(account, day) != null;
        }

        /** Active at T as labels define it: a customer at T whose tenure started before T. */
        boolean activeAt(String account, LocalDate asOf) {
            return customerOn(account, asOf) && customerOn(account, asOf.minusDays(1));
        }

        boolean churnsWithin(String account, LocalDate asOf, int days) {
            return churns.getOrDefault(account, List.of()).stream()
                    .anyMatch(c -> c.isAfter(asOf) && !c.isAfter(asOf.plusDays(days)));
        }
    }
}
