package dev.bert4j.nn;

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

    public ComputeContext(Parallel parallel, Kernels kernels, boolean training, SplittableRandom rng) {
        this.parallel = parallel;
        this.kernels = kernels;
        this.training = training;
        this.rng = rng;
    }

    /** Fast kernels over {@code threads} threads (a pool owned by this context), inference mode. */
    public static ComputeContext inference(int threads) {
        Parallel p = Parallel.ofThreads(threads);
        return new ComputeContext(p, Kernels.vectorized(p), false, new SplittableRandom(0));
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
        parallel.close();
    }
}
