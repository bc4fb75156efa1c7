package dev.bert4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Linear with the Vector API: a register-tiled micro-kernel of 4 rows × 2 vectors of outputs over the
 * pre-packed weight panels, bias fused into the store and the activation applied to each finished panel while it is in cache, work split over
 * (panel, row block) pairs, handed out a few whole panels at a time to whichever thread is free. Each output row is computed the same way whatever the number of rows, so a
 * sequence gets bit-identical results alone or in a batch.
 */
public final class VectorLinearKernel implements LinearKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MR = 4;
    /** Panel width, the same as {@link LinearWeights#panelWidth()} (two preferred vectors). */
    private static final int NR = 2 * L;
    private static final int ROW_BLOCK = 64;

    private final Parallel parallel;

    public VectorLinearKernel(Parallel parallel) {
        this.parallel = parallel;
    }

    /**
     * Rows go in blocks of {@link #ROW_BLOCK}, and each block through every panel before the next block starts: the
     * block's inputs stay in cache while the panels stream past, however many rows a packed batch has (panel by
     * panel over all rows would read every input row once per panel, from memory once the rows outgrow the cache).
     */
    @Override
    public void forward(float[] y, float[] x, LinearWeights w, Activation act, int rows) {
        int panels = w.panels();
        int rowBlocks = (rows + ROW_BLOCK - 1) / ROW_BLOCK;
        int tasks = rowBlocks * panels;
        // With enough blocks to share out whole, a piece is a block through every panel, so the threads write
        // different rows (adjacent panels of a row meet inside a cache line, arrays not being aligned to lines):
        // 3-4% faster for the output Linear at 2,048 and 8,192 rows on two threads, no loss elsewhere. Otherwise
        // a piece is some panels of one block, about 4 pieces a thread.
        int grain = rowBlocks >= 4 * parallel.threads() ? panels : Math.max(1, panels / (4 * parallel.threads()));
        parallel.forPieces(tasks, grain, (start, end, worker) -> {
            for (int task = start; task < end; task++) {
                int r0 = (task / panels) * ROW_BLOCK;
                int r1 = Math.min(rows, r0 + ROW_BLOCK);
                panel(y, x, w, act, task % panels, r0, r1);
            }
        });
    }

    private static void panel(float[] y, float[] x, LinearWeights w, Activation act, int panel, int r0, int r1) {
        int r = r0;
        if ((panel + 1) * w.panelWidth() <= w.out()) {   // full-width panel: 8-row tiles, raw stores, then bias
            for (; r + 2 * MR <= r1; r += 2 * MR) {
                tile8(y, x, w, panel, r);
            }
            addBias(y, w, panel, r0, r);
        }
        for (; r + MR <= r1; r += MR) {
            tile4(y, x, w, act, panel, r);
        }
        for (; r < r1; r++) {
            tile1(y, x, w, act, panel, r);
        }
        if (act != Activation.IDENTITY) {
            int c0 = panel * w.panelWidth();
            int c1 = Math.min(w.out(), c0 + w.panelWidth());
            for (int row = r0; row < r1; row++) {
                VectorActivations.applyInPlace(act, y, row * w.out() + c0, row * w.out() + c1);
            }
        }
    }

    /**
     * Like {@link #tile4} over 8 rows of a full-width panel: 16 accumulators keep both FMA pipes busy and halve the
     * weight loads per FMA. Stores the sums raw (the bias is added after, the same single rounding as in
     * {@link #store}); the stores stay out of line so the JIT inlines the whole tile.
     */
    private static void tile8(float[] y, float[] x, LinearWeights w, int panel, int r) {
        int in = w.in();
        int nr = NR;                     // a constant, so the JIT can hoist the bounds checks out of the k loop
        float[] p = w.packed();
        int base = panel * nr * in;
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        int x0 = r * in;
        for (int k = 0; k < in; k++) {
            FloatVector b0 = FloatVector.fromArray(S, p, base + k * nr);
            FloatVector b1 = FloatVector.fromArray(S, p, base + k * nr + L);
            int xk = x0 + k;
            FloatVector a = FloatVector.broadcast(S, x[xk]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, x[xk + in]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, x[xk + 2 * in]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, x[xk + 3 * in]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, x[xk + 4 * in]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, x[xk + 5 * in]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(S, x[xk + 6 * in]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(S, x[xk + 7 * in]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
        }
        int out = w.out();
        int at = r * out + panel * nr;
        c00.intoArray(y, at);
        c01.intoArray(y, at + L);
        c10.intoArray(y, at + out);
        c11.intoArray(y, at + out + L);
        c20.intoArray(y, at + 2 * out);
        c21.intoArray(y, at + 2 * out + L);
        c30.intoArray(y, at + 3 * out);
        c31.intoArray(y, at + 3 * out + L);
        c40.intoArray(y, at + 4 * out);
        c41.intoArray(y, at + 4 * out + L);
        c50.intoArray(y, at + 5 * out);
        c51.intoArray(y, at + 5 * out + L);
        c60.intoArray(y, at + 6 * out);
        c61.intoArray(y, at + 6 * out + L);
        c70.intoArray(y, at + 7 * out);
        c71.intoArray(y, at + 7 * out + L);
    }

    /** Adds the bias to rows {@code [r0, r1)} of a full-width panel stored raw by {@link #tile8}. */
    private static void addBias(float[] y, LinearWeights w, int panel, int r0, int r1) {
        float[] bias = w.bias();
        if (bias == null) {
            return;
        }
        int out = w.out();
        int col = panel * w.panelWidth();
        FloatVector b0 = FloatVector.fromArray(S, bias, col);
        FloatVector b1 = FloatVector.fromArray(S, bias, col + L);
        for (int row = r0; row < r1; row++) {
            int at = row * out + col;
            FloatVector.fromArray(S, y, at).add(b0).intoArray(y, at);
            FloatVector.fromArray(S, y, at + L).add(b1).intoArray(y, at + L);
        }
    }

    private static void tile4(float[] y, float[] x, LinearWeights w, Activation act, int panel, int r) {
        int in = w.in();
        int nr = NR;                     // a constant, so the JIT can hoist the bounds checks out of the k loop
        float[] p = w.packed();
        int base = panel * nr * in;
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        int x0 = r * in;
        int x1 = x0 + in;
        int x2 = x1 + in;
        int x3 = x2 + in;
        for (int k = 0; k < in; k++) {
            FloatVector b0 = FloatVector.fromArray(S, p, base + k * nr);
            FloatVector b1 = FloatVector.fromArray(S, p, base + k * nr + L);
            FloatVector a = FloatVector.broadcast(S, x[x0 + k]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, x[x1 + k]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, x[x2 + k]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, x[x3 + k]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
        }
        int col = panel * nr;
        store(y, c00, c01, w, act, r, col);
        store(y, c10, c11, w, act, r + 1, col);
        store(y, c20, c21, w, act, r + 2, col);
        store(y, c30, c31, w, act, r + 3, col);
    }

    private static void tile1(float[] y, float[] x, LinearWeights w, Activation act, int panel, int r) {
        int in = w.in();
        int nr = NR;                     // a constant, so the JIT can hoist the bounds checks out of the k loop
        float[] p = w.packed();
        int base = panel * nr * in;
        FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
        int x0 = r * in;
        for (int k = 0; k < in; k++) {
            FloatVector a = FloatVector.broadcast(S, x[x0 + k]);
            c0 = a.fma(FloatVector.fromArray(S, p, base + k * nr), c0);
            c1 = a.fma(FloatVector.fromArray(S, p, base + k * nr + L), c1);
        }
        store(y, c0, c1, w, act, r, panel * nr);
    }

    private static void store(float[] y, FloatVector v0, FloatVector v1, LinearWeights w, Activation act,
                              int row, int col) {
        storeOne(y, v0, w, act, row, col);
        storeOne(y, v1, w, act, row, col + L);
    }

    private static void storeOne(float[] y, FloatVector v, LinearWeights w, Activation act, int row, int col) {
        int out = w.out();
        if (col >= out) {
            return;
        }
        float[] bias = w.bias();
        int at = row * out + col;
        if (col + L <= out) {
            if (bias != null) {
                v = v.add(FloatVector.fromArray(S, bias, col));
            }
            v.intoArray(y, at);
        } else {
            VectorMask<Float> m = S.indexInRange(col, out);
            if (bias != null) {
                v = v.add(FloatVector.fromArray(S, bias, col, m));
            }
            v.intoArray(y, at, m);
        }
    }
}
