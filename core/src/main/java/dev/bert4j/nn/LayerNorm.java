package dev.bert4j.nn;

import dev.bert4j.tensor.Tensor;

/** {@code nn.LayerNorm} over the last dimension; HF names {@code weight} (gamma) and {@code bias} (beta). */
public final class LayerNorm {
    private final Tensor weight;
    private final Tensor bias;
    private final float eps;

    public LayerNorm(Tensor weight, Tensor bias, double eps) {
        this.weight = weight;
        this.bias = bias;
        this.eps = (float) eps;
    }

    public Tensor weight() {
        return weight;
    }

    public Tensor bias() {
        return bias;
    }

    /** y (rows, C) = LayerNorm(x + residual); residual may be null, y may be x. */
    public void forward(ComputeContext ctx, float[] y, float[] x, float[] residual, int rows) {
        ctx.kernels().layerNorm().forward(y, x, residual, weight.data(), bias.data(), eps, rows, weight.dim(0));
    }
}
