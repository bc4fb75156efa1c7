package dev.bert4j.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Splits a range of independent work items over a fixed number of threads: the caller runs the
 * first chunk and waits for the rest. Calls must not nest.
 */
public final class Parallel implements AutoCloseable {

    /** The body of a parallel loop: items {@code [start, end)} run by worker {@code worker}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int start, int end, int worker);
    }

    private final int threads;
    private final ExecutorService pool;
    private final boolean ownsPool;

    private Parallel(int threads, ExecutorService pool, boolean ownsPool) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.pool = pool;
        this.ownsPool = ownsPool;
    }

    public static Parallel sequential() {
        return new Parallel(1, null, false);
    }

    /** A pool of {@code threads - 1} daemon threads owned (and closed) by the returned object. */
    public static Parallel ofThreads(int threads) {
        if (threads == 1) {
            return sequential();
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "bert4j-compute");
            t.setDaemon(true);
            return t;
        });
        return new Parallel(threads, pool, true);
    }

    /** Uses a caller-owned executor with at least {@code threads - 1} threads; not closed here. */
    public static Parallel using(ExecutorService executor, int threads) {
        return new Parallel(threads, executor, false);
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
        List<Future<?>> futures = new ArrayList<>(chunks - 1);
        for (int c = 1; c < chunks; c++) {
            int start = (int) ((long) n * c / chunks);
            int end = (int) ((long) n * (c + 1) / chunks);
            int worker = c;
            futures.add(pool.submit(() -> body.run(start, end, worker)));
        }
        body.run(0, (int) ((long) n / chunks), 0);
        for (Future<?> f : futures) {
            await(f);
        }
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
        if (ownsPool) {
            pool.shutdownNow();
        }
    }
}
