package dev.bert4j.model;

import java.util.List;

/** Activations of one forward pass kept for the backward pass, one entry per encoder layer. */
public record BertForwardCache(BertInputs inputs, float[] embeddingOutput, List<BertLayerCache> layers) {
}
