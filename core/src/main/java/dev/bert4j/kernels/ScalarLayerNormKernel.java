package dev.bert4j.kernels;

/** The reference LayerNorm, two passes in double. */
public final class ScalarLayerNormKernel implements LayerNormKernel {
    @Override
    public void forward(float[] y, float[] x, float[] residual, float[] gamma, float[] beta, float eps,
                        int rows, int C) {
        double[] z = new double[C];
        for (int r = 0; r < rows; r++) {
            int off = r * C;
            double mean = 0;
            for (int c = 0; c < C; c++) {
                z[c] = x[off + c] + (residual == null ? 0f : residual[off + c]);
                mean += z[c];
            }
            mean /= C;
            double var = 0;
            for (int c = 0; c < C; c++) {
                var += (z[c] - mean) * (z[c] - mean);
            }
            var /= C;
            double rstd = 1 / Math.sqrt(var + eps);
            for (int c = 0; c < C; c++) {
                y[off + c] = (float) ((z[c] - mean) * rstd * gamma[c] + beta[c]);
            }
        }
    }
}
