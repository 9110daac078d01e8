package org.churnrisk.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.features.output.FeatureTableWriter;
import org.churnrisk.sample.BookGenerator;
import org.churnrisk.sample.GeneratorConfig;
import org.churnrisk.sample.UsageLayout;
import org.churnrisk.score.ChurnModel;
import org.churnrisk.score.ChurnSettings;
import org.churnrisk.score.ReportFiles;
import org.churnrisk.score.ScoredBook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job on local[2] gives the single-machine feature table and report, byte for byte: the
 * committed sample book and a small generated one, scored with the committed logistic bundle.
 */
class ParityTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path SAMPLE = ROOT.resolve("sample-data/book");
    static final Path MODEL = ROOT.resolve("churn-score/src/test/resources/bundles/logistic");
    static final Path TREES = ROOT.resolve("churn-score/src/test/resources/bundles/xgboost");
    static final LocalDate AS_OF = LocalDate.parse("2026-11-01");

    static final List<LocalDate> DATES = List.of(LocalDate.parse("2026-06-01"), AS_OF);

    @TempDir
    static Path dir;
    static Path generated;
    /** One Spark extraction per book at both dates, shared by its feature and report tests. */
    static SparkChurn.Extracted sample;
    static SparkChurn.Extracted generatedBook;

    @BeforeAll
    static void generate() throws IOException {
        generated = dir.resolve("generated");
        // 300 accounts, one plain usage.csv: the other layout than the sample book's monthly parts
        BookGenerator.generate(GeneratorConfig.builder().accounts(300).days(400).seed(11).truthSamples(0)
                .usageLayout(UsageLayout.CSV).build(), generated, false, ProgressListener.NONE);
        SparkChurn churn = new SparkChurn(SharedSpark.get(), 3);
        sample = churn.extract(SAMPLE.toUri().toString(), DATES);
        generatedBook = churn.extract(generated.toString(), DATES);
    }

    @Test
    void theSampleBooksFeatureTablesAreTheSingleMachinesAtTwoDates() throws IOException {
        assertThat(sparkFeatures(sample, "sample")).isEqualTo(localFeatures(SAMPLE, DATES, "sample"));
    }

    @Test
    void aGeneratedBooksFeatureTablesAreTheSingleMachines() throws IOException {
        assertThat(sparkFeatures(generatedBook, "generated")).isEqualTo(localFeatures(generated, DATES, "generated"));
    }

    @Test
    void theSampleBooksReportAndWorkflowFilesAreTheCommandLines() throws IOException {
        assertSameReport(SAMPLE, sample, "sample", MODEL);
    }

    @Test
    void aGeneratedBooksReportIsTheCommandLines() throws IOException {
        assertSameReport(generated, generatedBook, "generated", MODEL);
    }

    /** The trees' probabilities and TreeSHAP drivers, computed in each of the three partitions. */
    @Test
    void theSampleBooksReportWithTheTreeModelIsTheCommandLines() throws IOException {
        assertSameReport(SAMPLE, sample, "sample-trees", TREES);
    }

    private static void assertSameReport(Path book, SparkChurn.Extracted extracted, String name, Path model)
            throws IOException {
        Path local = dir.resolve(name + "-local/at-risk.csv");
        Files.createDirectories(local.getParent());
        ChurnSettings settings = ChurnSettings.forBook(book, null);
        ChurnModel churn = ChurnModel.load(model, settings.scoring());
        ScoredBook scored = churn.score(book, settings.readOptions(), settings.features(), AS_OF);
        ReportFiles.write(local, scored, settings.scoring(), settings.workflow(), a -> true, 1.0);

        Path spark = dir.resolve(name + "-spark/at-risk.csv");
        new SparkChurn(SharedSpark.get(), 3).score(extracted, model, AS_OF, spark.toString(), System.nanoTime());

        assertThat(Files.readString(spark)).isEqualTo(Files.readString(local));
        assertThat(csvFiles(spark.getParent())).isEqualTo(csvFiles(local.getParent()));
        assertThat(comparable(spark.resolveSibling("at-risk.summary.json")))
                .isEqualTo(comparable(local.resolveSibling("at-risk.summary.json")));
    }

    private String sparkFeatures(SparkChurn.Extracted extracted, String name) throws IOException {
        Path out = dir.resolve(name + "-spark-features.csv");
        new SparkChurn(SharedSpark.get(), 3).writeFeatures(extracted, "file://" + out);
        return Files.readString(out);
    }

    private static String localFeatures(Path book, List<LocalDate> dates, String name) throws IOException {
        Path out = dir.resolve(name + "-local-features.csv");
        ChurnSettings settings = ChurnSettings.forBook(book, null);
        FeatureExtractor extractor = FeatureExtractor.create(settings.features());
        try (FeatureTableWriter writer = new FeatureTableWriter(out, settings.features().healthScore())) {
            extractor.extract(book, settings.readOptions(), dates, writer::write);
            writer.commit();
        }
        return Files.readString(out);
    }

    /** Every CSV file under a folder (the report and the workflow files), by relative name. */
    private static Map<String, String> csvFiles(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".csv")).toList()) {
                m.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return m;
    }

    /** The summary without what differs between any two runs: durations, and where the book was read. */
    private static String comparable(Path summary) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode node = (ObjectNode) json.readTree(summary.toFile());
        assertThat(node.path("data").path("usage_last_day").asText()).isNotEmpty();
        node.remove(List.of("duration_seconds", "stage_seconds"));
        ObjectNode data = (ObjectNode) node.get("data");
        data.remove(List.of("book", "files"));
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }
}
