package org.churnrisk.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.JMException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.ExtractionReport;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.features.FeatureSettings;
import org.churnrisk.features.ReadOptions;

/**
 * Runs one feature extraction of a book on disk and prints how long it took and how much heap it
 * needed; not a JMH benchmark, because the question is one number per run at a given {@code -Xmx}.
 *
 * <pre>{@code
 * java -Xmx1g -cp benchmarks/target/benchmarks.jar org.churnrisk.benchmarks.ExtractionMemory <book> [<yyyy-MM-dd>...]
 * }</pre>
 *
 * <p>Without dates it uses 24 weekly as-of dates ending at the export date in the book's
 * {@code generator.json}. The tables are dropped as they arrive, as {@code churn features} does
 * once it has written them. It prints these heap figures, all taken after a full GC and a reset
 * of the pools' peaks before the extraction starts:
 * <ul>
 *   <li>the sum of the heap pools' peak usage: the pools peak at different times, and it counts
 *       garbage not yet collected; HotSpot updates a pool's peak only around collections, so
 *       G1's eden peak is mostly missed;</li>
 *   <li>the high-water mark of heap in use ({@code totalMemory - freeMemory}) and of heap
 *       committed ({@code Runtime.totalMemory()}), polled every 20 ms;</li>
 *   <li>the largest heap in use right after a collection: the closest figure to what the
 *       extraction holds live (after a young collection it still counts old garbage).</li>
 * </ul>
 * With {@code -Dextraction.histogram=true} it also prints the top of the live-object class
 * histogram ({@code jcmd GC.class_histogram}) when the first table arrives, the moment when every
 * aggregator is still held; that forces a full GC, so leave it off when timing. Writes to standard
 * output; the exit status is non-zero if the extraction fails.
 */
public final class ExtractionMemory {
    private static final int DEFAULT_DATES = 24;
    private static final int DEFAULT_STEP_DAYS = 7;
    private static final double MB = 1 << 20;
    private static final int HISTOGRAM_LINES = 16;

    private ExtractionMemory() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ExtractionMemory <book> [<yyyy-MM-dd>...]  (default: "
                    + DEFAULT_DATES + " weekly dates ending at the export date in generator.json)");
            System.exit(2);
        }
        Path book = Path.of(args[0]);
        List<LocalDate> asOf = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            asOf.add(LocalDate.parse(args[i]));
        }
        if (asOf.isEmpty()) {
            BookManifest manifest = BookManifest.read(book);
            if (manifest == null) {
                throw new IllegalArgumentException(book + " has no generator.json; pass the as-of dates");
            }
            asOf = manifest.asOfDates(DEFAULT_DATES, DEFAULT_STEP_DAYS);
        }
        run(book, asOf, System.out);
    }

    static void run(Path book, List<LocalDate> asOf, PrintStream out) throws IOException, InterruptedException {
        FeatureExtractor extractor = FeatureExtractor.create(FeatureSettings.forBook(book, null));
        ReadOptions options = ReadOptions.forBook(book);
        Runtime runtime = Runtime.getRuntime();

        System.gc();
        long before = runtime.totalMemory() - runtime.freeMemory();
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        AtomicLong maxAfterGc = new AtomicLong();
        List<Runnable> unlisten = listenToCollections(maxAfterGc);
        long gcCountBefore = gcCount();
        long gcMillisBefore = gcMillis();
        AtomicLong totalHighWater = new AtomicLong(runtime.totalMemory());
        AtomicLong usedHighWater = new AtomicLong(before);
        Thread poller = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long total = runtime.totalMemory();
                totalHighWater.accumulateAndGet(total, Math::max);
                usedHighWater.accumulateAndGet(total - runtime.freeMemory(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "total-memory-poller");
        poller.setDaemon(true);
        poller.start();

        boolean histogram = Boolean.getBoolean("extraction.histogram");
        long[] tableRows = new long[1];
        int[] tables = new int[1];
        ExtractionReport report;
        long cpuBefore = FeatureExtractionBenchmark.processCpuNanos();
        long started = System.nanoTime();
        try {
            report = extractor.extract(book, options, asOf, table -> {
                if (histogram && tables[0]++ == 0) {
                    out.println("live objects when the first table arrives:");
                    out.print(classHistogram());
                }
                tableRows[0] += table.rows();
            });
        } finally {
            poller.interrupt();
            poller.join();
            unlisten.forEach(Runnable::run);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (FeatureExtractionBenchmark.processCpuNanos() - cpuBefore) / 1e9;

        long peakSum = 0;
        long committedPeakSum = 0;
        StringBuilder perPool = new StringBuilder();
        for (MemoryPoolMXBean pool : heapPools) {
            MemoryUsage peak = pool.getPeakUsage();
            peakSum += peak.getUsed();
            committedPeakSum += peak.getCommitted();
            perPool.append(String.format(Locale.ROOT, "  %-24s %,10.1f MB used, %,10.1f MB committed%n",
                    pool.getName(), peak.getUsed() / MB, peak.getCommitted() / MB));
        }
        long usageRows = report.stats().of(Source.USAGE).read();
        out.printf(Locale.ROOT, "book                          %s%n", book);
        out.printf(Locale.ROOT, "as-of dates                   %d, %s to %s%n", asOf.size(), asOf.get(0),
                asOf.get(asOf.size() - 1));
        out.printf(Locale.ROOT, "usage rows                    %,d (all sources: %,d)%n", usageRows,
                report.stats().total().read());
        out.printf(Locale.ROOT, "feature rows                  %,d%n", tableRows[0]);
        out.printf(Locale.ROOT, "duration                      %.1f s%n", seconds);
        out.printf(Locale.ROOT, "usage rows/s                  %,.2fM%n", usageRows / seconds / 1e6);
        out.printf(Locale.ROOT, "CPU time                      %.1f s (%.2f cores busy on average, all JVM threads)%n",
                cpuSeconds, cpuSeconds / seconds);
        out.printf(Locale.ROOT, "max heap (-Xmx)               %,.0f MB%n", runtime.maxMemory() / MB);
        out.printf(Locale.ROOT, "heap used before              %,.1f MB (after a full GC)%n", before / MB);
        out.printf(Locale.ROOT, "peak heap, sum of pool peaks  %,.1f MB used, %,.1f MB committed%n", peakSum / MB,
                committedPeakSum / MB);
        out.print(perPool);
        out.printf(Locale.ROOT, "heap used high-water (polled) %,.1f MB%n", usedHighWater.get() / MB);
        out.printf(Locale.ROOT, "totalMemory high-water        %,.1f MB (heap committed, polled)%n",
                totalHighWater.get() / MB);
        out.printf(Locale.ROOT, "largest heap after a GC       %,.1f MB%n", maxAfterGc.get() / MB);
        out.printf(Locale.ROOT, "GC                            %d collections, %.2f s%n", gcCount() - gcCountBefore,
                (gcMillis() - gcMillisBefore) / 1e3);
    }

    /** Keeps the largest heap use seen right after any collection; returns how to stop listening. */
    private static List<Runnable> listenToCollections(AtomicLong maxAfterGc) {
        List<Runnable> undo = new ArrayList<>();
        NotificationListener listener = (notification, handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                    (CompositeData) notification.getUserData());
            long used = 0;
            for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (isHeapPool(e.getKey())) {
                    used += e.getValue().getUsed();
                }
            }
            maxAfterGc.accumulateAndGet(used, Math::max);
        };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                undo.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (javax.management.ListenerNotFoundException e) {
                        // already gone
                    }
                });
            }
        }
        return undo;
    }

    /** The first lines of the live-object class histogram, through the DiagnosticCommand MBean. */
    private static String classHistogram() {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            StringBuilder top = new StringBuilder();
            String[] lines = text.toString().split("\n");
            for (int i = 0; i < Math.min(HISTOGRAM_LINES, lines.length); i++) {
                top.append(lines[i]).append('\n');
            }
            return top.toString();
        } catch (JMException e) {
            return "(no class histogram: " + e + ")\n";
        }
    }

    private static boolean isHeapPool(String name) {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .anyMatch(p -> p.getName().equals(name) && p.getType() == MemoryType.HEAP);
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }
}
