package dev.bert4j.kernels;

import jdk.incubator.vector.FloatVector;
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
        int full = C - C % L;
        float[] src = x;
        if (res != null) {
            for (int c = 0; c < full; c += L) {
                FloatVector.fromArray(S, x, off + c).add(FloatVector.fromArray(S, res, off + c)).intoArray(y, off + c);
            }
            for (int c = full; c < C; c++) {
                y[off + c] = x[off + c] + res[off + c];
            }
            src = y;
        }
        FloatVector acc = FloatVector.zero(S);
        for (int c = 0; c < full; c += L) {
            acc = acc.add(FloatVector.fromArray(S, src, off + c));
        }
        float sum = VectorMath.sum(acc);
        for (int c = full; c < C; c++) {
            sum += src[off + c];
        }
        float mean = sum / C;
        FloatVector sq = FloatVector.zero(S);
        for (int c = 0; c < full; c += L) {
            FloatVector d = FloatVector.fromArray(S, src, off + c).sub(mean);
            sq = d.fma(d, sq);
        }
        float var = VectorMath.sum(sq);
        for (int c = full; c < C; c++) {
            float d = src[off + c] - mean;
            var += d * d;
        }
        float rstd = (float) (1 / Math.sqrt(var / C + (double) eps));
        for (int c = 0; c < full; c += L) {
            FloatVector d = FloatVector.fromArray(S, src, off + c).sub(mean).mul(rstd);
            d.fma(FloatVector.fromArray(S, gamma, c), FloatVector.fromArray(S, beta, c)).intoArray(y, off + c);
        }
        for (int c = full; c < C; c++) {
            y[off + c] = (src[off + c] - mean) * rstd * gamma[c] + beta[c];
        }
    }
}
