package dev.bert4j.model;

import dev.bert4j.tensor.Tensor;

/**
 * HF's {@code TokenClassifierOutput}.
 *
 * @param loss       cross-entropy over positions whose label is not -100; null unless labels were given
 * @param logits     (B, T, num_labels)
 * @param bertOutput the encoder's outputs (hidden states, attentions, cache when asked for)
 */
public record TokenClassifierOutput(Double loss, Tensor logits, BertModelOutput bertOutput) {
}
