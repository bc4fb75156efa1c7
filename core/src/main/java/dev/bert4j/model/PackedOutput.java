package dev.bert4j.model;

/**
 * The encoder's output for a {@link PackedInputs} batch: {@code lastHiddenState (N, C)} with sequence
 * {@code b} in rows {@code [starts[b], starts[b + 1])}, and {@code pooled (B, C)}, or null when the model has
 * no pooler.
 */
public record PackedOutput(float[] lastHiddenState, float[] pooled, int[] starts, int hiddenSize) {

    public int batchSize() {
        return starts.length - 1;
    }

    public int length(int b) {
        return starts[b + 1] - starts[b];
    }

    /** Token {@code i} of sequence {@code b} as a new (C) array. */
    public float[] row(int b, int i) {
        float[] out = new float[hiddenSize];
        System.arraycopy(lastHiddenState, (starts[b] + i) * hiddenSize, out, 0, hiddenSize);
        return out;
    }

    /** The rows of sequence {@code b} as [len][C]. */
    public float[][] tokenRows(int b) {
        float[][] rows = new float[length(b)][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = row(b, i);
        }
        return rows;
    }

    /** The pooler output of sequence {@code b} (C). */
    public float[] pooled(int b) {
        if (pooled == null) {
            throw new IllegalStateException("this model has no pooler");
        }
        float[] out = new float[hiddenSize];
        System.arraycopy(pooled, b * hiddenSize, out, 0, hiddenSize);
        return out;
    }
}
