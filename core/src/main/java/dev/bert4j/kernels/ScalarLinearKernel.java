package dev.bert4j.kernels;

/**
 * The reference Linear: one dot product per output, accumulated in double. Four outputs of a row are summed side by
 * side, each over {@code k} in order as alone (so every output is the same number as one loop per output gives):
 * four independent chains of adds instead of one keep the core busy while each add waits for the one before, which
 * matters where this kernel runs for speed, the first calls of a fresh JVM ({@link ColdStartKernels}). There the
 * outputs are also split over the context's threads; how they are split changes no output.
 */
public final class ScalarLinearKernel implements LinearKernel {
    private final Parallel parallel;

    /** The single-threaded reference. */
    public ScalarLinearKernel() {
        this(Parallel.sequential());
    }

    /** The same sums, the outputs split over {@code parallel}'s threads. */
    public ScalarLinearKernel(Parallel parallel) {
        this.parallel = parallel;
    }

    @Override
    public void forward(float[] y, float[] x, LinearWeights w, Activation act, int rows) {
        int out = w.out();
        int groups = (out + 3) / 4;
        parallel.forRange(groups, (start, end, worker) -> outputs(y, x, w, act, rows, 4 * start, Math.min(out, 4 * end)));
    }

    /** Outputs {@code [o0, o1)} of every row. */
    private static void outputs(float[] y, float[] x, LinearWeights w, Activation act, int rows, int o0, int o1) {
        int out = w.out();
        int in = w.in();
        float[] weight = w.weight();
        float[] bias = w.bias();
        for (int r = 0; r < rows; r++) {
            int xr = r * in;
            int o = o0;
            for (; o + 4 <= o1; o += 4) {
                double s0 = bias == null ? 0 : bias[o];
                double s1 = bias == null ? 0 : bias[o + 1];
                double s2 = bias == null ? 0 : bias[o + 2];
                double s3 = bias == null ? 0 : bias[o + 3];
                int w0 = o * in;
                int w1 = w0 + in;
                int w2 = w1 + in;
                int w3 = w2 + in;
                for (int k = 0; k < in; k++) {
                    double xk = x[xr + k];
                    s0 += xk * weight[w0 + k];
                    s1 += xk * weight[w1 + k];
                    s2 += xk * weight[w2 + k];
                    s3 += xk * weight[w3 + k];
                }
                y[r * out + o] = act.apply((float) s0);
                y[r * out + o + 1] = act.apply((float) s1);
                y[r * out + o + 2] = act.apply((float) s2);
                y[r * out + o + 3] = act.apply((float) s3);
            }
            for (; o < o1; o++) {
                double sum = bias == null ? 0 : bias[o];
                for (int k = 0; k < in; k++) {
                    sum += (double) x[xr + k] * weight[o * in + k];
                }
                y[r * out + o] = act.apply((float) sum);
            }
        }
    }
}
