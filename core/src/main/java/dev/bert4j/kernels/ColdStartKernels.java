package dev.bert4j.kernels;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Kernels for a process that may do only a little work: small calls run on the scalar kernels until a budget of
 * scalar work is spent, everything else (and everything after) on the vector kernels.
 *
 * <p>Why: in a fresh JVM the Vector API kernels are slow until C2 compiles them, because the interpreter and C1
 * box every vector operation; embedding one short sentence through them takes the better part of a second
 * before the JIT catches up. The scalar kernels are plain loops that C1 compiles within milliseconds, fast enough
 * for a few short texts. A command that embeds one sentence and exits so answers several times sooner; a long
 * run spends the budget on its first calls, or shows itself by one very large call ({@link #LONG_RUN_CALL}), and
 * from then on runs exactly as {@link Kernels#vectorized}. Which kernel a call takes depends only on the calls
 * before it, not on timing, so the same commands give the same numbers every run; scalar and vector results differ
 * by float rounding only (both are held to the double-precision reference in the tests).
 */
public final class ColdStartKernels {
    /**
     * Multiply-adds of one call above which it goes to the vector kernels even while cold: about 64 tokens' Linear of
     * a small BERT (all-MiniLM-L6-v2's intermediate Linear takes 590 k per token). A sentence of some 30 tokens took
     * 1.0 s from process start to its embedding with 12 M here (its larger calls met cold vector kernels) and 0.7 s
     * with 40 M; at 100 M, inputs of about 120 tokens took longer than on the vector kernels.
     */
    public static final long MAX_SCALAR_CALL = 40_000_000L;
    /** Multiply-adds the scalar kernels may do in all before every call goes to the vector kernels (about 1 s of scalar code). */
    public static final long SCALAR_BUDGET = 2_000_000_000L;

    /**
     * Multiply-adds of one call that mark a long run (a packed batch of some 1,700 tokens through all-MiniLM-L6-v2's
     * intermediate Linear): the rest of the budget is dropped, so every later call, small ones included, takes the
     * vector kernels. Without it a corpus of 8,192-token batches sent every LayerNorm (3 M elements, below
     * {@link #MAX_SCALAR_CALL}) to the scalar kernel until the budget ran out: 1.9 s of LayerNorm in a 20 s
     * run of 1,000 documents against 0.2 s on the vector kernel, which the run's big calls keep hot anyway.
     */
    public static final long LONG_RUN_CALL = 1_000_000_000L;

    private final AtomicLong budget;

    private ColdStartKernels(long budget) {
        this.budget = new AtomicLong(budget);
    }

    /** Vector kernels over {@code parallel}, with small calls on the scalar kernels until {@link #SCALAR_BUDGET} is spent. */
    public static Kernels over(Parallel parallel) {
        return route(Kernels.scalar(parallel), Kernels.vectorized(parallel), SCALAR_BUDGET);
    }

    /** {@code scalar} for small calls until {@code budget} multiply-adds are spent, {@code fast} for the rest. */
    static Kernels route(Kernels scalar, Kernels fast, long budget) {
        ColdStartKernels cold = new ColdStartKernels(budget);
        return new Kernels(
                (y, x, w, act, rows) -> (cold.scalar((long) rows * w.in() * w.out()) ? scalar : fast)
                        .linear().forward(y, x, w, act, rows),
                (y, x, residual, gamma, beta, eps, rows, c) -> (cold.scalar((long) rows * c) ? scalar : fast)
                        .layerNorm().forward(y, x, residual, gamma, beta, eps, rows, c),
                new Attention(cold, scalar.attention(), fast.attention()),
                (c, a, transA, b, m, n, k, accumulate) -> (cold.scalar((long) m * n * k) ? scalar : fast)
                        .gemm().gemm(c, a, transA, b, m, n, k, accumulate),
                new Activations(cold, scalar.activation(), fast.activation()));
    }

    /** Whether a call of {@code work} multiply-adds takes the scalar kernels; if so, its work is spent from the budget. */
    boolean scalar(long work) {
        if (budget.get() < 0) {
            return false;
        }
        if (work > MAX_SCALAR_CALL) {
            if (work > LONG_RUN_CALL) {
                budget.set(-1);
            }
            return false;
        }
        return budget.addAndGet(-work) >= 0;
    }

    private record Attention(ColdStartKernels cold, AttentionKernel scalar, AttentionKernel fast)
            implements AttentionKernel {
        @Override
        public void forward(float[] ctx, float[] probs, float[] qkv, float[] maskBias, float scale, int B, int T,
                            int H, int hs) {
            (cold.scalar(2L * B * H * T * T * hs) ? scalar : fast).forward(ctx, probs, qkv, maskBias, scale, B, T, H, hs);
        }

        @Override
        public void forwardPacked(float[] ctx, float[] qkv, int[] starts, float scale, int H, int hs) {
            long work = 0;
            for (int b = 0; b + 1 < starts.length; b++) {
                long n = starts[b + 1] - starts[b];
                work += 2 * n * n * H * hs;
            }
            (cold.scalar(work) ? scalar : fast).forwardPacked(ctx, qkv, starts, scale, H, hs);
        }

        @Override
        public void context(float[] ctx, float[] probs, float[] keep, float[] qkv, int B, int T, int H, int hs) {
            (cold.scalar((long) B * H * T * T * hs) ? scalar : fast).context(ctx, probs, keep, qkv, B, T, H, hs);
        }

        @Override
        public void backward(float[] dQkv, float[] dCtx, float[] qkv, float[] probs, float[] keep, float scale,
                             int B, int T, int H, int hs) {
            (cold.scalar(3L * B * H * T * T * hs) ? scalar : fast)
                    .backward(dQkv, dCtx, qkv, probs, keep, scale, B, T, H, hs);
        }
    }

    private record Activations(ColdStartKernels cold, ActivationKernel scalar, ActivationKernel fast)
            implements ActivationKernel {
        @Override
        public void forward(Activation act, float[] y, float[] x, int n) {
            (cold.scalar(n) ? scalar : fast).forward(act, y, x, n);
        }

        @Override
        public void backward(Activation act, float[] dx, float[] dy, float[] pre, int n) {
            (cold.scalar(n) ? scalar : fast).backward(act, dx, dy, pre, n);
        }
    }
}
