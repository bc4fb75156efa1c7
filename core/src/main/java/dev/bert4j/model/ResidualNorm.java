package dev.bert4j.model;

import dev.bert4j.kernels.Activation;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.Dropout;
import dev.bert4j.nn.LayerNorm;
import dev.bert4j.nn.Linear;
import dev.bert4j.nn.Parameter;
import dev.bert4j.tensor.Tensor;

import java.util.Map;

/**
 * {@code LayerNorm(dropout(dense(x)) + input)}: the shape shared by {@link BertSelfOutput} and
 * {@link BertOutput}, which differ only in the dense's input width and their names.
 */
final class ResidualNorm {
    private final String prefix;
    private final Linear dense;
    private final LayerNorm layerNorm;
    private final double dropout;

    /** What backward needs: the dropout multipliers (or null) and the LayerNorm's statistics. */
    public record Cache(float[] keep, LayerNorm.Cache norm) {
    }

    ResidualNorm(BertConfig c, StateDictReader w, String prefix, int in) {
        this.prefix = prefix;
        int C = c.hiddenSize();
        dense = new Linear(w.take(prefix + "dense.weight", C, in), w.take(prefix + "dense.bias", C));
        layerNorm = new LayerNorm(w.take(prefix + "LayerNorm.weight", C), w.take(prefix + "LayerNorm.bias", C),
                c.layerNormEps());
        dropout = c.hiddenDropoutProb();
    }

    /** y (rows, C) = LayerNorm(x · Wᵀ + b + input); {@code scratch} holds the dense output (may be y). */
    void forward(ComputeContext ctx, float[] y, float[] x, float[] input, float[] scratch, int rows) {
        dense.forward(ctx, scratch, x, rows, Activation.IDENTITY);      // (rows, C)
        layerNorm.forward(ctx, y, scratch, input, rows);               // (rows, C)
    }

    /** As {@link #forward} with dropout on the dense output when training, keeping what backward needs. */
    Cache forwardTrain(ComputeContext ctx, float[] y, float[] x, float[] input, int rows) {
        int C = dense.outFeatures();
        float[] h = new float[rows * C];
        dense.forward(ctx, h, x, rows, Activation.IDENTITY);                  // (rows, C)
        float[] keep = Dropout.mask(ctx, rows * C, dropout);
        Dropout.apply(h, keep);                                                // dropout(dense(x))
        return new Cache(keep, layerNorm.forwardTrain(ctx, y, h, input, rows)); // LayerNorm(h + input)
    }

    /**
     * From dy (rows, C): writes the gradient of {@code input} into {@code dInput} (overwritten) and returns
     * the gradient of {@code x} (rows, in).
     */
    float[] backward(ComputeContext ctx, Cache cache, float[] dy, float[] x, float[] dInput, int rows) {
        layerNorm.backward(ctx, dInput, dy, cache.norm(), rows);       // dz = d(h + input); the residual gets it
        float[] dh = java.util.Arrays.copyOf(dInput, rows * dense.outFeatures());
        Dropout.apply(dh, cache.keep());                               // through dropout
        float[] dx = new float[rows * dense.inFeatures()];
        dense.backward(ctx, dx, dh, x, rows);                          // through the dense
        return dx;
    }

    void parameters(Map<String, Parameter> out) {
        out.put(prefix + "dense.weight", dense.weightParameter());
        out.put(prefix + "dense.bias", dense.biasParameter());
        out.put(prefix + "LayerNorm.weight", layerNorm.weightParameter());
        out.put(prefix + "LayerNorm.bias", layerNorm.biasParameter());
    }

    void stateDict(Map<String, Tensor> out) {
        out.put(prefix + "dense.weight", dense.weight());
        out.put(prefix + "dense.bias", dense.bias());
        out.put(prefix + "LayerNorm.weight", layerNorm.weight());
        out.put(prefix + "LayerNorm.bias", layerNorm.bias());
    }
}
