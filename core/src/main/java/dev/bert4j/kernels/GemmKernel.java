package dev.bert4j.kernels;

/**
 * The matrix products of the backward pass: {@code c (M, N) = op(a) · b} or {@code c += op(a) · b}, with
 * {@code b (K, N)} row-major and {@code op(a)} either {@code a (M, K)} or, when {@code transA}, the
 * transpose of {@code a (K, M)}. A Linear's input gradient is {@code dy · W} (no transpose) and its
 * weight gradient {@code dyᵀ · x} (transposed). Every element of {@code c} is summed over all of
 * {@code K} by one thread, so the result does not depend on how work is split.
 */
public interface GemmKernel {
    void gemm(float[] c, float[] a, boolean transA, float[] b, int M, int N, int K, boolean accumulate);
}
