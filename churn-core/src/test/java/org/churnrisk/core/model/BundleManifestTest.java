package org.churnrisk.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.InvalidDataException;
import org.churnrisk.core.features.FeatureSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BundleManifestTest {
    static final FeatureSchema SCHEMA = new FeatureSchema("churn-features/1", List.of("logins_30d", "tickets_90d"));
    static final Calibration PLATT = new Calibration.Platt(1.5, -0.25);

    static BundleManifest manifest(int format, int horizon, String fingerprint, List<String> names) {
        return new BundleManifest(format, "churn-risk 0.1.0", "logistic", horizon, "churn-features/1", fingerprint, names,
                PLATT);
    }

    @Test
    void ofTakesTheSchemaAndTheCurrentFormat() {
        BundleManifest m = BundleManifest.of("churn-risk 0.1.0", "logistic", 120, SCHEMA, PLATT);

        assertThat(m.formatVersion()).isEqualTo(BundleManifest.FORMAT_VERSION).isEqualTo(3);
        assertThat(m.schemaVersion()).isEqualTo("churn-features/1");
        assertThat(m.schemaFingerprint()).isEqualTo(SCHEMA.fingerprint());
        assertThat(m.featureNames()).isEqualTo(SCHEMA.names());
        assertThat(m.schema()).isEqualTo(SCHEMA);
        assertThat(m.validate()).isSameAs(m);
        assertThat(m.checkSchema(SCHEMA)).isSameAs(m);
    }

    @Test
    void featureNamesAreCopied() {
        List<String> names = new ArrayList<>(SCHEMA.names());
        BundleManifest m = manifest(3, 120, SCHEMA.fingerprint(), names);
        names.add("nps");

        assertThat(m.featureNames()).containsExactly("logins_30d", "tickets_90d");
        assertThatThrownBy(() -> m.featureNames().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    static Stream<Arguments> badFields() {
        String fp = SCHEMA.fingerprint();
        return Stream.of(
                Arguments.of(0, 120, fp, SCHEMA.names(), "format_version is 0 (expected a positive number)"),
                Arguments.of(1, 0, fp, SCHEMA.names(), "horizon_days is 0 (expected a positive number of days)"),
                Arguments.of(1, 120, "ABC", SCHEMA.names(), "feature_schema.fingerprint is 'ABC' (expected 16 lower-case"
                        + " hex digits, as FeatureSchema.fingerprint() gives)"),
                Arguments.of(1, 120, fp, List.of(), "feature_schema.names is empty (expected the model's features, in"
                        + " order)"),
                Arguments.of(1, 120, fp, List.of("a", " "), "feature_schema.names: name 2 is blank"));
    }

    @ParameterizedTest(name = "{4}")
    @MethodSource("badFields")
    void aBadFieldIsRefusedByName(int format, int horizon, String fingerprint, List<String> names, String message) {
        assertThatThrownBy(() -> manifest(format, horizon, fingerprint, names))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void aBlankAlgorithmIsRefused() {
        assertThatThrownBy(() -> BundleManifest.of("churn-risk", " ", 120, SCHEMA, PLATT))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("algorithm is required (expected a non-blank string)");
    }

    @Test
    void aMissingCalibrationIsRefused() {
        assertThatThrownBy(() -> BundleManifest.of("churn-risk", "logistic", 120, SCHEMA, null))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("calibration is required (use Calibration.Identity for none)");
    }

    @Test
    void anotherFormatDoesNotValidate() {
        BundleManifest m = manifest(4, 120, SCHEMA.fingerprint(), SCHEMA.names());

        assertThatThrownBy(m::validate)
                .isInstanceOf(BundleException.class)
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("format_version 4 is not supported: this churn-risk reads format 3 (the bundle was created by"
                        + " churn-risk 0.1.0); load it with that version or retrain with this one");
    }

    @Test
    void formatOneDoesNotValidateAndSaysToRetrain() {
        BundleManifest m = manifest(1, 120, SCHEMA.fingerprint(), SCHEMA.names());

        assertThatThrownBy(m::validate)
                .isInstanceOf(BundleException.class)
                .hasMessage("format_version 1 is no longer read: this churn-risk reads format 3, which holds the compiled"
                        + " scorer (scorer.bin) that scoring reads without Tribuo (the bundle was created by churn-risk"
                        + " 0.1.0); retrain with churn train to write the bundle again");
    }

    @Test
    void formatTwoDoesNotValidateAndSaysToRetrain() {
        BundleManifest m = manifest(2, 120, SCHEMA.fingerprint(), SCHEMA.names());

        assertThatThrownBy(m::validate)
                .isInstanceOf(BundleException.class)
                .hasMessage("format_version 2 is no longer read: this churn-risk reads format 3, whose digest covers the"
                        + " manifest (calibration, horizon, feature schema) as well as scorer.bin and model.tribuo, so"
                        + " that a bundle changed after training is refused (the bundle was created by churn-risk"
                        + " 0.1.0); retrain with churn train to write the bundle again");
    }

    @Test
    void aFingerprintThatDoesNotMatchTheNamesDoesNotValidate() {
        BundleManifest m = manifest(3, 120, SCHEMA.fingerprint(), List.of("logins_30d", "nps"));
        String actual = new FeatureSchema("churn-features/1", List.of("logins_30d", "nps")).fingerprint();

        assertThatThrownBy(m::validate)
                .isInstanceOf(BundleException.class)
                .hasMessage("feature_schema.fingerprint " + SCHEMA.fingerprint() + " does not match its version and"
                        + " names (they give " + actual + "): the manifest was edited; retrain or restore the bundle");
    }

    @Test
    void aFeatureListedTwiceDoesNotValidate() {
        BundleManifest m = manifest(3, 120, SCHEMA.fingerprint(), List.of("logins_30d", "logins_30d"));

        assertThatThrownBy(m::validate)
                .isInstanceOf(BundleException.class)
                .hasMessage("feature_schema: schema: feature 'logins_30d' is listed twice; retrain or restore the bundle");
    }

    @Test
    void anotherSchemaIsRefusedNamingBoth() {
        BundleManifest m = BundleManifest.of("churn-risk 0.1.0", "logistic", 120, SCHEMA, PLATT);
        FeatureSchema thisBuild = new FeatureSchema("churn-features/2", SCHEMA.names());

        assertThatThrownBy(() -> m.checkSchema(thisBuild))
                .isInstanceOf(BundleException.class)
                .hasMessage("the model was trained on features churn-features/1 (fingerprint " + SCHEMA.fingerprint()
                        + ") but this build computes churn-features/2 (fingerprint " + thisBuild.fingerprint()
                        + "); retrain with this version");
    }

    @Test
    void manifestsWithEqualIsotonicCalibrationsAreEqual() {
        Calibration a = new Calibration.Isotonic(new double[] {0, 0.5}, new double[] {0.1, 0.2});
        Calibration b = new Calibration.Isotonic(new double[] {0, 0.5}, new double[] {0.1, 0.2});

        assertThat(BundleManifest.of("c", "logistic", 120, SCHEMA, a))
                .isEqualTo(BundleManifest.of("c", "logistic", 120, SCHEMA, b));
    }
}
