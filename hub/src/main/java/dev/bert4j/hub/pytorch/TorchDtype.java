package dev.bert4j.hub.pytorch;

/**
 * Element types a checkpoint's tensors may have, named as in safetensors. Only these load; any other
 * storage type fails with an error naming the tensor.
 */
public enum TorchDtype {
    F32(4, "FloatStorage"),
    F16(2, "HalfStorage"),
    BF16(2, "BFloat16Storage"),
    /** int64: buffers such as {@code embeddings.position_ids} in older BERT checkpoints. */
    I64(8, "LongStorage");

    private final int byteSize;
    private final String storageName;

    TorchDtype(int byteSize, String storageName) {
        this.byteSize = byteSize;
        this.storageName = storageName;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** The legacy storage class PyTorch pickles for this type, e.g. {@code FloatStorage}. */
    public String storageName() {
        return storageName;
    }

    /** Whether the type is a floating-point type. */
    public boolean isFloatingPoint() {
        return this != I64;
    }
}
