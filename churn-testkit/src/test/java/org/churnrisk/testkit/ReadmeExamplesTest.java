package org.churnrisk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadmeExamplesTest {
    @TempDir
    Path dir;

    private ReadmeExamples examples(String readme, String source) throws IOException {
        return new ReadmeExamples(Files.writeString(dir.resolve("README.md"), readme), "## Usage",
                Files.writeString(dir.resolve("Examples.java"), source));
    }

    @Test
    void theJavaBlocksAreThoseOfTheSectionInOrder() throws IOException {
        ReadmeExamples examples = examples("""
                # Title

                ```java
                before();
                ```

                ## Usage

                ```
                churn --help
                ```

                ```java
                first();
                ```

                Text between.

                ```java
                second();

                third();
                ```

                ## Next

                ```java
                after();
                ```
                """, "");

        assertThat(examples.javaBlocks()).containsExactly("first();", "second();\n\nthird();");
    }

    @Test
    void aMissingSectionFailsNamingIt() throws IOException {
        ReadmeExamples examples = examples("# Title\n\n## Other\n", "");

        assertThatThrownBy(examples::javaBlocks).isInstanceOf(AssertionError.class)
                .hasMessageContaining("the README has the section ## Usage");
    }

    @Test
    void anUnclosedBlockFails() throws IOException {
        ReadmeExamples examples = examples("## Usage\n\n```java\nfirst();\n", "");

        assertThatThrownBy(examples::javaBlocks).isInstanceOf(AssertionError.class)
                .hasMessageContaining("closing ```");
    }

    @Test
    void aBodyIsTheMethodsLinesWithoutTheirCommonIndentation() throws IOException {
        ReadmeExamples examples = examples("", """
                class Examples {
                    static void other() {
                        other();
                    }

                    static void anExample(Path book) throws IOException {
                        // a comment
                        for (int i = 0; i < 3; i++) {
                            System.out.println(i);
                        }
                   \s
                        done();
                    }
                }
                """);

        assertThat(examples.body("anExample")).isEqualTo("""
                // a comment
                for (int i = 0; i < 3; i++) {
                    System.out.println(i);
                }

                done();""");
    }

    @Test
    void aMissingMethodFailsNamingIt() throws IOException {
        ReadmeExamples examples = examples("", "class Examples {\n    static void other() {\n    }\n}\n");

        assertThatThrownBy(() -> examples.body("anExample")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("declares static void anExample(...) {");
    }

    static void anExampleOfThisFile() {
        System.out.println("found");
    }

    /** A class nested in this test, whose source is this file. */
    static final class Nested {
    }

    @Test
    void theSourceIsFoundByTheTopLevelClassUnderTheModulesTestSources() throws IOException {
        ReadmeExamples examples = ReadmeExamples.of(Nested.class, "## Usage");

        assertThat(examples.body("anExampleOfThisFile")).isEqualTo("System.out.println(\"found\");");
    }

    @Test
    void printedIsWhatTheExamplePrints() throws IOException {
        assertThat(ReadmeExamples.printed(() -> System.out.printf("%s, %d%n", "caf\u00e9", 42)))
                .isEqualTo("caf\u00e9, 42" + System.lineSeparator());
    }

    @Test
    void standardOutputIsRestoredWhenTheExampleThrows() {
        PrintStream before = System.out;

        assertThatThrownBy(() -> ReadmeExamples.printed(() -> {
            throw new IOException("no book");
        })).hasMessage("no book");
        assertThat(System.out).isSameAs(before);
    }
}
