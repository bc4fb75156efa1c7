package dev.bert4j.model;

import dev.bert4j.nn.ComputeContext;
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
     * hidden (B*T, C) ← layer(hidden), in place.
     *
     * @param probs (B, H, T, T) receives the attention probabilities, or null
     * @param keepCache whether to return the activations for backward (else null is returned)
     */
    BertLayerCache forward(ComputeContext ctx, BertWorkspace ws, float[] hidden, float[] probs, boolean keepCache) {
        int rows = ws.rows();
        int C = config.hiddenSize();
        float[] input = keepCache ? Arrays.copyOf(hidden, rows * C) : null;
        if (keepCache && probs == null) {
            probs = new float[ws.B * config.numAttentionHeads() * ws.T * ws.T];
        }
        attention.forward(ctx, ws, hidden, probs);                                  // ws.attentionOutput (B*T, C)
        float[] preAct = keepCache ? new float[rows * config.intermediateSize()] : null;
        intermediate.forward(ctx, ws.intermediate, ws.attentionOutput, rows, preAct); // (B*T, I)
        output.forward(ctx, hidden, ws.intermediate, ws.attentionOutput, ws.dense, rows); // (B*T, C)
        if (!keepCache) {
            return null;
        }
        int I = config.intermediateSize();
        return new BertLayerCache(input, Arrays.copyOf(ws.qkv, rows * 3 * C), probs,
                Arrays.copyOf(ws.context, rows * C), Arrays.copyOf(ws.attentionOutput, rows * C), preAct,
                Arrays.copyOf(ws.intermediate, rows * I), Arrays.copyOf(hidden, rows * C));
    }

    void stateDict(Map<String, Tensor> out) {
        attention.stateDict(out);
        intermediate.stateDict(out);
        output.stateDict(out);
    }
}
