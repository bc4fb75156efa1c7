package dev.bert4j.nn;

/**
 * {@code nn.Dropout(p)} in training: each element kept with probability {@code 1 - p} and scaled by
 * {@code 1 / (1 - p)}, else zeroed. The keep multipliers come from a counter-based generator seeded by
 * one draw from the context's generator, so a mask is the same whatever the number of threads, and
 * a run with the same seed draws the same masks.
 */
public final class Dropout {
    private Dropout() {
    }

    /**
     * The multipliers (0 or {@code 1/(1-p)}) for {@code n} elements, or null when nothing is dropped
     * (inference, or {@code p == 0}).
     */
    public static float[] mask(ComputeContext ctx, int n, double p) {
        if (!ctx.training() || p == 0) {
            return null;
        }
        long seed = ctx.rng().nextLong();
        float scale = (float) (1 / (1 - p));
        long threshold = (long) (p * (1L << 53));          // drop when the 53-bit uniform draw < p
        float[] keep = new float[n];
        ctx.parallel().forRange(n, (start, end, worker) -> {
            for (int i = start; i < end; i++) {
                keep[i] = (mix(seed + 0x9E3779B97F4A7C15L * (i + 1)) >>> 11) < threshold ? 0f : scale;
            }
        });
        return keep;
    }

    /** x ∘= keep, in place; nothing when keep is null. Also the backward (dx = dy ∘ keep). */
    public static void apply(float[] x, float[] keep) {
        if (keep == null) {
            return;
        }
        for (int i = 0; i < keep.length; i++) {
            x[i] *= keep[i];
        }
    }

    /** SplitMix64's finalizer: a well-mixed 64-bit value for each counter. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
