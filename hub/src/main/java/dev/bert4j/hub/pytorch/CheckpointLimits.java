package dev.bert4j.hub.pytorch;

/**
 * The one budget for sizes a PyTorch checkpoint states. A {@code pytorch_model.bin} may come from anyone and
 * is compressed, so no size it claims is trusted: each is checked here before anything is allocated, and a
 * storage is read only as far as the tensors that use it reach.
 */
final class CheckpointLimits {
    /** The pickled state dict ({@code data.pkl}): a BERT's is tens of KiB; 256 MiB is generous. */
    static final int MAX_PICKLE_BYTES = 256 << 20;

    /** {@code pytorch_model.bin.index.json}: about 100 KiB for a large sharded model. */
    static final int MAX_INDEX_BYTES = 64 << 20;

    /**
     * One storage's bytes as read, and one tensor's: the reader holds each in one Java array, whose length
     * the VM caps a little below 2 GiB. A BERT's largest weight (the word embeddings) is far smaller.
     */
    static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 16;

    private CheckpointLimits() {}
}
