package dev.bert4j.model;

import dev.bert4j.kernels.Activation;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.LayerNorm;
import dev.bert4j.nn.Linear;
import dev.bert4j.tensor.Tensor;

import java.util.Map;

/** {@code LayerNorm(dense(context) + input)}, the attention block's output. */
public final class BertSelfOutput {
    private final String prefix;
    private final Linear dense;
    private final LayerNorm layerNorm;

    BertSelfOutput(BertConfig c, StateDictReader w, String prefix) {
        this.prefix = prefix;
        int C = c.hiddenSize();
        dense = new Linear(w.take(prefix + "dense.weight", C, C), w.take(prefix + "dense.bias", C));
        layerNorm = new LayerNorm(w.take(prefix + "LayerNorm.weight", C), w.take(prefix + "LayerNorm.bias", C),
                c.layerNormEps());
    }

    /** y (B*T, C) = LayerNorm(context · Wᵀ + b + input). */
    void forward(ComputeContext ctx, float[] y, float[] context, float[] input, int rows) {
        dense.forward(ctx, y, context, rows, Activation.IDENTITY);   // (B*T, C)
        layerNorm.forward(ctx, y, y, input, rows);                  // (B*T, C)
    }

    void stateDict(Map<String, Tensor> out) {
        out.put(prefix + "dense.weight", dense.weight());
        out.put(prefix + "dense.bias", dense.bias());
        out.put(prefix + "LayerNorm.weight", layerNorm.weight());
        out.put(prefix + "LayerNorm.bias", layerNorm.bias());
    }
}
