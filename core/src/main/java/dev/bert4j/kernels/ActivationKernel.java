package dev.bert4j.kernels;

/** Element-wise activations for training: {@code y = act(x)} and {@code dx = dy · act'(x)} over n values. */
public interface ActivationKernel {
    void forward(Activation act, float[] y, float[] x, int n);

    /** {@code dx[i] = dy[i] · act'(pre[i])}; {@code dx} may be {@code dy}. */
    void backward(Activation act, float[] dx, float[] dy, float[] pre, int n);
}
