package dev.bert4j.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Splits a range of independent work items over a fixed number of threads: the caller runs the
 * first chunk and waits for the rest. Calls must not nest.
 *
 * <p>{@link #ofThreads(int)} owns {@code threads - 1} workers that spin briefly between calls and then
 * park ({@link SpinWorkers}): a forward pass makes dozens of short parallel calls, and handing each to
 * an executor cost more than the work at small batch sizes. Concurrent callers are allowed: while one
 * caller holds the workers, another runs its whole range on its own thread (same results, since every
 * item is computed the same way whichever thread runs it).
 */
public final class Parallel implements AutoCloseable {

    /** The body of a parallel loop: items {@code [start, end)} run by worker {@code worker}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int start, int end, int worker);
    }

    private final int threads;
    private final SpinWorkers workers;
    private final ExecutorService pool;

    private Parallel(int threads, SpinWorkers workers, ExecutorService pool) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.workers = workers;
        this.pool = pool;
    }

    public static Parallel sequential() {
        return new Parallel(1, null, null);
    }

    /** {@code threads - 1} daemon worker threads owned (and stopped on close) by the returned object. */
    public static Parallel ofThreads(int threads) {
        if (threads == 1) {
            return sequential();
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        return new Parallel(threads, new SpinWorkers(threads - 1), null);
    }

    /** Uses a caller-owned executor with at least {@code threads - 1} threads; not closed here. */
    public static Parallel using(ExecutorService executor, int threads) {
        return new Parallel(threads, null, executor);
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code body} over {@code [0, n)} in at most {@link #threads()} contiguous chunks. */
    public void forRange(int n, RangeBody body) {
        int chunks = Math.min(threads, n);
        if (chunks <= 1) {
            if (n > 0) {
                body.run(0, n, 0);
            }
            return;
        }
        if (workers != null) {
            if (!workers.run(n, chunks, 0, body)) {
                body.run(0, n, 0);         // another caller holds the workers: do it all here
            }
            return;
        }
        List<Future<?>> futures = new ArrayList<>(chunks - 1);
        for (int c = 1; c < chunks; c++) {
            int start = chunkStart(n, chunks, c);
            int end = chunkStart(n, chunks, c + 1);
            int worker = c;
            futures.add(pool.submit(() -> body.run(start, end, worker)));
        }
        body.run(0, chunkStart(n, chunks, 1), 0);
        for (Future<?> f : futures) {
            await(f);
        }
    }

    /**
     * Runs {@code body} over {@code [0, n)} in pieces of {@code grain} items, taken in order by whichever
     * thread is free, so a thread slowed by something else does not hold the others up; a thread may get
     * several pieces (several calls of {@code body}). Without spin workers this is {@link #forRange}.
     */
    public void forPieces(int n, int grain, RangeBody body) {
        if (grain < 1) {
            throw new IllegalArgumentException("grain must be at least 1, got " + grain);
        }
        int chunks = Math.min(threads, (n + grain - 1) / grain);
        if (workers == null || chunks <= 1) {
            forRange(n, body);
            return;
        }
        if (!workers.run(n, chunks, grain, body)) {
            body.run(0, n, 0);
        }
    }

    /** The first item of chunk {@code c} of {@code chunks} over {@code [0, n)}. */
    static int chunkStart(int n, int chunks, int c) {
        return (int) ((long) n * c / chunks);
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a compute thread", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.close();
        }
    }
}
