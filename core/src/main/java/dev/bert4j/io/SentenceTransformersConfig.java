package dev.bert4j.io;

import java.util.List;

/**
 * The sentence-transformers extras of a model directory.
 *
 * @param poolingModes  the enabled modes of {@code 1_Pooling/config.json}, concatenated in this order
 * @param normalize     whether a {@code Normalize} module follows
 * @param maxSeqLength  {@code max_seq_length} of {@code sentence_bert_config.json}, or null
 * @param dense         the {@code Dense} modules after pooling, in order
 */
public record SentenceTransformersConfig(List<PoolingMode> poolingModes, boolean normalize, Integer maxSeqLength,
                                         List<DenseModule> dense) {
    public SentenceTransformersConfig {
        if (maxSeqLength != null && maxSeqLength < 1) {
            throw new ModelDirectoryException("max_seq_length must be a positive number of tokens, got " + maxSeqLength);
        }
        poolingModes = List.copyOf(poolingModes);
        dense = dense == null ? List.of() : List.copyOf(dense);
    }

    public static SentenceTransformersConfig of(PoolingMode mode, boolean normalize, Integer maxSeqLength) {
        return new SentenceTransformersConfig(List.of(mode), normalize, maxSeqLength, List.of());
    }
}
