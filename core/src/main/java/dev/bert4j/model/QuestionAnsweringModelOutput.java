package dev.bert4j.model;

import dev.bert4j.tensor.Tensor;

/**
 * HF's {@code QuestionAnsweringModelOutput}.
 *
 * @param loss        the mean of the start and end cross-entropies; null unless positions were given
 * @param startLogits (B, T) span-start scores
 * @param endLogits   (B, T) span-end scores
 * @param bertOutput  the encoder's outputs (hidden states, attentions, cache when asked for)
 */
public record QuestionAnsweringModelOutput(Double loss, Tensor startLogits, Tensor endLogits,
                                           BertModelOutput bertOutput) {
}
