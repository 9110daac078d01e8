package org.churnrisk.features.init;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.BookSettings;
import org.churnrisk.features.validate.BookValidator;
import org.churnrisk.features.validate.SourceReport;
import org.churnrisk.features.validate.ValidationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MappingDraft} on folders of exports in other tools' shapes: the draft validates them, or says what it could not decide. */
class MappingDraftTest {
    @TempDir
    Path tmp;

    private static Path resource(String name) {
        return Path.of("src/test/resources", name);
    }

    /** Copies a book without its churn.yaml, as a folder of exports never seen. */
    private Path exports(Path from) throws IOException {
        Path to = tmp.resolve("book");
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals("churn.yaml")) {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private static ValidationReport validate(Path book, MappingDraft draft) throws IOException {
        Path yaml = book.resolve("churn.yaml");
        draft.write(yaml);
        BookSettings settings = BookSettings.forBook(book, yaml);
        return BookValidator.create(settings.mapping(), settings.features()).validate(book);
    }

    private static void write(Path file, String text, Charset charset) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, text.getBytes(charset));
    }

    @Test
    void draftOfTheMappedBookValidatesItWithNoRejectedRow() throws IOException {
        Path book = exports(resource("io/mapped-book"));
        MappingDraft draft = MappingDraft.infer(book, MappingDraft.DEFAULT_SAMPLE_ROWS);
        System.out.println(draft.yaml());
        ValidationReport report = validate(book, draft);
        System.out.println(report.table());
        assertThat(report.invalidRows()).isZero();
        assertThat(report.valid()).isTrue();
    }

    @Test
    void draftOfTheForeignBookValidatesIt() throws IOException {
        Path book = exports(resource("io/foreign-book"));
        MappingDraft draft = MappingDraft.infer(book, MappingDraft.DEFAULT_SAMPLE_ROWS);
        System.out.println(draft.yaml());
        ValidationReport report = validate(book, draft);
        System.out.println(report.table());
        assertThat(report.invalidRows()).isZero();
    }
}
