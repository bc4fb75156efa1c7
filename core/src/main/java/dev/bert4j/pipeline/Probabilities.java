package dev.bert4j.pipeline;

/**
 * The normalizations the pipelines apply to logits, in double precision. Pure functions.
 */
public final class Probabilities {

    private Probabilities() {
    }

    /** Numerically stable softmax: {@code exp(x - max) / sum(exp(x - max))}, as the pipelines do it. */
    public static double[] softmax(float[] logits) {
        requireNonEmpty(logits);
        double max = Double.NEGATIVE_INFINITY;
        for (float x : logits) {
            max = Math.max(max, x);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** The logistic function {@code 1 / (1 + exp(-x))}. */
    public static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /** Index of the largest value; the first one on ties, like {@code numpy.argmax}. */
    public static int argmax(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("argmax of an empty array");
        }
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static void requireNonEmpty(float[] logits) {
        if (logits.length == 0) {
            throw new IllegalArgumentException("softmax of an empty logits row");
        }
    }
}
