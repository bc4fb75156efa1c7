package dev.bert4j.model;

/**
 * Per-call scratch for one forward pass over a {@code (B, T)} batch: reusable by one thread for
 * successive calls (buffers grow as needed), never shared between concurrent calls.
 */
public final class BertWorkspace {
    float[] hidden = new float[0];
    float[] qkv = new float[0];
    float[] context = new float[0];
    float[] attentionOutput = new float[0];
    float[] intermediate = new float[0];
    float[] dense = new float[0];
    float[] maskBias = new float[0];
    int B;
    int T;

    /** Sizes the buffers for a batch of {@code B} sequences of {@code T} tokens. */
    void prepare(BertConfig config, int B, int T) {
        this.B = B;
        this.T = T;
        int rows = B * T;
        int C = config.hiddenSize();
        hidden = grow(hidden, rows * C);
        qkv = grow(qkv, rows * 3 * C);
        context = grow(context, rows * C);
        attentionOutput = grow(attentionOutput, rows * C);
        intermediate = grow(intermediate, rows * config.intermediateSize());
        dense = grow(dense, rows * C);
        maskBias = grow(maskBias, rows);
    }

    int rows() {
        return B * T;
    }

    private static float[] grow(float[] a, int n) {
        return a.length >= n ? a : new float[n];
    }
}
