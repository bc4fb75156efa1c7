package dev.bert4j.model;

import dev.bert4j.tensor.Tensor;

/**
 * HF's {@code MultipleChoiceModelOutput}.
 *
 * @param loss       cross-entropy over the choices; null unless labels were given
 * @param logits     (B, num_choices): one score per choice
 * @param bertOutput the encoder's outputs (hidden states, attentions, cache when asked for)
 */
public record MultipleChoiceModelOutput(Double loss, Tensor logits, BertModelOutput bertOutput) {
}
