package dev.bert4j.model;

import dev.bert4j.tensor.Tensor;

/**
 * Straightforward double-precision head math for tests, written from the transformers equations and
 * independent of bert4j's kernels: Linear, LayerNorm, exact GELU (erf by its Taylor series), softmax.
 */
final class Reference {
    private Reference() {
    }

    /** y (rows, out) = x (rows, in) · Wᵀ + b, W (out, in). */
    static double[][] linear(double[][] x, Tensor w, Tensor b) {
        int out = w.dim(0);
        int in = w.dim(1);
        double[][] y = new double[x.length][out];
        for (int r = 0; r < x.length; r++) {
            for (int o = 0; o < out; o++) {
                double s = b.data()[o];
                for (int k = 0; k < in; k++) {
                    s += x[r][k] * w.data()[o * in + k];
                }
                y[r][o] = s;
            }
        }
        return y;
    }

    static double[][] layerNorm(double[][] x, Tensor gamma, Tensor beta, double eps) {
        double[][] y = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            int n = x[r].length;
            double mean = 0;
            for (double v : x[r]) {
                mean += v / n;
            }
            double var = 0;
            for (double v : x[r]) {
                var += (v - mean) * (v - mean) / n;
            }
            y[r] = new double[n];
            for (int i = 0; i < n; i++) {
                y[r][i] = (x[r][i] - mean) / Math.sqrt(var + eps) * gamma.data()[i] + beta.data()[i];
            }
        }
        return y;
    }

    /** gelu(x) = x/2 (1 + erf(x / sqrt 2)). */
    static double gelu(double x) {
        return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
    }

    /** erf by its Taylor series for |x| < 3, else 1 - erfc by the asymptotic series (error below 1e-8). */
    static double erf(double x) {
        double z = Math.abs(x);
        if (z >= 3) {
            double inv = 1 / (2 * z * z);
            double series = 1 - inv + 3 * inv * inv - 15 * inv * inv * inv + 105 * inv * inv * inv * inv;
            return Math.signum(x) * (1 - Math.exp(-z * z) / (z * Math.sqrt(Math.PI)) * series);
        }
        double sum = 0;
        double term = x;                               // (-1)^n x^(2n+1) / n!
        for (int n = 0; n < 100; n++) {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    static double[][] apply(double[][] x, java.util.function.DoubleUnaryOperator f) {
        double[][] y = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            y[r] = java.util.Arrays.stream(x[r]).map(f).toArray();
        }
        return y;
    }

    /** Rows of a (rows, X) float tensor view (any leading shape) as doubles. */
    static double[][] rows(Tensor t, int X) {
        double[][] y = new double[t.numel() / X][X];
        for (int r = 0; r < y.length; r++) {
            for (int i = 0; i < X; i++) {
                y[r][i] = t.data()[r * X + i];
            }
        }
        return y;
    }

    /** -log softmax(row)[label]. */
    static double nll(double[] row, int label) {
        double max = java.util.Arrays.stream(row).max().orElseThrow();
        double s = 0;
        for (double v : row) {
            s += Math.exp(v - max);
        }
        return max + Math.log(s) - row[label];
    }
}
