package dev.bert4j.kernels;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Fast kernels against the scalar references on awkward sizes. */
class KernelParityTest {
    private static final int[] SIZES = {1, 3, 17, 33, 257};
    private static final Parallel PARALLEL = Parallel.ofThreads(3);
    private final Random random = new Random(11);

    @AfterAll
    static void close() {
        PARALLEL.close();
    }

    @Test
    void linearWithEveryActivation() {
        LinearKernel scalar = new ScalarLinearKernel();
        LinearKernel fast = new VectorLinearKernel(PARALLEL);
        for (int rows : new int[] {1, 3, 5, 17, 70}) {
            for (int in : SIZES) {
                for (int out : SIZES) {
                    LinearWeights w = new LinearWeights(random(out * in), rows % 2 == 0 ? null : random(out), out, in);
                    float[] x = random(rows * in);
                    for (Activation act : Activation.values()) {
                        float[] a = new float[rows * out];
                        float[] b = new float[rows * out];
                        scalar.forward(a, x, w, act, rows);
                        fast.forward(b, x, w, act, rows);
                        assertClose(a, b, 1e-5 * Math.sqrt(in), act + " rows=" + rows + " in=" + in + " out=" + out);
                    }
                }
            }
        }
    }

    /**
     * The bias-free path (attention-free heads, tied decoders) on sizes the fast kernel handles without edges: whole
     * panels of two vectors, 8-row tiles, 4-row tiles and single rows, against a double-precision sum.
     */
    @Test
    void linearWithoutBiasOnAlignedSizes() {
        LinearKernel scalar = new ScalarLinearKernel();
        LinearKernel fast = new VectorLinearKernel(PARALLEL);
        int panel = 2 * jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
        for (int rows : new int[] {1, 4, 8, 13, 64, 70}) {
            for (int in : new int[] {2, 16, 64, 128}) {
                for (int out : new int[] {panel, 2 * panel, 4 * panel, 4 * panel + 2}) {
                    LinearWeights w = new LinearWeights(random(out * in), null, out, in);
                    float[] x = random(rows * in);
                    double[] expected = linearInDouble(x, w.weight(), rows, in, out);
                    for (Activation act : new Activation[] {Activation.IDENTITY, Activation.GELU}) {
                        float[] a = new float[rows * out];
                        float[] b = new float[rows * out];
                        java.util.Arrays.fill(b, Float.NaN);          // a slot the kernel never stores stays NaN
                        scalar.forward(a, x, w, act, rows);
                        fast.forward(b, x, w, act, rows);
                        String what = act + " no bias rows=" + rows + " in=" + in + " out=" + out;
                        assertClose(a, b, 1e-5 * Math.sqrt(in), what);
                        if (act == Activation.IDENTITY) {
                            assertClose(expected, b, 1e-5 * Math.sqrt(in), what + " vs double");
                            assertClose(expected, a, 1e-5 * Math.sqrt(in), what + " scalar vs double");
                        }
                    }
                }
            }
        }
    }

    private static double[] linearInDouble(float[] x, float[] weight, int rows, int in, int out) {
        double[] y = new double[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double s = 0;
                for (int k = 0; k < in; k++) {
                    s += (double) x[r * in + k] * weight[o * in + k];
                }
                y[r * out + o] = s;
            }
        }
        return y;
    }

    @Test
    void layerNormWithAndWithoutResidual() {
        LayerNormKernel scalar = new ScalarLayerNormKernel();
        LayerNormKernel fast = new VectorLayerNormKernel(PARALLEL);
        for (int rows : new int[] {1, 3, 40}) {
            for (int c : SIZES) {
                float[] x = random(rows * c);
                float[] res = random(rows * c);
                float[] g = random(c);
                float[] bt = random(c);
                for (float[] r : new float[][] {null, res}) {
                    float[] a = new float[rows * c];
                    float[] b = new float[rows * c];
                    scalar.forward(a, x, r, g, bt, 1e-12f, rows, c);
                    fast.forward(b, x.clone(), r, g, bt, 1e-12f, rows, c);
                    assertClose(a, b, 2e-5, "rows=" + rows + " C=" + c);
                }
            }
        }
    }

    @Test
    void attentionWithPadding() {
        AttentionKernel scalar = new ScalarAttentionKernel();
        AttentionKernel fast = new VectorAttentionKernel(PARALLEL);
        for (int t : new int[] {1, 3, 17, 33, 70}) {
            for (int hs : new int[] {1, 3, 17, 32, 64}) {
                int b = 2;
                int h = 3;
                int c = h * hs;
                float[] qkv = random(b * t * 3 * c);
                float[] mask = new float[b * t];
                for (int j = t / 2 + 1; j < t; j++) {
                    mask[t + j] = -Float.MAX_VALUE;        // second sequence padded
                }
                float[] ca = new float[b * t * c];
                float[] cb = new float[b * t * c];
                float[] pa = new float[b * h * t * t];
                float[] pb = new float[b * h * t * t];
                float scale = (float) (1 / Math.sqrt(hs));
                scalar.forward(ca, pa, qkv, mask, scale, b, t, h, hs);
                fast.forward(cb, pb, qkv, mask, scale, b, t, h, hs);
                assertClose(ca, cb, 1e-5, "ctx T=" + t + " hs=" + hs);
                assertClose(pa, pb, 1e-5, "probs T=" + t + " hs=" + hs);
            }
        }
    }

    @Test
    void piecesCoverEveryItemOnce() {
        for (int n : new int[] {0, 1, 5, 17, 96}) {
            for (int grain : new int[] {1, 2, 7, 200}) {
                java.util.concurrent.atomic.AtomicIntegerArray seen = new java.util.concurrent.atomic.AtomicIntegerArray(n);
                PARALLEL.forPieces(n, grain, (start, end, worker) -> {
                    for (int k = start; k < end; k++) {
                        seen.incrementAndGet(k);
                    }
                });
                for (int k = 0; k < n; k++) {
                    assertThat(seen.get(k)).as("n=" + n + " grain=" + grain + " item " + k).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void activationsMatchTheirDefinitions() {
        assertThat((double) Activation.GELU.apply(1f)).isCloseTo(0.8413447460685429, within(1e-6));
        assertThat((double) Activation.GELU.apply(-2f)).isCloseTo(-0.04550026389635842, within(1e-6));
        assertThat(Activation.erf(0.5)).isCloseTo(0.5204998778130465, within(2e-7));
        assertThat((double) Activation.GELU_TANH.apply(1f)).isCloseTo(0.8411919906082768, within(1e-6));
        assertThat((double) Activation.SILU.apply(1f)).isCloseTo(0.7310585786300049, within(1e-6));
        assertThat(Activation.RELU.apply(-3f)).isZero();
    }

    private float[] random(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextGaussian();
        }
        return a;
    }

    private static void assertClose(double[] expected, float[] actual, double tol, String what) {
        float[] e = new float[expected.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = (float) expected[i];
        }
        assertClose(e, actual, tol, what);
    }

    private static void assertClose(float[] a, float[] b, double tol, String what) {
        double worst = 0;
        int at = -1;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            if (!(d <= worst)) {
                worst = d;
                at = i;
                if (Double.isNaN(d)) {
                    break;                                 // a NaN is the worst: a later finite diff must not hide it
                }
            }
        }
        assertThat(worst).as("%s: max |diff| at index %d", what, at).isLessThanOrEqualTo(tol);
    }
}
