package dev.bert4j.pipeline.fillmask;

/**
 * One candidate for one mask position, as Hugging Face's fill-mask pipeline reports it.
 *
 * @param score    softmax probability of {@code token} over the whole vocabulary at this position
 *                 (not renormalized when {@code targets} restrict the candidates)
 * @param token    the predicted token id
 * @param tokenStr {@code tokenizer.decode([token])}: HF's {@code token_str}
 * @param sequence the input with this mask (only this one) replaced by {@code token}, padding
 *                 removed, decoded; special tokens skipped when the text has a single mask and kept
 *                 when it has several (so the other masks stay visible), exactly as HF does
 */
public record MaskPrediction(double score, int token, String tokenStr, String sequence) {
}
