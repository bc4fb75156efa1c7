package dev.bert4j.kernels;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference Linear sums four outputs side by side, and splits them over threads for the cold start; every output
 * is bit for bit the one-loop-per-output sum.
 */
class ScalarLinearKernelTest {
    @Test
    void fourOutputsAtOnceOnAnyThreadsGiveExactlyTheOneAtATimeSums() {
        SplittableRandom random = new SplittableRandom(7);
        int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {4, 8, 16}, {2, 13, 33}, {5, 384, 6}, {1, 3, 1536}, {2, 37, 9}};
        Parallel[] threads = {Parallel.ofThreads(2), Parallel.ofThreads(3)};
        try {
            check(random, shapes, threads);
        } finally {
            for (Parallel p : threads) {
                p.close();
            }
        }
    }

    private static void check(SplittableRandom random, int[][] shapes, Parallel[] threads) {
        for (int[] s : shapes) {
            int rows = s[0], out = s[1], in = s[2];
            for (boolean withBias : new boolean[]{true, false}) {
                for (Activation act : new Activation[]{Activation.IDENTITY, Activation.GELU, Activation.TANH}) {
                    float[] weight = gaussian(random, out * in);
                    float[] bias = withBias ? gaussian(random, out) : null;
                    float[] x = gaussian(random, rows * in);
                    LinearWeights w = new LinearWeights(weight, bias, out, in);
                    float[] expected = oneAtATime(x, weight, bias, act, rows, out, in);
                    float[] y = new float[rows * out];
                    new ScalarLinearKernel().forward(y, x, w, act, rows);
                    assertThat(y).as("%d × %d → %d, bias %s, %s", rows, in, out, withBias, act).isEqualTo(expected);
                    for (Parallel p : threads) {
                        float[] split = new float[rows * out];
                        new ScalarLinearKernel(p).forward(split, x, w, act, rows);
                        assertThat(split).as("on %d threads", p.threads()).isEqualTo(expected);
                    }
                }
            }
        }
    }

    /** The reference as first written: one dot product per output, accumulated in double. */
    private static float[] oneAtATime(float[] x, float[] weight, float[] bias, Activation act, int rows, int out, int in) {
        float[] y = new float[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double sum = bias == null ? 0 : bias[o];
                for (int k = 0; k < in; k++) {
                    sum += (double) x[r * in + k] * weight[o * in + k];
                }
                y[r * out + o] = act.apply((float) sum);
            }
        }
        return y;
    }

    private static float[] gaussian(SplittableRandom random, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextGaussian();
        }
        return a;
    }
}
