package org.churnrisk.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.BookSources;
import org.churnrisk.features.io.mapping.BookConfig;
import org.churnrisk.features.io.parquet.ParquetTableWriter;
import org.churnrisk.sample.BookGenerator;
import org.churnrisk.sample.GeneratorConfig;
import org.churnrisk.sample.UsageLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ExtractionReport#inputFiles()}: every file of the book, in source order and then
 * reading order, with its size and the SHA-256 of its bytes as stored, taken while the rows were
 * read. The expected hashes come from the whole file read at once, as {@code sha256sum} reads it.
 */
class InputFilesTest {
    private static final List<LocalDate> AS_OF = List.of(LocalDate.of(2026, 6, 1));

    @TempDir
    static Path dir;
    static Path csvBook;
    static Path gzipPartsBook;
    static Path parquetBook;

    @BeforeAll
    static void books() throws IOException {
        GeneratorConfig.Builder config = GeneratorConfig.builder().accounts(30).days(200).seed(11).truthSamples(0);
        csvBook = dir.resolve("csv");
        BookGenerator.generate(config.usageLayout(UsageLayout.CSV).build(), csvBook, false, ProgressListener.NONE);
        gzipPartsBook = dir.resolve("gzip-parts");
        BookGenerator.generate(config.usageLayout(UsageLayout.MONTHLY_CSV_GZ).build(), gzipPartsBook, false,
                ProgressListener.NONE);
        parquetBook = dir.resolve("parquet");
        ParquetTableWriter.copyBookWithParquetUsage(csvBook, parquetBook);
    }

    private static Path book(String name) {
        return switch (name) {
            case "csv" -> csvBook;
            case "gzip-parts" -> gzipPartsBook;
            case "parquet" -> parquetBook;
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static ExtractionReport extract(Path book, ReadOptions options) throws IOException {
        return FeatureExtractor.create(FeatureSettings.forBook(book, null)).extract(book, options.withFileHashes(true),
                AS_OF, table -> { });
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Every file of every source as listed for the book, hashed from its whole content. */
    private static List<InputFile> expected(Path book) throws IOException {
        BookConfig config = BookConfig.forBook(book);
        List<InputFile> files = new ArrayList<>();
        for (Source source : Source.values()) {
            for (Path f : BookSources.files(book, config.mapping(source), false)) {
                byte[] bytes = Files.readAllBytes(f);
                files.add(new InputFile(source, book.relativize(f).toString().replace('\\', '/'), bytes.length,
                        sha256(bytes)));
            }
        }
        return files;
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "gzip-parts", "parquet"})
    void listsEveryFileWithTheSha256OfItsBytesAsStored(String name) throws IOException {
        Path book = book(name);

        ExtractionReport report = extract(book, ReadOptions.forBook(book));

        assertThat(report.inputFiles()).containsExactlyElementsOf(expected(book));
    }

    @Test
    void listsNoFilesUnlessAskedToHashThem() throws IOException {
        ExtractionReport report = FeatureExtractor.create(FeatureSettings.forBook(csvBook, null))
                .extract(csvBook, ReadOptions.forBook(csvBook), AS_OF, table -> { });

        assertThat(report.inputFiles()).isEmpty();
    }

    @Test
    void namesPartFilesByTheirPathInTheBookInReadingOrder() throws IOException {
        List<String> usage = extract(gzipPartsBook, ReadOptions.forBook(gzipPartsBook)).inputFiles().stream()
                .filter(f -> f.source() == Source.USAGE).map(InputFile::path).toList();

        assertThat(usage).hasSizeGreaterThan(1).allMatch(p -> p.startsWith("usage/") && p.endsWith(".csv.gz"))
                .isSorted();
    }

    @Test
    void aGzipFileCutShortStopsTheRunEvenWhenBadRowsAreSkipped() throws IOException {
        // Until issue 18 this skipped one 'row' and hashed the file; a damaged file is now a whole-file error.
        Path book = dir.resolve("cut-gzip");
        BookGenerator.generate(GeneratorConfig.builder().accounts(30).days(200).seed(11).truthSamples(0)
                .usageLayout(UsageLayout.CSV_GZ).build(), book, false, ProgressListener.NONE);
        Path usage = book.resolve("usage.csv.gz");
        byte[] bytes = Files.readAllBytes(usage);
        Files.write(usage, Arrays.copyOf(bytes, bytes.length * 3 / 4)); // past the first block, which opening reads

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> extract(book, ReadOptions.forBook(book)
                        .withBadRows(BadRows.SKIP, dir.resolve("cut-part-rejects"))))
                .isInstanceOf(org.churnrisk.core.InvalidDataException.class)
                .hasMessageStartingWith("usage.csv.gz is damaged: the gzip data ends early");
    }

    /** Bytes this process has read with read(2) so far, from /proc/self/io (Linux). */
    private static long bytesReadByProcess() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
            if (line.startsWith("rchar:")) {
                return Long.parseLong(line.substring("rchar:".length()).strip());
            }
        }
        throw new IOException("/proc/self/io has no rchar line");
    }

    @Test
    void readsEachCsvFileOnceForRowsAndHashAlike() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/io")), "needs Linux's /proc/self/io");
        ReadOptions options = ReadOptions.forBook(csvBook);
        extract(csvBook, options); // loads the classes, whose jars would count as reads
        long bookBytes = expected(csvBook).stream().mapToLong(InputFile::bytes).sum();

        long before = bytesReadByProcess();
        ExtractionReport report = extract(csvBook, options);
        long read = bytesReadByProcess() - before;

        assertThat(report.inputFiles()).isNotEmpty();
        assertThat(bookBytes).isGreaterThan(500_000);
        assertThat(read).as("bytes read for a book of %,d bytes (twice that if hashing read the files again)",
                bookBytes).isBetween(bookBytes, bookBytes + bookBytes / 4);
    }
}
