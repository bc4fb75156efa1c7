package dev.bert4j.kernels;

/** The set of kernels a forward pass uses; scalar references or the fast versions. */
public record Kernels(LinearKernel linear, LayerNormKernel layerNorm, AttentionKernel attention) {

    /** The plain reference kernels, single-threaded. */
    public static Kernels scalar() {
        return new Kernels(new ScalarLinearKernel(), new ScalarLayerNormKernel(), new ScalarAttentionKernel());
    }

    /** Vector API kernels spreading work over {@code parallel}. */
    public static Kernels vectorized(Parallel parallel) {
        return new Kernels(new VectorLinearKernel(parallel), new VectorLayerNormKernel(parallel),
                new VectorAttentionKernel(parallel));
    }
}
