package org.churnrisk.train.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.churnrisk.core.model.BundleManifest;
import org.churnrisk.core.model.Calibration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Tribuo;

/**
 * The bundle.json of a fixed tiny model, against a copy checked into
 * {@code src/test/resources/bundle/bundle.golden.json}, so that any change to the format fails here
 * and is made on purpose (with a new {@link BundleManifest#FORMAT_VERSION} if old readers would
 * misread it). What differs between machines and trainings is a placeholder in the golden copy:
 * the SHA-256 of model.tribuo (Tribuo's provenance records the training time) and of scorer.bin
 * (whose own golden copy is {@code ScorerFileGoldenTest} in churn-core), and the runtime versions.
 */
class GoldenBundleTest {
    static final String GOLDEN = "/bundle/bundle.golden.json";

    @TempDir
    Path tmp;

    @Test
    void bundleJsonMatchesTheGoldenCopy() throws IOException {
        Path dir = tmp.resolve("model");
        ModelBundle.write(dir, TinyModels.standardizedLogistic(), manifest(), metrics(), provenance());

        String written = Files.readString(dir.resolve("bundle.json"), StandardCharsets.UTF_8);
        String expected = golden()
                .replace("@DIGEST@", independentDigest(written))
                .replace("@MODEL_SHA256@", ModelBundle.sha256(Files.readAllBytes(dir.resolve("model.tribuo"))))
                .replace("@SCORER_SHA256@", ModelBundle.sha256(Files.readAllBytes(dir.resolve("scorer.bin"))))
                .replace("\"@TRIBUO_VERSION@\"", json(Tribuo.VERSION))
                .replace("\"@JAVA_VERSION@\"", json(System.getProperty("java.version")))
                .replace("\"@JAVA_VENDOR@\"", json(System.getProperty("java.vendor")))
                .replace("\"@OS_NAME@\"", json(System.getProperty("os.name")))
                .replace("\"@OS_ARCH@\"", json(System.getProperty("os.arch")));
        assertThat(written).isEqualTo(expected);
    }

    /**
     * The digest as docs/model-bundle.md defines it, computed without BundleJson: the SHA-256 of
     * the file's object without its "digest" key, as compact JSON.
     */
    private static String independentDigest(String json) throws IOException {
        ObjectMapper mapper = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .enable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(json);
        assertThat(root.get("digest")).as("the digest key").isNotNull();
        root.remove("digest");
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(mapper.writeValueAsBytes(root)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static BundleManifest manifest() {
        return BundleManifest.of("churn-risk 0.1.0-SNAPSHOT", "logistic", 120, TinyModels.SCHEMA,
                new Calibration.Isotonic(new double[] {0.0, 0.25, 0.5}, new double[] {0.02, 0.1, 0.35}));
    }

    static Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("folds", List.of(fold(1, "2024-07-01", 0.81, 0.42), fold(2, "2024-10-01", 0.79, 0.375)));
        metrics.put("baseline", Map.of("name", "health_score", "roc_auc", 0.64));
        metrics.put("lift_by_decile", new double[] {3.5, 2.25, 1.5, 1.0, 0.75, 0.5, 0.25, 0.125, 0.0625, 0.0});
        metrics.put("undefined", Double.NaN);
        return metrics;
    }

    static Map<String, Object> provenance() {
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("inputs", List.of(input("accounts.csv", 'a', 120), input("usage.parquet", 'b', 48_000)));
        provenance.put("snapshot_dates", List.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 1)));
        provenance.put("seed", 42L);
        provenance.put("trainer", Map.of("epochs", 5, "learning_rate", 0.1, "loss", "log", "optimiser", "adagrad"));
        return provenance;
    }

    private static Map<String, Object> fold(int fold, String firstTest, double auc, double averagePrecision) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("fold", fold);
        row.put("first_test_date", LocalDate.parse(firstTest));
        row.put("roc_auc", auc);
        row.put("average_precision", averagePrecision);
        return row;
    }

    private static Map<String, Object> input(String file, char hash, long rows) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("file", file);
        entry.put("sha256", String.valueOf(hash).repeat(64));
        entry.put("rows", rows);
        return entry;
    }

    private static String golden() throws IOException {
        try (InputStream in = GoldenBundleTest.class.getResourceAsStream(GOLDEN)) {
            assertThat(in).as(GOLDEN + " on the test class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String json(String value) throws IOException {
        return new ObjectMapper().writeValueAsString(value);
    }
}
