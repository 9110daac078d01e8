package org.churnrisk.core.model;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.features.FeatureSchema;

/**
 * What a model bundle says about its model, apart from the model itself: the bundle format, who
 * wrote it, the algorithm, the churn horizon, the feature schema and the calibration. It is the
 * typed part of a bundle's {@code bundle.json}; the free-form metrics and provenance, the
 * checksums and the JSON itself belong to churn-score's {@code BundleJson}, so this module needs
 * no JSON library.
 *
 * <p>The compact constructor checks each field on its own and throws
 * {@link InvalidArgumentException}; {@link #validate()} checks the rules that span fields (a
 * supported format, a fingerprint that matches the schema's version and names) and throws
 * {@link BundleException}. Messages use the field names of {@code bundle.json}, where a person
 * would look. Immutable and thread-safe.
 *
 * <pre>{@code
 * BundleManifest manifest = BundleManifest.of("churn-risk 0.1.0", "logistic", 120, Feature.SCHEMA,
 *         new Calibration.Platt(1.1, -0.4));
 * manifest.validate().checkSchema(Feature.SCHEMA);
 * }</pre>
 *
 * @param formatVersion     the version of the bundle layout; this build writes and reads {@link #FORMAT_VERSION}
 * @param createdBy         what wrote the bundle, e.g. {@code "churn-risk 0.1.0"}
 * @param algorithm         the algorithm's label, e.g. {@code "logistic"} or {@code "xgboost"}
 * @param horizonDays       the churn horizon the model was trained to predict, in days
 * @param schemaVersion     the version of the feature schema the model was trained on
 * @param schemaFingerprint that schema's {@link FeatureSchema#fingerprint()}
 * @param featureNames      that schema's feature names, in order
 * @param calibration       maps the model's raw churn probability to a calibrated one
 */
public record BundleManifest(int formatVersion, String createdBy, String algorithm, int horizonDays,
                             String schemaVersion, String schemaFingerprint, List<String> featureNames,
                             Calibration calibration) {

    /**
     * The bundle format this build writes, and the only one it reads. Format 2 added the compiled
     * scorer ({@code scorer.bin}) beside the Tribuo model; format 3 added the digest of
     * {@code bundle.json}, which covers the manifest itself (calibration, horizon, schema) as well
     * as the checksums of the other files, and refuses keys the format does not define. Bundles
     * of formats 1 and 2 are refused with a message that says to retrain (see
     * {@link #unsupportedFormat}).
     */
    public static final int FORMAT_VERSION = 3;

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{16}");

    public BundleManifest {
        if (formatVersion < 1) {
            throw new InvalidArgumentException("format_version is " + formatVersion + " (expected a positive number)");
        }
        requireText("created_by", createdBy);
        requireText("algorithm", algorithm);
        if (horizonDays < 1) {
            throw new InvalidArgumentException("horizon_days is " + horizonDays + " (expected a positive number of days)");
        }
        requireText("feature_schema.version", schemaVersion);
        if (schemaFingerprint == null || !FINGERPRINT.matcher(schemaFingerprint).matches()) {
            throw new InvalidArgumentException("feature_schema.fingerprint is '" + schemaFingerprint
                    + "' (expected 16 lower-case hex digits, as FeatureSchema.fingerprint() gives)");
        }
        Objects.requireNonNull(featureNames, "feature_schema.names");
        if (featureNames.isEmpty()) {
            throw new InvalidArgumentException("feature_schema.names is empty (expected the model's features, in order)");
        }
        for (int i = 0; i < featureNames.size(); i++) {
            if (featureNames.get(i) == null || featureNames.get(i).isBlank()) {
                throw new InvalidArgumentException("feature_schema.names: name " + (i + 1) + " is blank");
            }
        }
        featureNames = List.copyOf(featureNames);
        if (calibration == null) {
            throw new InvalidArgumentException("calibration is required (use Calibration.Identity for none)");
        }
    }

    /** A manifest in the current {@link #FORMAT_VERSION} for a model trained on {@code schema}. */
    public static BundleManifest of(String createdBy, String algorithm, int horizonDays, FeatureSchema schema,
                                    Calibration calibration) {
        Objects.requireNonNull(schema, "schema");
        return new BundleManifest(FORMAT_VERSION, createdBy, algorithm, horizonDays, schema.version(),
                schema.fingerprint(), schema.names(), calibration);
    }

    /**
     * The schema the model was trained on.
     *
     * @throws InvalidArgumentException if a feature is listed twice
     */
    public FeatureSchema schema() {
        return new FeatureSchema(schemaVersion, featureNames);
    }

    /**
     * Checks the rules that span fields.
     *
     * @return this manifest, for chaining
     * @throws BundleException if the format version is not {@link #FORMAT_VERSION}, a feature is
     *                         listed twice, or the fingerprint does not match the schema's version
     *                         and names (the manifest was edited by hand)
     */
    public BundleManifest validate() {
        if (formatVersion != FORMAT_VERSION) {
            throw new BundleException(unsupportedFormat(formatVersion, createdBy));
        }
        FeatureSchema schema;
        try {
            schema = schema();
        } catch (InvalidArgumentException e) {
            throw new BundleException("feature_schema: " + e.getMessage() + "; retrain or restore the bundle", e);
        }
        if (!schema.fingerprint().equals(schemaFingerprint)) {
            throw new BundleException("feature_schema.fingerprint " + schemaFingerprint + " does not match its version"
                    + " and names (they give " + schema.fingerprint() + "): the manifest was edited; retrain or"
                    + " restore the bundle");
        }
        return this;
    }

    /**
     * Checks that the model was trained on the features {@code expected} describes, so that its
     * weights line up with the vectors it will be given.
     *
     * @return this manifest, for chaining
     * @throws BundleException naming both schemas if the version, the fingerprint or the names differ
     */
    public BundleManifest checkSchema(FeatureSchema expected) {
        Objects.requireNonNull(expected, "expected schema");
        if (!expected.version().equals(schemaVersion) || !expected.fingerprint().equals(schemaFingerprint)
                || !expected.names().equals(featureNames)) {
            throw new BundleException("the model was trained on features " + schemaVersion + " (fingerprint "
                    + schemaFingerprint + ") but this build computes " + expected.version() + " (fingerprint "
                    + expected.fingerprint() + "); retrain with this version");
        }
        return this;
    }

    /**
     * Why a bundle of {@code format} is not read, and what to do: a format 1 bundle lacks the
     * compiled scorer that scoring reads and a format 2 bundle the digest that covers its
     * manifest, so either must be trained again; any other format comes from another version of
     * churn-risk.
     *
     * @param createdBy what wrote the bundle, as its {@code created_by} says
     */
    public static String unsupportedFormat(int format, String createdBy) {
        if (format == 1) {
            return "format_version 1 is no longer read: this churn-risk reads format " + FORMAT_VERSION
                    + ", which holds the compiled scorer (scorer.bin) that scoring reads without Tribuo (the bundle"
                    + " was created by " + createdBy + "); retrain with churn train to write the bundle again";
        }
        if (format == 2) {
            return "format_version 2 is no longer read: this churn-risk reads format " + FORMAT_VERSION
                    + ", whose digest covers the manifest (calibration, horizon, feature schema) as well as scorer.bin"
                    + " and model.tribuo, so that a bundle changed after training is refused (the bundle was created by "
                    + createdBy + "); retrain with churn train to write the bundle again";
        }
        return "format_version " + format + " is not supported: this churn-risk reads format " + FORMAT_VERSION
                + " (the bundle was created by " + createdBy + "); load it with that version or retrain with this one";
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidArgumentException(field + " is required (expected a non-blank string)");
        }
    }
}
