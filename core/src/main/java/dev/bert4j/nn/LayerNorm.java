package dev.bert4j.nn;

import dev.bert4j.tensor.Tensor;

/** {@code nn.LayerNorm} over the last dimension; HF names {@code weight} (gamma) and {@code bias} (beta). */
public final class LayerNorm {
    private final Parameter weight;
    private final Parameter bias;
    private final float eps;

    public LayerNorm(Parameter weight, Parameter bias, double eps) {
        this.weight = weight;
        this.bias = bias;
        this.eps = (float) eps;
    }

    public LayerNorm(Tensor weight, Tensor bias, double eps) {
        this(Parameter.of(weight), Parameter.of(bias), eps);
    }

    /**
     * What backward needs: the normalized input {@code xhat = (z - mean) * rstd} (rows, C) and
     * {@code rstd = 1 / sqrt(var + eps)} per row.
     */
    public record Cache(float[] xhat, float[] rstd) {
    }

    public Parameter weightParameter() {
        return weight;
    }

    public Parameter biasParameter() {
        return bias;
    }

    public Tensor weight() {
        return weight.tensor();
    }

    public Tensor bias() {
        return bias.tensor();
    }

    /** y (rows, C) = LayerNorm(x + residual); residual may be null, y may be x. */
    public void forward(ComputeContext ctx, float[] y, float[] x, float[] residual, int rows) {
        ctx.kernels().layerNorm().forward(y, x, residual, weight.data(), bias.data(), eps, rows, weight.dim(0));
    }

    /** As {@link #forward}, keeping what {@link #backward} needs (statistics in double, as the reference kernel). */
    public Cache forwardTrain(ComputeContext ctx, float[] y, float[] x, float[] residual, int rows) {
        int C = weight.dim(0);
        float[] xhat = new float[rows * C];
        float[] rstd = new float[rows];
        float[] g = weight.data();
        float[] b = bias.data();
        ctx.parallel().forRange(rows, (r0, r1, worker) -> {
            for (int r = r0; r < r1; r++) {
                int off = r * C;
                double mean = 0;
                for (int c = 0; c < C; c++) {
                    mean += x[off + c] + (residual == null ? 0f : residual[off + c]);
                }
                mean /= C;
                double var = 0;
                for (int c = 0; c < C; c++) {
                    double d = x[off + c] + (residual == null ? 0f : residual[off + c]) - mean;
                    var += d * d;
                }
                double rs = 1 / Math.sqrt(var / C + eps);
                rstd[r] = (float) rs;
                for (int c = 0; c < C; c++) {
                    double z = x[off + c] + (residual == null ? 0f : residual[off + c]);
                    xhat[off + c] = (float) ((z - mean) * rs);                 // (z - mean) / sqrt(var + eps)
                    y[off + c] = (float) ((z - mean) * rs * g[c] + b[c]);      // · gamma + beta
                }
            }
        });
        return new Cache(xhat, rstd);
    }

    /**
     * dz (rows, C) = the gradient of {@code z = x + residual} from dy; adds {@code Σ dy·xhat} and {@code Σ dy}
     * into the gamma and beta gradients: {@code dz = rstd · (dxhat - mean(dxhat) - xhat · mean(dxhat · xhat))}
     * with {@code dxhat = dy · gamma}. {@code dz} may be {@code dy}.
     */
    public void backward(ComputeContext ctx, float[] dz, float[] dy, Cache cache, int rows) {
        int C = weight.dim(0);
        float[] g = weight.data();
        float[] xhat = cache.xhat();
        float[] dGamma = weight.grad();
        float[] dBeta = bias.grad();
        for (int r = 0; r < rows; r++) {                                          // parameter gradients, in row order
            int off = r * C;
            for (int c = 0; c < C; c++) {
                dGamma[c] += dy[off + c] * xhat[off + c];
                dBeta[c] += dy[off + c];
            }
        }
        ctx.parallel().forRange(rows, (r0, r1, worker) -> {
            for (int r = r0; r < r1; r++) {
                int off = r * C;
                double meanD = 0;
                double meanDX = 0;
                for (int c = 0; c < C; c++) {
                    double d = (double) dy[off + c] * g[c];
                    meanD += d;
                    meanDX += d * xhat[off + c];
                }
                meanD /= C;
                meanDX /= C;
                double rs = cache.rstd()[r];
                for (int c = 0; c < C; c++) {
                    double d = (double) dy[off + c] * g[c];
                    dz[off + c] = (float) (rs * (d - meanD - xhat[off + c] * meanDX));
                }
            }
        });
    }
}
