package org.churnrisk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Holds the Java examples of one README section to code that compiles and runs. Each example is
 * the body of a {@code static void} method of a test class, which the test runs; the section shows
 * those bodies, verbatim and in order, as its {@code ```java} blocks, so the README cannot drift
 * from working code.
 *
 * <pre>{@code
 * class MyReadmeTest {
 *     private static final ReadmeExamples README = ReadmeExamples.of(MyReadmeTest.class, "## Using the library");
 *
 *     static void anExample() {
 *         System.out.println("the body is a java block of the section");
 *     }
 *
 *     @Test
 *     void theExampleRuns() throws IOException {
 *         assertThat(ReadmeExamples.printed(MyReadmeTest::anExample)).contains("java block");
 *     }
 *
 *     @Test
 *     void theReadmeShowsTheExamplesAsTheyAre() throws IOException {
 *         assertThat(README.javaBlocks()).containsExactly(README.body("anExample"));
 *     }
 * }
 * }</pre>
 *
 * <p>The README is the project's {@code README.md}, one folder above the module (Maven's
 * {@code basedir}); the test's source is found by its class name under the module's
 * {@code src/test/java}, so a test that moves to another module with its package needs no change.
 * A method's body runs from the line after {@code "    static void name(...) {"} to the next line
 * that is {@code "    }"}. Immutable and thread-safe; the files are read on each call.
 */
public final class ReadmeExamples {
    private final Path readme;
    private final String section;
    private final Path source;

    ReadmeExamples(Path readme, String section, Path source) {
        this.readme = readme;
        this.section = section;
        this.source = source;
    }

    /**
     * The examples of {@code section} (a heading line such as {@code "## Using the library"}) of
     * the project's README, kept as methods of {@code testClass}.
     */
    public static ReadmeExamples of(Class<?> testClass, String section) {
        Class<?> topLevel = testClass;
        while (topLevel.getEnclosingClass() != null) {
            topLevel = topLevel.getEnclosingClass();
        }
        Path module = Path.of(System.getProperty("basedir", "."));
        return new ReadmeExamples(module.resolve("../README.md"), section,
                module.resolve("src/test/java").resolve(topLevel.getName().replace('.', '/') + ".java"));
    }

    /** The {@code ```java} blocks of the section, in order, each without its fences. */
    public List<String> javaBlocks() throws IOException {
        List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        int start = lines.indexOf(section);
        assertThat(start).as("the README has the section " + section).isNotNegative();
        List<String> blocks = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            if (lines.get(i).equals("```java")) {
                List<String> block = new ArrayList<>();
                for (i++; i < lines.size() && !lines.get(i).equals("```"); i++) {
                    block.add(lines.get(i));
                }
                assertThat(i).as("the ```java block of %s has its closing ```", section).isLessThan(lines.size());
                blocks.add(String.join("\n", block));
            }
        }
        return blocks;
    }

    /** The body of the test's {@code static void} method {@code method}, without its common indentation. */
    public String body(String method) throws IOException {
        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        Pattern declaration = Pattern.compile("    static void " + Pattern.quote(method) + "\\(.*\\{");
        int i = 0;
        while (i < lines.size() && !declaration.matcher(lines.get(i)).matches()) {
            i++;
        }
        assertThat(i).as("%s declares static void %s(...) {", source, method).isLessThan(lines.size());
        List<String> body = new ArrayList<>();
        for (i++; i < lines.size() && !lines.get(i).equals("    }"); i++) {
            body.add(lines.get(i));
        }
        assertThat(i).as("%s closes %s with a line \"    }\"", source, method).isLessThan(lines.size());
        int indent = body.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return String.join("\n", body.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
    }

    /** An example run by {@link #printed}. */
    @FunctionalInterface
    public interface Example {
        void run() throws IOException;
    }

    /**
     * What {@code example} prints on standard output, as UTF-8. {@code System.out} is replaced while
     * it runs and restored afterwards, also when it throws; not for tests that run in parallel.
     */
    public static String printed(Example example) throws IOException {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            example.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
