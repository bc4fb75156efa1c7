package dev.bert4j.nn;

/** {@code nn.MSELoss(reduction="mean")}: the mean of {@code (x - y)^2}, in double precision, and its gradient. */
public final class MSELoss {

    public double forward(float[] predictions, float[] targets) {
        if (predictions.length != targets.length || predictions.length == 0) {
            throw new IllegalArgumentException("mean squared error needs as many targets as predictions, got "
                    + targets.length + " targets for " + predictions.length + " predictions");
        }
        double sum = 0;
        for (int i = 0; i < predictions.length; i++) {
            double d = (double) predictions[i] - targets[i];
            sum += d * d;
        }
        return sum / predictions.length;
    }

    /** The gradient of {@code scale * forward(...)}: {@code 2 (x - y) * scale / n}; overwrites {@code dPred}. */
    public double backward(float[] dPred, float[] predictions, float[] targets, double scale) {
        double loss = forward(predictions, targets);
        double w = 2 * scale / predictions.length;
        for (int i = 0; i < predictions.length; i++) {
            dPred[i] = (float) (w * ((double) predictions[i] - targets[i]));
        }
        return loss;
    }
}
