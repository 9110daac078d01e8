package org.churnrisk.core.scoring;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Dot#scalar} on the Vector API: the sixteen running sums are four 4-lane vectors. Loaded
 * only when the JVM has the {@code jdk.incubator.vector} module (see {@link Dot}).
 */
final class VectorDot {
    private static final VectorSpecies<Double> LANES4 = DoubleVector.SPECIES_256;

    private VectorDot() {
    }

    /**
     * Whether 4-lane double vectors and their fused multiply-add are native here; elsewhere the
     * Vector API emulates them, far slower than scalar code. 256-bit integer vectors stand for
     * AVX2: AVX alone (Sandy and Ivy Bridge) has 256-bit double vectors but no fused
     * multiply-add, and every AVX2 processor has one.
     */
    static boolean fast() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 256 && IntVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }

    static double sum(double[] w, double[] x, int offset) {
        int n = w.length;
        DoubleVector a0 = DoubleVector.zero(LANES4);
        DoubleVector a1 = DoubleVector.zero(LANES4);
        DoubleVector a2 = DoubleVector.zero(LANES4);
        DoubleVector a3 = DoubleVector.zero(LANES4);
        int f = 0;
        for (; f + 15 < n; f += 16) {
            int at = offset + f;
            a0 = DoubleVector.fromArray(LANES4, w, f).fma(DoubleVector.fromArray(LANES4, x, at), a0);
            a1 = DoubleVector.fromArray(LANES4, w, f + 4).fma(DoubleVector.fromArray(LANES4, x, at + 4), a1);
            a2 = DoubleVector.fromArray(LANES4, w, f + 8).fma(DoubleVector.fromArray(LANES4, x, at + 8), a2);
            a3 = DoubleVector.fromArray(LANES4, w, f + 12).fma(DoubleVector.fromArray(LANES4, x, at + 12), a3);
        }
        DoubleVector t = a0.add(a1).add(a2.add(a3));
        for (; f + 3 < n; f += 4) {
            t = DoubleVector.fromArray(LANES4, w, f).fma(DoubleVector.fromArray(LANES4, x, offset + f), t);
        }
        return Dot.tail(w, x, offset, f, t.lane(0), t.lane(1), t.lane(2), t.lane(3));
    }
}
