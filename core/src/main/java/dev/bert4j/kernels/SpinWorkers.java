package dev.bert4j.kernels;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Worker threads for {@link Parallel}: each waits for a new job, spinning for
 * {@link #SPIN_NANOS} before parking, runs its chunk and counts down; the caller runs chunk 0 and
 * spins (then yields) until the count reaches zero. One caller at a time; a second one is told to
 * run its range itself rather than wait.
 */
final class SpinWorkers implements AutoCloseable {
    /** How long an idle worker spins before parking: longer than the gaps between kernels in a forward. */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private final Thread[] threads;
    private final Sleep[] sleep;
    private final ReentrantLock owner = new ReentrantLock();
    private final AtomicInteger pending = new AtomicInteger();
    /** The latest job; a worker runs each job it sees once, by identity. */
    private volatile Job job;
    private volatile boolean closed;

    /**
     * One parallel call: items {@code [0, n)} in {@code chunks} chunks, chunk 0 on the caller; or, when
     * {@code grain > 0}, pieces of {@code grain} items taken in order by whichever thread is free.
     */
    private static final class Job {
        final Parallel.RangeBody body;
        final int n;
        final int chunks;
        final int grain;
        final AtomicInteger next = new AtomicInteger();
        volatile Throwable failure;

        Job(Parallel.RangeBody body, int n, int chunks, int grain) {
            this.body = body;
            this.n = n;
            this.chunks = chunks;
            this.grain = grain;
        }

        /** Runs this thread's share: its static chunk, or pieces until none is left. */
        void runShare(int chunk) {
            if (grain == 0) {
                body.run(Parallel.chunkStart(n, chunks, chunk), Parallel.chunkStart(n, chunks, chunk + 1), chunk);
                return;
            }
            for (int s = next.getAndAdd(grain); s < n; s = next.getAndAdd(grain)) {
                body.run(s, Math.min(n, s + grain), chunk);
            }
        }
    }

    /** Per-worker flag that it is (about to be) parked; volatile so caller and worker cannot both miss. */
    private static final class Sleep {
        volatile boolean parked;
    }

    SpinWorkers(int count) {
        threads = new Thread[count];
        sleep = new Sleep[count];
        for (int i = 0; i < count; i++) {
            sleep[i] = new Sleep();
            int chunk = i + 1;
            Thread t = new Thread(() -> loop(chunk), "bert4j-compute-" + chunk);
            t.setDaemon(true);
            threads[i] = t;
            t.start();
        }
    }

    /**
     * Runs {@code body} over {@code [0, n)} in {@code chunks} static chunks ({@code grain == 0}) or, on
     * {@code chunks} threads, in pieces of {@code grain} items handed out in order; false if another caller
     * holds the workers.
     */
    boolean run(int n, int chunks, int grain, Parallel.RangeBody body) {
        if (!owner.tryLock()) {
            return false;
        }
        try {
            Job j = new Job(body, n, chunks, grain);
            pending.set(chunks - 1);
            job = j;                                   // publishes the job
            for (int i = 0; i < chunks - 1; i++) {
                if (sleep[i].parked) {
                    LockSupport.unpark(threads[i]);
                }
            }
            Throwable mine = null;
            try {
                j.runShare(0);
            } catch (Throwable t) {
                mine = t;
            }
            awaitWorkers();
            Throwable t = mine != null ? mine : j.failure;
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error err) {
                throw err;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
            return true;
        } finally {
            owner.unlock();
        }
    }

    private void awaitWorkers() {
        int spins = 0;
        while (pending.get() != 0) {
            if (++spins < 1 << 14) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    private void loop(int chunk) {
        Sleep s = sleep[chunk - 1];
        Job seen = null;                 // job is null until the first call; never skip that one
        while (true) {
            Job j = awaitJob(seen, s);
            if (closed) {
                return;
            }
            seen = j;
            if (chunk < j.chunks) {
                try {
                    j.runShare(chunk);
                } catch (Throwable t) {
                    j.failure = t;
                }
                pending.decrementAndGet();
            }
        }
    }

    private Job awaitJob(Job seen, Sleep s) {
        long deadline = System.nanoTime() + SPIN_NANOS;
        Job j;
        while ((j = job) == seen && !closed) {
            if (System.nanoTime() < deadline) {
                Thread.onSpinWait();
                continue;
            }
            s.parked = true;
            if (job == seen && !closed) {
                LockSupport.park(this);
            }
            s.parked = false;
        }
        return j;
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
    }
}
