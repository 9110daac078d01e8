package org.churnrisk.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.churnrisk.sample.BookGenerator;

/**
 * What a generated book's {@code generator.json} says about it: the settings it was made with
 * and its export date. Benchmarks use it to check that a cached book is the one they asked for
 * and to place as-of dates at the end of the export.
 *
 * @param accounts    accounts in the CRM
 * @param days        days the usage export covers
 * @param end         the export date: the first day the data does not cover
 * @param seed        the generator's seed
 * @param usageLayout the usage layout label, e.g. {@code csv}
 */
record BookManifest(int accounts, int days, LocalDate end, long seed, String usageLayout) {

    /** Reads {@code book/generator.json}; null when the book has none (it was not generated). */
    static BookManifest read(Path book) throws IOException {
        Path file = book.resolve(BookGenerator.MANIFEST);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        return new BookManifest(json.path("accounts").asInt(), json.path("days").asInt(),
                LocalDate.parse(json.path("end").asText()), json.path("seed").asLong(),
                json.path("usage_layout").asText());
    }

    /**
     * {@code count} as-of dates ending at the export date, {@code stepDays} apart (or a month apart
     * when {@code stepDays} is 0), oldest first. The last sees every row of the export.
     */
    List<LocalDate> asOfDates(int count, int stepDays) {
        List<LocalDate> dates = new ArrayList<>();
        for (int i = count - 1; i >= 0; i--) {
            dates.add(stepDays == 0 ? end.minusMonths(i) : end.minusDays((long) i * stepDays));
        }
        return dates;
    }
}
