package dev.bert4j.kernels;

/** The reference product: one dot product per element of {@code c}, accumulated in double. */
public final class ScalarGemmKernel implements GemmKernel {
    @Override
    public void gemm(float[] c, float[] a, boolean transA, float[] b, int M, int N, int K, boolean accumulate) {
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < N; j++) {
                double sum = accumulate ? c[i * N + j] : 0;
                for (int k = 0; k < K; k++) {
                    float aik = transA ? a[k * M + i] : a[i * K + k];
                    sum += (double) aik * b[k * N + j];
                }
                c[i * N + j] = (float) sum;
            }
        }
    }
}
