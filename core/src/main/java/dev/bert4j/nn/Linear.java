package dev.bert4j.nn;

import dev.bert4j.kernels.Activation;
import dev.bert4j.kernels.LinearWeights;
import dev.bert4j.tensor.Tensor;

/**
 * {@code nn.Linear}: {@code y = x · weightᵀ + bias}, weight {@code (out, in)}. The weight and bias are
 * {@link Parameter}s owned once; the kernel's packed copy is rebuilt before a forward whenever the
 * weight's version moved (an optimizer step), so it never drifts. Safe to share for inference.
 */
public final class Linear {
    private final Parameter weight;
    private final Parameter bias;
    private final LinearWeights kernelWeights;
    private volatile long packedVersion;

    public Linear(Parameter weight, Parameter bias) {
        if (weight.offset() != 0 || weight.size() != weight.data().length
                || bias != null && (bias.offset() != 0 || bias.size() != bias.data().length)) {
            throw new IllegalArgumentException("a Linear owns whole weight and bias arrays, not views");
        }
        this.weight = weight;
        this.bias = bias;
        this.kernelWeights = new LinearWeights(weight.data(), bias == null ? null : bias.data(),
                weight.dim(0), weight.dim(1));
        this.packedVersion = weight.version();
    }

    public Linear(Tensor weight, Tensor bias) {
        this(Parameter.of(weight), bias == null ? null : Parameter.of(bias));
    }

    public Parameter weightParameter() {
        return weight;
    }

    public Parameter biasParameter() {
        return bias;
    }

    public Tensor weight() {
        return weight.tensor();
    }

    public Tensor bias() {
        return bias == null ? null : bias.tensor();
    }

    public int outFeatures() {
        return weight.dim(0);
    }

    public int inFeatures() {
        return weight.dim(1);
    }

    /** y (rows, out) = act(x (rows, in) · Wᵀ + b). */
    public void forward(ComputeContext ctx, float[] y, float[] x, int rows, Activation act) {
        refresh();
        ctx.kernels().linear().forward(y, x, kernelWeights, act, rows);
    }

    /**
     * The backward of {@code y = x · Wᵀ + b}: adds {@code dyᵀ · x} into the weight's gradient and the column
     * sums of {@code dy} into the bias's, and writes {@code dx = dy · W} when {@code dx} is not null.
     *
     * @param dy (rows, out) the gradient of the (pre-activation) output
     * @param x  (rows, in) the input the forward saw
     */
    public void backward(ComputeContext ctx, float[] dx, float[] dy, float[] x, int rows) {
        int out = outFeatures();
        int in = inFeatures();
        ctx.kernels().gemm().gemm(weight.grad(), dy, true, x, out, in, rows, true);   // dW += dyᵀ · x
        if (bias != null) {
            float[] db = bias.grad();                                                 // db += Σ_rows dy
            for (int r = 0; r < rows; r++) {
                for (int o = 0; o < out; o++) {
                    db[o] += dy[r * out + o];
                }
            }
        }
        if (dx != null) {
            ctx.kernels().gemm().gemm(dx, dy, false, weight.data(), rows, in, out, false);   // dx = dy · W
        }
    }

    private void refresh() {
        long v = weight.version() + (bias == null ? 0 : bias.version());
        if (v != packedVersion) {
            synchronized (this) {
                if (v != packedVersion) {
                    kernelWeights.repack();
                    packedVersion = v;
                }
            }
        }
    }
}
