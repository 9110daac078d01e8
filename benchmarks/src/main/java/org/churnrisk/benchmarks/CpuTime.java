package org.churnrisk.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * CPU time per operation, beside JMH's wall-clock time: on a machine shared with other work a
 * benchmark thread is often waiting for a core, and wall time then counts the waiting. CPU
 * time does not (though a core shared with another thread, as virtual CPUs often are, still
 * runs slower). Each is an iteration's CPU time divided by the operations the benchmark counted
 * in it, read by JMH at the end of the iteration.
 */
public final class CpuTime {
    private CpuTime() {
    }

    /** Thread CPU nanoseconds per operation, for single-threaded benchmarks. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class OfThread {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private long ops;
        private long start;

        @Setup(Level.Iteration)
        public void start() {
            ops = 0;
            start = THREADS.getCurrentThreadCpuTime();
        }

        void count(int operations) {
            ops += operations;
        }

        /** The benchmark thread's CPU time in this iteration per operation, in nanoseconds. */
        public double cpuNanosPerOp() {
            return ops == 0 ? 0 : (THREADS.getCurrentThreadCpuTime() - start) / (double) ops;
        }
    }

    /** Process CPU milliseconds per operation and cores used, for benchmarks that use several threads. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class OfProcess {
        private long ops;
        private long startCpu;
        private long startWall;

        @Setup(Level.Iteration)
        public void start() {
            ops = 0;
            startCpu = FeatureExtractionBenchmark.processCpuNanos();
            startWall = System.nanoTime();
        }

        void count() {
            ops++;
        }

        /** The whole JVM's CPU time (all threads, GC and JIT too) in this iteration per operation, in milliseconds. */
        public double cpuMillisPerOp() {
            return ops == 0 ? 0 : (FeatureExtractionBenchmark.processCpuNanos() - startCpu) / 1e6 / ops;
        }

        /** CPU time over wall time in this iteration: the cores the benchmark kept busy. */
        public double cores() {
            long wall = System.nanoTime() - startWall;
            return wall == 0 ? 0 : (FeatureExtractionBenchmark.processCpuNanos() - startCpu) / (double) wall;
        }
    }
}
