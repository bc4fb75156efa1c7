package dev.bert4j.model;

import dev.bert4j.kernels.Activation;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.Linear;
import dev.bert4j.nn.Parameter;
import dev.bert4j.tensor.Tensor;

import java.util.Map;

/** {@code act(dense(x))} with {@code act} from {@code hidden_act}; bias and activation fused. */
public final class BertIntermediate {
    private final String prefix;
    private final Linear dense;
    private final Activation act;

    BertIntermediate(BertConfig c, StateDictReader w, String prefix) {
        this.prefix = prefix;
        dense = new Linear(w.take(prefix + "dense.weight", c.intermediateSize(), c.hiddenSize()),
                w.take(prefix + "dense.bias", c.intermediateSize()));
        act = c.activation();
    }

    /**
     * y (B*T, I) = act(x · Wᵀ + b).
     *
     * @param preAct when not null, receives x · Wᵀ + b (B*T, I) for the backward pass
     */
    void forward(ComputeContext ctx, float[] y, float[] x, int rows, float[] preAct) {
        if (preAct == null) {
            dense.forward(ctx, y, x, rows, act);                     // (B*T, I)
            return;
        }
        dense.forward(ctx, preAct, x, rows, Activation.IDENTITY);   // (B*T, I)
        ctx.kernels().activation().forward(act, y, preAct, rows * dense.outFeatures());   // act(x · Wᵀ + b)
    }

    /** dx (B*T, C) from dy (B*T, I): {@code dPre = dy · act'(preAct)}, then through the dense. */
    float[] backward(ComputeContext ctx, float[] dy, float[] preAct, float[] x, int rows) {
        int n = rows * dense.outFeatures();
        float[] dPre = new float[n];
        ctx.kernels().activation().backward(act, dPre, dy, preAct, n);     // dy · act'(preAct)
        float[] dx = new float[rows * dense.inFeatures()];
        dense.backward(ctx, dx, dPre, x, rows);
        return dx;
    }

    void parameters(Map<String, Parameter> out) {
        out.put(prefix + "dense.weight", dense.weightParameter());
        out.put(prefix + "dense.bias", dense.biasParameter());
    }

    void stateDict(Map<String, Tensor> out) {
        out.put(prefix + "dense.weight", dense.weight());
        out.put(prefix + "dense.bias", dense.bias());
    }
}
