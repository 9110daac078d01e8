package org.churnrisk.train.bundle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.churnrisk.core.AtomicFiles;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.core.model.BundleException;
import org.churnrisk.core.model.BundleManifest;
import org.churnrisk.core.model.TrainingProvenance;
import org.churnrisk.core.scoring.ScorerFile;
import org.churnrisk.score.References;
import org.churnrisk.score.bundle.BundleJson;
import org.churnrisk.score.bundle.ScoringBundle;
import org.churnrisk.train.model.Algorithm;
import org.churnrisk.train.model.ScorerCompiler;
import org.churnrisk.train.model.TribuoData;
import org.tribuo.Model;
import org.tribuo.Tribuo;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.protos.core.ModelProto;

/**
 * Writes a trained model as a model bundle, one directory that holds everything the model is, and
 * loads it back only when every check passes.
 *
 * <p>A bundle directory (format {@value BundleManifest#FORMAT_VERSION}) holds three files:
 * <ul>
 *   <li>{@code model.tribuo}: the Tribuo model in Tribuo's protobuf format ({@link Model#serialize()}),
 *       never Java serialization, with Tribuo's training timestamps pinned to the Unix epoch so that
 *       the same data and seed give the same bytes (see {@code TrainingTimes}); read by
 *       {@link #load} for evaluation and kept for provenance;</li>
 *   <li>{@code scorer.bin}: the model compiled for scoring ({@link ScorerCompiler}) with the
 *       manifest's calibration, as {@link ScorerFile} writes it: what churn-score's
 *       {@code ChurnModel.load} reads, without Tribuo;</li>
 *   <li>{@code bundle.json}: the {@link BundleManifest} (format version, creator, algorithm,
 *       horizon, feature schema, calibration), the metrics and provenance given to
 *       {@link #write}, the {@link References} drivers compare accounts with (when given), the
 *       SHA-256 of {@code model.tribuo} and of {@code scorer.bin}, and the
 *       digest of all of that ({@link BundleJson}), so that a bundle changed after training is
 *       refused. Keys come in a fixed order and nothing depends on the clock, so the
 *       same inputs give the same bytes.</li>
 * </ul>
 *
 * <p><b>Trust.</b> Tribuo's protobuf loader turns class names found in the file into classes (it
 * loads and initializes each one, then calls its {@code deserializeFromProto}), and some of
 * Tribuo's model types have had deserialization problems (LibLinear among them). So before any
 * byte reaches Tribuo, {@link #load} checks {@code model.tribuo} against the checksum in
 * {@code bundle.json}, parses it as a plain {@link ModelProto} and accepts only the model classes
 * churn-risk writes: {@code LinearSGDModel}, alone or inside a {@code TransformedModel}, and
 * {@code XGBoostModel} (see {@code AllowedModels}). The checksum catches accidents (a truncated
 * copy, a model from another training), not an attacker, who can rewrite both files; the class
 * check narrows what a crafted file can reach, but the helper classes inside a model (feature and
 * label domains, provenance, transformations) are still named in the file and loaded by Tribuo.
 * Load bundles you or your pipeline wrote, as you would run code you built.
 *
 * <p>Stateless and thread-safe; concurrent writes to the same directory are not coordinated.
 *
 * <pre>{@code
 * BundleManifest manifest = BundleManifest.of(ModelBundle.createdBy("0.1.0"), "logistic", 120,
 *         Feature.SCHEMA, calibration);
 * ModelBundle.write(Path.of("model"), classifier.tribuoModel(), manifest, metrics, provenance);
 * LoadedBundle bundle = ModelBundle.load(Path.of("model"), Feature.SCHEMA);
 * }</pre>
 */
public final class ModelBundle {
    /** The file that holds the Tribuo model. */
    public static final String MODEL_FILE = BundleJson.MODEL_FILE;
    /** The file that holds the compiled scorer. */
    public static final String SCORER_FILE = BundleJson.SCORER_FILE;
    /** The file that holds the manifest, metrics, provenance and checksums. */
    public static final String MANIFEST_FILE = BundleJson.BUNDLE_JSON;

    /** The key under {@code provenance} that {@link #write} fills with this JVM's and Tribuo's versions. */
    public static final String RUNTIME_KEY = "runtime";

    /** Reports written beside the model by {@code churn train}; replaced with the bundle, never loaded. */
    public static final Set<String> REPORT_FILES = Set.of("evaluation.json", "evaluation.md");
    private static final Set<String> BUNDLE_FILES = Set.of(MODEL_FILE, SCORER_FILE, MANIFEST_FILE,
            "evaluation.json", "evaluation.md");

    private ModelBundle() {
    }

    /**
     * Writes a bundle into {@code dir}: the files go into a new sibling directory, which then
     * replaces {@code dir}, so a reader sees the old bundle or the new one, never a mix. An
     * existing {@code dir} may be empty or an earlier bundle; anything else in it is refused
     * rather than deleted.
     *
     * <p>{@code provenance} is written as given, followed by {@value #RUNTIME_KEY}: the Tribuo
     * version, the JVM's version and vendor and the OS name and architecture. Typical keys are
     * {@code inputs} (see {@link #inputFile}), {@code snapshot_dates}, {@code seed} and
     * {@code trainer}. Values may be strings, numbers, booleans, nulls, enums, dates, maps with
     * string keys, lists and arrays; a {@code LinkedHashMap} or {@code SortedMap} keeps its order,
     * other maps are sorted by key so that hash order never changes the bytes.
     *
     * @param dir        the bundle directory; its parent is created if needed
     * @param model      a model churn-risk trains (logistic or XGBoost) over the manifest's features
     * @param manifest   must {@link BundleManifest#validate() validate}
     * @param metrics    free-form metrics, e.g. the backtest tables
     * @param provenance free-form provenance; must not use the key {@value #RUNTIME_KEY}
     * @throws InvalidArgumentException if the model is not one {@link #load} would accept, does not
     *         match the manifest, a value cannot be written as JSON, or {@code dir} is a file or
     *         holds files other than a bundle's
     * @throws BundleException          if the manifest does not validate
     * @throws IOException              if a file cannot be written; {@code dir} is then unchanged
     */
    public static void write(Path dir, Model<Label> model, BundleManifest manifest, Map<String, ?> metrics,
                             Map<String, ?> provenance) throws IOException {
        write(dir, model, manifest, metrics, provenance, Map.of());
    }

    /**
     * As {@link #write(Path, Model, BundleManifest, Map, Map)}, with report files (named in
     * {@link #REPORT_FILES}) written into the same directory and replaced with it in one move.
     */
    public static void write(Path dir, Model<Label> model, BundleManifest manifest, Map<String, ?> metrics,
                             Map<String, ?> provenance, Map<String, String> reports) throws IOException {
        write(dir, model, manifest, metrics, provenance, References.NONE, reports);
    }

    /**
     * As {@link #write(Path, Model, BundleManifest, Map, Map, Map)}, with what drivers compare
     * accounts with, written under {@value BundleJson#REFERENCES} ({@link References#NONE}: no key).
     */
    public static void write(Path dir, Model<Label> model, BundleManifest manifest, Map<String, ?> metrics,
                             Map<String, ?> provenance, References references, Map<String, String> reports)
            throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(references, "references");
        for (String name : reports.keySet()) {
            if (!REPORT_FILES.contains(name)) {
                throw new InvalidArgumentException("report file '" + name + "' is not one of " + REPORT_FILES);
            }
        }
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(provenance, "provenance");
        manifest.validate();
        Algorithm algorithm = Algorithm.parse(manifest.algorithm());
        if (!manifest.algorithm().equals(algorithm.label())) {
            throw new InvalidArgumentException("algorithm: '" + manifest.algorithm() + "' must be written as its label '"
                    + algorithm.label() + "'");
        }
        if (provenance.containsKey(RUNTIME_KEY)) {
            throw new InvalidArgumentException("provenance: key '" + RUNTIME_KEY + "' is filled in by the bundle writer;"
                    + " use another key");
        }
        if (!AllowedModels.ALL.contains(model.getClass().getName())) {
            throw new InvalidArgumentException("cannot write a bundle that churn-risk would refuse to load: the model is a "
                    + model.getClass().getName() + " (expected one of " + String.join(", ", AllowedModels.ALL) + ")");
        }
        ModelProto proto = model.serialize();
        try {
            AllowedModels.check(proto, algorithm);
            checkModel(model, manifest);
        } catch (BundleException e) {
            throw new InvalidArgumentException("cannot write a bundle that churn-risk would refuse to load: "
                    + e.getMessage());
        }
        byte[] modelBytes = TrainingTimes.pin(proto.toByteArray());
        byte[] scorerBytes = ScorerFile.toBytes(ScorerCompiler.compile(model, manifest.schema(), manifest.calibration()));
        ObjectNode provenanceTree = BundleJson.object(provenance, "provenance");
        provenanceTree.set(RUNTIME_KEY, BundleJson.object(runtime(), "provenance." + RUNTIME_KEY));
        byte[] json = BundleJson.write(manifest, BundleJson.object(metrics, "metrics"), provenanceTree,
                BundleJson.object(references.isEmpty() ? Map.of() : references.toMap(), BundleJson.REFERENCES),
                Map.of(MODEL_FILE, sha256(modelBytes), SCORER_FILE, sha256(scorerBytes)));

        Path target = dir.toAbsolutePath().normalize();
        checkReplaceable(target);
        Path parent = target.getParent();
        Files.createDirectories(parent);
        // what runs killed before they finished left behind (their own bundle files only)
        for (Path stale : AtomicFiles.staleSiblings(target, "partial")) {
            try {
                deleteBundleDir(stale);
            } catch (IOException e) {
                // it holds something else than bundle files: not ours to delete
            }
        }
        Path partial = parent.resolve(sibling(target, "partial"));
        Files.createDirectory(partial);
        try {
            Files.write(partial.resolve(MODEL_FILE), modelBytes);
            Files.write(partial.resolve(SCORER_FILE), scorerBytes);
            Files.write(partial.resolve(MANIFEST_FILE), json);
            for (Map.Entry<String, String> report : new java.util.TreeMap<>(reports).entrySet()) {
                Files.writeString(partial.resolve(report.getKey()), report.getValue(),
                        java.nio.charset.StandardCharsets.UTF_8);
            }
            replace(partial, target);
        } finally {
            try {
                deleteBundleDir(partial);
            } catch (IOException e) {
                // A stray hidden directory is better than hiding why the write failed.
            }
        }
    }

    /**
     * As {@link #write(Path, Model, BundleManifest, Map, Map, References, Map)}, with the typed
     * provenance of a training run; the runtime is filled in here.
     *
     * @throws InvalidArgumentException as the other {@code write}, or if {@code provenance} already has a runtime
     */
    public static void write(Path dir, Model<Label> model, BundleManifest manifest, Map<String, ?> metrics,
                             TrainingProvenance provenance, References references, Map<String, String> reports)
            throws IOException {
        Objects.requireNonNull(provenance, "provenance");
        if (provenance.runtime() != null) {
            throw new InvalidArgumentException("provenance: the runtime is filled in by the bundle writer; pass none");
        }
        write(dir, model, manifest, metrics, provenance.toMap(), references, reports);
    }

    /**
     * Loads the bundle in {@code dir}, for evaluation as well as scoring: first every check of
     * churn-score's {@link ScoringBundle#load} (the files are there; {@code bundle.json} is valid
     * JSON in format {@value BundleManifest#FORMAT_VERSION} and consistent with itself; the model
     * was trained on {@code expected}; the algorithm is known; {@code scorer.bin} matches its
     * checksum, the schema and the manifest), then that {@code model.tribuo} is there and matches
     * its checksum; that it holds a model class churn-risk writes, of the manifest's algorithm;
     * that Tribuo can read it; and that the model predicts the {@code churn} label with
     * probabilities from the manifest's features only.
     *
     * @param expected the feature schema this build computes, e.g. {@code Feature.SCHEMA}
     * @throws BundleException naming the bundle, the problem and what to do, if any check fails
     * @throws IOException     if a file that is there cannot be read
     */
    public static LoadedBundle load(Path dir, FeatureSchema expected) throws IOException {
        ScoringBundle scoring = ScoringBundle.load(dir, expected);
        try {
            BundleManifest manifest = scoring.manifest();
            Algorithm algorithm = algorithm(manifest);
            byte[] modelBytes = ScoringBundle.readFile(dir, MODEL_FILE);
            ScoringBundle.checkSum(MODEL_FILE, modelBytes, scoring.modelSha256());
            Model<Label> model = deserialize(modelBytes, algorithm);
            checkModel(model, manifest);
            return new LoadedBundle(scoring, model);
        } catch (BundleException e) {
            throw new BundleException("model bundle " + dir + ": " + e.getMessage(), e.getCause() == null ? e : e.getCause());
        }
    }

    /**
     * {@code "churn-risk <version>"}, the version read from this jar's manifest
     * ({@code Implementation-Version}) when it has one, else {@code fallbackVersion}.
     */
    public static String createdBy(String fallbackVersion) {
        String version = ModelBundle.class.getPackage().getImplementationVersion();
        return "churn-risk " + (version != null ? version : Objects.requireNonNull(fallbackVersion, "fallbackVersion"));
    }

    /**
     * A provenance entry for an input file: its name (not its path, which differs between
     * machines), its SHA-256 and the rows read from it. Reads the file to hash it; a training run
     * takes the hash from its extraction instead ({@link #inputFile(String, String, long)}).
     *
     * @throws IOException if the file cannot be read
     */
    public static Map<String, Object> inputFile(Path file, long rows) throws IOException {
        MessageDigest digest = sha256();
        try (var in = new java.security.DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return inputFile(file.getFileName().toString(), HexFormat.of().formatHex(digest.digest()), rows);
    }

    /**
     * A provenance entry for an input file hashed elsewhere, e.g. while an extraction read it
     * ({@code ExtractionReport.inputFiles()}).
     *
     * @param file   the file's name, without its folder
     * @param sha256 its SHA-256, 64 lower-case hex digits
     * @param rows   the rows read from it, or -1 when they are counted per source, not per file
     */
    public static Map<String, Object> inputFile(String file, String sha256, long rows) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("file", file);
        entry.put("sha256", sha256);
        entry.put("rows", rows);
        return entry;
    }

    private static Algorithm algorithm(BundleManifest manifest) {
        try {
            return Algorithm.parse(manifest.algorithm());
        } catch (InvalidArgumentException e) {
            throw new BundleException(MANIFEST_FILE + ": " + e.getMessage() + "; retrain with this version", e);
        }
    }

    private static Model<Label> deserialize(byte[] bytes, Algorithm algorithm) {
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new BundleException(MODEL_FILE + " is not a model Tribuo " + Tribuo.VERSION + " can read ("
                    + e.getMessage() + "); retrain or restore the bundle", e);
        }
        AllowedModels.check(proto, algorithm);
        Model<?> model;
        try {
            model = Model.deserialize(proto);
        } catch (RuntimeException e) {
            throw new BundleException(MODEL_FILE + " is not a model Tribuo " + Tribuo.VERSION + " can read ("
                    + rootMessage(e) + "); retrain or restore the bundle", e);
        }
        try {
            return model.castModel(Label.class);
        } catch (ClassCastException e) {
            throw new BundleException(MODEL_FILE + " holds a model that does not predict churn labels ("
                    + model.getOutputIDInfo().getDomain() + "); retrain", e);
        }
    }

    /** Checks that the model predicts churn probabilities from the manifest's features only. */
    private static void checkModel(Model<Label> model, BundleManifest manifest) {
        if (!model.generatesProbabilities()) {
            throw new BundleException(MODEL_FILE + " holds a model that does not produce probabilities; retrain");
        }
        if (model.getOutputIDInfo().getID(new LabelFactory().generateOutput(TribuoData.CHURN)) < 0) {
            throw new BundleException(MODEL_FILE + " holds a model without a '" + TribuoData.CHURN + "' label (labels: "
                    + model.getOutputIDInfo().getDomain() + "); retrain");
        }
        Set<String> known = Set.copyOf(manifest.featureNames());
        List<String> unknown = new ArrayList<>();
        for (VariableInfo v : model.getFeatureIDMap()) {
            if (!known.contains(v.getName())) {
                unknown.add(v.getName());
            }
        }
        if (!unknown.isEmpty()) {
            unknown.sort(null);
            throw new BundleException(MODEL_FILE + " uses features that are not in the feature schema of "
                    + MANIFEST_FILE + " (" + LoadedBundle.head(unknown) + "): the files come from different"
                    + " trainings; retrain");
        }
    }

    private static Map<String, Object> runtime() {
        Map<String, Object> runtime = new LinkedHashMap<>();
        runtime.put("tribuo_version", Tribuo.VERSION);
        runtime.put("java_version", System.getProperty("java.version"));
        runtime.put("java_vendor", System.getProperty("java.vendor"));
        runtime.put("os_name", System.getProperty("os.name"));
        runtime.put("os_arch", System.getProperty("os.arch"));
        return runtime;
    }

    private static void checkReplaceable(Path target) throws IOException {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new InvalidArgumentException("model directory " + target + " is a file; choose a directory");
        }
        List<String> foreign = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
            for (Path p : entries) {
                if (!BUNDLE_FILES.contains(p.getFileName().toString()) || Files.isDirectory(p)) {
                    foreign.add(p.getFileName().toString());
                }
            }
        }
        if (!foreign.isEmpty()) {
            foreign.sort(null);
            throw new InvalidArgumentException("model directory " + target + " holds files that are not part of a"
                    + " model bundle (" + LoadedBundle.head(foreign) + "); choose an empty or new directory");
        }
    }

    /**
     * Moves the finished {@code partial} directory to {@code target}. An existing bundle is first
     * moved aside, put back if the move fails, and deleted after it succeeds.
     */
    private static void replace(Path partial, Path target) throws IOException {
        if (!Files.exists(target)) {
            AtomicFiles.moveIntoPlace(partial, target);
            return;
        }
        Path old = target.resolveSibling(sibling(target, "old"));
        AtomicFiles.moveIntoPlace(target, old);
        try {
            AtomicFiles.moveIntoPlace(partial, target);
        } catch (IOException | RuntimeException e) {
            AtomicFiles.moveIntoPlace(old, target);
            throw e;
        }
        deleteBundleDir(old);
    }

    private static String sibling(Path target, String kind) {
        return "." + target.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + "." + kind;
    }

    /** Deletes a directory holding only bundle files; leaves it if it holds anything else. */
    private static void deleteBundleDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        for (String name : BUNDLE_FILES) {
            Files.deleteIfExists(dir.resolve(name));
        }
        Files.delete(dir);
    }

    static String sha256(byte[] bytes) {
        return ScoringBundle.sha256(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
