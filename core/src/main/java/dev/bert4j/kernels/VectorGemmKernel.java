package dev.bert4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GemmKernel} with the Vector API, as a packed GEMM: the work is split into tiles of {@link #ROW_BLOCK}
 * rows × {@link #COL_BLOCK} columns of {@code c}, handed to whichever thread is free; within a tile, {@code K}
 * is taken in blocks of {@link #KC}, the block of {@code b} is packed into panels of two vectors' width
 * (k-major, zero-padded), and the 8 × 2-vector micro-kernel reads {@code b} contiguously from L1 and eight
 * rows of {@code op(a)} in place (an edge tile of fewer rows is packed and zero-padded first). Every element
 * of {@code c} is summed by one thread in a fixed order, so the result does not depend on the number of
 * threads.
 */
public final class VectorGemmKernel implements GemmKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MR = 8;
    private static final int NR = 2 * L;
    private static final int KC = 256;
    private static final int ROW_BLOCK = 64;
    private static final int COL_BLOCK = 4 * NR;

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
            Scratch s = new Scratch();
            for (int t = start; t < end; t++) {
                int i0 = (t % rowBlocks) * ROW_BLOCK;
                int j0 = (t / rowBlocks) * COL_BLOCK;
                block(s, c, a, transA, b, M, N, K, accumulate, i0, Math.min(M, i0 + ROW_BLOCK), j0,
                        Math.min(N, j0 + COL_BLOCK));
            }
        });
    }

    /** The same product on the calling thread only (for callers that are already parallel, e.g. per head). */
    static void gemmSequential(float[] c, float[] a, boolean transA, float[] b, int M, int N, int K,
                               boolean accumulate) {
        Scratch s = new Scratch();
        for (int i0 = 0; i0 < M; i0 += ROW_BLOCK) {
            for (int j0 = 0; j0 < N; j0 += COL_BLOCK) {
                block(s, c, a, transA, b, M, N, K, accumulate, i0, Math.min(M, i0 + ROW_BLOCK), j0,
                        Math.min(N, j0 + COL_BLOCK));
            }
        }
    }

    /** One thread's packing buffers. */
    private static final class Scratch {
        final float[] bp = new float[KC * COL_BLOCK];
        final float[] ap = new float[KC * MR];
        final float[] out = new float[MR * NR];
    }

    private static void block(Scratch s, float[] c, float[] a, boolean transA, float[] b, int M, int N, int K,
                              boolean acc, int i0, int i1, int j0, int j1) {
        int panels = (j1 - j0 + NR - 1) / NR;
        for (int k0 = 0; k0 < K; k0 += KC) {
            int kc = Math.min(KC, K - k0);
            packB(s.bp, b, N, k0, kc, j0, j1);
            boolean add = acc || k0 > 0;                       // later K blocks add to what the first stored
            for (int i = i0; i < i1; i += MR) {
                int rows = Math.min(MR, i1 - i);
                float[] src = a;                               // whole tiles read op(a) in place, 8 rows at a time
                int aBase = transA ? k0 * M + i : i * K + k0;
                int aStep = transA ? M : 1;
                int rowStep = transA ? 1 : K;
                if (rows < MR) {                               // the edge tile: packed and zero-padded
                    packA(s.ap, a, transA, M, K, i, rows, k0, kc);
                    src = s.ap;
                    aBase = 0;
                    aStep = MR;
                    rowStep = 1;
                }
                for (int p = 0; p < panels; p++) {
                    tile(c, src, aBase, aStep, rowStep, s.bp, s.out, p * kc * NR, kc, N, add, i, rows,
                            j0 + p * NR, j1);
                }
            }
        }
    }

    /** bp[p][k][0..NR) = b[k0 + k][j0 + p*NR ..], zero past j1. */
    private static void packB(float[] bp, float[] b, int N, int k0, int kc, int j0, int j1) {
        int width = j1 - j0;
        int panels = (width + NR - 1) / NR;
        for (int p = 0; p < panels; p++) {
            int cols = Math.min(NR, width - p * NR);
            int base = p * kc * NR;
            for (int k = 0; k < kc; k++) {
                int dst = base + k * NR;
                System.arraycopy(b, (k0 + k) * N + j0 + p * NR, bp, dst, cols);
                for (int j = cols; j < NR; j++) {
                    bp[dst + j] = 0f;
                }
            }
        }
    }

    /** ap[k][r] = op(a)[i + r][k0 + k], zero for rows past the edge. */
    private static void packA(float[] ap, float[] a, boolean transA, int M, int K, int i, int rows, int k0, int kc) {
        if (rows < MR) {
            java.util.Arrays.fill(ap, 0, kc * MR, 0f);
        }
        if (transA) {                                      // op(a) rows are columns of a: 8 contiguous values per k
            for (int k = 0; k < kc; k++) {
                System.arraycopy(a, (k0 + k) * M + i, ap, k * MR, rows);
            }
        } else {                                           // one row of a at a time, read contiguously
            for (int r = 0; r < rows; r++) {
                int src = (i + r) * K + k0;
                for (int k = 0; k < kc; k++) {
                    ap[k * MR + r] = a[src + k];
                }
            }
        }
    }

    /** c[i .. i+rows, j .. j+NR) (+)= op(a) · b over one K block; op(a)(i + r, k) = a[aBase + k*aStep + r*rowStep]. */
    private static void tile(float[] c, float[] ap, int aBase, int aStep, int rowStep, float[] bp, float[] out,
                             int base, int kc, int N, boolean add, int i, int rows, int j, int j1) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        int nr = NR;                     // constants, so the JIT can hoist the bounds checks out of the k loop
        int r0 = aBase;                  // the eight rows of op(a), each walked by aStep along k
        int r1 = r0 + rowStep;
        int r2 = r1 + rowStep;
        int r3 = r2 + rowStep;
        int r4 = r3 + rowStep;
        int r5 = r4 + rowStep;
        int r6 = r5 + rowStep;
        int r7 = r6 + rowStep;
        for (int k = 0; k < kc; k++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, base + k * nr);
            FloatVector b1 = FloatVector.fromArray(S, bp, base + k * nr + L);
            int ak = k * aStep;
            FloatVector x = FloatVector.broadcast(S, ap[r0 + ak]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[r1 + ak]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[r2 + ak]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[r3 + ak]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[r4 + ak]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[r5 + ak]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, ap[r6 + ak]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, ap[r7 + ak]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        int w = nr;                      // accumulators out through a small buffer: no vector leaves this method
        c00.intoArray(out, 0);
        c01.intoArray(out, L);
        c10.intoArray(out, w);
        c11.intoArray(out, w + L);
        c20.intoArray(out, 2 * w);
        c21.intoArray(out, 2 * w + L);
        c30.intoArray(out, 3 * w);
        c31.intoArray(out, 3 * w + L);
        c40.intoArray(out, 4 * w);
        c41.intoArray(out, 4 * w + L);
        c50.intoArray(out, 5 * w);
        c51.intoArray(out, 5 * w + L);
        c60.intoArray(out, 6 * w);
        c61.intoArray(out, 6 * w + L);
        c70.intoArray(out, 7 * w);
        c71.intoArray(out, 7 * w + L);
        int cols = Math.min(NR, j1 - j);
        for (int r = 0; r < rows; r++) {
            int at = (i + r) * N + j;
            if (add) {
                for (int jj = 0; jj < cols; jj++) {
                    c[at + jj] += out[r * w + jj];
                }
            } else {
                System.arraycopy(out, r * w, c, at, cols);
            }
        }
    }

}
