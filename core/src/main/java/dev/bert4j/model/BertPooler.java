package dev.bert4j.model;

import dev.bert4j.kernels.Activation;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.Linear;
import dev.bert4j.tensor.Tensor;

import java.util.Map;

/** {@code tanh(dense(hidden[:, 0]))}: the first token of each sequence through a Linear and tanh. */
public final class BertPooler {
    private final Linear dense;

    BertPooler(BertConfig c, StateDictReader w) {
        int C = c.hiddenSize();
        dense = new Linear(w.take("pooler.dense.weight", C, C), w.take("pooler.dense.bias", C));
    }

    /** pooled (B, C) = tanh(hidden[:, 0] · Wᵀ + b). */
    float[] forward(ComputeContext ctx, float[] hidden, int B, int T) {
        int C = dense.inFeatures();
        float[] first = new float[B * C];                       // (B, C)
        for (int b = 0; b < B; b++) {
            System.arraycopy(hidden, b * T * C, first, b * C, C);
        }
        float[] pooled = new float[B * C];                      // (B, C)
        dense.forward(ctx, pooled, first, B, Activation.TANH);
        return pooled;
    }

    void stateDict(Map<String, Tensor> out) {
        out.put("pooler.dense.weight", dense.weight());
        out.put("pooler.dense.bias", dense.bias());
    }
}
