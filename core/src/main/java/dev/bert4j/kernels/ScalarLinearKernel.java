package dev.bert4j.kernels;

/** The reference Linear: one dot product per output, accumulated in double. */
public final class ScalarLinearKernel implements LinearKernel {
    @Override
    public void forward(float[] y, float[] x, LinearWeights w, Activation act, int rows) {
        int out = w.out();
        int in = w.in();
        float[] weight = w.weight();
        float[] bias = w.bias();
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double sum = bias == null ? 0 : bias[o];
                for (int k = 0; k < in; k++) {
                    sum += (double) x[r * in + k] * weight[o * in + k];
                }
                y[r * out + o] = act.apply((float) sum);
            }
        }
    }
}
