package dev.bert4j.nn;

/**
 * {@code nn.CrossEntropyLoss(ignore_index=..., reduction="mean")} over rows of logits:
 * {@code loss = mean over rows r with labels[r] != ignoreIndex of (logsumexp(logits[r]) - logits[r, labels[r]])},
 * computed in double precision. Like PyTorch, a batch whose labels are all ignored gives NaN.
 * {@link #backward} gives the gradient of that mean with respect to the logits.
 */
public final class CrossEntropyLoss {
    /** PyTorch's and transformers' default {@code ignore_index}. */
    public static final int IGNORE_INDEX = -100;

    private final int ignoreIndex;

    public CrossEntropyLoss() {
        this(IGNORE_INDEX);
    }

    public CrossEntropyLoss(int ignoreIndex) {
        this.ignoreIndex = ignoreIndex;
    }

    public int ignoreIndex() {
        return ignoreIndex;
    }

    /**
     * @param logits (rows, classes) row-major
     * @param labels (rows) class ids in [0, classes) or {@link #ignoreIndex()}
     */
    public double forward(float[] logits, int[] labels, int rows, int classes) {
        if (logits.length != rows * classes || labels.length != rows) {
            throw new IllegalArgumentException("cross-entropy needs logits (" + rows + ", " + classes
                    + ") and " + rows + " labels, got " + logits.length + " logits and " + labels.length + " labels");
        }
        double sum = 0;
        int counted = 0;
        for (int r = 0; r < rows; r++) {
            int y = labels[r];
            if (y == ignoreIndex) {
                continue;
            }
            if (y < 0 || y >= classes) {
                throw new IllegalArgumentException("label " + y + " of row " + r + " is outside [0, " + classes
                        + "); use " + ignoreIndex + " to ignore a position");
            }
            sum += logSumExp(logits, r * classes, classes) - logits[r * classes + y];   // -log softmax(x)[y]
            counted++;
        }
        return sum / counted;                                   // 0 / 0 = NaN when every label is ignored
    }

    /**
     * The gradient of {@code scale * forward(...)}: {@code dLogits[r] = scale * (softmax(logits[r]) - onehot(y)) / n}
     * for the n counted rows, zero for ignored rows. Overwrites {@code dLogits (rows, classes)}.
     *
     * @return the loss (the same value {@link #forward} gives), NaN when every label is ignored (then all zero)
     */
    public double backward(float[] dLogits, float[] logits, int[] labels, int rows, int classes, double scale) {
        double loss = forward(logits, labels, rows, classes);
        int counted = 0;
        for (int y : labels) {
            counted += y == ignoreIndex ? 0 : 1;
        }
        java.util.Arrays.fill(dLogits, 0, rows * classes, 0f);
        if (counted == 0) {
            return loss;
        }
        double w = scale / counted;
        for (int r = 0; r < rows; r++) {
            if (labels[r] == ignoreIndex) {
                continue;
            }
            int off = r * classes;
            double lse = logSumExp(logits, off, classes);
            for (int j = 0; j < classes; j++) {
                dLogits[off + j] = (float) (w * Math.exp(logits[off + j] - lse));       // softmax
            }
            dLogits[off + labels[r]] -= (float) w;                                     // - onehot
        }
        return loss;
    }

    /** log(sum_j exp(x[off + j])), shifted by the maximum for stability. */
    public static double logSumExp(float[] x, int off, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, x[off + j]);
        }
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += Math.exp(x[off + j] - max);
        }
        return max + Math.log(s);
    }
}
