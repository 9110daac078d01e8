package org.churnrisk.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.sample.BookGenerator;
import org.churnrisk.sample.GeneratorConfig;

/** The books the command tests run on: generated from a fixed seed, without truth.csv, and what damages a copy. */
final class GeneratedBooks {
    /** After an account id, a usage row that breaks the data contract: its quantity, -2, is negative. */
    static final String BAD_USAGE_ROW = ",2026-09-15,u-x,login,-2,0";

    private GeneratedBooks() {
    }

    /** Generates a book of {@code accounts} accounts over {@code days} days from {@code seed} into {@code dir}. */
    static Path generate(Path dir, int accounts, int days, long seed) throws IOException {
        BookGenerator.generate(GeneratorConfig.builder().accounts(accounts).days(days).seed(seed).truthSamples(0)
                .build(), dir, false, ProgressListener.NONE);
        return dir;
    }

    /** A small valid book, 15 accounts over 120 days (seed 5), into {@code dir}: enough for commands that only read. */
    static Path small(Path dir) throws IOException {
        return generate(dir, 15, 120, 5);
    }

    /** The id of the first account in the book's accounts.csv. */
    static String firstAccount(Path book) throws IOException {
        return Files.readAllLines(book.resolve("accounts.csv")).get(1).split(",")[0];
    }
}
