package dev.bert4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * Attention with the Vector API, one (sequence, head) pair per task. Keys are transposed once per
 * task into {@code kt} (blocks of two vectors of keys, each {@code (hs, 2L)}; padded with zeros) so each score
 * row is a broadcast-FMA over contiguous keys, its maximum taken in the same pass; values are packed into
 * contiguous blocks of two vectors of dims, each {@code (T, 2L)}. Keys after the last real token are skipped (their probability is
 * exactly 0); the softmax keeps its exponentials unnormalized and the context is scaled by 1/sum at the store.
 */
public final class VectorAttentionKernel implements AttentionKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Query rows scored together so each key vector loaded serves several rows (twice that first, then ROWS, then one). */
    private static final int ROWS = 4;
    /** Keys per block of {@code kt} and value dims per block of {@code vt}: two vectors, a constant so the JIT
     * can hoist the bounds checks out of the inner loops. */
    private static final int KB = 2 * L;

    private final Parallel parallel;

    public VectorAttentionKernel(Parallel parallel) {
        this.parallel = parallel;
    }

    @Override
    public void forward(float[] ctx, float[] probs, float[] qkv, float[] maskBias, float scale,
                        int B, int T, int H, int hs) {
        int tp = (T + 2 * L - 1) / (2 * L) * (2 * L);
        parallel.forPieces(B * H, Math.max(1, B * H / (4 * parallel.threads())), (start, end, worker) -> {
            float[] kt = new float[hs * tp];
            float[] vt = new float[(hs + KB - 1) / KB * T * KB];
            float[] bias = new float[tp];
            float[] row = new float[2 * ROWS * tp];
            float[] stat = new float[2 * ROWS];
            for (int task = start; task < end; task++) {
                int b = task / H;
                head(ctx, probs, qkv, maskBias, b * T, scale, b, task % H, T, H, hs, tp, kt, vt, bias, row, stat);
            }
        });
    }

    @Override
    public void forwardPacked(float[] ctx, float[] qkv, int[] starts, float scale, int H, int hs) {
        int B = starts.length - 1;
        int longest = AttentionKernel.longest(starts);
        int tp = (longest + 2 * L - 1) / (2 * L) * (2 * L);
        int[] order = AttentionKernel.longestFirst(starts);
        // a sequence's heads per piece, fewer when there are few sequences: in pieces of all their heads, 3 sequences
        // on 2 threads left one thread idle while the other did the third
        int grain = Math.max(1, Math.min(H, B * H / (4 * parallel.threads())));
        parallel.forPieces(B * H, grain, (start, end, worker) -> {
            float[] kt = new float[hs * tp];
            float[] vt = new float[(hs + KB - 1) / KB * longest * KB];
            float[] bias = new float[tp];
            float[] row = new float[2 * ROWS * tp];
            float[] stat = new float[2 * ROWS];
            for (int task = start; task < end; task++) {
                int b = order[task / H];
                int t = starts[b + 1] - starts[b];
                head(ctx, null, qkv, null, starts[b], scale, b, task % H, t, H, hs, tp, kt, vt, bias, row, stat);
            }
        });
    }

    @Override
    public void context(float[] ctx, float[] probs, float[] keep, float[] qkv, int B, int T, int H, int hs) {
        parallel.forPieces(B * H, Math.max(1, B * H / (4 * parallel.threads())), (start, end, worker) -> {
            for (int pair = start; pair < end; pair++) {
                AttentionGradients.context(ctx, probs, keep, qkv, pair, T, H, hs);
            }
        });
    }

    @Override
    public void backward(float[] dQkv, float[] dCtx, float[] qkv, float[] probs, float[] keep, float scale,
                         int B, int T, int H, int hs) {
        parallel.forPieces(B * H, Math.max(1, B * H / (4 * parallel.threads())), (start, end, worker) -> {
            for (int pair = start; pair < end; pair++) {
                AttentionGradients.backward(dQkv, dCtx, qkv, probs, keep, scale, pair, T, H, hs);
            }
        });
    }

    /**
     * One (sequence, head): keys {@code [0, keys)} (up to the last real one) transposed into {@code kt} and values
     * packed into {@code vt}; scores only over {@code [0, kp)} ({@code keys} rounded up to two
     * vectors; the slots after {@code keys} are masked, so their probability is exactly 0 and leaving them out
     * changes no sum). Each row keeps its exponentials unnormalized: the context is scaled by 1/sum at the store.
     */
    private static void head(float[] ctx, float[] probs, float[] qkv, float[] maskBias, int base, float scale,
                             int b, int h, int T, int H, int hs, int tp, float[] kt, float[] vt, float[] bias,
                             float[] row, float[] stat) {
        int C = H * hs;
        int stride = 3 * C;
        if (maskBias == null) {
            Arrays.fill(bias, 0, T, 0f);
        } else {
            System.arraycopy(maskBias, base, bias, 0, T);
        }
        Arrays.fill(bias, T, tp, Float.NEGATIVE_INFINITY);
        int keys = realKeys(bias, T);
        int kp = (keys + 2 * L - 1) / (2 * L) * (2 * L);
        transposeKeys(kt, qkv, base * stride + C + h * hs, stride, Math.min(kp, T), hs, tp);
        int v0 = base * stride + 2 * C + h * hs;
        for (int j = 0; j < keys; j++) {
            for (int d = 0; d < hs; d += KB) {
                System.arraycopy(qkv, v0 + j * stride + d, vt, d * T + j * KB, Math.min(KB, hs - d));
            }
        }
        int i = 0;
        for (; i + 2 * ROWS <= T && hs % (2 * L) == 0; i += 2 * ROWS) {
            int q = (base + i) * stride + h * hs;
            scores8(row, stat, qkv, q, stride, kt, bias, scale, hs, tp, kp);
            for (int k = 0; k < 2 * ROWS; k++) {
                stat[k] = 1f / expSum(row, k * tp, kp, stat[k]);
            }
            int out = (base + i) * C + h * hs;
            weightedSum8(ctx, out, C, row, tp, stat, vt, keys, hs, T);
            copyProbs(probs, row, stat, b, h, i, 2 * ROWS, T, H, tp, kp);
        }
        for (; i + ROWS <= T && hs % (2 * L) == 0; i += ROWS) {
            int q = (base + i) * stride + h * hs;
            scores4(row, stat, qkv, q, stride, kt, bias, scale, hs, tp, kp);
            for (int k = 0; k < ROWS; k++) {
                stat[k] = 1f / expSum(row, k * tp, kp, stat[k]);
            }
            int out = (base + i) * C + h * hs;
            weightedSum4(ctx, out, C, row, tp, stat, vt, keys, hs, T);
            copyProbs(probs, row, stat, b, h, i, ROWS, T, H, tp, kp);
        }
        for (; i < T; i++) {
            int q = (base + i) * stride + h * hs;
            stat[0] = 1f / expSum(row, 0, kp, scores(row, qkv, q, kt, bias, scale, hs, tp, kp));
            int out = (base + i) * C + h * hs;
            weightedSum(ctx, out, row, stat[0], vt, keys, hs, T);
            copyProbs(probs, row, stat, b, h, i, 1, T, H, tp, kp);
        }
    }

    /**
     * k_j[d] for keys [0, n) into kt, blocks of KB keys each stored (hs, KB): kt[(j / KB) * hs * KB + d * KB + j % KB].
     * Filled a block row at a time (one dim of KB keys), so the stores run contiguously: 8–15% faster attention than
     * key by key, whose stores were KB floats apart.
     */
    private static void transposeKeys(float[] kt, float[] qkv, int k0, int stride, int n, int hs, int tp) {
        for (int jb = 0; jb < n; jb += KB) {
            int m = Math.min(KB, n - jb);
            for (int d = 0; d < hs; d++) {
                int k = k0 + jb * stride + d;
                int at = jb * hs + d * KB;
                for (int jj = 0; jj < m; jj++) {
                    kt[at + jj] = qkv[k + jj * stride];
                }
            }
        }
    }

    /** probs row = e * inv on [0, kp), exactly 0 after (masked keys). */
    private static void copyProbs(float[] probs, float[] rows, float[] inv, int b, int h, int i, int n, int T, int H,
                                  int tp, int kp) {
        if (probs == null) {
            return;
        }
        int m = Math.min(kp, T);
        for (int k = 0; k < n; k++) {
            int at = ((b * H + h) * T + i + k) * T;
            float s = inv[k];
            for (int j = 0; j < m; j++) {
                probs[at + j] = rows[k * tp + j] * s;
            }
            Arrays.fill(probs, at + m, at + T, 0f);
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

    /**
     * Four score rows at once (rows i..i+3, stride tp) over keys [0, kp), same arithmetic per row as
     * {@link #scores}; each row's maximum goes to {@code max[k]}.
     */
    private static void scores4(float[] row, float[] max, float[] qkv, int q, int stride, float[] kt, float[] bias,
                                float scale, int hs, int tp, int kp) {
        FloatVector sc = FloatVector.broadcast(S, scale);
        FloatVector ma = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        FloatVector mb = ma, mc = ma, md = ma;
        for (int j = 0; j < kp; j += 2 * L) {
            FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S);
            FloatVector b0 = FloatVector.zero(S), b1 = FloatVector.zero(S);
            FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
            FloatVector d0 = FloatVector.zero(S), d1 = FloatVector.zero(S);
            for (int d = 0; d < hs; d++) {
                FloatVector k0 = FloatVector.fromArray(S, kt, j * hs + d * KB);
                FloatVector k1 = FloatVector.fromArray(S, kt, j * hs + d * KB + L);
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
            a0 = a0.fma(sc, m0);
            a1 = a1.fma(sc, m1);
            b0 = b0.fma(sc, m0);
            b1 = b1.fma(sc, m1);
            c0 = c0.fma(sc, m0);
            c1 = c1.fma(sc, m1);
            d0 = d0.fma(sc, m0);
            d1 = d1.fma(sc, m1);
            ma = ma.max(a0).max(a1);
            mb = mb.max(b0).max(b1);
            mc = mc.max(c0).max(c1);
            md = md.max(d0).max(d1);
            a0.intoArray(row, j);
            a1.intoArray(row, j + L);
            b0.intoArray(row, tp + j);
            b1.intoArray(row, tp + j + L);
            c0.intoArray(row, 2 * tp + j);
            c1.intoArray(row, 2 * tp + j + L);
            d0.intoArray(row, 3 * tp + j);
            d1.intoArray(row, 3 * tp + j + L);
        }
        max[0] = ma.reduceLanes(VectorOperators.MAX);
        max[1] = mb.reduceLanes(VectorOperators.MAX);
        max[2] = mc.reduceLanes(VectorOperators.MAX);
        max[3] = md.reduceLanes(VectorOperators.MAX);
    }

    /** Eight score rows at once, same arithmetic per row as {@link #scores}; row k's maximum goes to max[k]. */
    private static void scores8(float[] row, float[] max, float[] qkv, int q, int stride, float[] kt, float[] bias,
                                float scale, int hs, int tp, int kp) {
        FloatVector sc = FloatVector.broadcast(S, scale);
        FloatVector ninf = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        FloatVector ma = ninf, mb = ninf, mc = ninf, md = ninf, me = ninf, mf = ninf, mg = ninf, mh = ninf;
        for (int j = 0; j < kp; j += 2 * L) {
            FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S);
            FloatVector b0 = FloatVector.zero(S), b1 = FloatVector.zero(S);
            FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
            FloatVector d0 = FloatVector.zero(S), d1 = FloatVector.zero(S);
            FloatVector e0 = FloatVector.zero(S), e1 = FloatVector.zero(S);
            FloatVector f0 = FloatVector.zero(S), f1 = FloatVector.zero(S);
            FloatVector g0 = FloatVector.zero(S), g1 = FloatVector.zero(S);
            FloatVector h0 = FloatVector.zero(S), h1 = FloatVector.zero(S);
            for (int d = 0; d < hs; d++) {
                FloatVector k0 = FloatVector.fromArray(S, kt, j * hs + d * KB);
                FloatVector k1 = FloatVector.fromArray(S, kt, j * hs + d * KB + L);
                FloatVector qd;
                qd = FloatVector.broadcast(S, qkv[q + 0 * stride + d]);
                a0 = qd.fma(k0, a0);
                a1 = qd.fma(k1, a1);
                qd = FloatVector.broadcast(S, qkv[q + 1 * stride + d]);
                b0 = qd.fma(k0, b0);
                b1 = qd.fma(k1, b1);
                qd = FloatVector.broadcast(S, qkv[q + 2 * stride + d]);
                c0 = qd.fma(k0, c0);
                c1 = qd.fma(k1, c1);
                qd = FloatVector.broadcast(S, qkv[q + 3 * stride + d]);
                d0 = qd.fma(k0, d0);
                d1 = qd.fma(k1, d1);
                qd = FloatVector.broadcast(S, qkv[q + 4 * stride + d]);
                e0 = qd.fma(k0, e0);
                e1 = qd.fma(k1, e1);
                qd = FloatVector.broadcast(S, qkv[q + 5 * stride + d]);
                f0 = qd.fma(k0, f0);
                f1 = qd.fma(k1, f1);
                qd = FloatVector.broadcast(S, qkv[q + 6 * stride + d]);
                g0 = qd.fma(k0, g0);
                g1 = qd.fma(k1, g1);
                qd = FloatVector.broadcast(S, qkv[q + 7 * stride + d]);
                h0 = qd.fma(k0, h0);
                h1 = qd.fma(k1, h1);
            }
            FloatVector s0 = FloatVector.fromArray(S, bias, j);
            FloatVector s1 = FloatVector.fromArray(S, bias, j + L);
            a0 = a0.fma(sc, s0);
            a1 = a1.fma(sc, s1);
            ma = ma.max(a0).max(a1);
            a0.intoArray(row, 0 * tp + j);
            a1.intoArray(row, 0 * tp + j + L);
            b0 = b0.fma(sc, s0);
            b1 = b1.fma(sc, s1);
            mb = mb.max(b0).max(b1);
            b0.intoArray(row, 1 * tp + j);
            b1.intoArray(row, 1 * tp + j + L);
            c0 = c0.fma(sc, s0);
            c1 = c1.fma(sc, s1);
            mc = mc.max(c0).max(c1);
            c0.intoArray(row, 2 * tp + j);
            c1.intoArray(row, 2 * tp + j + L);
            d0 = d0.fma(sc, s0);
            d1 = d1.fma(sc, s1);
            md = md.max(d0).max(d1);
            d0.intoArray(row, 3 * tp + j);
            d1.intoArray(row, 3 * tp + j + L);
            e0 = e0.fma(sc, s0);
            e1 = e1.fma(sc, s1);
            me = me.max(e0).max(e1);
            e0.intoArray(row, 4 * tp + j);
            e1.intoArray(row, 4 * tp + j + L);
            f0 = f0.fma(sc, s0);
            f1 = f1.fma(sc, s1);
            mf = mf.max(f0).max(f1);
            f0.intoArray(row, 5 * tp + j);
            f1.intoArray(row, 5 * tp + j + L);
            g0 = g0.fma(sc, s0);
            g1 = g1.fma(sc, s1);
            mg = mg.max(g0).max(g1);
            g0.intoArray(row, 6 * tp + j);
            g1.intoArray(row, 6 * tp + j + L);
            h0 = h0.fma(sc, s0);
            h1 = h1.fma(sc, s1);
            mh = mh.max(h0).max(h1);
            h0.intoArray(row, 7 * tp + j);
            h1.intoArray(row, 7 * tp + j + L);
        }
        max[0] = ma.reduceLanes(VectorOperators.MAX);
        max[1] = mb.reduceLanes(VectorOperators.MAX);
        max[2] = mc.reduceLanes(VectorOperators.MAX);
        max[3] = md.reduceLanes(VectorOperators.MAX);
        max[4] = me.reduceLanes(VectorOperators.MAX);
        max[5] = mf.reduceLanes(VectorOperators.MAX);
        max[6] = mg.reduceLanes(VectorOperators.MAX);
        max[7] = mh.reduceLanes(VectorOperators.MAX);
    }

    /** Eight context rows at once over keys [0, keys), row k scaled by inv[k]; hs a multiple of two vectors. */
    private static void weightedSum8(float[] ctx, int out, int C, float[] p, int tp, float[] inv, float[] vt,
                                     int keys, int hs, int T) {
        for (int d = 0; d < hs; d += 2 * L) {
            int vb = d * T;
            FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S);
            FloatVector b0 = FloatVector.zero(S), b1 = FloatVector.zero(S);
            FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
            FloatVector d0 = FloatVector.zero(S), d1 = FloatVector.zero(S);
            FloatVector e0 = FloatVector.zero(S), e1 = FloatVector.zero(S);
            FloatVector f0 = FloatVector.zero(S), f1 = FloatVector.zero(S);
            FloatVector g0 = FloatVector.zero(S), g1 = FloatVector.zero(S);
            FloatVector h0 = FloatVector.zero(S), h1 = FloatVector.zero(S);
            for (int j = 0; j < keys; j++) {
                FloatVector v0v = FloatVector.fromArray(S, vt, vb + j * KB);
                FloatVector v1v = FloatVector.fromArray(S, vt, vb + j * KB + L);
                FloatVector pj;
                pj = FloatVector.broadcast(S, p[0 * tp + j]);
                a0 = v0v.fma(pj, a0);
                a1 = v1v.fma(pj, a1);
                pj = FloatVector.broadcast(S, p[1 * tp + j]);
                b0 = v0v.fma(pj, b0);
                b1 = v1v.fma(pj, b1);
                pj = FloatVector.broadcast(S, p[2 * tp + j]);
                c0 = v0v.fma(pj, c0);
                c1 = v1v.fma(pj, c1);
                pj = FloatVector.broadcast(S, p[3 * tp + j]);
                d0 = v0v.fma(pj, d0);
                d1 = v1v.fma(pj, d1);
                pj = FloatVector.broadcast(S, p[4 * tp + j]);
                e0 = v0v.fma(pj, e0);
                e1 = v1v.fma(pj, e1);
                pj = FloatVector.broadcast(S, p[5 * tp + j]);
                f0 = v0v.fma(pj, f0);
                f1 = v1v.fma(pj, f1);
                pj = FloatVector.broadcast(S, p[6 * tp + j]);
                g0 = v0v.fma(pj, g0);
                g1 = v1v.fma(pj, g1);
                pj = FloatVector.broadcast(S, p[7 * tp + j]);
                h0 = v0v.fma(pj, h0);
                h1 = v1v.fma(pj, h1);
            }
            a0.mul(inv[0]).intoArray(ctx, out + 0 * C + d);
            a1.mul(inv[0]).intoArray(ctx, out + 0 * C + d + L);
            b0.mul(inv[1]).intoArray(ctx, out + 1 * C + d);
            b1.mul(inv[1]).intoArray(ctx, out + 1 * C + d + L);
            c0.mul(inv[2]).intoArray(ctx, out + 2 * C + d);
            c1.mul(inv[2]).intoArray(ctx, out + 2 * C + d + L);
            d0.mul(inv[3]).intoArray(ctx, out + 3 * C + d);
            d1.mul(inv[3]).intoArray(ctx, out + 3 * C + d + L);
            e0.mul(inv[4]).intoArray(ctx, out + 4 * C + d);
            e1.mul(inv[4]).intoArray(ctx, out + 4 * C + d + L);
            f0.mul(inv[5]).intoArray(ctx, out + 5 * C + d);
            f1.mul(inv[5]).intoArray(ctx, out + 5 * C + d + L);
            g0.mul(inv[6]).intoArray(ctx, out + 6 * C + d);
            g1.mul(inv[6]).intoArray(ctx, out + 6 * C + d + L);
            h0.mul(inv[7]).intoArray(ctx, out + 7 * C + d);
            h1.mul(inv[7]).intoArray(ctx, out + 7 * C + d + L);
        }
    }

    /** Four context rows at once over keys [0, keys), row k scaled by inv[k]; hs a multiple of two vectors. */
    private static void weightedSum4(float[] ctx, int out, int C, float[] p, int tp, float[] inv, float[] vt,
                                     int keys, int hs, int T) {
        for (int d = 0; d < hs; d += 2 * L) {
            int vb = d * T;
            FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S);
            FloatVector b0 = FloatVector.zero(S), b1 = FloatVector.zero(S);
            FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
            FloatVector d0 = FloatVector.zero(S), d1 = FloatVector.zero(S);
            for (int j = 0; j < keys; j++) {
                FloatVector v0v = FloatVector.fromArray(S, vt, vb + j * KB);
                FloatVector v1v = FloatVector.fromArray(S, vt, vb + j * KB + L);
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
            a0.mul(inv[0]).intoArray(ctx, out + d);
            a1.mul(inv[0]).intoArray(ctx, out + d + L);
            b0.mul(inv[1]).intoArray(ctx, out + C + d);
            b1.mul(inv[1]).intoArray(ctx, out + C + d + L);
            c0.mul(inv[2]).intoArray(ctx, out + 2 * C + d);
            c1.mul(inv[2]).intoArray(ctx, out + 2 * C + d + L);
            d0.mul(inv[3]).intoArray(ctx, out + 3 * C + d);
            d1.mul(inv[3]).intoArray(ctx, out + 3 * C + d + L);
        }
    }

    /** row[j] = (q · k_j) * scale + bias[j] for j in [0, kp); returns the row's maximum. */
    private static float scores(float[] row, float[] qkv, int q, float[] kt, float[] bias, float scale,
                                int hs, int tp, int kp) {
        FloatVector sc = FloatVector.broadcast(S, scale);
        FloatVector mx = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int j = 0; j < kp; j += 2 * L) {
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            for (int d = 0; d < hs; d++) {
                FloatVector qd = FloatVector.broadcast(S, qkv[q + d]);
                a0 = qd.fma(FloatVector.fromArray(S, kt, j * hs + d * KB), a0);
                a1 = qd.fma(FloatVector.fromArray(S, kt, j * hs + d * KB + L), a1);
            }
            a0 = a0.fma(sc, FloatVector.fromArray(S, bias, j));
            a1 = a1.fma(sc, FloatVector.fromArray(S, bias, j + L));
            mx = mx.max(a0).max(a1);
            a0.intoArray(row, j);
            a1.intoArray(row, j + L);
        }
        return mx.reduceLanes(VectorOperators.MAX);
    }

    /** row[off + j] = exp(row[off + j] - max) for j in [0, kp); returns their sum. */
    private static float expSum(float[] row, int off, int kp, float max) {
        FloatVector sum = FloatVector.zero(S);
        for (int j = 0; j < kp; j += L) {
            FloatVector e = VectorMath.exp(FloatVector.fromArray(S, row, off + j).sub(max));
            e.intoArray(row, off + j);
            sum = sum.add(e);
        }
        return VectorMath.sum(sum);
    }

    /** ctx[out .. out+hs) = inv · Σ_j p[j] · v_j over keys [0, keys), skipping keys with weight 0. */
    private static void weightedSum(float[] ctx, int out, float[] p, float inv, float[] vt, int keys, int hs, int T) {
        int d = 0;
        for (; d + 2 * L <= hs; d += 2 * L) {
            int vb = d * T;
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            for (int j = 0; j < keys; j++) {
                float pj = p[j];
                if (pj != 0f) {
                    FloatVector pv = FloatVector.broadcast(S, pj);
                    a0 = FloatVector.fromArray(S, vt, vb + j * KB).fma(pv, a0);
                    a1 = FloatVector.fromArray(S, vt, vb + j * KB + L).fma(pv, a1);
                }
            }
            a0.mul(inv).intoArray(ctx, out + d);
            a1.mul(inv).intoArray(ctx, out + d + L);
        }
        for (; d < hs; d += L) {
            int vb = d / KB * T * KB + d % KB;
            VectorMask<Float> m = S.indexInRange(d, hs);
            FloatVector acc = FloatVector.zero(S);
            for (int j = 0; j < keys; j++) {
                float pj = p[j];
                if (pj != 0f) {
                    acc = FloatVector.fromArray(S, vt, vb + j * KB, m).fma(FloatVector.broadcast(S, pj), acc);
                }
            }
            acc.mul(inv).intoArray(ctx, out + d, m);
        }
    }
}
