package dev.bert4j.model;

/**
 * One encoder layer's activations for backward, flat row-major over {@code B*T} rows.
 *
 * @param input              (B*T, C) the layer input
 * @param attention          the attention block's cache (projections, probabilities, dropout masks)
 * @param attentionOutput    (B*T, C) after BertSelfOutput's LayerNorm
 * @param intermediatePreAct (B*T, I) intermediate dense output before the activation
 * @param intermediate       (B*T, I) after the activation
 * @param output             the output block's dropout mask and LayerNorm statistics
 */
public record BertLayerCache(float[] input, BertAttention.Cache attention, float[] attentionOutput,
                             float[] intermediatePreAct, float[] intermediate, ResidualNorm.Cache output) {
}
