package dev.bert4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** LayerNorm with the Vector API, two passes per row (mean, then centered variance), rows in parallel. */
public final class VectorLayerNormKernel implements LayerNormKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MIN_ROWS_PER_TASK = 16;

    private final Parallel parallel;

    public VectorLayerNormKernel(Parallel parallel) {
        this.parallel = parallel;
    }

    @Override
    public void forward(float[] y, float[] x, float[] residual, float[] gamma, float[] beta, float eps,
                        int rows, int C) {
        int tasks = Math.max(1, rows / MIN_ROWS_PER_TASK);
        parallel.forRange(tasks, (start, end, worker) -> {
            int r0 = (int) ((long) rows * start / tasks);
            int r1 = (int) ((long) rows * end / tasks);
            for (int r = r0; r < r1; r++) {
                row(y, x, residual, gamma, beta, eps, r * C, C);
            }
        });
    }

    private static void row(float[] y, float[] x, float[] res, float[] gamma, float[] beta, float eps,
                            int off, int C) {
        FloatVector acc = FloatVector.zero(S);
        for (int c = 0; c < C; c += L) {
            VectorMask<Float> m = S.indexInRange(c, C);
            FloatVector z = FloatVector.fromArray(S, x, off + c, m);
            if (res != null) {
                z = z.add(FloatVector.fromArray(S, res, off + c, m));
                z.intoArray(y, off + c, m);
            }
            acc = acc.add(z);
        }
        float[] src = res != null ? y : x;
        float mean = acc.reduceLanes(VectorOperators.ADD) / C;
        FloatVector sq = FloatVector.zero(S);
        for (int c = 0; c < C; c += L) {
            VectorMask<Float> m = S.indexInRange(c, C);
            FloatVector d = FloatVector.fromArray(S, src, off + c, m).sub(mean);
            sq = d.fma(d, sq).blend(sq, m.not());
        }
        float rstd = (float) (1 / Math.sqrt(sq.reduceLanes(VectorOperators.ADD) / C + (double) eps));
        for (int c = 0; c < C; c += L) {
            VectorMask<Float> m = S.indexInRange(c, C);
            FloatVector d = FloatVector.fromArray(S, src, off + c, m).sub(mean).mul(rstd);
            FloatVector g = FloatVector.fromArray(S, gamma, c, m);
            FloatVector b = FloatVector.fromArray(S, beta, c, m);
            d.fma(g, b).intoArray(y, off + c, m);
        }
    }
}
