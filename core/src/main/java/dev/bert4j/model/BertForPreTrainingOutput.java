package dev.bert4j.model;

import dev.bert4j.tensor.Tensor;

/**
 * HF's {@code BertForPreTrainingOutput}.
 *
 * @param loss                  masked-LM cross-entropy + next-sentence cross-entropy; null unless both
 *                              kinds of labels were given
 * @param predictionLogits      (B, T, V) vocabulary scores at every position
 * @param seqRelationshipLogits (B, 2) next-sentence scores (index 0 = B follows A)
 * @param bertOutput            the encoder's outputs (hidden states, attentions, cache when asked for)
 */
public record BertForPreTrainingOutput(Double loss, Tensor predictionLogits, Tensor seqRelationshipLogits,
                                       BertModelOutput bertOutput) {
}
