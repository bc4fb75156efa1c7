package dev.bert4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GemmKernel} with the Vector API: register tiles of 4 rows × 2 vectors of {@code c}, each
 * summing over the whole of {@code K} (rows of {@code b} stream through, elements of {@code a} are
 * broadcast), work split over (row block, column block) tiles handed to whichever thread is free.
 * Columns past the last whole vector are done by the scalar loop.
 */
public final class VectorGemmKernel implements GemmKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MR = 4;
    private static final int NR = 2 * L;
    /** Rows of {@code c} per task; with {@link #COL_BLOCK} columns, sized so a task's {@code b} columns stay in L2. */
    private static final int ROW_BLOCK = 32;
    private static final int COL_BLOCK = 8 * NR;

    private final Parallel parallel;

    public VectorGemmKernel(Parallel parallel) {
        this.parallel = parallel;
    }

    @Override
    public void gemm(float[] c, float[] a, boolean transA, float[] b, int M, int N, int K, boolean accumulate) {
        int rowBlocks = (M + ROW_BLOCK - 1) / ROW_BLOCK;
        int colBlocks = (N + COL_BLOCK - 1) / COL_BLOCK;
        int tasks = rowBlocks * colBlocks;
        int grain = Math.max(1, tasks / (8 * parallel.threads()));
        parallel.forPieces(tasks, grain, (start, end, worker) -> {
            for (int t = start; t < end; t++) {
                int i0 = (t / colBlocks) * ROW_BLOCK;
                int j0 = (t % colBlocks) * COL_BLOCK;
                block(c, a, transA, b, M, N, K, accumulate, i0, Math.min(M, i0 + ROW_BLOCK), j0,
                        Math.min(N, j0 + COL_BLOCK));
            }
        });
    }

    private static void block(float[] c, float[] a, boolean transA, float[] b, int M, int N, int K,
                              boolean acc, int i0, int i1, int j0, int j1) {
        int jv = j0 + (j1 - j0) / NR * NR;                  // end of the whole two-vector tiles
        for (int j = j0; j < jv; j += NR) {
            int i = i0;
            for (; i + MR <= i1; i += MR) {
                tile4(c, a, transA, b, M, N, K, acc, i, j);
            }
            for (; i < i1; i++) {
                tile1(c, a, transA, b, M, N, K, acc, i, j);
            }
        }
        for (int i = i0; i < i1; i++) {                     // the columns left over, plainly
            for (int j = jv; j < j1; j++) {
                float sum = acc ? c[i * N + j] : 0f;
                for (int k = 0; k < K; k++) {
                    sum += (transA ? a[k * M + i] : a[i * K + k]) * b[k * N + j];
                }
                c[i * N + j] = sum;
            }
        }
    }

    private static void tile4(float[] c, float[] a, boolean transA, float[] b, int M, int N, int K,
                              boolean acc, int i, int j) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        int aStep = transA ? M : 1;                          // a(i, k) at base + k * aStep + i * rowStep
        int rowStep = transA ? 1 : K;
        int a0 = transA ? i : i * K;
        for (int k = 0; k < K; k++) {
            int bk = k * N + j;
            FloatVector b0 = FloatVector.fromArray(S, b, bk);
            FloatVector b1 = FloatVector.fromArray(S, b, bk + L);
            int ak = a0 + k * aStep;
            FloatVector x = FloatVector.broadcast(S, a[ak]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ak + rowStep]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ak + 2 * rowStep]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ak + 3 * rowStep]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        store(c, c00, c01, acc, i * N + j);
        store(c, c10, c11, acc, (i + 1) * N + j);
        store(c, c20, c21, acc, (i + 2) * N + j);
        store(c, c30, c31, acc, (i + 3) * N + j);
    }

    private static void tile1(float[] c, float[] a, boolean transA, float[] b, int M, int N, int K,
                              boolean acc, int i, int j) {
        FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
        for (int k = 0; k < K; k++) {
            FloatVector x = FloatVector.broadcast(S, transA ? a[k * M + i] : a[i * K + k]);
            c0 = x.fma(FloatVector.fromArray(S, b, k * N + j), c0);
            c1 = x.fma(FloatVector.fromArray(S, b, k * N + j + L), c1);
        }
        store(c, c0, c1, acc, i * N + j);
    }

    private static void store(float[] c, FloatVector v0, FloatVector v1, boolean acc, int at) {
        if (acc) {
            v0 = v0.add(FloatVector.fromArray(S, c, at));
            v1 = v1.add(FloatVector.fromArray(S, c, at + L));
        }
        v0.intoArray(c, at);
        v1.intoArray(c, at + L);
    }
}
