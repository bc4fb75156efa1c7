package dev.bert4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Linear with the Vector API: a register-tiled micro-kernel of 4 rows × 2 vectors of outputs over the
 * pre-packed weight panels, bias fused into the store and the activation applied to each finished panel while it is in cache, work split over
 * (panel, row block) pairs. Each output row is computed the same way whatever the number of rows, so a
 * sequence gets bit-identical results alone or in a batch.
 */
public final class VectorLinearKernel implements LinearKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MR = 4;
    private static final int ROW_BLOCK = 64;

    private final Parallel parallel;

    public VectorLinearKernel(Parallel parallel) {
        this.parallel = parallel;
    }

    @Override
    public void forward(float[] y, float[] x, LinearWeights w, Activation act, int rows) {
        int panels = w.panels();
        int rowBlocks = (rows + ROW_BLOCK - 1) / ROW_BLOCK;
        parallel.forRange(panels * rowBlocks, (start, end, worker) -> {
            for (int task = start; task < end; task++) {
                int panel = task % panels;
                int r0 = (task / panels) * ROW_BLOCK;
                int r1 = Math.min(rows, r0 + ROW_BLOCK);
                panel(y, x, w, act, panel, r0, r1);
            }
        });
    }

    private static void panel(float[] y, float[] x, LinearWeights w, Activation act, int panel, int r0, int r1) {
        int r = r0;
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

    private static void tile4(float[] y, float[] x, LinearWeights w, Activation act, int panel, int r) {
        int in = w.in();
        int nr = w.panelWidth();
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
        int nr = w.panelWidth();
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
