package dev.bert4j.model;

import dev.bert4j.kernels.Activation;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.Linear;
import dev.bert4j.nn.Parameter;
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
        float[] pooled = new float[B * dense.inFeatures()];                 // (B, C)
        dense.forward(ctx, pooled, first(hidden, B, T), B, Activation.TANH);
        return pooled;
    }

    /** pooled (B, C) for a packed batch: the row at each sequence's start. */
    float[] forwardPacked(ComputeContext ctx, float[] hidden, int[] starts) {
        int C = dense.inFeatures();
        int B = starts.length - 1;
        float[] first = new float[B * C];
        for (int b = 0; b < B; b++) {
            System.arraycopy(hidden, starts[b] * C, first, b * C, C);
        }
        float[] pooled = new float[B * C];
        dense.forward(ctx, pooled, first, B, Activation.TANH);
        return pooled;
    }

    /** hidden[:, 0] (B, C). */
    private float[] first(float[] hidden, int B, int T) {
        int C = dense.inFeatures();
        float[] first = new float[B * C];
        for (int b = 0; b < B; b++) {
            System.arraycopy(hidden, b * T * C, first, b * C, C);
        }
        return first;
    }

    /**
     * Adds into dHidden (B*T, C) at each sequence's first token the gradient from dPooled (B, C):
     * {@code dPre = dPooled · (1 - pooled²)} through tanh, then through the dense.
     */
    void backward(ComputeContext ctx, float[] dHidden, float[] dPooled, float[] pooled, float[] hidden, int B, int T) {
        int C = dense.inFeatures();
        float[] dPre = new float[B * C];
        for (int i = 0; i < B * C; i++) {
            dPre[i] = dPooled[i] * (1 - pooled[i] * pooled[i]);
        }
        float[] dFirst = new float[B * C];
        dense.backward(ctx, dFirst, dPre, first(hidden, B, T), B);
        for (int b = 0; b < B; b++) {
            for (int c = 0; c < C; c++) {
                dHidden[b * T * C + c] += dFirst[b * C + c];
            }
        }
    }

    void parameters(Map<String, Parameter> out) {
        out.put("pooler.dense.weight", dense.weightParameter());
        out.put("pooler.dense.bias", dense.biasParameter());
    }

    void stateDict(Map<String, Tensor> out) {
        out.put("pooler.dense.weight", dense.weight());
        out.put("pooler.dense.bias", dense.bias());
    }
}
