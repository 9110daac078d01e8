package org.churnrisk.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scalar and vector dot products give the same bits, in the documented order. churn-core's
 * tests run with {@code --add-modules jdk.incubator.vector} (see its pom), so the vector path is
 * live here; the other modules' tests run without it, on the scalar path.
 */
class DotTest {
    final Random random = new Random(7);

    @Test
    void theVectorPathIsOnWhenTheJvmHasTheModuleAndWideVectors() {
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector"))
                .as("churn-core's tests run with --add-modules jdk.incubator.vector (see its pom)").isPresent();
        assumeTrue(VectorDot.fast(), "this CPU has no 256-bit vectors");

        assertThat(Dot.SIMD).isTrue();
    }

    /** The vector tests need the module (an IDE may run them without the pom's argLine) and AVX2. */
    private static void assumeVectors() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "the JVM lacks the Vector API");
        assumeTrue(VectorDot.fast(), "this CPU has no 256-bit vectors");
    }

    @Test
    void vectorAndScalarGiveTheSameBitsForEveryLengthAndOffset() {
        assumeVectors();
        for (int n = 0; n <= 100; n++) {
            for (int trial = 0; trial < 20; trial++) {
                double[] w = values(n);
                int offset = random.nextInt(5);
                double[] x = values(offset + n + random.nextInt(3));

                assertThat(Double.doubleToRawLongBits(VectorDot.sum(w, x, offset)))
                        .as("n=%d offset=%d", n, offset)
                        .isEqualTo(Double.doubleToRawLongBits(Dot.scalar(w, x, offset)));
            }
        }
    }

    /**
     * The same after the JIT has compiled both paths: the first calls run the Vector API's Java
     * fallback, the later ones the compiled vector instructions.
     */
    @Test
    void vectorAndScalarGiveTheSameBitsOnceCompiled() {
        assumeVectors();
        double[] w = values(85);
        double[] pool = values(85 * 64);
        long differing = 0;
        for (int call = 0; call < 200_000; call++) {
            int offset = 85 * (call & 63);
            differing += Double.doubleToRawLongBits(VectorDot.sum(w, pool, offset))
                    != Double.doubleToRawLongBits(Dot.scalar(w, pool, offset)) ? 1 : 0;
        }

        assertThat(differing).isZero();
    }

    @Test
    void theScalarPathAddsInTheDocumentedOrder() {
        for (int n : new int[] {0, 1, 3, 4, 7, 8, 15, 16, 17, 20, 31, 40, 85, 100}) {
            double[] w = values(n);
            double[] x = values(n + 3);
            double[] s = new double[16];
            int whole = 16 * (n / 16);
            for (int f = 0; f < whole; f++) {
                s[f % 16] = Math.fma(w[f], x[3 + f], s[f % 16]);
            }
            double[] t = new double[4];
            for (int l = 0; l < 4; l++) {
                t[l] = (s[l] + s[l + 4]) + (s[l + 8] + s[l + 12]);
            }
            for (int f = whole; f < n; f++) {
                int r = (f - whole) % 4;
                t[r] = Math.fma(w[f], x[3 + f], t[r]);
            }
            double expected = (t[0] + t[1]) + (t[2] + t[3]);

            assertThat(Dot.scalar(w, x, 3)).as("n=%d", n).isEqualTo(expected);
        }
    }

    @Test
    void theSumIsTheDotProduct() {
        double[] w = {0.5, -1.25, 2, 0, 0.001, 3, 4, 5, 6, -7, 0.25};
        double[] x = {2, 1, 0.5, 7, 3000, 1, 1, 1, 1, 1, 4};
        double naive = 0;
        for (int f = 0; f < w.length; f++) {
            naive += w[f] * x[f];
        }

        assertThat(Dot.sum(w, x, 0)).isCloseTo(naive, within(1e-12)).isCloseTo(15.75, within(1e-12));
    }

    /** Values over many magnitudes and both signs, so that rounding order shows. */
    private double[] values(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (random.nextDouble() - 0.4) * Math.pow(10, random.nextInt(9) - 4);
        }
        return v;
    }
}
