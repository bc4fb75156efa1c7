package dev.bert4j.kernels;

/**
 * Multi-head scaled dot-product attention over a fused projection.
 *
 * <p>{@code qkv} is {@code (B*T, 3C)}: query in columns {@code [0, C)}, key in {@code [C, 2C)}, value in
 * {@code [2C, 3C)}, head {@code h} at offset {@code h * hs} within each. {@code maskBias (B, T)} is added to
 * every score row of sequence {@code b}. Writes {@code ctx (B*T, C)} and, when not null, the
 * probabilities {@code probs (B, H, T, T)}.
 */
public interface AttentionKernel {
    void forward(float[] ctx, float[] probs, float[] qkv, float[] maskBias, float scale, int B, int T, int H, int hs);

    /**
     * The same attention over a packed batch: sequence {@code b} is rows {@code [starts[b], starts[b + 1])} of
     * {@code qkv (N, 3C)} and {@code ctx (N, C)}, and attends only to its own rows; there is no padding and no
     * mask. {@code starts} has B + 1 non-decreasing entries, {@code starts[0] = 0} and {@code starts[B] = N}.
     */
    void forwardPacked(float[] ctx, float[] qkv, int[] starts, float scale, int H, int hs);

    /**
     * {@code ctx (B*T, C) = (probs ∘ keep) · v} per head: the context again from given probabilities, for
     * training, where attention dropout multiplies each probability by {@code keep (B, H, T, T)} (0 or
     * {@code 1 / (1 - p)}; null for none).
     */
    void context(float[] ctx, float[] probs, float[] keep, float[] qkv, int B, int T, int H, int hs);

    /**
     * The backward of {@link #forward} (with dropout {@code keep}, or null): from {@code dCtx (B*T, C)}, the
     * projections {@code qkv (B*T, 3C)} and the probabilities before dropout {@code probs (B, H, T, T)},
     * writes {@code dQkv (B*T, 3C)}. Through the softmax: {@code dS = P ∘ (dP - rowsum(P ∘ dP))}, then
     * {@code dq = scale · dS · k}, {@code dk = scale · dSᵀ · q}, {@code dv = (P ∘ keep)ᵀ · dCtx}.
     */
    void backward(float[] dQkv, float[] dCtx, float[] qkv, float[] probs, float[] keep, float scale,
                  int B, int T, int H, int hs);

    /** The length of the longest sequence of a packed batch. */
    static int longest(int[] starts) {
        int max = 0;
        for (int b = 0; b + 1 < starts.length; b++) {
            max = Math.max(max, starts[b + 1] - starts[b]);
        }
        return max;
    }

    /** The sequences of a packed batch, longest first (ties in order), so parallel work starts with the largest. */
    static int[] longestFirst(int[] starts) {
        int B = starts.length - 1;
        return java.util.stream.IntStream.range(0, B).boxed()
                .sorted((x, y) -> Integer.compare(starts[y + 1] - starts[y], starts[x + 1] - starts[x]))
                .mapToInt(Integer::intValue).toArray();
    }
}
