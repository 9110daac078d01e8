package org.churnrisk.features.io.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.churnrisk.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict tree churn.yaml is read into: where every node stands, and what it refuses. */
class YamlTreeTest {
    private static final String NESTED = """
            zone: UTC
            sources:
              usage:
                files: [a.csv, "b.csv"]
                columns: {account_id: Company ID, event: Event Name}
            scoring:
              plays:
                - play: Call the sponsor
                  bands: [red]
                - {play: Send a survey}
            """;

    private static YamlTree parse(String yaml) {
        return YamlTree.parse(yaml, "churn.yaml");
    }

    private static YamlNode.MapNode map(YamlNode node) {
        return node.map("a mapping");
    }

    @Test
    void nestedKeysKnowTheirLineColumnAndPath() {
        YamlNode.MapNode usage = map(map(parse(NESTED).section("sources")).get("usage"));
        YamlNode columns = usage.get("columns");

        assertThat(columns.path()).isEqualTo("sources.usage.columns");
        assertThat(columns.line()).isEqualTo(5);
        assertThat(columns.column()).isEqualTo(14);
        assertThat(map(columns).get("event").error("bad").getMessage())
                .isEqualTo("churn.yaml line 5, column 46: sources.usage.columns.event: bad");
    }

    @Test
    void listItemsAreNumberedFromOneAndKeepTheirLines() {
        YamlNode.ListNode plays = map(parse(NESTED).section("scoring")).get("plays").list("a list");

        assertThat(plays.items()).extracting(YamlNode::path).containsExactly("scoring.plays[1]", "scoring.plays[2]");
        assertThat(plays.items()).extracting(YamlNode::line).containsExactly(8, 10);
        assertThat(map(plays.items().get(0)).get("bands").error("bad").getMessage())
                .isEqualTo("churn.yaml line 9, column 14: scoring.plays[1].bands: bad");
    }

    @Test
    void aLineWithOneKeyIsNamedByItsLineAloneAndACrowdedOneByItsColumnToo() {
        YamlTree tree = parse(NESTED);

        assertThat(tree.section("zone").where()).isEqualTo("churn.yaml line 1");
        assertThat(map(map(tree.section("sources")).get("usage")).get("files").list("a list").items().get(1).where())
                .isEqualTo("churn.yaml line 4, column 20");
    }

    @Test
    void anErrorAtAKeyStandsOnTheKeysLine() {
        YamlNode.MapNode top = map(parse(NESTED).root());

        assertThat(top.keyError("scoring", "bad").getMessage()).isEqualTo("churn.yaml line 6: bad");
    }

    @Test
    void scalarsKeepTheirTextAndTheirYamlType() {
        YamlNode.MapNode top = map(parse("a: Yes\nb: 007\nc: 0.30\nd: \"0.30\"\ne:\nf: ~\n").root());

        assertThat(top.keys()).containsExactly("a", "b", "c", "d", "e", "f");
        assertThat(((YamlNode.Scalar) top.get("a")).text()).isEqualTo("Yes");
        assertThat(((YamlNode.Scalar) top.get("a")).type()).isEqualTo(YamlNode.Scalar.Type.BOOLEAN);
        assertThat(((YamlNode.Scalar) top.get("b")).text()).isEqualTo("007");
        assertThat(top.get("b").wholeNumber("days")).isEqualTo(7);
        assertThat(top.get("c").number()).isEqualTo(0.30);
        assertThat(((YamlNode.Scalar) top.get("d")).type()).isEqualTo(YamlNode.Scalar.Type.STRING);
        assertThat(top.get("e").isNull()).isTrue();
        assertThat(top.get("f").isNull()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "red_at: high | churn.yaml line 1: red_at: 'high' is not a number",
        "red_at: '0.3' | churn.yaml line 1: red_at: '0.3' is not a number",
        "red_at: [1] | churn.yaml line 1, column 9: red_at: expected a number, found a list",
    })
    void aNumberMustBeOne(String yaml, String message) {
        YamlNode.MapNode top = map(parse(yaml).root());

        assertThatThrownBy(() -> top.number("red_at", 0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void aWholeNumberMustFitAnInt() {
        YamlNode.MapNode top = map(parse("days: 99999999999\nlag: 1.5\n").root());

        assertThatThrownBy(() -> top.get("days").wholeNumber("days"))
                .hasMessage("churn.yaml line 1: days: '99999999999' is not a whole number of days");
        assertThatThrownBy(() -> top.get("lag").wholeNumber("days"))
                .hasMessage("churn.yaml line 2: lag: '1.5' is not a whole number of days");
    }

    @Test
    void aScalarWhereAListIsExpectedIsAListOfOne() {
        YamlNode.MapNode top = map(parse("files: a.csv\nmore: [b.csv, ' c.csv ']\n").root());

        assertThat(top.get("files").texts("file names")).containsExactly("a.csv");
        assertThat(top.get("more").texts("file names")).containsExactly("b.csv", "c.csv");
    }

    @Test
    void aListItemThatIsNotAScalarIsNamedByTheListsPathAndItsOwnLine() {
        YamlNode files = map(parse("files:\n  - a.csv\n  - {b: c}\n").root()).get("files");

        assertThatThrownBy(() -> files.texts("file names"))
                .hasMessage("churn.yaml line 3, column 5: files: expected file names, found a mapping");
    }

    @Test
    void aNullMappingIsAnEmptyOne() {
        YamlNode usage = map(parse("usage:\n").root()).get("usage");

        assertThat(usage.map("a mapping").isEmpty()).isTrue();
    }

    // ---- unknown keys and the nearest one -----------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "red_at_: 0.3 | churn.yaml line 2: bands: unknown key 'red_at_', did you mean 'red_at'? (expected one of"
            + " red_at, yellow_at)",
        "Yellow_At: 0.1 | churn.yaml line 2: bands: unknown key 'Yellow_At', did you mean 'yellow_at'? (expected one"
            + " of red_at, yellow_at)",
        "colour: red | churn.yaml line 2: bands: unknown key 'colour' (expected one of red_at, yellow_at)",
    })
    void anUnknownKeyNamesItsLineTheNearestKeyWhenCloseAndTheAllowedOnes(String entry, String message) {
        YamlNode.MapNode bands = map(map(parse("bands:\n  " + entry + "\n").root()).get("bands"));

        assertThatThrownBy(() -> bands.checkKeys(List.of("red_at", "yellow_at")))
                .isInstanceOf(InvalidArgumentException.class).hasMessage(message);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"zon, zone", "zones, zone", "sourcse, sources", "column, columns", "timestamp_pattern, timestamp_patterns",
        "DATE_PATTERNS, date_patterns"})
    void theNearestKeyIsAFewEditsAway(String typed, String meant) {
        assertThat(YamlNode.nearest(typed, List.of("zone", "sources", "columns", "date_patterns", "timestamp_patterns")))
                .isEqualTo(meant);
    }

    @ParameterizedTest
    @ValueSource(strings = {"timezone", "z", "mapping", "xyz"})
    void aKeyFarFromEveryAllowedOneGetsNoSuggestion(String typed) {
        assertThat(YamlNode.nearest(typed, List.of("zone", "sources", "features", "scoring"))).isNull();
    }

    // ---- what the tree refuses ------------------------------------------------------------------------

    @Test
    void aDuplicateKeyNamesBothLines() {
        assertThatThrownBy(() -> parse("zone: UTC\nsources: {}\nzone: Europe/Berlin\n"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("churn.yaml line 3: duplicate key 'zone' (first on line 1)");
    }

    @Test
    void aDuplicateKeyInANestedFlowMappingNamesItsPathAndColumn() {
        assertThatThrownBy(() -> parse("sources:\n  usage: {files: [a.csv], files: [b.csv]}\n"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("churn.yaml line 2, column 27: sources.usage: duplicate key 'files' (first on line 2)");
    }

    @Test
    void textThatIsNotYamlNamesTheLineAndColumn() {
        assertThatThrownBy(() -> parse("zone: UTC\nsources:\n  usage: {files: [a.csv\n"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("churn.yaml line 4, column 1: is not valid YAML (expected ',' or ']', but got <stream end>)");
    }

    @Test
    void aTabIndentIsNotYaml() {
        assertThatThrownBy(() -> parse("sources:\n\tusage: {}\n"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("churn.yaml line 2, column 1: is not valid YAML (found character '\\t(TAB)' that"
                        + " cannot start any token.");
    }

    @Test
    void anAliasIsRefused() {
        assertThatThrownBy(() -> parse("a: &zone UTC\nzone: *zone\n"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("churn.yaml line 2: zone: aliases (*zone) are not supported; write the value out");
    }

    @Test
    void aSecondDocumentIsRefused() {
        assertThatThrownBy(() -> parse("zone: UTC\n---\nzone: Europe/Berlin\n"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("churn.yaml line 3: a second YAML document begins here; churn.yaml holds one (remove the"
                        + " --- line)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "# only a comment\n", "---\n", "~\n"})
    void anEmptyFileIsAnEmptyMapping(String yaml) {
        YamlNode root = parse(yaml).root();

        assertThat(root).isInstanceOf(YamlNode.MapNode.class);
        assertThat(map(root).isEmpty()).isTrue();
    }

    @Test
    void aFileThatIsNotAMappingIsTheReadersToRefuse() {
        YamlTree tree = parse("- zone\n- sources\n");

        assertThat(tree.section("zone")).isNull();
        assertThatThrownBy(() -> tree.root().map("a mapping of settings"))
                .hasMessage("churn.yaml line 1: expected a mapping of settings, found a list");
    }

    // ---- files --------------------------------------------------------------------------------------

    @Test
    void aFileIsNamedByItsFileName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("exports.yaml");
        Files.writeString(file, "zone: UTC\nzone: UTC\n");

        assertThatThrownBy(() -> YamlTree.read(file)).hasMessage("exports.yaml line 2: duplicate key 'zone' (first on"
                + " line 1)");
    }

    @Test
    void aTreeReadFromAFileKnowsItAndOneParsedFromTextDoesNot(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("churn.yaml");
        Files.writeString(file, "zone: UTC\n");

        assertThat(YamlTree.read(file).file()).contains(file);
        assertThat(parse("zone: UTC\n").file()).isEmpty();
        assertThat(YamlTree.empty("churn.yaml").name()).isEqualTo("churn.yaml");
    }

    /** Issue 18 item 6: a directory or binary file given as --config is an I/O problem, named without Java class names. */
    @Test
    void aDirectoryIsNotASettingsFile(@TempDir Path dir) {
        assertThatThrownBy(() -> YamlTree.read(dir)).isExactlyInstanceOf(IOException.class)
                .hasMessage(dir + ": is a directory (expected a YAML settings file such as churn.yaml)");
    }

    @Test
    void aBinaryFileIsNotASettingsFile(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("churn.yaml"), new byte[] {'z', ':', ' ', 0, 1, 2});
        assertThatThrownBy(() -> YamlTree.read(file)).isExactlyInstanceOf(IOException.class)
                .hasMessageContaining("churn.yaml: cannot be read as a settings file: it holds binary data")
                .hasMessageNotContaining("java.");
    }

    @Test
    void aFileThatIsNotUtf8IsNotASettingsFile(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("churn.yaml"), new byte[] {'z', ':', ' ', (byte) 0xC3, (byte) 0x28});
        assertThatThrownBy(() -> YamlTree.read(file)).isExactlyInstanceOf(IOException.class)
                .hasMessageContaining("it is not UTF-8 text");
    }

    @Test
    void aMistakeInTheFileIsAConfigError() {
        assertThatThrownBy(() -> YamlTree.parse("a: [1\n", "churn.yaml"))
                .isInstanceOf(org.churnrisk.core.InvalidConfigException.class);
    }

    @Test
    void aHugeScalarIsCutInTheMessage() {
        String huge = "x".repeat(100_000);
        YamlTree tree = YamlTree.parse("n: " + huge + "\n", "churn.yaml");
        YamlNode.MapNode top = tree.root().map("a mapping");
        assertThatThrownBy(() -> top.number("n", 0))
                .hasMessageContaining("(100,000 characters)")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(300));
    }
}
