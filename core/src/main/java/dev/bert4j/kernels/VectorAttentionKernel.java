package dev.bert4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * Attention with the Vector API, one (sequence, head) pair per task. Keys are transposed once per
 * task into {@code kt (hs, Tp)} ({@code Tp} = T rounded up to the vector length, padded with zeros)
 * so each score row is a broadcast-FMA over contiguous keys; the softmax runs over whole vectors with
 * padded slots at -inf; masked keys (probability exactly 0) are skipped in the weighted sum.
 */
public final class VectorAttentionKernel implements AttentionKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Query rows scored together so each key vector loaded serves several rows. */
    private static final int ROWS = 4;

    private final Parallel parallel;

    public VectorAttentionKernel(Parallel parallel) {
        this.parallel = parallel;
    }

    @Override
    public void forward(float[] ctx, float[] probs, float[] qkv, float[] maskBias, float scale,
                        int B, int T, int H, int hs) {
        int tp = (T + 2 * L - 1) / (2 * L) * (2 * L);
        parallel.forRange(B * H, (start, end, worker) -> {
            float[] kt = new float[hs * tp];
            float[] bias = new float[tp];
            float[] row = new float[ROWS * tp];
            for (int task = start; task < end; task++) {
                head(ctx, probs, qkv, maskBias, scale, task / H, task % H, T, H, hs, tp, kt, bias, row);
            }
        });
    }

    private static void head(float[] ctx, float[] probs, float[] qkv, float[] maskBias, float scale,
                             int b, int h, int T, int H, int hs, int tp, float[] kt, float[] bias, float[] row) {
        int C = H * hs;
        int stride = 3 * C;
        for (int j = 0; j < T; j++) {
            int k = (b * T + j) * stride + C + h * hs;
            for (int d = 0; d < hs; d++) {
                kt[d * tp + j] = qkv[k + d];
            }
        }
        System.arraycopy(maskBias, b * T, bias, 0, T);
        Arrays.fill(bias, T, tp, Float.NEGATIVE_INFINITY);
        int keys = realKeys(bias, T);
        int i = 0;
        for (; i + ROWS <= T && hs % (2 * L) == 0; i += ROWS) {
            int q = (b * T + i) * stride + h * hs;
            scores4(row, qkv, q, stride, kt, bias, scale, hs, tp);
            for (int k = 0; k < ROWS; k++) {
                softmax(row, k * tp, tp);
            }
            int out = (b * T + i) * C + h * hs;
            weightedSum4(ctx, out, C, row, tp, qkv, (b * T) * stride + 2 * C + h * hs, stride, keys, hs);
            copyProbs(probs, row, b, h, i, ROWS, T, H, tp);
        }
        for (; i < T; i++) {
            int q = (b * T + i) * stride + h * hs;
            scores(row, qkv, q, kt, bias, scale, hs, tp);
            softmax(row, 0, tp);
            int out = (b * T + i) * C + h * hs;
            weightedSum(ctx, out, row, qkv, (b * T) * stride + 2 * C + h * hs, stride, T, hs);
            copyProbs(probs, row, b, h, i, 1, T, H, tp);
        }
    }

    private static void copyProbs(float[] probs, float[] rows, int b, int h, int i, int n, int T, int H, int tp) {
        if (probs != null) {
            for (int k = 0; k < n; k++) {
                System.arraycopy(rows, k * tp, probs, ((b * H + h) * T + i + k) * T, T);
            }
        }
    }

    /** 1 + the last key with no padding bias; keys after it get probability exactly 0. */
    private static int realKeys(float[] bias, int T) {
        for (int j = T - 1; j >= 0; j--) {
            if (bias[j] == 0f) {
                return j + 1;
            }
        }
        return T;
    }

    /** Four score rows at once (rows i..i+3, stride tp), same arithmetic per row as {@link #scores}. */
    private static void scores4(float[] row, float[] qkv, int q, int stride, float[] kt, float[] bias, float scale,
                                int hs, int tp) {
        FloatVector sc = FloatVector.broadcast(S, scale);
        for (int j = 0; j < tp; j += 2 * L) {
            FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S);
            FloatVector b0 = FloatVector.zero(S), b1 = FloatVector.zero(S);
            FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
            FloatVector d0 = FloatVector.zero(S), d1 = FloatVector.zero(S);
            for (int d = 0; d < hs; d++) {
                FloatVector k0 = FloatVector.fromArray(S, kt, d * tp + j);
                FloatVector k1 = FloatVector.fromArray(S, kt, d * tp + j + L);
                FloatVector qd = FloatVector.broadcast(S, qkv[q + d]);
                a0 = qd.fma(k0, a0);
                a1 = qd.fma(k1, a1);
                qd = FloatVector.broadcast(S, qkv[q + stride + d]);
                b0 = qd.fma(k0, b0);
                b1 = qd.fma(k1, b1);
                qd = FloatVector.broadcast(S, qkv[q + 2 * stride + d]);
                c0 = qd.fma(k0, c0);
                c1 = qd.fma(k1, c1);
                qd = FloatVector.broadcast(S, qkv[q + 3 * stride + d]);
                d0 = qd.fma(k0, d0);
                d1 = qd.fma(k1, d1);
            }
            FloatVector m0 = FloatVector.fromArray(S, bias, j);
            FloatVector m1 = FloatVector.fromArray(S, bias, j + L);
            a0.fma(sc, m0).intoArray(row, j);
            a1.fma(sc, m1).intoArray(row, j + L);
            b0.fma(sc, m0).intoArray(row, tp + j);
            b1.fma(sc, m1).intoArray(row, tp + j + L);
            c0.fma(sc, m0).intoArray(row, 2 * tp + j);
            c1.fma(sc, m1).intoArray(row, 2 * tp + j + L);
            d0.fma(sc, m0).intoArray(row, 3 * tp + j);
            d1.fma(sc, m1).intoArray(row, 3 * tp + j + L);
        }
    }

    /** Four context rows at once over keys [0, keys); hs a multiple of two vectors. */
    private static void weightedSum4(float[] ctx, int out, int C, float[] p, int tp, float[] qkv, int v0, int stride,
                                     int keys, int hs) {
        for (int d = 0; d < hs; d += 2 * L) {
            FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S);
            FloatVector b0 = FloatVector.zero(S), b1 = FloatVector.zero(S);
            FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
            FloatVector d0 = FloatVector.zero(S), d1 = FloatVector.zero(S);
            for (int j = 0; j < keys; j++) {
                FloatVector v0v = FloatVector.fromArray(S, qkv, v0 + j * stride + d);
                FloatVector v1v = FloatVector.fromArray(S, qkv, v0 + j * stride + d + L);
                FloatVector pj = FloatVector.broadcast(S, p[j]);
                a0 = v0v.fma(pj, a0);
                a1 = v1v.fma(pj, a1);
                pj = FloatVector.broadcast(S, p[tp + j]);
                b0 = v0v.fma(pj, b0);
                b1 = v1v.fma(pj, b1);
                pj = FloatVector.broadcast(S, p[2 * tp + j]);
                c0 = v0v.fma(pj, c0);
                c1 = v1v.fma(pj, c1);
                pj = FloatVector.broadcast(S, p[3 * tp + j]);
                d0 = v0v.fma(pj, d0);
                d1 = v1v.fma(pj, d1);
            }
            a0.intoArray(ctx, out + d);
            a1.intoArray(ctx, out + d + L);
            b0.intoArray(ctx, out + C + d);
            b1.intoArray(ctx, out + C + d + L);
            c0.intoArray(ctx, out + 2 * C + d);
            c1.intoArray(ctx, out + 2 * C + d + L);
            d0.intoArray(ctx, out + 3 * C + d);
            d1.intoArray(ctx, out + 3 * C + d + L);
        }
    }

    /** row[j] = (q · k_j) * scale + bias[j] for all j in [0, tp). */
    private static void scores(float[] row, float[] qkv, int q, float[] kt, float[] bias, float scale,
                               int hs, int tp) {
        int j = 0;
        for (; j + 2 * L <= tp; j += 2 * L) {
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            for (int d = 0; d < hs; d++) {
                FloatVector qd = FloatVector.broadcast(S, qkv[q + d]);
                a0 = qd.fma(FloatVector.fromArray(S, kt, d * tp + j), a0);
                a1 = qd.fma(FloatVector.fromArray(S, kt, d * tp + j + L), a1);
            }
            a0.fma(FloatVector.broadcast(S, scale), FloatVector.fromArray(S, bias, j)).intoArray(row, j);
            a1.fma(FloatVector.broadcast(S, scale), FloatVector.fromArray(S, bias, j + L)).intoArray(row, j + L);
        }
        for (; j < tp; j += L) {
            FloatVector a0 = FloatVector.zero(S);
            for (int d = 0; d < hs; d++) {
                a0 = FloatVector.broadcast(S, qkv[q + d]).fma(FloatVector.fromArray(S, kt, d * tp + j), a0);
            }
            a0.fma(FloatVector.broadcast(S, scale), FloatVector.fromArray(S, bias, j)).intoArray(row, j);
        }
    }

    private static void softmax(float[] row, int off, int tp) {
        FloatVector mx = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int j = 0; j < tp; j += L) {
            mx = mx.max(FloatVector.fromArray(S, row, off + j));
        }
        float max = mx.reduceLanes(VectorOperators.MAX);
        FloatVector sum = FloatVector.zero(S);
        for (int j = 0; j < tp; j += L) {
            FloatVector e = FloatVector.fromArray(S, row, off + j).sub(max).lanewise(VectorOperators.EXP);
            e.intoArray(row, off + j);
            sum = sum.add(e);
        }
        FloatVector inv = FloatVector.broadcast(S, 1f / sum.reduceLanes(VectorOperators.ADD));
        for (int j = 0; j < tp; j += L) {
            FloatVector.fromArray(S, row, off + j).mul(inv).intoArray(row, off + j);
        }
    }

    /** ctx[out .. out+hs) = Σ_j p[j] · v_j, skipping keys with probability 0. */
    private static void weightedSum(float[] ctx, int out, float[] p, float[] qkv, int v0, int stride,
                                    int T, int hs) {
        int d = 0;
        for (; d + 2 * L <= hs; d += 2 * L) {
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            for (int j = 0; j < T; j++) {
                float pj = p[j];
                if (pj != 0f) {
                    FloatVector pv = FloatVector.broadcast(S, pj);
                    a0 = FloatVector.fromArray(S, qkv, v0 + j * stride + d).fma(pv, a0);
                    a1 = FloatVector.fromArray(S, qkv, v0 + j * stride + d + L).fma(pv, a1);
                }
            }
            a0.intoArray(ctx, out + d);
            a1.intoArray(ctx, out + d + L);
        }
        for (; d < hs; d += L) {
            VectorMask<Float> m = S.indexInRange(d, hs);
            FloatVector acc = FloatVector.zero(S);
            for (int j = 0; j < T; j++) {
                float pj = p[j];
                if (pj != 0f) {
                    acc = FloatVector.fromArray(S, qkv, v0 + j * stride + d, m).fma(FloatVector.broadcast(S, pj), acc);
                }
            }
            acc.intoArray(ctx, out + d, m);
        }
    }
}
