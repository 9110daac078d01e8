package org.churnrisk.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** docs/features.md lists every feature, in schema order, with the definition the code carries. */
class FeaturesDocTest {
    private static final Pattern ROW = Pattern.compile("^\\| (\\d+) \\| `([a-z0-9_]+)` \\| (.*) \\|$");

    @org.junit.jupiter.api.Test
    void docListsEveryFeatureInSchemaOrderWithItsDefinition() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "features.md"));
        List<String[]> rows = lines.stream().map(ROW::matcher).filter(Matcher::matches)
                .map(m -> new String[] {m.group(1), m.group(2), m.group(3)}).toList();

        assertThat(rows).hasSize(Feature.values().length);
        for (Feature f : Feature.values()) {
            String[] row = rows.get(f.ordinal());
            assertThat(row).containsExactly(Integer.toString(f.ordinal()), f.key(), f.description());
        }
        assertThat(String.join("\n", lines)).contains(Feature.SCHEMA_VERSION);
    }
}
