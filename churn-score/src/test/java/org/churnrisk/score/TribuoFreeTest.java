package org.churnrisk.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * churn-score scores without Tribuo and XGBoost: no class of {@code org.tribuo} or
 * {@code ml.dmlc} is on its runtime class path, and a JVM whose class path is that and nothing
 * else loads both committed bundles and scores the sample book with them, with the same results
 * as this JVM. The class path is written by the dependency plugin at generate-test-resources
 * ({@code target/runtime-classpath.txt}, see the pom, which also bans both groups with the
 * enforcer plugin); the child runs {@code src/test/child/ScoreWithoutTribuo.java} in the JDK's
 * source-file mode, so not even this module's test classes are on its class path.
 */
class TribuoFreeTest {
    static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    static final List<String> BANNED = List.of("org/tribuo/", "ml/dmlc/");

    static List<Path> runtimeClassPath() throws IOException {
        List<Path> path = new ArrayList<>();
        path.add(MODULE.resolve("target/classes"));
        String written = Files.readString(MODULE.resolve("target/runtime-classpath.txt"), StandardCharsets.UTF_8).strip();
        for (String entry : written.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                path.add(Path.of(entry));
            }
        }
        return path;
    }

    @Test
    void noTribuoOrXGBoostClassIsOnTheRuntimeClassPath() throws IOException {
        List<Path> path = runtimeClassPath();
        List<String> found = new ArrayList<>();
        for (Path entry : path) {
            for (String name : classes(entry)) {
                if (BANNED.stream().anyMatch(name::startsWith)) {
                    found.add(entry.getFileName() + "!" + name);
                }
            }
        }

        assertThat(path).as("the class path holds churn-core and churn-features")
                .anySatisfy(p -> assertThat(p.toString()).contains("churn-core"))
                .anySatisfy(p -> assertThat(p.toString()).contains("churn-features"));
        assertThat(path).noneSatisfy(p -> assertThat(p.getFileName().toString()).containsAnyOf("tribuo", "xgboost"));
        assertThat(found).isEmpty();
    }

    @Test
    void aJvmWithOnlyTheRuntimeClassPathLoadsBothBundlesAndScoresTheBook() throws Exception {
        String classPath = String.join(File.pathSeparator, runtimeClassPath().stream().map(Path::toString).toList());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", classPath,
                MODULE.resolve("src/test/child/ScoreWithoutTribuo.java").toString(), TrainedBook.BOOK.toString(),
                TrainedBook.AS_OF.toString(), TrainedBook.LOGISTIC.model().toString(),
                TrainedBook.XGBOOST.model().toString()));
        Path out = Files.createTempFile("score-without-tribuo", ".txt");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean finished = child.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            child.destroyForcibly();
        }
        List<String> printed = Files.readAllLines(out, StandardCharsets.UTF_8);
        Files.delete(out);

        assertThat(finished).as("the child JVM finished").isTrue();
        assertThat(child.exitValue()).as(String.join("\n", printed)).isZero();
        List<String> expected = new ArrayList<>();
        for (TrainedBook trained : List.of(TrainedBook.LOGISTIC, TrainedBook.XGBOOST)) {
            ChurnModel churn = ChurnModel.load(trained.model());
            for (ScoredAccount a : churn.score(trained.book(), trained.asOf()).ranked().subList(0, 3)) {
                expected.add(churn.scorer().algorithm() + " " + a.accountId() + " "
                        + Double.toHexString(a.probability()) + " " + a.drivers().get(0).phrase() + " / " + a.play());
            }
        }
        expected.add("absent org.tribuo.Model");
        expected.add("absent ml.dmlc.xgboost4j.java.Booster");
        assertThat(printed).containsExactlyElementsOf(expected);
    }

    /** The class files of a jar or a directory, as entry names ({@code org/tribuo/Model.class}). */
    private static List<String> classes(Path entry) throws IOException {
        if (Files.isDirectory(entry)) {
            try (Stream<Path> files = Files.walk(entry)) {
                return files.filter(f -> f.toString().endsWith(".class"))
                        .map(f -> entry.relativize(f).toString().replace(File.separatorChar, '/')).toList();
            }
        }
        try (ZipFile jar = new ZipFile(entry.toFile())) {
            return jar.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class"))
                    .map(n -> n.startsWith("META-INF/versions/") ? n.substring(n.indexOf('/', 18) + 1) : n).toList();
        }
    }
}
