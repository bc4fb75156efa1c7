package dev.bert4j.model;

import dev.bert4j.tensor.Tensor;

/**
 * HF's {@code SequenceClassifierOutput}.
 *
 * @param loss       cross-entropy, BCE-with-logits or MSE, by problem_type; null unless labels were given
 * @param logits     (B, num_labels)
 * @param bertOutput the encoder's outputs (hidden states, attentions, cache when asked for)
 */
public record SequenceClassifierOutput(Double loss, Tensor logits, BertModelOutput bertOutput) {
}
