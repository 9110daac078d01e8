package org.churnrisk.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.churnrisk.score.workflow.Workflow;
import org.churnrisk.score.workflow.WorkflowSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workflow files of the committed sample book as of 2026-11-01, scored by the committed
 * logistic bundle on a first run (no earlier report in the folder), against the copies under
 * {@code src/test/resources/golden/workflow/}. To accept a change on purpose:
 * <pre>
 * ./mvnw -B -q -pl churn-score -am test -Dtest=WorkflowGoldenTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dchurn.golden.update=true
 * </pre>
 */
class WorkflowGoldenTest {
    static final Path GOLDEN = TrainedBook.MODULE.resolve("src/test/resources/golden/workflow");

    @TempDir
    static Path dir;
    static Map<String, String> written;
    static RunSummary summary;

    @BeforeAll
    static void score() throws IOException {
        TrainedBook trained = TrainedBook.get();
        ChurnModel model = ChurnModel.load(trained.model());
        ScoredBook scored = model.score(trained.book(), trained.asOf());
        summary = ReportFiles.write(dir.resolve("at-risk.csv"), scored, model.settings(), WorkflowSettings.DEFAULT,
                a -> true, 1.0);
        written = files(dir);
        written.remove("at-risk.csv");
        written.remove("at-risk.summary.json");
    }

    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".csv")).toList()) {
                m.put(root.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    @Test
    void theSampleBooksWorkflowFilesMatchTheGoldenCopies() throws IOException {
        if (Boolean.getBoolean("churn.golden.update")) {
            if (Files.isDirectory(GOLDEN)) {
                org.churnrisk.core.AtomicFiles.deleteTree(GOLDEN);
            }
            for (Map.Entry<String, String> f : written.entrySet()) {
                Path target = GOLDEN.resolve(f.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
            }
        }
        assertThat(written).as("the workflow files differ from %s; see this class's comment to regenerate them",
                GOLDEN).isEqualTo(files(GOLDEN));
    }

    @Test
    void everyFileTheSummaryNamesIsThereWithItsRows() {
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) ((Map<String, Object>) summary.values().get("workflow"))
                .get("files");
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(written.keySet());
        counts.forEach((file, rows) -> assertThat(written.get(file).lines().count() - 1).as(file)
                .isEqualTo(((Number) rows).longValue()));
        assertThat(summary.text()).contains("Worklists (ranked by probability").contains("first run");
    }

    @Test
    void everyStarterAccountIsInTheDigitalJourneyOnce() {
        List<String> lines = written.get(Workflow.DIGITAL_JOURNEY).lines().skip(1).toList();
        long starters = summaryAccounts("starter");
        assertThat(lines).hasSize((int) starters);
        assertThat(lines.stream().map(l -> l.substring(0, l.indexOf(','))).distinct()).hasSize(lines.size());
    }

    private static long summaryAccounts(String tier) {
        try {
            return Files.readAllLines(dir.resolve("at-risk.csv")).stream().skip(1)
                    .filter(l -> l.contains("," + tier + ",")).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
