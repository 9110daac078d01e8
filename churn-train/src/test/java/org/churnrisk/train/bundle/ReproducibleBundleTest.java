package org.churnrisk.train.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/** Training twice with the same data and seed writes the same bundle bytes. */
class ReproducibleBundleTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> trainers() {
        return Stream.of(Arguments.of("logistic", (Supplier<Model<Label>>) TinyModels::standardizedLogistic),
                Arguments.of("xgboost", (Supplier<Model<Label>>) TinyModels::xgboost));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trainers")
    void twoTrainingsWriteTheSameBytes(String algorithm, Supplier<Model<Label>> train) throws Exception {
        Model<Label> first = train.get();
        Thread.sleep(5); // the clock moves between the two trainings
        Model<Label> second = train.get();
        assertThat(first.getProvenance().getTrainingTime()).isNotEqualTo(second.getProvenance().getTrainingTime());

        Path a = write(tmp.resolve("a"), first, algorithm);
        Path b = write(tmp.resolve("b"), second, algorithm);

        assertThat(Files.readAllBytes(a.resolve(ModelBundle.MODEL_FILE)))
                .isEqualTo(Files.readAllBytes(b.resolve(ModelBundle.MODEL_FILE)));
        assertThat(Files.readAllBytes(a.resolve(ModelBundle.MANIFEST_FILE)))
                .isEqualTo(Files.readAllBytes(b.resolve(ModelBundle.MANIFEST_FILE)));
    }

    @Test
    void theLoadedModelsTrainingTimeIsTheEpoch() throws IOException {
        Path dir = write(tmp.resolve("m"), TinyModels.standardizedLogistic(), "logistic");

        LoadedBundle bundle = ModelBundle.load(dir, TinyModels.SCHEMA);

        OffsetDateTime trainedAt = bundle.model().getProvenance().getTrainingTime();
        assertThat(trainedAt.toInstant().getEpochSecond()).isEqualTo(-trainedAt.getOffset().getTotalSeconds());
    }

    @Test
    void pinningKeepsEveryByteOutsideTheTimestamps() {
        String cls = TrainingTimes.DATE_TIME_PROVENANCE;
        byte[] in = ("x\u00ff2026-11-23T01:01:01.916723072Z*C" + cls + "y2025-01-02T03:04:05+02:00*C" + cls
                + "2024-05-06T07:08:09Z not a provenance").getBytes(StandardCharsets.ISO_8859_1);

        byte[] out = TrainingTimes.pin(in);

        assertThat(new String(out, StandardCharsets.ISO_8859_1)).isEqualTo("x\u00ff1970-01-01T00:00:00.000000000Z*C"
                + cls + "y1970-01-01T00:00:00+02:00*C" + cls + "2024-05-06T07:08:09Z not a provenance");
    }

    private static Path write(Path dir, Model<Label> model, String algorithm) throws IOException {
        ModelBundle.write(dir, model, TinyModels.manifest(algorithm, new org.churnrisk.core.model.Calibration.Identity()),
                TinyModels.metrics(), TinyModels.provenance());
        return dir;
    }
}
