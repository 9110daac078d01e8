package org.churnrisk.core.scoring;

/**
 * The dot product of linear scoring, {@code sum(w[f] * x[offset + f])}, as sixteen running sums
 * of fused multiply-adds, added in a fixed order:
 * <ol>
 *   <li>element {@code f} of the first {@code 16 * (n / 16)} goes to sum {@code s[f % 16]};</li>
 *   <li>{@code t[l] = (s[l] + s[l + 4]) + (s[l + 8] + s[l + 12])} for l in 0..3;</li>
 *   <li>each further element goes to {@code t[r % 4]}, r counting them from 0;</li>
 *   <li>the result is {@code (t[0] + t[1]) + (t[2] + t[3])}.</li>
 * </ol>
 * Sixteen independent sums keep four fused multiply-adders busy instead of waiting on one chain
 * (a multiply-add takes four cycles).
 *
 * <p>When the JVM was started with {@code --add-modules jdk.incubator.vector} and the CPU has
 * 256-bit integer and floating-point vectors (AVX2 and later, which come with fused
 * multiply-add; not AVX alone, nor 128-bit NEON), the sums are four 4-lane vectors in
 * {@link VectorDot}: for 85 features about 20 ns instead of 40 on this project's benchmark
 * machine (docs/benchmarks.md). Both paths add the same products in the same order with the same
 * roundings, so they give the same bits for finite inputs: a report does not depend on whether
 * the flag was given (a NaN feature gives NaN both ways, perhaps with another sign or payload).
 * {@code -Dchurn.simd=false} turns the vector path off.
 */
final class Dot {
    /** Whether {@link VectorDot} is used. */
    static final boolean SIMD = simdAvailable();

    private Dot() {
    }

    static double sum(double[] w, double[] x, int offset) {
        return SIMD ? VectorDot.sum(w, x, offset) : scalar(w, x, offset);
    }

    /**
     * The scalar path; callers have checked that x holds w.length values from offset. Sixteen
     * scalar sums do not fit the sixteen vector registers beside their operands, so they are
     * taken eight at a time, over the first and then the second half of each block of sixteen:
     * each sum still adds its elements in the same order.
     */
    static double scalar(double[] w, double[] x, int offset) {
        int n = w.length;
        int whole = n & ~15;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        for (int f = 0; f < whole; f += 16) {
            int at = offset + f;
            s0 = Math.fma(w[f], x[at], s0);
            s1 = Math.fma(w[f + 1], x[at + 1], s1);
            s2 = Math.fma(w[f + 2], x[at + 2], s2);
            s3 = Math.fma(w[f + 3], x[at + 3], s3);
            s4 = Math.fma(w[f + 4], x[at + 4], s4);
            s5 = Math.fma(w[f + 5], x[at + 5], s5);
            s6 = Math.fma(w[f + 6], x[at + 6], s6);
            s7 = Math.fma(w[f + 7], x[at + 7], s7);
        }
        double s8 = 0;
        double s9 = 0;
        double s10 = 0;
        double s11 = 0;
        double s12 = 0;
        double s13 = 0;
        double s14 = 0;
        double s15 = 0;
        for (int f = 8; f < whole; f += 16) {
            int at = offset + f;
            s8 = Math.fma(w[f], x[at], s8);
            s9 = Math.fma(w[f + 1], x[at + 1], s9);
            s10 = Math.fma(w[f + 2], x[at + 2], s10);
            s11 = Math.fma(w[f + 3], x[at + 3], s11);
            s12 = Math.fma(w[f + 4], x[at + 4], s12);
            s13 = Math.fma(w[f + 5], x[at + 5], s13);
            s14 = Math.fma(w[f + 6], x[at + 6], s14);
            s15 = Math.fma(w[f + 7], x[at + 7], s15);
        }
        return tail(w, x, offset, whole, (s0 + s4) + (s8 + s12), (s1 + s5) + (s9 + s13), (s2 + s6) + (s10 + s14),
                (s3 + s7) + (s11 + s15));
    }

    /** Adds elements [f, w.length) to t[r % 4] and returns (t0 + t1) + (t2 + t3). */
    static double tail(double[] w, double[] x, int offset, int f, double t0, double t1, double t2, double t3) {
        int n = w.length;
        for (; f + 3 < n; f += 4) {
            int at = offset + f;
            t0 = Math.fma(w[f], x[at], t0);
            t1 = Math.fma(w[f + 1], x[at + 1], t1);
            t2 = Math.fma(w[f + 2], x[at + 2], t2);
            t3 = Math.fma(w[f + 3], x[at + 3], t3);
        }
        if (f < n) {
            t0 = Math.fma(w[f], x[offset + f], t0);
        }
        if (f + 1 < n) {
            t1 = Math.fma(w[f + 1], x[offset + f + 1], t1);
        }
        if (f + 2 < n) {
            t2 = Math.fma(w[f + 2], x[offset + f + 2], t2);
        }
        return (t0 + t1) + (t2 + t3);
    }

    private static boolean simdAvailable() {
        if (!Boolean.parseBoolean(System.getProperty("churn.simd", "true"))) {
            return false;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            return VectorDot.fast();
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }
}
