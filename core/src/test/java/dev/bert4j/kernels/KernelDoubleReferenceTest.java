package dev.bert4j.kernels;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scalar and fast kernels against double-precision formulas written here, on the inputs where a wrong
 * detail shows: LayerNorm rows whose variance is as small as epsilon, and attention masks with padding
 * before and between real tokens, not only at the tail.
 */
class KernelDoubleReferenceTest {
    private static final Parallel PARALLEL = Parallel.ofThreads(3);
    private final Random random = new Random(23);

    @AfterAll
    static void close() {
        PARALLEL.close();
    }

    @Test
    void layerNormUsesTheGivenEpsilonOnSmallVarianceRows() {
        LayerNormKernel[] kernels = {new ScalarLayerNormKernel(), new VectorLayerNormKernel(PARALLEL)};
        for (float eps : new float[] {1e-3f, 1e-5f, 1e-12f}) {
            for (double spread : new double[] {1e-3, 1e-2, 1}) {              // row variance 1e-6, 1e-4, 1
                for (int c : new int[] {7, 32, 384}) {
                    int rows = 40;
                    float[] x = gaussian(rows * c, 0.25, spread);
                    float[] res = gaussian(rows * c, 0, spread);
                    float[] g = gaussian(c, 1, 0.1);
                    float[] bt = gaussian(c, 0, 0.1);
                    for (float[] r : new float[][] {null, res}) {
                        double[] expected = layerNorm(x, r, g, bt, eps, rows, c);
                        for (LayerNormKernel k : kernels) {
                            float[] y = new float[rows * c];
                            k.forward(y, x.clone(), r, g, bt, eps, rows, c);
                            assertClose(expected, y, 2e-3, k.getClass().getSimpleName() + " eps=" + eps
                                    + " spread=" + spread + " C=" + c + (r == null ? "" : " +residual"));
                        }
                    }
                }
            }
        }
    }

    private static double[] layerNorm(float[] x, float[] res, float[] g, float[] b, double eps, int rows, int C) {
        double[] y = new double[rows * C];
        for (int r = 0; r < rows; r++) {
            double[] z = new double[C];
            double mean = 0;
            for (int c = 0; c < C; c++) {
                z[c] = (double) x[r * C + c] + (res == null ? 0 : res[r * C + c]);
                mean += z[c] / C;
            }
            double var = 0;
            for (int c = 0; c < C; c++) {
                var += (z[c] - mean) * (z[c] - mean) / C;
            }
            for (int c = 0; c < C; c++) {
                y[r * C + c] = (z[c] - mean) / Math.sqrt(var + eps) * g[c] + b[c];
            }
        }
        return y;
    }

    @Test
    void attentionMasksLeadingAndInnerPadding() {
        AttentionKernel[] kernels = {new ScalarAttentionKernel(), new VectorAttentionKernel(PARALLEL)};
        for (int t : new int[] {5, 17, 33, 70}) {
            for (int hs : new int[] {3, 16, 32, 64}) {
                int b = 3;
                int h = 2;
                int c = h * hs;
                float[] qkv = gaussian(b * t * 3 * c, 0, 1);
                float[] mask = new float[b * t];
                for (int j = 0; j < t; j++) {
                    mask[j] = j < t / 3 ? -Float.MAX_VALUE : 0;                        // left padded
                    mask[t + j] = j % 3 == 1 ? -Float.MAX_VALUE : 0;                   // holes in the middle
                    mask[2 * t + j] = j == 0 || j > t / 2 ? 0 : -Float.MAX_VALUE;      // first and tail real
                }
                float scale = (float) (1 / Math.sqrt(hs));
                double[][] expected = attention(qkv, mask, scale, b, t, h, hs);
                for (AttentionKernel k : kernels) {
                    float[] ctx = new float[b * t * c];
                    float[] probs = new float[b * h * t * t];
                    k.forward(ctx, probs, qkv, mask, scale, b, t, h, hs);
                    String what = k.getClass().getSimpleName() + " T=" + t + " hs=" + hs;
                    assertClose(expected[0], ctx, 1e-5, what + " context");
                    assertClose(expected[1], probs, 1e-5, what + " probabilities");
                }
            }
        }
    }

    /** {context (B*T, C), probabilities (B, H, T, T)} of softmax(q·kᵀ·scale + mask)·v in double. */
    private static double[][] attention(float[] qkv, float[] mask, double scale, int B, int T, int H, int hs) {
        int C = H * hs;
        double[] ctx = new double[B * T * C];
        double[] probs = new double[B * H * T * T];
        for (int b = 0; b < B; b++) {
            for (int h = 0; h < H; h++) {
                for (int i = 0; i < T; i++) {
                    double[] p = new double[T];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < T; j++) {
                        double s = 0;
                        for (int d = 0; d < hs; d++) {
                            s += (double) qkv[(b * T + i) * 3 * C + h * hs + d]
                                    * qkv[(b * T + j) * 3 * C + C + h * hs + d];
                        }
                        p[j] = mask[b * T + j] != 0 ? Double.NEGATIVE_INFINITY : s * scale;
                        max = Math.max(max, p[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < T; j++) {
                        p[j] = Math.exp(p[j] - max);
                        sum += p[j];
                    }
                    for (int j = 0; j < T; j++) {
                        probs[((b * H + h) * T + i) * T + j] = p[j] / sum;
                        for (int d = 0; d < hs; d++) {
                            ctx[(b * T + i) * C + h * hs + d] +=
                                    p[j] / sum * qkv[(b * T + j) * 3 * C + 2 * C + h * hs + d];
                        }
                    }
                }
            }
        }
        return new double[][] {ctx, probs};
    }

    private float[] gaussian(int n, double mean, double sd) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (mean + sd * random.nextGaussian());
        }
        return a;
    }

    private static void assertClose(double[] expected, float[] actual, double tol, String what) {
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(expected[i] - actual[i]) / Math.max(1, Math.abs(expected[i]));
            if (Double.isNaN(d) || d > worst) {
                worst = d;
                at = i;
                if (Double.isNaN(d)) {
                    break;
                }
            }
        }
        assertThat(worst).as("%s: max relative diff at index %d", what, at).isLessThanOrEqualTo(tol);
    }
}
