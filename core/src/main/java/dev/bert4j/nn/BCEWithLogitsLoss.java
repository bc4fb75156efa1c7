package dev.bert4j.nn;

/**
 * {@code nn.BCEWithLogitsLoss(reduction="mean")}: the mean over every element of
 * {@code max(x, 0) - x * y + log(1 + exp(-|x|))}, PyTorch's stable form of
 * {@code -(y log sigmoid(x) + (1 - y) log(1 - sigmoid(x)))}. Double precision; {@link #backward} gives the gradient.
 */
public final class BCEWithLogitsLoss {

    /**
     * @param logits  any shape, flat
     * @param targets the same number of values, usually 0 or 1 (soft targets in [0, 1] are allowed)
     */
    public double forward(float[] logits, float[] targets) {
        if (logits.length != targets.length || logits.length == 0) {
            throw new IllegalArgumentException("binary cross-entropy needs as many targets as logits, got "
                    + targets.length + " targets for " + logits.length + " logits");
        }
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            double x = logits[i];
            double y = targets[i];
            sum += Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)));
        }
        return sum / logits.length;
    }

    /**
     * The gradient of {@code scale * forward(...)}: {@code (sigmoid(x) - y) * scale / n}; overwrites {@code dLogits}.
     *
     * @return the loss
     */
    public double backward(float[] dLogits, float[] logits, float[] targets, double scale) {
        double loss = forward(logits, targets);
        double w = scale / logits.length;
        for (int i = 0; i < logits.length; i++) {
            dLogits[i] = (float) (w * (1 / (1 + Math.exp(-(double) logits[i])) - targets[i]));
        }
        return loss;
    }
}
