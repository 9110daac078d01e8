package org.churnrisk.features.extract;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs the usage aggregator on a second thread, fed in batches by the thread that parses, so that
 * parsing and aggregation use both cores. Rows are aggregated in the order they were read, so the
 * result is the same as on one thread.
 *
 * <p>The parsing thread calls {@link #add} per row and {@link #finish} at the end (or
 * {@link #abort} on failure); the aggregator must not be touched by anyone else until then.
 */
final class UsagePipeline implements BookLoader.UsageTarget {
    private static final int BATCH = 4096;
    private static final Batch END = new Batch();

    private final UsageAggregator usage;
    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(8);
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(10);
    private final Thread worker;
    /** The aggregator thread's scratch space. */
    private final int[] userIds = new int[BATCH];
    private volatile Throwable failure;
    private Batch current;

    /** Rows of one batch, column by column. */
    private static final class Batch {
        final int[] account = new int[BATCH];
        final long[] second = new long[BATCH];
        final long[] user = new long[BATCH];
        final byte[] kind = new byte[BATCH];
        final long[] bit = new long[BATCH];
        final boolean[] core = new boolean[BATCH];
        final boolean[] export = new boolean[BATCH];
        final long[] modules = new long[BATCH];
        final long[] quantity = new long[BATCH];
        final long[] errors = new long[BATCH];
        int size;
    }

    UsagePipeline(UsageAggregator usage) {
        this.usage = usage;
        for (int i = 0; i < 10; i++) {
            free.add(new Batch());
        }
        current = free.poll();
        worker = new Thread(this::aggregate, "churn-usage-aggregator");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void add(int account, long second, long user, int code, long quantity, long errors) {
        EventCatalog catalog = usage.catalog;
        Batch b = current;
        int i = b.size;
        long bit = catalog.bit(code);
        b.account[i] = account;
        b.second[i] = second;
        b.user[i] = user;
        b.kind[i] = catalog.kind(code);
        b.bit[i] = bit;
        b.core[i] = (bit & catalog.coreMask()) != 0;
        b.export[i] = catalog.isExport(code);
        b.modules[i] = catalog.modules(code);
        b.quantity[i] = quantity;
        b.errors[i] = errors;
        if (++b.size == BATCH) {
            hand(b);
            current = take(free);
        }
    }

    /** Waits until every row is aggregated. */
    void finish() {
        if (current.size > 0) {
            hand(current);
        }
        hand(END);
        join();
        if (failure != null) {
            throw new IllegalStateException("usage aggregation failed", failure);
        }
    }

    /** Stops the aggregator after a failure of the parsing thread. */
    void abort() {
        worker.interrupt();
        join();
    }

    private void aggregate() {
        try {
            while (true) {
                Batch b = full.take();
                if (b == END) {
                    return;
                }
                usage.add(b.size, b.account, b.second, b.user, b.kind, b.bit, b.core, b.export, b.modules, b.quantity, b.errors,
                        userIds);
                b.size = 0;
                free.put(b);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
            full.clear();
            free.clear();
            free.addAll(java.util.List.of(new Batch(), new Batch()));
        }
    }

    private void hand(Batch b) {
        if (failure != null) {
            throw new IllegalStateException("usage aggregation failed", failure);
        }
        try {
            full.put(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading usage", e);
        }
    }

    private Batch take(BlockingQueue<Batch> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading usage", e);
        }
    }

    private void join() {
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while aggregating usage", e);
        }
    }
}
