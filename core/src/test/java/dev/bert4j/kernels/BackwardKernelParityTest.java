package dev.bert4j.kernels;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The training kernels (products, attention context and backward, activation derivatives): fast against scalar on awkward sizes. */
class BackwardKernelParityTest {
    private static final Parallel PARALLEL = Parallel.ofThreads(3);
    private final Random random = new Random(5);

    @AfterAll
    static void close() {
        PARALLEL.close();
    }

    @Test
    void gemmPlainAndTransposedWithAndWithoutAccumulation() {
        GemmKernel scalar = new ScalarGemmKernel();
        GemmKernel fast = new VectorGemmKernel(PARALLEL);
        int[] sizes = {1, 7, 8, 9, 33, 70, 300};
        for (int M : sizes) {
            for (int N : sizes) {
                for (int K : new int[] {1, 5, 257, 600}) {
                    for (boolean trans : new boolean[] {false, true}) {
                        float[] a = random(M * K);
                        float[] b = random(K * N);
                        float[] start = random(M * N);
                        for (boolean acc : new boolean[] {false, true}) {
                            float[] x = start.clone();
                            float[] y = start.clone();
                            scalar.gemm(x, a, trans, b, M, N, K, acc);
                            fast.gemm(y, a, trans, b, M, N, K, acc);
                            assertClose(x, y, 2e-5 * Math.sqrt(K), "M=" + M + " N=" + N + " K=" + K + " trans=" + trans
                                    + " acc=" + acc);
                        }
                    }
                }
            }
        }
    }

    @Test
    void attentionContextAndBackwardWithAndWithoutDropout() {
        AttentionKernel scalar = new ScalarAttentionKernel();
        AttentionKernel fast = new VectorAttentionKernel(PARALLEL);
        for (int[] shape : new int[][] {{1, 1, 1, 1}, {2, 5, 3, 4}, {3, 17, 2, 33}, {1, 40, 4, 16}}) {
            int B = shape[0];
            int T = shape[1];
            int H = shape[2];
            int hs = shape[3];
            int C = H * hs;
            float[] qkv = random(B * T * 3 * C);
            float[] mask = new float[B * T];
            for (int b = 1; b < B; b++) {
                mask[b * T + T - 1] = -Float.MAX_VALUE;                         // a padded last token
            }
            float[] probs = new float[B * H * T * T];
            scalar.forward(new float[B * T * C], probs, qkv, mask, 0.3f, B, T, H, hs);
            float[] keep = new float[probs.length];
            for (int i = 0; i < keep.length; i++) {
                keep[i] = random.nextInt(10) == 0 ? 0f : 1 / 0.9f;
            }
            float[] dCtx = random(B * T * C);
            for (float[] k : new float[][] {null, keep}) {
                String what = "B=" + B + " T=" + T + " H=" + H + " hs=" + hs + (k == null ? "" : " dropout");
                float[] c1 = new float[B * T * C];
                float[] c2 = new float[B * T * C];
                scalar.context(c1, probs, k, qkv, B, T, H, hs);
                fast.context(c2, probs, k, qkv, B, T, H, hs);
                assertClose(c1, c2, 1e-5, "context " + what);
                float[] d1 = random(B * T * 3 * C);
                float[] d2 = random(B * T * 3 * C);
                scalar.backward(d1, dCtx, qkv, probs, k, 0.3f, B, T, H, hs);
                fast.backward(d2, dCtx, qkv, probs, k, 0.3f, B, T, H, hs);
                assertClose(d1, d2, 2e-5 * Math.sqrt(T), "backward " + what);
            }
        }
    }

    @Test
    void activationForwardAndDerivative() {
        ActivationKernel scalar = new ScalarActivationKernel();
        ActivationKernel fast = new VectorActivationKernel(PARALLEL);
        for (int n : new int[] {1, 15, 16, 17, 1001}) {
            float[] x = random(n);
            for (int i = 0; i < n; i++) {
                x[i] *= 4;
            }
            float[] dy = random(n);
            for (Activation act : Activation.values()) {
                float[] a = new float[n];
                float[] b = new float[n];
                scalar.forward(act, a, x, n);
                fast.forward(act, b, x, n);
                assertClose(a, b, 2e-6, act + " forward n=" + n);
                scalar.backward(act, a, dy, x, n);
                fast.backward(act, b, dy, x, n);
                assertClose(a, b, 2e-6, act + " derivative n=" + n);
            }
        }
    }

    private float[] random(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextGaussian();
        }
        return a;
    }

    private static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) Math.abs(expected[i] - actual[i])).as("%s at %d: %s vs %s", what, i, expected[i], actual[i])
                    .isLessThanOrEqualTo(tolerance * Math.max(1, Math.abs(expected[i])));
        }
    }
}
