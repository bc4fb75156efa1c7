package dev.bert4j.kernels;

/**
 * The training half of attention for one (sequence, head) pair, in float: the context from given
 * probabilities and the backward pass. {@link VectorAttentionKernel} runs it over all pairs in
 * parallel; {@link ScalarAttentionKernel} has the same loops in double.
 */
final class AttentionGradients {
    private AttentionGradients() {
    }

    /** ctx[b, :, h] = (P ∘ keep) · v for one pair; {@code pair = b * H + h}. */
    static void context(float[] ctx, float[] probs, float[] keep, float[] qkv, int pair, int T, int H, int hs) {
        int b = pair / H;
        int h = pair % H;
        int C = H * hs;
        float[] acc = new float[hs];
        for (int i = 0; i < T; i++) {
            java.util.Arrays.fill(acc, 0f);
            int pRow = (pair * T + i) * T;
            for (int j = 0; j < T; j++) {
                float p = keep == null ? probs[pRow + j] : probs[pRow + j] * keep[pRow + j];
                if (p == 0f) {
                    continue;
                }
                int v = (b * T + j) * 3 * C + 2 * C + h * hs;
                for (int d = 0; d < hs; d++) {
                    acc[d] += p * qkv[v + d];
                }
            }
            System.arraycopy(acc, 0, ctx, (b * T + i) * C + h * hs, hs);
        }
    }

    /** The backward for one pair; writes this pair's q, k and v columns of {@code dQkv}. */
    static void backward(float[] dQkv, float[] dCtx, float[] qkv, float[] probs, float[] keep, float scale,
                         int pair, int T, int H, int hs) {
        int b = pair / H;
        int h = pair % H;
        int C = H * hs;
        int C3 = 3 * C;
        for (int t = 0; t < T; t++) {
            java.util.Arrays.fill(dQkv, (b * T + t) * C3 + h * hs, (b * T + t) * C3 + h * hs + hs, 0f);
            java.util.Arrays.fill(dQkv, (b * T + t) * C3 + C + h * hs, (b * T + t) * C3 + C + h * hs + hs, 0f);
            java.util.Arrays.fill(dQkv, (b * T + t) * C3 + 2 * C + h * hs, (b * T + t) * C3 + 2 * C + h * hs + hs, 0f);
        }
        float[] dP = new float[T];
        for (int i = 0; i < T; i++) {
            int pRow = (pair * T + i) * T;
            int dc = (b * T + i) * C + h * hs;
            float dot = 0f;
            for (int j = 0; j < T; j++) {
                float p = probs[pRow + j];
                if (p == 0f) {
                    dP[j] = 0f;
                    continue;
                }
                int v = (b * T + j) * C3 + 2 * C + h * hs;
                float s = 0f;
                for (int d = 0; d < hs; d++) {
                    s += dCtx[dc + d] * qkv[v + d];              // dP'[i, j] = dCtx[i] · v[j]
                }
                float k = keep == null ? 1f : keep[pRow + j];
                dP[j] = s * k;                                   // through dropout
                float pk = p * k;
                for (int d = 0; d < hs; d++) {
                    dQkv[v + d] += pk * dCtx[dc + d];           // dv[j] += P'[i, j] dCtx[i]
                }
                dot += p * dP[j];
            }
            int q = (b * T + i) * C3 + h * hs;
            for (int j = 0; j < T; j++) {
                float p = probs[pRow + j];
                if (p == 0f) {
                    continue;
                }
                float ds = p * (dP[j] - dot) * scale;            // through softmax and the 1/sqrt(hs) scale
                int k = (b * T + j) * C3 + C + h * hs;
                for (int d = 0; d < hs; d++) {
                    dQkv[q + d] += ds * qkv[k + d];              // dq[i] += dS[i, j] k[j]
                    dQkv[k + d] += ds * qkv[q + d];              // dk[j] += dS[i, j] q[i]
                }
            }
        }
    }
}
