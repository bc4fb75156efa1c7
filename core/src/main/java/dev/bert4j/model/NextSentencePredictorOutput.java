package dev.bert4j.model;

import dev.bert4j.tensor.Tensor;

/**
 * HF's {@code NextSentencePredictorOutput}.
 *
 * @param loss       next-sentence cross-entropy; null unless labels were given
 * @param logits     (B, 2): index 0 = B follows A, 1 = B is random
 * @param bertOutput the encoder's outputs (hidden states, attentions, cache when asked for)
 */
public record NextSentencePredictorOutput(Double loss, Tensor logits, BertModelOutput bertOutput) {
}
