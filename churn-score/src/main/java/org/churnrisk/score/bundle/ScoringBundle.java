package org.churnrisk.score.bundle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.core.model.BundleException;
import org.churnrisk.core.model.BundleManifest;
import org.churnrisk.core.scoring.CompiledScorer;
import org.churnrisk.core.scoring.ScorerFile;

/**
 * A model bundle read for scoring: its manifest, metrics and provenance from {@code bundle.json},
 * and its compiled scorer from {@code scorer.bin}, without Tribuo, XGBoost or a compile step.
 * {@code model.tribuo} is not read (churn-train's {@code ModelBundle.load} reads it for
 * evaluation, after these checks).
 *
 * <p>{@link #load} checks, in this order: that the directory and {@code bundle.json} are there;
 * that {@code bundle.json} is valid JSON in format {@value BundleManifest#FORMAT_VERSION} (a format
 * 1 or 2 bundle is refused with a message that says to retrain), matches its digest (a
 * {@code bundle.json} changed after training is refused: the digest covers the manifest,
 * calibration included, and the checksums of the other files), has no key the format does not
 * define, and is consistent with itself; that the model was trained on the schema expected; that the algorithm is
 * one churn-risk trains; that {@code scorer.bin} is there and matches its checksum; that it is a
 * scorer file this build reads, for that schema; and that its algorithm and calibration are the
 * manifest's. Each refusal is a {@link BundleException} that names the bundle, the problem and
 * what to do.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * ScoringBundle bundle = ScoringBundle.load(Path.of("model"), Feature.SCHEMA);
 * double p = bundle.scorer().probability(vector);
 * }</pre>
 */
public final class ScoringBundle {
    /**
     * The algorithms a bundle may name: those the compiled scorers implement, by the labels
     * churn-train's {@code Algorithm} gives them (a test there keeps the two lists equal).
     */
    public static final List<String> ALGORITHMS = List.of("logistic", "xgboost");

    private final Path directory;
    private final BundleManifest manifest;
    private final CompiledScorer scorer;
    private final Map<String, String> checksums;
    private final ObjectNode metrics;
    private final ObjectNode provenance;
    private final ObjectNode references;

    private ScoringBundle(Path directory, BundleManifest manifest, CompiledScorer scorer,
                          BundleJson.Parsed parsed) {
        this.directory = directory;
        this.manifest = manifest;
        this.scorer = scorer;
        this.checksums = parsed.checksums();
        this.metrics = parsed.metrics().deepCopy();
        this.provenance = parsed.provenance().deepCopy();
        this.references = parsed.references().deepCopy();
    }

    /**
     * Loads the bundle in {@code dir} for scoring, after the checks above.
     *
     * @param expected the feature schema this build computes, e.g. {@code Feature.SCHEMA}
     * @throws BundleException naming the bundle, the problem and what to do, if any check fails
     * @throws IOException     if a file that is there cannot be read
     */
    public static ScoringBundle load(Path dir, FeatureSchema expected) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(expected, "expected schema");
        String where = "model bundle " + dir + ": ";
        if (!Files.isDirectory(dir)) {
            throw new BundleException(where + (Files.exists(dir) ? "is not a directory" : "does not exist")
                    + "; train a model first, or pass the directory that holds " + BundleJson.BUNDLE_JSON + " and "
                    + BundleJson.MODEL_FILE);
        }
        try {
            BundleJson.Parsed parsed = BundleJson.read(readFile(dir, BundleJson.BUNDLE_JSON));
            BundleManifest manifest = parsed.manifest().validate().checkSchema(expected);
            if (!ALGORITHMS.contains(manifest.algorithm())) {
                throw new BundleException(BundleJson.BUNDLE_JSON + ": algorithm: '" + manifest.algorithm()
                        + "' is not known (expected one of " + String.join(", ", ALGORITHMS)
                        + "); retrain with this version");
            }
            byte[] bytes = readFile(dir, BundleJson.SCORER_FILE);
            checkSum(BundleJson.SCORER_FILE, bytes, parsed.checksums().get(BundleJson.SCORER_FILE));
            CompiledScorer scorer = ScorerFile.fromBytes(bytes, expected);
            if (!scorer.algorithm().equals(manifest.algorithm())) {
                throw new BundleException(BundleJson.SCORER_FILE + " holds a " + scorer.algorithm() + " scorer but "
                        + BundleJson.BUNDLE_JSON + " says the algorithm is " + manifest.algorithm()
                        + ": the files come from different trainings; retrain");
            }
            if (!scorer.calibration().equals(manifest.calibration())) {
                throw new BundleException(BundleJson.SCORER_FILE + " is calibrated with " + scorer.calibration()
                        + " but " + BundleJson.BUNDLE_JSON + " says " + manifest.calibration()
                        + ": the files come from different trainings; retrain");
            }
            return new ScoringBundle(dir, manifest, scorer, parsed);
        } catch (BundleException e) {
            throw new BundleException(where + e.getMessage(), e.getCause() == null ? e : e.getCause());
        }
    }

    /**
     * The bytes of a file of the bundle.
     *
     * @throws BundleException starting with the file's name if it is missing
     * @throws IOException     if it is there but cannot be read
     */
    public static byte[] readFile(Path dir, String name) throws IOException {
        try {
            return Files.readAllBytes(dir.resolve(name));
        } catch (NoSuchFileException e) {
            throw new BundleException(name + " is missing: the directory is not a complete model bundle;"
                    + " retrain or restore it", e);
        }
    }

    /**
     * Checks a file's bytes against the SHA-256 that {@code bundle.json} gives for it.
     *
     * @throws BundleException starting with the file's name if they differ
     */
    public static void checkSum(String name, byte[] bytes, String expectedSha256) {
        if (!sha256(bytes).equals(expectedSha256)) {
            throw new BundleException(name + " does not match the checksum in " + BundleJson.BUNDLE_JSON
                    + ": the bundle was changed or truncated; retrain or restore it");
        }
    }

    /** The SHA-256 of {@code bytes}, as 64 lower-case hex digits. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The directory the bundle was loaded from. */
    public Path directory() {
        return directory;
    }

    public BundleManifest manifest() {
        return manifest;
    }

    /** The compiled scorer of {@code scorer.bin}, for the schema {@code load} expected. */
    public CompiledScorer scorer() {
        return scorer;
    }

    /** The SHA-256 of {@code model.tribuo} as {@code bundle.json} gives it (64 lower-case hex digits); not verified here. */
    public String modelSha256() {
        return checksums.get(BundleJson.MODEL_FILE);
    }

    /** The SHA-256 of {@code scorer.bin} (64 lower-case hex digits), which {@code load} verified. */
    public String scorerSha256() {
        return checksums.get(BundleJson.SCORER_FILE);
    }

    /** The {@code metrics} object of {@code bundle.json} as pretty-printed JSON. */
    public String metricsJson() {
        return BundleJson.pretty(metrics);
    }

    /** The {@code provenance} object of {@code bundle.json} as pretty-printed JSON. */
    public String provenanceJson() {
        return BundleJson.pretty(provenance);
    }

    /** The {@code metrics} object as unmodifiable maps, lists, strings, numbers, booleans and nulls. */
    public Map<String, Object> metrics() {
        return BundleJson.toMap(metrics);
    }

    /** The {@code provenance} object as unmodifiable maps, lists, strings, numbers, booleans and nulls. */
    public Map<String, Object> provenance() {
        return BundleJson.toMap(provenance);
    }

    /**
     * The {@value BundleJson#REFERENCES} object as unmodifiable maps, lists, strings and numbers;
     * empty for a bundle written without it.
     */
    public Map<String, Object> references() {
        return BundleJson.toMap(references);
    }

    @Override
    public String toString() {
        return "ScoringBundle(" + directory + ", " + manifest.algorithm() + ", schema " + manifest.schemaVersion()
                + ", calibration " + manifest.calibration() + ")";
    }
}
