package org.churnrisk.train.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.churnrisk.core.InvalidDataException;
import org.churnrisk.train.data.SnapshotDataset;

/**
 * The churn probabilities a generated book's simulation knew ({@code truth.csv}: account_id,
 * as_of, p_churn_120d, written by {@code churn generate}), to put a model's backtest beside the
 * best that any model of the observable data could hope for. Real exports have no such file;
 * then there is nothing to compare with.
 */
final class GeneratorTruth {
    static final String FILE = "truth.csv";
    private static final String HEADER = "account_id,as_of,p_churn_120d";

    private final Map<String, Double> probabilities;

    private GeneratorTruth(Map<String, Double> probabilities) {
        this.probabilities = probabilities;
    }

    /** The book's {@code truth.csv}, or empty when the book has none. */
    static Optional<GeneratorTruth> read(Path book) throws IOException {
        Path file = book.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Map<String, Double> p = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.strip().equals(HEADER)) {
                throw new InvalidDataException(file + " line 1: header is '" + header + "' (expected " + HEADER + ")");
            }
            String line;
            int number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                String[] cells = line.split(",", -1);
                if (cells.length != 3) {
                    throw new InvalidDataException(file + " line " + number + ": " + cells.length
                            + " columns (expected 3: " + HEADER + ")");
                }
                try {
                    LocalDate.parse(cells[1]);
                    p.put(key(cells[0], cells[1]), Double.parseDouble(cells[2]));
                } catch (DateTimeParseException | NumberFormatException e) {
                    throw new InvalidDataException(file + " line " + number + ": '" + line
                            + "' is not account_id, yyyy-MM-dd, probability", e);
                }
            }
        }
        return Optional.of(new GeneratorTruth(p));
    }

    /**
     * The truth for each of {@code rows}, or empty when any row has none (a book cut or
     * generated with other settings than its truth file).
     */
    Optional<double[]> of(SnapshotDataset d, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            Double p = probabilities.get(key(d.account(rows[i]), d.asOf(rows[i]).toString()));
            if (p == null) {
                return Optional.empty();
            }
            out[i] = p;
        }
        return Optional.of(out);
    }

    private static String key(String account, String asOf) {
        return account + '|' + asOf;
    }
}
