package org.churnrisk.train.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.churnrisk.core.model.Calibration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of calibration comes back from bundle.json with exactly the parameters written. */
class CalibrationRoundTripTest {
    @TempDir
    Path tmp;

    static Stream<Calibration> calibrations() {
        return Stream.of(new Calibration.Identity(),
                new Calibration.Platt(0.1 + 0.2, -Math.PI),
                new Calibration.Platt(1e-300, 4.9e-324),
                new Calibration.Isotonic(new double[] {0.0, 0.1 + 0.2, 0.7, 1.0 / 3 + 0.5},
                        new double[] {0.01, 0.01, 2.0 / 3, 0.999999}));
    }

    @ParameterizedTest
    @MethodSource("calibrations")
    void aCalibrationComesBackExactly(Calibration calibration) throws IOException {
        ModelBundle.write(tmp.resolve("model"), TinyModels.logistic(), TinyModels.manifest("logistic", calibration),
                Map.of(), Map.of());

        LoadedBundle bundle = ModelBundle.load(tmp.resolve("model"), TinyModels.SCHEMA);

        assertThat(bundle.calibration()).isEqualTo(calibration);
        double[][] rows = TinyModels.rows();
        double[] raw = bundle.predictRawProbabilities(rows);
        double[] calibrated = bundle.predictProbabilities(rows);
        for (int i = 0; i < rows.length; i++) {
            assertThat(calibrated[i]).isEqualTo(calibration.apply(raw[i]));
        }
    }
}
