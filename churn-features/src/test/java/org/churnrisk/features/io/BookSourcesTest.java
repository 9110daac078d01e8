package org.churnrisk.features.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.churnrisk.core.InvalidDataException;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.csv.CsvCursor;
import org.churnrisk.features.io.mapping.SourceMapping;
import org.churnrisk.features.io.problems.DataProblemException;
import org.churnrisk.features.io.values.ValueFormats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Finding a source's files in a book, and opening them. */
class BookSourcesTest {
    private static final String USAGE = "account_id,occurred_at,event\nA-1,2025-03-04,login\n";
    private static final SourceMapping DEFAULT_USAGE = SourceMapping.defaults(Source.USAGE);

    @TempDir
    Path book;

    private Path file(String name, String content) throws IOException {
        Path path = book.resolve(name);
        Files.createDirectories(path.getParent());
        if (name.endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(path))) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
        } else {
            Files.writeString(path, content);
        }
        return path;
    }

    private List<String> names(List<Path> files) {
        return files.stream().map(p -> book.relativize(p).toString().replace('\\', '/')).toList();
    }

    private static SourceMapping globs(String... globs) {
        return new SourceMapping(Source.USAGE, List.of(globs), Map.of(), ValueFormats.DEFAULT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"usage.csv", "usage.csv.gz", "usage.parquet", "usage.jsonl", "usage.jsonl.gz", "usage.ndjson",
        "usage.ndjson.gz"})
    void findsTheSingleFile(String name) throws IOException {
        file(name, USAGE);
        assertThat(names(BookSources.files(book, DEFAULT_USAGE))).containsExactly(name);
    }

    @Test
    void prefersCsvOverGzipOverParquetOverAFolder() throws IOException {
        file("usage.csv.gz", USAGE);
        file("usage.parquet", "PAR1");
        file("usage/part-0.csv", USAGE);
        assertThat(names(BookSources.files(book, DEFAULT_USAGE))).containsExactly("usage.csv.gz");
    }

    @Test
    void readsAFolderOfPartsInNameOrderSkippingMarkers() throws IOException {
        file("usage/part-0002.csv.gz", USAGE);
        file("usage/part-0001.csv", USAGE);
        file("usage/_SUCCESS", "");
        file("usage/.part-0001.csv.crc", "x");
        file("usage/_temporary/part-9.csv", USAGE);
        file("usage/date=2025-03-01/part-0.parquet", "PAR1");
        assertThat(names(BookSources.files(book, DEFAULT_USAGE))).containsExactly(
                "usage/date=2025-03-01/part-0.parquet", "usage/part-0001.csv", "usage/part-0002.csv.gz");
    }

    @Test
    void refusesAFileOfAnotherFormatInAPartFolder() throws IOException {
        file("usage/part-0001.csv", USAGE);
        file("usage/part-0002.csv.bz2", "x");
        assertThatThrownBy(() -> BookSources.files(book, DEFAULT_USAGE)).isInstanceOf(InvalidDataException.class)
                .hasMessage("book " + book + ": usage/part-0002.csv.bz2 is not a part file churn-risk reads (expected"
                        + " names ending in .csv, .csv.gz, .parquet, .jsonl, .jsonl.gz, .ndjson, .ndjson.gz); move it out of usage/");
    }

    @Test
    void readsEveryGlobMatchInNameOrder() throws IOException {
        file("mixpanel_export_2025-04.csv.gz", USAGE);
        file("mixpanel_export_2025-03.csv.gz", USAGE);
        file("mixpanel_export_notes.txt", "");
        file("other.csv", USAGE);
        assertThat(names(BookSources.files(book, globs("mixpanel_export_*.csv.gz"))))
                .containsExactly("mixpanel_export_2025-03.csv.gz", "mixpanel_export_2025-04.csv.gz");
    }

    @Test
    void mergesSeveralGlobsAndSubfolders() throws IOException {
        file("exports/2025/usage-1.csv", USAGE);
        file("exports/2024/usage-9.csv", USAGE);
        file("legacy.csv", USAGE);
        assertThat(names(BookSources.files(book, globs("exports/**/usage-*.csv", "legacy.csv"))))
                .containsExactly("exports/2024/usage-9.csv", "exports/2025/usage-1.csv", "legacy.csv");
    }

    @Test
    void aGlobThatMatchesAFolderReadsItsParts() throws IOException {
        file("warehouse/events/part-1.csv", USAGE);
        file("warehouse/events/_SUCCESS", "");
        assertThat(names(BookSources.files(book, globs("warehouse/events")))).containsExactly("warehouse/events/part-1.csv");
    }

    @Test
    void aRequiredSourceWithoutAFileSaysWhereItLooked() {
        assertThatThrownBy(() -> BookSources.files(book, DEFAULT_USAGE)).isInstanceOf(InvalidDataException.class)
                .hasMessage("book " + book + ": no file for usage (looked for usage.csv, usage.csv.gz, usage.parquet,"
                        + " usage.jsonl, usage.jsonl.gz, usage.ndjson, usage.ndjson.gz, usage/)");
    }

    @Test
    void aRequiredSourceWhoseGlobsMatchNothingNamesTheGlobs() {
        assertThatThrownBy(() -> BookSources.files(book, globs("mixpanel_*.csv")))
                .hasMessage("book " + book + ": no file for usage (looked for mixpanel_*.csv)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TOUCHPOINTS", "CONTRACTS", "CHURN"})
    void anOptionalOrTrainingSourceMayBeAbsent(Source source) throws IOException {
        assertThat(BookSources.files(book, SourceMapping.defaults(source))).isEmpty();
    }

    @Test
    void churnCanBeRequiredWhenTraining() {
        assertThatThrownBy(() -> BookSources.files(book, SourceMapping.defaults(Source.CHURN), true))
                .hasMessage("book " + book + ": no file for churn (looked for churn.csv, churn.csv.gz, churn.parquet,"
                        + " churn.jsonl, churn.jsonl.gz, churn.ndjson, churn.ndjson.gz, churn/)");
    }

    @Test
    void opensCsvAndGzipWithTheCsvCursor() throws IOException {
        Path gz = file("usage/part-1.csv.gz", USAGE);
        try (RecordCursor c = BookSources.open(gz, DEFAULT_USAGE)) {
            assertThat(c).isInstanceOf(CsvCursor.class);
            assertThat(c.fileName()).isEqualTo("usage/part-1.csv.gz");
            assertThat(c.next()).isTrue();
            assertThat(c.text(0)).isEqualTo("A-1");
        }
    }

    @Test
    void namesAFileByItsPathInTheBook() throws IOException {
        Path csv = file("exports/2025/usage-1.csv", USAGE);
        try (RecordCursor c = BookSources.open(book, csv, DEFAULT_USAGE)) {
            assertThat(c.fileName()).isEqualTo("exports/2025/usage-1.csv");
        }
    }

    @Test
    void opensParquetWithTheParquetCursor() throws IOException {
        Path parquet = file("usage.parquet", "not really parquet");
        assertThatThrownBy(() -> BookSources.open(book, parquet, DEFAULT_USAGE))
                .isInstanceOf(DataProblemException.class)
                .hasMessageStartingWith("usage.parquet: ");
    }

    @Test
    void refusesAnotherFormat() throws IOException {
        Path txt = file("usage.txt", USAGE);
        assertThatThrownBy(() -> BookSources.open(book, txt, DEFAULT_USAGE)).isInstanceOf(DataProblemException.class)
                .hasMessage("usage.txt: is not in a format churn-risk reads (expected a name ending in .csv, .csv.gz,"
                        + " .parquet, .jsonl, .jsonl.gz, .ndjson, .ndjson.gz)");
    }

    /** Issue 18 item 6: a link in the book to a file outside it is refused, naming the file and where it leads. */
    @Test
    void aLinkToAFileOutsideTheBookIsRefused(@TempDir Path elsewhere) throws IOException {
        Path outside = Files.writeString(elsewhere.resolve("secret.csv"), USAGE);
        Files.createSymbolicLink(book.resolve("usage.csv"), outside);

        assertThatThrownBy(() -> BookSources.files(book, DEFAULT_USAGE))
                .isInstanceOf(org.churnrisk.core.InvalidDataException.class)
                .hasMessageContaining("usage.csv: is a symbolic link to " + outside.toRealPath() + ", outside the book");
    }

    @Test
    void aLinkWithinTheBookIsFollowed() throws IOException {
        Path real = file("exports/usage-2026.csv", USAGE);
        Files.createSymbolicLink(book.resolve("usage.csv"), real);

        assertThat(names(BookSources.files(book, DEFAULT_USAGE))).containsExactly("usage.csv");
    }
}
