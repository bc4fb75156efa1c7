package dev.bert4j.pipeline.qa;

import java.util.Objects;

/**
 * One window of a (question, context) pair as the tokenizer encodes it for question answering
 * (question first, context truncated {@code only_second} with {@code stride} and overflowing
 * windows), with the start and end logits the model gave it.
 *
 * @param inputIds    {@code [T]} token ids
 * @param sequenceIds {@code [T]} HF's {@code sequence_ids()}: 0 for question tokens, 1 for context
 *                    tokens, -1 (None) for special and padding tokens
 * @param offsets     {@code [T][2]} character offsets; for context tokens, into the context
 * @param wordIds     {@code [T]} HF's {@code word_ids()}: the index of the token's word within its
 *                    own sequence, -1 (None) for special and padding tokens
 * @param startLogits {@code [T]} start logits
 * @param endLogits   {@code [T]} end logits
 */
public record QuestionAnsweringWindow(int[] inputIds, int[] sequenceIds, int[][] offsets, int[] wordIds,
        float[] startLogits, float[] endLogits) {

    public QuestionAnsweringWindow {
        Objects.requireNonNull(inputIds, "inputIds");
        int t = inputIds.length;
        if (t == 0) {
            throw new IllegalArgumentException("empty question-answering window");
        }
        if (sequenceIds.length != t || offsets.length != t || wordIds.length != t
                || startLogits.length != t || endLogits.length != t) {
            throw new IllegalArgumentException("window arrays differ in length: inputIds " + t
                    + ", sequenceIds " + sequenceIds.length + ", offsets " + offsets.length + ", wordIds "
                    + wordIds.length + ", startLogits " + startLogits.length + ", endLogits "
                    + endLogits.length);
        }
        for (int i = 0; i < t; i++) {
            if (offsets[i].length != 2) {
                throw new IllegalArgumentException("offsets[" + i + "] must be {start, end}");
            }
        }
    }

    public int length() {
        return inputIds.length;
    }
}
