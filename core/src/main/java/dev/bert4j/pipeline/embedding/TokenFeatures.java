package dev.bert4j.pipeline.embedding;

import dev.bert4j.tensor.Tensor;

import java.util.List;

/**
 * Feature extraction output for one input.
 *
 * @param tokens          the token strings, special tokens included
 * @param lastHiddenState (T, C)
 * @param hiddenStates    num_hidden_layers + 1 tensors (T, C), or null unless asked
 * @param attentions      num_hidden_layers tensors (H, T, T), or null unless asked
 * @param truncated       whether the input was cut to the model's limit
 */
public record TokenFeatures(String[] tokens, Tensor lastHiddenState, List<Tensor> hiddenStates,
                            List<Tensor> attentions, boolean truncated) {
}
