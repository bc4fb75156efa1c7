package dev.bert4j.kernels;

/**
 * {@code y (rows, C) = (z - mean(z)) / sqrt(var(z) + eps) * gamma + beta} with {@code z = x + residual}
 * ({@code residual} may be null; {@code y} may be the same array as {@code x}).
 */
public interface LayerNormKernel {
    void forward(float[] y, float[] x, float[] residual, float[] gamma, float[] beta, float eps, int rows, int C);
}
