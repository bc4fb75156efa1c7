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

    private final Parallel parallel;

    public VectorAttentionKernel(Parallel parallel) {
        this.parallel = parallel;
    }

    @Override
    public void forward(float[] ctx, float[] probs, float[] qkv, float[] maskBias, float scale,
                        int B, int T, int H, int hs) {
        int tp = (T + L - 1) / L * L;
        parallel.forRange(B * H, (start, end, worker) -> {
            float[] kt = new float[hs * tp];
            float[] bias = new float[tp];
            float[] row = new float[tp];
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
        for (int i = 0; i < T; i++) {
            int q = (b * T + i) * stride + h * hs;
            scores(row, qkv, q, kt, bias, scale, hs, tp);
            softmax(row, tp);
            int out = (b * T + i) * C + h * hs;
            weightedSum(ctx, out, row, qkv, (b * T) * stride + 2 * C + h * hs, stride, T, hs);
            if (probs != null) {
                System.arraycopy(row, 0, probs, ((b * H + h) * T + i) * T, T);
            }
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

    private static void softmax(float[] row, int tp) {
        FloatVector mx = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int j = 0; j < tp; j += L) {
            mx = mx.max(FloatVector.fromArray(S, row, j));
        }
        float max = mx.reduceLanes(VectorOperators.MAX);
        FloatVector sum = FloatVector.zero(S);
        for (int j = 0; j < tp; j += L) {
            FloatVector e = FloatVector.fromArray(S, row, j).sub(max).lanewise(VectorOperators.EXP);
            e.intoArray(row, j);
            sum = sum.add(e);
        }
        float inv = 1f / sum.reduceLanes(VectorOperators.ADD);
        for (int j = 0; j < tp; j += L) {
            FloatVector.fromArray(S, row, j).mul(inv).intoArray(row, j);
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
