package dev.bert4j.model;

import dev.bert4j.tensor.Tensor;

import java.util.List;

/**
 * The outputs of {@link BertModel#forward}, HF names.
 *
 * @param lastHiddenState (B, T, C)
 * @param poolerOutput    (B, C), or null for a model without pooler weights
 * @param hiddenStates    num_hidden_layers + 1 tensors (B, T, C) (embeddings first), or null unless asked
 * @param attentions      num_hidden_layers tensors (B, H, T, T), or null unless asked
 * @param cache           activations kept for backward, or null unless asked
 */
public record BertModelOutput(Tensor lastHiddenState, Tensor poolerOutput, List<Tensor> hiddenStates,
                              List<Tensor> attentions, BertForwardCache cache) {
}
