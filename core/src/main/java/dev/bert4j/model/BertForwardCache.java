package dev.bert4j.model;

import java.util.List;

/**
 * Activations of one forward pass kept for the backward pass.
 *
 * @param inputs     the batch
 * @param embeddings the embeddings' LayerNorm statistics and dropout mask
 * @param layers     one entry per encoder layer
 * @param last       (B*T, C) the last hidden state
 * @param pooled     (B, C) the pooler output, or null without a pooler
 */
public record BertForwardCache(BertInputs inputs, BertEmbeddings.Cache embeddings, List<BertLayerCache> layers,
                               float[] last, float[] pooled) {
}
