package dev.bert4j.model;

/**
 * One encoder layer's activations for backward, flat row-major over {@code B*T} rows.
 *
 * @param input              (B*T, C) the layer input
 * @param qkv                (B*T, 3C) fused query/key/value projections
 * @param attentionProbs     (B, H, T, T)
 * @param context            (B*T, C) attention context before the output dense
 * @param attentionOutput    (B*T, C) after BertSelfOutput's LayerNorm
 * @param intermediatePreAct (B*T, I) intermediate dense output before the activation
 * @param intermediate       (B*T, I) after the activation
 * @param output             (B*T, C) the layer output
 */
public record BertLayerCache(float[] input, float[] qkv, float[] attentionProbs, float[] context,
                             float[] attentionOutput, float[] intermediatePreAct, float[] intermediate,
                             float[] output) {
}
