package dev.bert4j.model;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.Parameter;
import dev.bert4j.tensor.Tensor;

import java.util.Arrays;
import java.util.Map;

/** One encoder layer: attention block, then feed-forward block (intermediate + output). */
public final class BertLayer {
    private final BertAttention attention;
    private final BertIntermediate intermediate;
    private final BertOutput output;
    private final BertConfig config;

    BertLayer(BertConfig c, StateDictReader w, String prefix) {
        config = c;
        attention = new BertAttention(c, w, prefix + "attention.");
        intermediate = new BertIntermediate(c, w, prefix + "intermediate.");
        output = new BertOutput(c, w, prefix + "output.");
    }

    /**
     * hidden (B*T, C) ← layer(hidden), in place (inference).
     *
     * @param probs (B, H, T, T) receives the attention probabilities, or null
     */
    void forward(ComputeContext ctx, BertWorkspace ws, float[] hidden, float[] probs) {
        int rows = ws.rows();
        attention.forward(ctx, ws, hidden, probs);                                  // ws.attentionOutput (B*T, C)
        intermediate.forward(ctx, ws.intermediate, ws.attentionOutput, rows, null); // (B*T, I)
        output.forward(ctx, hidden, ws.intermediate, ws.attentionOutput, ws.dense, rows); // (B*T, C)
    }

    /**
     * hidden (B*T, C) ← layer(hidden), in place, with dropout when the context is training, returning the
     * activations backward needs.
     *
     * @param probs (B, H, T, T) receives the attention probabilities (before dropout); never null
     */
    BertLayerCache forwardTrain(ComputeContext ctx, float[] hidden, float[] maskBias, float[] probs, int B, int T) {
        int rows = B * T;
        int C = config.hiddenSize();
        int I = config.intermediateSize();
        float[] input = Arrays.copyOf(hidden, rows * C);
        float[] attnOut = new float[rows * C];
        BertAttention.Cache a = attention.forwardTrain(ctx, attnOut, input, maskBias, probs, B, T);  // (B*T, C)
        float[] preAct = new float[rows * I];
        float[] inter = new float[rows * I];
        intermediate.forward(ctx, inter, attnOut, rows, preAct);                                     // (B*T, I)
        ResidualNorm.Cache o = output.forwardTrain(ctx, hidden, inter, attnOut, rows);               // (B*T, C)
        return new BertLayerCache(input, a, attnOut, preAct, inter, o);
    }

    /** dInput (B*T, C) from dOutput (B*T, C), adding into every weight's gradient. */
    float[] backward(ComputeContext ctx, BertLayerCache cache, float[] dOutput, int B, int T) {
        int rows = B * T;
        float[] dAttnOut = new float[dOutput.length];
        float[] dInter = output.backward(ctx, cache.output(), dOutput, cache.intermediate(), dAttnOut, rows);
        float[] viaFeedForward = intermediate.backward(ctx, dInter, cache.intermediatePreAct(),
                cache.attentionOutput(), rows);
        for (int i = 0; i < dAttnOut.length; i++) {
            dAttnOut[i] += viaFeedForward[i];                    // residual + feed-forward paths
        }
        return attention.backward(ctx, cache.attention(), dAttnOut, cache.input(), B, T);
    }

    void parameters(Map<String, Parameter> out) {
        attention.parameters(out);
        intermediate.parameters(out);
        output.parameters(out);
    }

    void stateDict(Map<String, Tensor> out) {
        attention.stateDict(out);
        intermediate.stateDict(out);
        output.stateDict(out);
    }
}
