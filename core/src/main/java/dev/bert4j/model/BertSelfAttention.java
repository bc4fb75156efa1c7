package dev.bert4j.model;

import dev.bert4j.kernels.Activation;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.Dropout;
import dev.bert4j.nn.Linear;
import dev.bert4j.nn.Parameter;
import dev.bert4j.tensor.Tensor;

import java.util.Map;

/**
 * Multi-head self-attention. The query, key and value projections are one fused Linear of {@code (3C, C)}
 * whose output holds q | k | v side by side; that fused weight is the only storage, and the HF-named
 * {@code query}, {@code key} and {@code value} parameters are views of its three row blocks, so an update
 * through either name is what the next forward reads.
 */
public final class BertSelfAttention {
    private static final String[] NAMES = {"query", "key", "value"};

    private final String prefix;
    private final Parameter[] weights = new Parameter[3];
    private final Parameter[] biases = new Parameter[3];
    private final Linear qkv;
    private final int heads;
    private final int headSize;
    private final float scale;
    private final double dropout;

    /** What backward needs: the projections, the probabilities before dropout and the dropout multipliers. */
    public record Cache(float[] qkv, float[] probs, float[] keep) {
    }

    BertSelfAttention(BertConfig c, StateDictReader w, String prefix) {
        this.prefix = prefix;
        int C = c.hiddenSize();
        Parameter fusedW = new Parameter(new int[] {3 * C, C}, new float[3 * C * C]);
        Parameter fusedB = new Parameter(new int[] {3 * C}, new float[3 * C]);
        for (int i = 0; i < 3; i++) {
            System.arraycopy(w.take(prefix + NAMES[i] + ".weight", C, C).data(), 0, fusedW.data(), i * C * C, C * C);
            System.arraycopy(w.take(prefix + NAMES[i] + ".bias", C).data(), 0, fusedB.data(), i * C, C);
            weights[i] = fusedW.view(i * C * C, C, C);
            biases[i] = fusedB.view(i * C, C);
        }
        qkv = new Linear(fusedW, fusedB);
        heads = c.numAttentionHeads();
        headSize = c.headSize();
        scale = (float) (1 / Math.sqrt(headSize));
        dropout = c.attentionProbsDropoutProb();
    }

    /**
     * context (B*T, C) = softmax(q kᵀ / sqrt(hs) + mask) v, per head.
     *
     * @param probs (B, H, T, T) or null
     */
    void forward(ComputeContext ctx, BertWorkspace ws, float[] hidden, float[] probs) {
        qkv.forward(ctx, ws.qkv, hidden, ws.rows(), Activation.IDENTITY);           // (B*T, 3C) = q | k | v
        if (ws.starts != null) {                                                    // packed: (N, C)
            ctx.kernels().attention().forwardPacked(ws.context, ws.qkv, ws.starts, scale, heads, headSize);
            return;
        }
        ctx.kernels().attention().forward(ws.context, probs, ws.qkv, ws.maskBias,  // (B*T, C)
                scale, ws.B, ws.T, heads, headSize);
    }

    /** As {@link #forward}, with dropout on the probabilities when training; writes {@code context (B*T, C)}. */
    Cache forwardTrain(ComputeContext ctx, float[] context, float[] hidden, float[] maskBias, float[] probs,
                       int B, int T) {
        int C = heads * headSize;
        float[] q = new float[B * T * 3 * C];
        qkv.forward(ctx, q, hidden, B * T, Activation.IDENTITY);                     // (B*T, 3C)
        ctx.kernels().attention().forward(context, probs, q, maskBias, scale, B, T, heads, headSize);
        float[] keep = Dropout.mask(ctx, B * heads * T * T, dropout);                // (B, H, T, T)
        if (keep != null) {
            ctx.kernels().attention().context(context, probs, keep, q, B, T, heads, headSize);  // dropout(P) · v
        }
        return new Cache(q, probs, keep);
    }

    /** dHidden (B*T, C) from dContext (B*T, C); adds into the q, k, v gradients. */
    float[] backward(ComputeContext ctx, Cache cache, float[] dContext, float[] hidden, int B, int T) {
        int C = heads * headSize;
        float[] dQkv = new float[B * T * 3 * C];
        ctx.kernels().attention().backward(dQkv, dContext, cache.qkv(), cache.probs(), cache.keep(), scale,
                B, T, heads, headSize);                                             // (B*T, 3C)
        float[] dHidden = new float[B * T * C];
        qkv.backward(ctx, dHidden, dQkv, hidden, B * T);
        return dHidden;
    }

    void parameters(Map<String, Parameter> out) {
        for (int i = 0; i < 3; i++) {
            out.put(prefix + NAMES[i] + ".weight", weights[i]);
            out.put(prefix + NAMES[i] + ".bias", biases[i]);
        }
    }

    /** Copies of the three row blocks, under their HF names. */
    void stateDict(Map<String, Tensor> out) {
        for (int i = 0; i < 3; i++) {
            out.put(prefix + NAMES[i] + ".weight", weights[i].tensor());
            out.put(prefix + NAMES[i] + ".bias", biases[i].tensor());
        }
    }
}
