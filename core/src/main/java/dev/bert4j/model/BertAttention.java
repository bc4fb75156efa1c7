package dev.bert4j.model;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.tensor.Tensor;

import java.util.Map;

/** {@code BertSelfAttention} followed by {@code BertSelfOutput}. */
public final class BertAttention {
    private final BertSelfAttention self;
    private final BertSelfOutput output;

    BertAttention(BertConfig c, StateDictReader w, String prefix) {
        self = new BertSelfAttention(c, w, prefix + "self.");
        output = new BertSelfOutput(c, w, prefix + "output.");
    }

    /** ws.attentionOutput (B*T, C) = LayerNorm(dense(self_attention(hidden)) + hidden). */
    void forward(ComputeContext ctx, BertWorkspace ws, float[] hidden, float[] probs) {
        self.forward(ctx, ws, hidden, probs);                                  // ws.context (B*T, C)
        output.forward(ctx, ws.attentionOutput, ws.context, hidden, ws.rows()); // (B*T, C)
    }

    void stateDict(Map<String, Tensor> out) {
        self.stateDict(out);
        output.stateDict(out);
    }
}
