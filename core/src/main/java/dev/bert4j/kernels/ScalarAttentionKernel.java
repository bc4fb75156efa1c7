package dev.bert4j.kernels;

/** The reference attention: scores, softmax and weighted sum written out loop by loop, in double. */
public final class ScalarAttentionKernel implements AttentionKernel {
    @Override
    public void forward(float[] ctx, float[] probs, float[] qkv, float[] maskBias, float scale,
                        int B, int T, int H, int hs) {
        for (int b = 0; b < B; b++) {
            for (int h = 0; h < H; h++) {
                head(ctx, probs, qkv, maskBias, b * T, scale, b, h, T, H, hs);
            }
        }
    }

    @Override
    public void forwardPacked(float[] ctx, float[] qkv, int[] starts, float scale, int H, int hs) {
        for (int b = 0; b + 1 < starts.length; b++) {
            for (int h = 0; h < H; h++) {
                head(ctx, null, qkv, null, starts[b], scale, b, h, starts[b + 1] - starts[b], H, hs);
            }
        }
    }

    /**
     * Head {@code h} of the sequence of {@code T} rows from row {@code base}: scores against its own keys plus
     * {@code maskBias[base + j]} (none when null), softmax, weighted sum of its values.
     */
    private static void head(float[] ctx, float[] probs, float[] qkv, float[] maskBias, int base, float scale,
                             int b, int h, int T, int H, int hs) {
        int C = H * hs;
        double[] p = new double[T];
        for (int i = 0; i < T; i++) {
            int q = (base + i) * 3 * C + h * hs;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < T; j++) {
                int k = (base + j) * 3 * C + C + h * hs;
                double s = 0;
                for (int d = 0; d < hs; d++) {
                    s += (double) qkv[q + d] * qkv[k + d];
                }
                p[j] = s * scale + (maskBias == null ? 0 : maskBias[base + j]);
                max = Math.max(max, p[j]);
            }
            double sum = 0;
            for (int j = 0; j < T; j++) {
                p[j] = Math.exp(p[j] - max);
                sum += p[j];
            }
            for (int d = 0; d < hs; d++) {
                double acc = 0;
                for (int j = 0; j < T; j++) {
                    acc += p[j] / sum * qkv[(base + j) * 3 * C + 2 * C + h * hs + d];
                }
                ctx[(base + i) * C + h * hs + d] = (float) acc;
            }
            if (probs != null) {
                for (int j = 0; j < T; j++) {
                    probs[((b * H + h) * T + i) * T + j] = (float) (p[j] / sum);
                }
            }
        }
    }

    @Override
    public void context(float[] ctx, float[] probs, float[] keep, float[] qkv, int B, int T, int H, int hs) {
        int C = H * hs;
        for (int b = 0; b < B; b++) {
            for (int h = 0; h < H; h++) {
                for (int i = 0; i < T; i++) {
                    for (int d = 0; d < hs; d++) {
                        double acc = 0;
                        for (int j = 0; j < T; j++) {
                            int pj = ((b * H + h) * T + i) * T + j;
                            acc += (double) probs[pj] * (keep == null ? 1f : keep[pj])
                                    * qkv[(b * T + j) * 3 * C + 2 * C + h * hs + d];
                        }
                        ctx[(b * T + i) * C + h * hs + d] = (float) acc;
                    }
                }
            }
        }
    }

    @Override
    public void backward(float[] dQkv, float[] dCtx, float[] qkv, float[] probs, float[] keep, float scale,
                         int B, int T, int H, int hs) {
        int C = H * hs;
        int C3 = 3 * C;
        java.util.Arrays.fill(dQkv, 0, B * T * C3, 0f);
        double[] dS = new double[T];
        for (int b = 0; b < B; b++) {
            for (int h = 0; h < H; h++) {
                for (int i = 0; i < T; i++) {
                    int pRow = ((b * H + h) * T + i) * T;
                    double dot = 0;
                    for (int j = 0; j < T; j++) {             // dP[i, j] = keep · (dCtx[i] · v[j])
                        double s = 0;
                        for (int d = 0; d < hs; d++) {
                            s += (double) dCtx[(b * T + i) * C + h * hs + d] * qkv[(b * T + j) * C3 + 2 * C + h * hs + d];
                        }
                        dS[j] = s * (keep == null ? 1 : keep[pRow + j]);
                        dot += probs[pRow + j] * dS[j];
                    }
                    for (int j = 0; j < T; j++) {
                        double p = probs[pRow + j];
                        double pk = p * (keep == null ? 1 : keep[pRow + j]);
                        double ds = p * (dS[j] - dot) * scale;
                        for (int d = 0; d < hs; d++) {
                            int q = (b * T + i) * C3 + h * hs + d;
                            int k = (b * T + j) * C3 + C + h * hs + d;
                            int v = (b * T + j) * C3 + 2 * C + h * hs + d;
                            dQkv[q] += (float) (ds * qkv[k]);
                            dQkv[k] += (float) (ds * qkv[q]);
                            dQkv[v] += (float) (pk * dCtx[(b * T + i) * C + h * hs + d]);
                        }
                    }
                }
            }
        }
    }
}
