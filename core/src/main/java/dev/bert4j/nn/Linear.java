package dev.bert4j.nn;

import dev.bert4j.kernels.Activation;
import dev.bert4j.kernels.LinearWeights;
import dev.bert4j.tensor.Tensor;

/** {@code nn.Linear}: {@code y = x · weightᵀ + bias}, weight {@code (out, in)}. Immutable. */
public final class Linear {
    private final Tensor weight;
    private final Tensor bias;
    private final LinearWeights kernelWeights;

    public Linear(Tensor weight, Tensor bias) {
        this.weight = weight;
        this.bias = bias;
        this.kernelWeights = new LinearWeights(weight.data(), bias == null ? null : bias.data(),
                weight.dim(0), weight.dim(1));
    }

    public Tensor weight() {
        return weight;
    }

    public Tensor bias() {
        return bias;
    }

    public int outFeatures() {
        return weight.dim(0);
    }

    public int inFeatures() {
        return weight.dim(1);
    }

    /** y (rows, out) = act(x (rows, in) · Wᵀ + b). */
    public void forward(ComputeContext ctx, float[] y, float[] x, int rows, Activation act) {
        ctx.kernels().linear().forward(y, x, kernelWeights, act, rows);
    }
}
