package org.churnrisk.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the section on {@code scorer.bin} in docs/model-bundle.md in step with {@link ScorerFile}. */
class ScorerFileDocTest {
    private static List<String> lines;

    @BeforeAll
    static void readDoc() throws IOException {
        // Surefire runs in the module directory; the doc sits at the repository root.
        Path doc = Path.of("..", "docs", "model-bundle.md");
        assertThat(doc).as("docs/model-bundle.md next to churn-core").isRegularFile();
        lines = Files.readAllLines(doc);
    }

    /** The hex bytes of the first code block under {@code ### Example}: each line up to its comment. */
    private static String exampleHex() {
        int at = lines.indexOf("### Example");
        assertThat(at).as("the heading ### Example").isNotNegative();
        int start = lines.subList(at, lines.size()).indexOf("```") + at + 1;
        StringBuilder hex = new StringBuilder();
        for (String line : lines.subList(start, lines.size())) {
            if (line.equals("```")) {
                break;
            }
            // The bytes, then at least three spaces, then what they mean.
            hex.append(line.strip().split(" {3,}")[0].replace(" ", ""));
        }
        return hex.toString();
    }

    @Test
    void theSectionIsThere() {
        assertThat(lines).contains("## Compiled scorer file (`scorer.bin`)", "### Layout, format " + ScorerFile.VERSION);
    }

    @Test
    void theExampleShowsTheBytesScorerFileWrites() {
        assertThat(exampleHex()).isEqualTo(ScorerFileGoldenTest.hex(ScorerFile.toBytes(ScorerFiles.tinyLinear())));
    }

    @Test
    void theExampleGivesItsLength() {
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("is these "
                + ScorerFile.toBytes(ScorerFiles.tinyLinear()).length + " bytes"));
    }
}
