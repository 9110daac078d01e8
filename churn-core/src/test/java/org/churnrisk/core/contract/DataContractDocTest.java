package org.churnrisk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Keeps docs/data-contract.md in step with {@link Source}, so a change to either fails loudly. */
class DataContractDocTest {

    private static List<String> lines;

    @BeforeAll
    static void readDoc() throws IOException {
        // Surefire runs in the module directory; the doc sits at the repository root.
        Path doc = Path.of("..", "docs", "data-contract.md");
        assertThat(doc).as("docs/data-contract.md next to churn-core").isRegularFile();
        lines = Files.readAllLines(doc);
    }

    /** Returns the cells of the column table under the heading {@code ### `stem`}, one row each. */
    private static List<List<String>> columnRows(Source source) {
        int start = lines.indexOf("### `" + source.fileStem() + "`");
        assertThat(start).as("heading for %s", source.fileStem()).isNotNegative();
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            if (line.startsWith("| `")) {
                rows.add(Arrays.stream(line.split("\\|")).skip(1).map(String::strip).toList());
            }
        }
        return rows;
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void columnTableListsTheColumnsInOrder(Source source) {
        assertThat(columnRows(source))
                .extracting(row -> row.get(0).replace("`", ""))
                .containsExactlyElementsOf(source.columnNames());
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void columnTableGivesEachColumnsTypeAndRequiredness(Source source) {
        assertThat(columnRows(source))
                .extracting(row -> row.get(1) + " " + row.get(2))
                .containsExactlyElementsOf(source.columns().stream()
                        .map(c -> c.type().name().toLowerCase(Locale.ROOT) + " " + (c.required() ? "yes" : "no"))
                        .toList());
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void overviewTableListsTheColumnsInOrder(Source source) {
        String row = lines.stream()
                .filter(l -> l.startsWith("| " + source.fileStem() + " ("))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no overview row for " + source.fileStem()));
        String columns = row.split("\\|")[3].strip();

        String expected = String.join(", ", source.columns().stream()
                .map(c -> c.name() + (c.required() ? "\\*" : ""))
                .toList());
        assertThat(columns).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void exampleHeaderIsTheCanonicalHeader(Source source) {
        int start = lines.indexOf("### `" + source.fileStem() + "`");
        int fence = lines.subList(start, lines.size()).indexOf("```csv") + start;

        assertThat(lines.get(fence + 1)).isEqualTo(String.join(",", source.columnNames()));
    }
}
