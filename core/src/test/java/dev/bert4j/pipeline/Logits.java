package dev.bert4j.pipeline;

/**
 * Builds logits whose softmax is known by hand: {@code ln(p_i)} for probabilities {@code p} summing to
 * 1 has softmax exactly {@code p}; {@code ln(w_i)} for weights has softmax {@code w_i / sum(w)}.
 */
public final class Logits {

    private Logits() {
    }

    public static float[] ln(double... weights) {
        float[] logits = new float[weights.length];
        for (int i = 0; i < weights.length; i++) {
            logits[i] = (float) Math.log(weights[i]);
        }
        return logits;
    }

    /** A row of {@code size} zero logits except {@code ln(weight)} at {@code index}. */
    public static float[] peak(int size, int index, double weight) {
        float[] logits = new float[size];
        logits[index] = (float) Math.log(weight);
        return logits;
    }
}
