package dev.bert4j.kernels;

/** The reference: {@link Activation#apply} and {@link Activation#derivative}, in double, one value at a time. */
public final class ScalarActivationKernel implements ActivationKernel {
    @Override
    public void forward(Activation act, float[] y, float[] x, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = act.apply(x[i]);
        }
    }

    @Override
    public void backward(Activation act, float[] dx, float[] dy, float[] pre, int n) {
        for (int i = 0; i < n; i++) {
            dx[i] = (float) (dy[i] * act.derivative(pre[i]));
        }
    }
}
