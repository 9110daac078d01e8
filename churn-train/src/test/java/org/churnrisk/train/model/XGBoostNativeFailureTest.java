package org.churnrisk.train.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.churnrisk.core.ChurnException;
import org.churnrisk.train.data.SnapshotDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Dataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;

/**
 * What a person sees when XGBoost's native library will not load. In this JVM the library may
 * already be loaded, so the real failure runs in a child JVM whose temporary directory does not
 * exist: xgboost4j cannot unpack its library there, as on a machine with a read-only /tmp.
 */
class XGBoostNativeFailureTest {
    static final String MESSAGE = "XGBoost's native library could not load on this machine";

    @Test
    void aLibraryThatCannotLoadGivesAClearMessageInARealJvm(@TempDir Path tmp) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Djava.io.tmpdir=" + tmp.resolve("missing"),
                "-cp", System.getProperty("java.class.path"), Child.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(child.exitValue()).as(output).isEqualTo(0);
        assertThat(output).contains("MESSAGE: " + MESSAGE).contains("train with --algorithm logistic, which works everywhere");
    }

    @Test
    void anUnsatisfiedLinkIsTurnedIntoTheSameMessage() {
        SnapshotDataset d = TinySnapshots.of(20, 5);
        Dataset<Label> data = TribuoData.trainingSet(d, TinySnapshots.all(d));
        Trainer<Label> broken = failingTrainer(new UnsatisfiedLinkError("libgomp.so.1: cannot open shared object file"));

        assertThatThrownBy(() -> ChurnTrainer.fit(Algorithm.XGBOOST, () -> broken, data))
                .isInstanceOf(ChurnException.class)
                .hasMessage(MESSAGE + " (UnsatisfiedLinkError: libgomp.so.1: cannot open shared object file);"
                        + " train with --algorithm logistic, which works everywhere")
                .hasCauseInstanceOf(UnsatisfiedLinkError.class);
    }

    private static Trainer<Label> failingTrainer(Error error) {
        return new Trainer<>() {
            @Override
            public org.tribuo.Model<Label> train(Dataset<Label> examples,
                                                 java.util.Map<String, com.oracle.labs.mlrg.olcut.provenance.Provenance> run) {
                throw error;
            }

            @Override
            public org.tribuo.Model<Label> train(Dataset<Label> examples,
                                                 java.util.Map<String, com.oracle.labs.mlrg.olcut.provenance.Provenance> run,
                                                 int invocationCount) {
                throw error;
            }

            @Override
            public int getInvocationCount() {
                return 0;
            }

            @Override
            public void setInvocationCount(int count) {
            }

            @Override
            public org.tribuo.provenance.TrainerProvenance getProvenance() {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** Trains XGBoost on a few rows and prints the message it fails with. */
    public static final class Child {
        public static void main(String[] args) throws IOException {
            SnapshotDataset d = TinySnapshots.of(20, 5);
            try {
                ChurnTrainer.train(d, TinySnapshots.all(d), Algorithm.XGBOOST, 1);
                System.out.println("TRAINED: the native library loaded after all");
                System.exit(3);
            } catch (ChurnException e) {
                System.out.println("MESSAGE: " + e.getMessage());
            }
        }
    }

}
