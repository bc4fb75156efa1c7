package dev.bert4j.kernels;

/** The set of kernels the forward and backward passes use; scalar references or the fast versions. */
public record Kernels(LinearKernel linear, LayerNormKernel layerNorm, AttentionKernel attention, GemmKernel gemm,
                      ActivationKernel activation) {

    /** The plain reference kernels, single-threaded. */
    public static Kernels scalar() {
        return scalar(Parallel.sequential());
    }

    /**
     * The reference kernels with the Linear's outputs split over {@code parallel} (the same sums, whatever the
     * split), for the first calls of a fresh JVM ({@link ColdStartKernels}).
     */
    public static Kernels scalar(Parallel parallel) {
        return new Kernels(new ScalarLinearKernel(parallel), new ScalarLayerNormKernel(), new ScalarAttentionKernel(),
                new ScalarGemmKernel(), new ScalarActivationKernel());
    }

    /** Vector API kernels spreading work over {@code parallel}. */
    public static Kernels vectorized(Parallel parallel) {
        return new Kernels(new VectorLinearKernel(parallel), new VectorLayerNormKernel(parallel),
                new VectorAttentionKernel(parallel), new VectorGemmKernel(parallel),
                new VectorActivationKernel(parallel));
    }
}
