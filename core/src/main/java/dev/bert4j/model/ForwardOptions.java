package dev.bert4j.model;

/**
 * What a forward pass returns besides the last hidden state.
 *
 * @param outputHiddenStates the embedding output and every layer's output
 * @param outputAttentions   every layer's attention probabilities (B, H, T, T)
 * @param keepCache          the per-layer activations a backward pass needs
 */
public record ForwardOptions(boolean outputHiddenStates, boolean outputAttentions, boolean keepCache) {
    public static final ForwardOptions DEFAULT = new ForwardOptions(false, false, false);
    public static final ForwardOptions ALL = new ForwardOptions(true, true, false);
}
