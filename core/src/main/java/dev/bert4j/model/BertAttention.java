package dev.bert4j.model;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.Parameter;
import dev.bert4j.tensor.Tensor;

import java.util.Map;

/** {@code BertSelfAttention} followed by {@code BertSelfOutput}. */
public final class BertAttention {
    private final BertSelfAttention self;
    private final BertSelfOutput output;

    /** What backward needs: each part's cache and the context between them. */
    public record Cache(BertSelfAttention.Cache self, float[] context, ResidualNorm.Cache output) {
    }

    BertAttention(BertConfig c, StateDictReader w, String prefix) {
        self = new BertSelfAttention(c, w, prefix + "self.");
        output = new BertSelfOutput(c, w, prefix + "output.");
    }

    /** ws.attentionOutput (B*T, C) = LayerNorm(dense(self_attention(hidden)) + hidden). */
    void forward(ComputeContext ctx, BertWorkspace ws, float[] hidden, float[] probs) {
        self.forward(ctx, ws, hidden, probs);                                  // ws.context (B*T, C)
        output.forward(ctx, ws.attentionOutput, ws.context, hidden, ws.rows()); // (B*T, C)
    }

    /** y (B*T, C) = LayerNorm(dropout(dense(self_attention(hidden))) + hidden), keeping the caches. */
    Cache forwardTrain(ComputeContext ctx, float[] y, float[] hidden, float[] maskBias, float[] probs, int B, int T) {
        float[] context = new float[y.length];
        BertSelfAttention.Cache s = self.forwardTrain(ctx, context, hidden, maskBias, probs, B, T);   // (B*T, C)
        return new Cache(s, context, output.forwardTrain(ctx, y, context, hidden, B * T));             // (B*T, C)
    }

    /** dHidden (B*T, C) from dy (B*T, C): the residual path plus the path through attention. */
    float[] backward(ComputeContext ctx, Cache cache, float[] dy, float[] hidden, int B, int T) {
        float[] dHidden = new float[dy.length];
        float[] dContext = output.backward(ctx, cache.output(), dy, cache.context(), dHidden, B * T);
        float[] viaAttention = self.backward(ctx, cache.self(), dContext, hidden, B, T);
        for (int i = 0; i < dHidden.length; i++) {
            dHidden[i] += viaAttention[i];
        }
        return dHidden;
    }

    void parameters(Map<String, Parameter> out) {
        self.parameters(out);
        output.parameters(out);
    }

    void stateDict(Map<String, Tensor> out) {
        self.stateDict(out);
        output.stateDict(out);
    }
}
