package org.churnrisk.train.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.core.model.Calibration;
import org.churnrisk.train.model.TribuoData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/** A written bundle loads back as the same model, calibration, metrics and provenance. */
class ModelBundleRoundTripTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> models() {
        return Stream.of(Arguments.of("LinearSGDModel", TinyModels.logistic()),
                Arguments.of("TransformedModel around LinearSGDModel", TinyModels.standardizedLogistic()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void aLoadedModelPredictsTheSameProbabilitiesToTheLastBit(String kind, Model<Label> model) throws IOException {
        Path dir = TinyModels.write(tmp.resolve("model"), model);

        LoadedBundle bundle = ModelBundle.load(dir, TinyModels.SCHEMA);

        double[][] rows = TinyModels.rows();
        double[] expected = churnScores(model, rows);
        assertThat(bits(bundle.predictRawProbabilities(rows))).containsExactly(bits(expected));
        assertThat(bundle.model().getClass()).isEqualTo(model.getClass());
    }

    @Test
    void predictionsAreCalibrated() throws IOException {
        Model<Label> model = TinyModels.standardizedLogistic();
        Calibration platt = new Calibration.Platt(0.8, -0.3);
        ModelBundle.write(tmp.resolve("model"), model, TinyModels.manifest("logistic", platt), Map.of(), Map.of());

        LoadedBundle bundle = ModelBundle.load(tmp.resolve("model"), TinyModels.SCHEMA);

        double[][] rows = TinyModels.rows();
        double[] raw = churnScores(model, rows);
        double[] calibrated = bundle.predictProbabilities(rows);
        for (int i = 0; i < rows.length; i++) {
            assertThat(calibrated[i]).isEqualTo(platt.apply(raw[i]));
        }
    }

    @Test
    void aFeatureTableIsScoredRowByRow() throws IOException {
        LoadedBundle bundle = ModelBundle.load(TinyModels.write(tmp.resolve("model"), TinyModels.logistic()),
                TinyModels.SCHEMA);
        double[][] rows = Arrays.copyOf(TinyModels.rows(), 3);
        double[] flat = Arrays.stream(rows).flatMapToDouble(Arrays::stream).toArray();
        FeatureTable table = new FeatureTable(TinyModels.SCHEMA, LocalDate.of(2025, 6, 1), List.of("a", "b", "c"), flat,
                new double[3]);

        assertThat(bundle.predictProbabilities(table)).containsExactly(bundle.predictProbabilities(rows));
    }

    @Test
    void moreRowsThanABatchKeepTheirOrder() throws IOException {
        LoadedBundle bundle = ModelBundle.load(TinyModels.write(tmp.resolve("model"), TinyModels.logistic()),
                TinyModels.SCHEMA);
        double[][] base = TinyModels.rows();
        double[][] rows = new double[LoadedBundle.BATCH + 3][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = base[(i * 31) % base.length];
        }

        double[] p = bundle.predictProbabilities(rows);

        for (int i : new int[] {0, LoadedBundle.BATCH - 1, LoadedBundle.BATCH, rows.length - 1}) {
            assertThat(p[i]).isEqualTo(bundle.predictProbabilities(new double[][] {rows[i]})[0]);
        }
    }

    @Test
    void aRowOfTheWrongLengthIsRefusedNamingTheFeatures() throws IOException {
        LoadedBundle bundle = ModelBundle.load(TinyModels.write(tmp.resolve("model"), TinyModels.logistic()),
                TinyModels.SCHEMA);

        assertThatThrownBy(() -> bundle.predictProbabilities(new double[][] {{1, 2, 0.5}, {1, 2}}))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("row 1 has 2 values (expected 3: logins_30d, tickets_90d, seat_utilisation)");
    }

    @Test
    void aValueThatIsNotFiniteIsRefused() throws IOException {
        LoadedBundle bundle = ModelBundle.load(TinyModels.write(tmp.resolve("model"), TinyModels.logistic()),
                TinyModels.SCHEMA);

        assertThatThrownBy(() -> bundle.predictProbabilities(new double[][] {{1, Double.NaN, 0.5}}))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("row 0: feature 'tickets_90d' is NaN (expected a finite number)");
    }

    @Test
    void twoWritesOfTheSameModelGiveTheSameBytes() throws IOException {
        Model<Label> model = TinyModels.standardizedLogistic();
        Path a = TinyModels.write(tmp.resolve("a"), model);
        Path b = TinyModels.write(tmp.resolve("b"), model);

        assertThat(Files.readAllBytes(b.resolve("bundle.json"))).isEqualTo(Files.readAllBytes(a.resolve("bundle.json")));
        assertThat(Files.readAllBytes(b.resolve("model.tribuo"))).isEqualTo(Files.readAllBytes(a.resolve("model.tribuo")));
    }

    @Test
    void theManifestComesBackAsWritten() throws IOException {
        Path dir = TinyModels.write(tmp.resolve("model"), TinyModels.logistic());

        LoadedBundle bundle = ModelBundle.load(dir, TinyModels.SCHEMA);

        assertThat(bundle.manifest()).isEqualTo(TinyModels.manifest());
        assertThat(bundle.schema()).isEqualTo(TinyModels.SCHEMA);
        assertThat(bundle.directory()).isEqualTo(dir);
        assertThat(bundle.modelSha256()).isEqualTo(ModelBundle.sha256(Files.readAllBytes(dir.resolve("model.tribuo"))));
    }

    @Test
    void metricsAndProvenanceComeBackAsMapsAndJson() throws IOException {
        Path dir = TinyModels.write(tmp.resolve("model"), TinyModels.logistic());

        LoadedBundle bundle = ModelBundle.load(dir, TinyModels.SCHEMA);

        assertThat(bundle.metrics()).isEqualTo(Map.of("roc_auc", 0.75, "folds",
                List.of(Map.of("fold", 1, "roc_auc", 0.5), Map.of("fold", 2, "roc_auc", 1.0))));
        assertThat(bundle.metricsJson()).startsWith("{\n  \"roc_auc\": 0.75,\n  \"folds\": [");
        assertThat(bundle.provenance()).containsEntry("seed", 42).containsEntry("snapshot_dates", List.of("2025-01-01"))
                .containsKey(ModelBundle.RUNTIME_KEY);
        assertThat(bundle.provenanceJson()).contains("\"tribuo_version\": \"" + org.tribuo.Tribuo.VERSION + "\"");
    }

    @Test
    void loadedMetricsCannotBeChanged() throws IOException {
        LoadedBundle bundle = ModelBundle.load(TinyModels.write(tmp.resolve("model"), TinyModels.logistic()),
                TinyModels.SCHEMA);

        @SuppressWarnings("unchecked")
        List<Object> folds = (List<Object>) bundle.metrics().get("folds");
        assertThatThrownBy(() -> folds.add(1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void valuesThatJsonCannotHoldExactlyAreWrittenAsAgreed() throws IOException {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("undefined_auc", Double.NaN);
        metrics.put("hash_ordered", new HashMap<>(Map.of("b", 2, "a", 1, "c", 3)));
        metrics.put("tree_ordered", new TreeMap<>(Map.of("b", 2, "a", 1)));
        Map<String, Object> insertion = new LinkedHashMap<>();
        insertion.put("z", 1);
        insertion.put("a", 2);
        metrics.put("insertion_ordered", insertion);
        metrics.put("deciles", new double[] {0.5, 0.25});
        ModelBundle.write(tmp.resolve("model"), TinyModels.logistic(), TinyModels.manifest(), metrics, Map.of());

        String json = ModelBundle.load(tmp.resolve("model"), TinyModels.SCHEMA).metricsJson();

        assertThat(json).isEqualTo("""
                {
                  "undefined_auc": "NaN",
                  "hash_ordered": {
                    "a": 1,
                    "b": 2,
                    "c": 3
                  },
                  "tree_ordered": {
                    "a": 1,
                    "b": 2
                  },
                  "insertion_ordered": {
                    "z": 1,
                    "a": 2
                  },
                  "deciles": [ 0.5, 0.25 ]
                }
                """);
    }

    @Test
    void xgboostModelsRoundTripToo() throws IOException {
        Model<Label> model;
        try {
            model = TinyModels.xgboost();
        } catch (LinkageError e) {
            org.junit.jupiter.api.Assumptions.abort("XGBoost's native library does not load here: " + e);
            return;
        }
        ModelBundle.write(tmp.resolve("model"), model, TinyModels.manifest("xgboost", new Calibration.Identity()),
                Map.of(), Map.of());

        LoadedBundle bundle = ModelBundle.load(tmp.resolve("model"), TinyModels.SCHEMA);

        double[][] rows = TinyModels.rows();
        assertThat(bits(bundle.predictProbabilities(rows))).containsExactly(bits(churnScores(model, rows)));
    }

    /** The model's own churn scores, straight from Tribuo. */
    static double[] churnScores(Model<Label> model, double[][] rows) {
        String[] names = TinyModels.SCHEMA.names().toArray(new String[0]);
        List<Example<Label>> examples = new ArrayList<>();
        for (double[] row : rows) {
            examples.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, row));
        }
        return model.predict(examples).stream()
                .mapToDouble(p -> p.getOutputScores().get(TribuoData.CHURN).getScore()).toArray();
    }

    static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
