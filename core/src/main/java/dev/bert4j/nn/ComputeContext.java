package dev.bert4j.nn;

import dev.bert4j.kernels.ColdStartKernels;
import dev.bert4j.kernels.Kernels;
import dev.bert4j.kernels.Parallel;

import java.util.SplittableRandom;

/**
 * Everything a forward (and later backward) pass needs besides the model and its inputs: threads,
 * kernels, the random generator (dropout) and the training flag. Not shared between concurrent calls
 * when training (the RNG is stateful); an inference context may be shared.
 */
public final class ComputeContext implements AutoCloseable {
    private final Parallel parallel;
    private final Kernels kernels;
    private final boolean training;
    private final SplittableRandom rng;
    private final boolean ownsThreads;

    public ComputeContext(Parallel parallel, Kernels kernels, boolean training, SplittableRandom rng) {
        this(parallel, kernels, training, rng, true);
    }

    private ComputeContext(Parallel parallel, Kernels kernels, boolean training, SplittableRandom rng,
                           boolean ownsThreads) {
        this.parallel = parallel;
        this.kernels = kernels;
        this.training = training;
        this.rng = rng;
        this.ownsThreads = ownsThreads;
    }

    /** Fast kernels over {@code threads} threads (a pool owned by this context), inference mode. */
    public static ComputeContext inference(int threads) {
        Parallel p = Parallel.ofThreads(threads);
        return new ComputeContext(p, Kernels.vectorized(p), false, new SplittableRandom(0));
    }

    /**
     * Fast kernels over {@code threads} threads, inference mode, for a process that may only do a little work (a
     * command line run): its first small calls run on the scalar kernels while the JIT has not yet compiled the
     * vector ones ({@link ColdStartKernels}); the rest is as {@link #inference(int)}.
     */
    public static ComputeContext coldStart(int threads) {
        Parallel p = Parallel.ofThreads(threads);
        return new ComputeContext(p, ColdStartKernels.over(p), false, new SplittableRandom(0));
    }

    /** Fast kernels over all available processors. */
    public static ComputeContext inference() {
        return inference(Runtime.getRuntime().availableProcessors());
    }

    /** The scalar reference kernels on the calling thread. */
    public static ComputeContext reference() {
        Parallel p = Parallel.sequential();
        return new ComputeContext(p, Kernels.scalar(), false, new SplittableRandom(0));
    }

    /** Fast kernels over {@code threads} threads, training mode (dropout on), dropout drawn from {@code rng}. */
    public static ComputeContext training(int threads, SplittableRandom rng) {
        Parallel p = Parallel.ofThreads(threads);
        return new ComputeContext(p, Kernels.vectorized(p), true, rng);
    }

    /**
     * A context sharing this one's threads and kernels, with its own generator and training flag (a trainer
     * takes one per step, seeded from the run's seed and the step, so a resumed run draws the same dropout).
     * Closing it does nothing; close the original.
     */
    public ComputeContext with(boolean training, SplittableRandom rng) {
        return new ComputeContext(parallel, kernels, training, rng, false);
    }

    public Parallel parallel() {
        return parallel;
    }

    public Kernels kernels() {
        return kernels;
    }

    public boolean training() {
        return training;
    }

    public SplittableRandom rng() {
        return rng;
    }

    @Override
    public void close() {
        if (ownsThreads) {
            parallel.close();
        }
    }
}
