package dev.bert4j.model;

import dev.bert4j.tensor.Tensor;

/**
 * HF's {@code MaskedLMOutput}.
 *
 * @param loss       masked-LM cross-entropy over positions whose label is not -100; null unless labels were given
 * @param logits     (B, T, V) prediction scores of the vocabulary at every position
 * @param bertOutput the encoder's outputs (hidden states, attentions, cache when asked for)
 */
public record MaskedLMOutput(Double loss, Tensor logits, BertModelOutput bertOutput) {
}
