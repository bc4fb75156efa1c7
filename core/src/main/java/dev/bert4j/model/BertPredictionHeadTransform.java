package dev.bert4j.model;

import dev.bert4j.kernels.Activation;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.LayerNorm;
import dev.bert4j.nn.Linear;
import dev.bert4j.nn.Parameter;
import dev.bert4j.tensor.Tensor;

import java.util.Map;

/** {@code LayerNorm(act(dense(x)))}: {@code cls.predictions.transform}, act from {@code hidden_act}. */
public final class BertPredictionHeadTransform {
    static final String PREFIX = "cls.predictions.transform.";

    private final Linear dense;
    private final Activation act;
    private final LayerNorm layerNorm;

    BertPredictionHeadTransform(BertConfig c, HeadCheckpoint w) {
        int C = c.hiddenSize();
        dense = new Linear(w.take(PREFIX + "dense.weight", "(hidden_size, hidden_size)", C, C),
                w.take(PREFIX + "dense.bias", "(hidden_size)", C));
        act = c.activation();
        layerNorm = new LayerNorm(w.take(PREFIX + "LayerNorm.weight", "(hidden_size)", C),
                w.take(PREFIX + "LayerNorm.bias", "(hidden_size)", C), c.layerNormEps());
    }

    /** y (rows, C) = LayerNorm(act(x · Wᵀ + b)). */
    public float[] forward(ComputeContext ctx, float[] x, int rows) {
        float[] h = new float[rows * dense.outFeatures()];      // (rows, C)
        dense.forward(ctx, h, x, rows, act);                     // act(x · Wᵀ + b)
        layerNorm.forward(ctx, h, h, null, rows);                // LayerNorm, in place
        return h;
    }

    /** What backward needs: the dense output before the activation, and the LayerNorm's statistics. */
    record Cache(float[] preAct, LayerNorm.Cache norm) {
    }

    /** As {@link #forward}, keeping what backward needs. */
    Cache forwardTrain(ComputeContext ctx, float[] y, float[] x, int rows) {
        int n = rows * dense.outFeatures();
        float[] pre = new float[n];
        dense.forward(ctx, pre, x, rows, Activation.IDENTITY);   // x · Wᵀ + b
        ctx.kernels().activation().forward(act, y, pre, n);       // act
        return new Cache(pre, layerNorm.forwardTrain(ctx, y, y, null, rows));   // LayerNorm
    }

    /** dx (rows, C) from dy (rows, C). */
    float[] backward(ComputeContext ctx, Cache cache, float[] dy, float[] x, int rows) {
        int n = rows * dense.outFeatures();
        float[] d = new float[n];
        layerNorm.backward(ctx, d, dy, cache.norm(), rows);      // through LayerNorm
        ctx.kernels().activation().backward(act, d, d, cache.preAct(), n);   // through act
        float[] dx = new float[rows * dense.inFeatures()];
        dense.backward(ctx, dx, d, x, rows);                      // through the dense
        return dx;
    }

    void parameters(Map<String, Parameter> out) {
        out.put(PREFIX + "dense.weight", dense.weightParameter());
        out.put(PREFIX + "dense.bias", dense.biasParameter());
        out.put(PREFIX + "LayerNorm.weight", layerNorm.weightParameter());
        out.put(PREFIX + "LayerNorm.bias", layerNorm.biasParameter());
    }

    void stateDict(Map<String, Tensor> out) {
        out.put(PREFIX + "dense.weight", dense.weight());
        out.put(PREFIX + "dense.bias", dense.bias());
        out.put(PREFIX + "LayerNorm.weight", layerNorm.weight());
        out.put(PREFIX + "LayerNorm.bias", layerNorm.bias());
    }
}
