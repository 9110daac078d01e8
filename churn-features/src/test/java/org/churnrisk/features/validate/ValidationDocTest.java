package org.churnrisk.features.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.extract.BookCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The "Checking a book" section of docs/data-contract.md shows what the validator does: its example
 * book, validated, gives the report the page prints, and its table of dating columns is the code's.
 */
class ValidationDocTest {
    private static final Path DOC = Path.of(System.getProperty("basedir", "."), "../docs/data-contract.md");
    private static final String SECTION = "## Checking a book: `churn validate`";
    private static final String FILE_MARKER = "<!-- file: ";
    private static final String OUTPUT_MARKER = "<!-- output: validate -->";

    static List<String> section;

    @BeforeAll
    static void readSection() throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        int start = lines.indexOf(SECTION);
        assertThat(start).as("docs/data-contract.md has the section " + SECTION).isNotNegative();
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("## ")) {
            end++;
        }
        section = lines.subList(start, end);
    }

    /** The code block after the line {@code marker}. */
    private static String blockAfter(int markerLine) {
        assertThat(section.get(markerLine + 1)).startsWith("```");
        StringBuilder block = new StringBuilder();
        for (int i = markerLine + 2; !section.get(i).equals("```"); i++) {
            block.append(section.get(i)).append('\n');
        }
        return block.toString();
    }

    private static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < section.size(); i++) {
            String line = section.get(i);
            if (line.startsWith(FILE_MARKER)) {
                files.put(line.substring(FILE_MARKER.length(), line.indexOf(" -->")), blockAfter(i));
            }
        }
        return files;
    }

    private static String seconds(String report) {
        return report.replaceAll("\\(\\d+\\.\\d s\\)", "(@ s)");
    }

    @Test
    void theExampleBookGivesTheReportThePageShows(@TempDir Path dir) throws IOException {
        Path book = Files.createDirectories(dir.resolve("exports"));
        for (Map.Entry<String, String> file : files().entrySet()) {
            Books.write(book, file.getKey(), file.getValue());
        }
        Books.write(book, "usage_old.csv", files().get("usage.csv"));
        String shown = blockAfter(section.indexOf(OUTPUT_MARKER));

        String table = BookValidator.forBook(book).validate(book).table();

        // The command prints the book and mapping line and a blank line before the report.
        List<String> lines = shown.lines().toList();
        assertThat(lines.get(0)).isEqualTo("Book exports, mapping none (the data contract's names and formats)");
        assertThat(seconds(table)).isEqualTo(seconds(String.join("\n", lines.subList(2, lines.size())) + "\n"));
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void theDatingColumnOfEachSourceIsTheOneThePageNames(Source source) {
        List<String> rows = new ArrayList<>();
        section.stream().filter(l -> l.startsWith("| `" + source.fileStem() + "` |")).forEach(rows::add);

        assertThat(rows).containsExactly("| `" + source.fileStem() + "` | `" + BookCheck.datedBy(source) + "` |");
    }
}
