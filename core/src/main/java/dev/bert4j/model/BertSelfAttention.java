package dev.bert4j.model;

import dev.bert4j.kernels.Activation;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.Linear;
import dev.bert4j.tensor.Tensor;

import java.util.Map;

/**
 * Multi-head self-attention. The query, key and value Linears keep their HF weights; for speed they
 * run as one fused Linear of {@code (3C, C)} whose output holds q | k | v side by side.
 */
public final class BertSelfAttention {
    private final String prefix;
    private final Tensor[] qkvWeights = new Tensor[3];
    private final Tensor[] qkvBiases = new Tensor[3];
    private final Linear qkv;
    private final int heads;
    private final int headSize;
    private final float scale;

    BertSelfAttention(BertConfig c, StateDictReader w, String prefix) {
        this.prefix = prefix;
        int C = c.hiddenSize();
        String[] names = {"query", "key", "value"};
        float[] fusedW = new float[3 * C * C];
        float[] fusedB = new float[3 * C];
        for (int i = 0; i < 3; i++) {
            qkvWeights[i] = w.take(prefix + names[i] + ".weight", C, C);
            qkvBiases[i] = w.take(prefix + names[i] + ".bias", C);
            System.arraycopy(qkvWeights[i].data(), 0, fusedW, i * C * C, C * C);
            System.arraycopy(qkvBiases[i].data(), 0, fusedB, i * C, C);
        }
        qkv = new Linear(new Tensor(new int[] {3 * C, C}, fusedW), new Tensor(new int[] {3 * C}, fusedB));
        heads = c.numAttentionHeads();
        headSize = c.headSize();
        scale = (float) (1 / Math.sqrt(headSize));
    }

    /**
     * context (B*T, C) = softmax(q kᵀ / sqrt(hs) + mask) v, per head.
     *
     * @param probs (B, H, T, T) or null
     */
    void forward(ComputeContext ctx, BertWorkspace ws, float[] hidden, float[] probs) {
        qkv.forward(ctx, ws.qkv, hidden, ws.rows(), Activation.IDENTITY);           // (B*T, 3C) = q | k | v
        ctx.kernels().attention().forward(ws.context, probs, ws.qkv, ws.maskBias,  // (B*T, C)
                scale, ws.B, ws.T, heads, headSize);
    }

    void stateDict(Map<String, Tensor> out) {
        String[] names = {"query", "key", "value"};
        for (int i = 0; i < 3; i++) {
            out.put(prefix + names[i] + ".weight", qkvWeights[i]);
            out.put(prefix + names[i] + ".bias", qkvBiases[i]);
        }
    }
}
