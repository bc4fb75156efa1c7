package dev.bert4j.kernels;

/**
 * The training half of attention for one (sequence, head) pair: the context from given probabilities and
 * the backward pass, written as small matrix products over the head's own contiguous copies of q, k, v
 * and the probabilities, run by {@link VectorGemmKernel#gemmSequential}. {@link VectorAttentionKernel}
 * runs it over all pairs in parallel; {@link ScalarAttentionKernel} has the same math as plain loops in
 * double.
 */
final class AttentionGradients {
    private AttentionGradients() {
    }

    /** ctx[b, :, h] = (P ∘ keep) · v for one pair; {@code pair = b * H + h}. */
    static void context(float[] ctx, float[] probs, float[] keep, float[] qkv, int pair, int T, int H, int hs) {
        int b = pair / H;
        int h = pair % H;
        int C = H * hs;
        float[] p = dropped(probs, keep, pair, T);                                    // (T, T)
        float[] v = head(qkv, b, 2 * C + h * hs, T, 3 * C, hs);                       // (T, hs)
        float[] out = new float[T * hs];
        VectorGemmKernel.gemmSequential(out, p, false, v, T, hs, T, false);          // P' · v
        scatter(ctx, out, b, h * hs, T, C, hs);
    }

    /** The backward for one pair; writes this pair's q, k and v columns of {@code dQkv}. */
    static void backward(float[] dQkv, float[] dCtx, float[] qkv, float[] probs, float[] keep, float scale,
                         int pair, int T, int H, int hs) {
        int b = pair / H;
        int h = pair % H;
        int C = H * hs;
        float[] q = head(qkv, b, h * hs, T, 3 * C, hs);                               // (T, hs)
        float[] k = head(qkv, b, C + h * hs, T, 3 * C, hs);
        float[] vt = transpose(head(qkv, b, 2 * C + h * hs, T, 3 * C, hs), T, hs);     // (hs, T)
        float[] dc = head(dCtx, b, h * hs, T, C, hs);                                 // (T, hs)
        float[] p = new float[T * T];
        System.arraycopy(probs, pair * T * T, p, 0, T * T);                           // (T, T) before dropout
        float[] dP = new float[T * T];
        VectorGemmKernel.gemmSequential(dP, dc, false, vt, T, T, hs, false);          // dP' = dCtx · vᵀ
        float[] pk = keep == null ? p : dropped(probs, keep, pair, T);
        float[] dv = new float[T * hs];
        VectorGemmKernel.gemmSequential(dv, pk, true, dc, T, hs, T, false);           // dv = P'ᵀ · dCtx
        for (int i = 0; i < T; i++) {                                                // dS = P ∘ (dP - rowsum(P ∘ dP))
            int row = i * T;
            float dot = 0f;
            for (int j = 0; j < T; j++) {
                float d = keep == null ? dP[row + j] : dP[row + j] * keep[pair * T * T + row + j];   // through dropout
                dP[row + j] = d;
                dot += p[row + j] * d;
            }
            for (int j = 0; j < T; j++) {
                dP[row + j] = p[row + j] * (dP[row + j] - dot) * scale;               // and the 1/sqrt(hs) scale
            }
        }
        float[] dq = new float[T * hs];
        float[] dk = new float[T * hs];
        VectorGemmKernel.gemmSequential(dq, dP, false, k, T, hs, T, false);          // dq = dS · k
        VectorGemmKernel.gemmSequential(dk, dP, true, q, T, hs, T, false);           // dk = dSᵀ · q
        scatter(dQkv, dq, b, h * hs, T, 3 * C, hs);
        scatter(dQkv, dk, b, C + h * hs, T, 3 * C, hs);
        scatter(dQkv, dv, b, 2 * C + h * hs, T, 3 * C, hs);
    }

    /** P ∘ keep (T, T) of one pair, a copy. */
    private static float[] dropped(float[] probs, float[] keep, int pair, int T) {
        float[] p = new float[T * T];
        int off = pair * T * T;
        for (int i = 0; i < T * T; i++) {
            p[i] = keep == null ? probs[off + i] : probs[off + i] * keep[off + i];
        }
        return p;
    }

    /** Rows of sequence b, columns [col, col + hs) of a (B*T, width) matrix, as a contiguous (T, hs) copy. */
    private static float[] head(float[] x, int b, int col, int T, int width, int hs) {
        float[] out = new float[T * hs];
        for (int t = 0; t < T; t++) {
            System.arraycopy(x, (b * T + t) * width + col, out, t * hs, hs);
        }
        return out;
    }

    private static void scatter(float[] x, float[] part, int b, int col, int T, int width, int hs) {
        for (int t = 0; t < T; t++) {
            System.arraycopy(part, t * hs, x, (b * T + t) * width + col, hs);
        }
    }

    private static float[] transpose(float[] x, int rows, int cols) {
        float[] t = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = x[r * cols + c];
            }
        }
        return t;
    }
}
