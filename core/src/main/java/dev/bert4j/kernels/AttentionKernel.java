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
}
