package dev.bert4j.kernels;

/** {@code y (rows, out) = act(x (rows, in) · weightᵀ + bias)}. */
public interface LinearKernel {
    void forward(float[] y, float[] x, LinearWeights w, Activation act, int rows);
}
