package dev.bert4j.model;

/**
 * Per-call scratch for one forward pass over a {@code (B, T)} batch or a packed one: reusable by one thread for
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
    /** Rows of every dense layer: B * T padded, N packed. */
    int rows;
    /** The packed batch's sequence starts (B + 1), or null for a padded batch. */
    int[] starts;

    /** Sizes the buffers for a batch of {@code B} sequences of {@code T} tokens. */
    void prepare(BertConfig config, int B, int T) {
        this.B = B;
        this.T = T;
        this.starts = null;
        size(config, B * T);
    }

    /** Sizes the buffers for a packed batch: {@code starts} as in {@link PackedInputs}. */
    void preparePacked(BertConfig config, int[] starts) {
        this.B = starts.length - 1;
        this.T = dev.bert4j.kernels.AttentionKernel.longest(starts);
        this.starts = starts;
        size(config, starts[B]);
    }

    private void size(BertConfig config, int rows) {
        this.rows = rows;
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
        return rows;
    }

    /**
     * {@code a} if it holds {@code n}, else a buffer an eighth larger than needed: packed batches cut by a token budget
     * vary by a few tokens (8,188, 8,189, 8,192, ...), and growing to the exact size reallocated all buffers (some
     * 110 MB for all-MiniLM-L6-v2 at 8,192 tokens) each time a batch was a token longer than any before.
     */
    private static float[] grow(float[] a, int n) {
        return a.length >= n ? a : new float[(int) Math.min(n + n / 8L, Integer.MAX_VALUE - 8)];
    }
}
