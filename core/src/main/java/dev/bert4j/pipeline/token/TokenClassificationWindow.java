package dev.bert4j.pipeline.token;

import java.util.Objects;

/**
 * One encoded window of the text and the token-classification logits for it. A text that fits the
 * model is one window; with {@code stride}, the tokenizer's overflowing windows each become one.
 *
 * @param logits            {@code [T][num_labels]} logits
 * @param inputIds          {@code [T]} token ids
 * @param offsets           {@code [T][2]} start and end character offsets into the original text
 * @param specialTokensMask {@code [T]} true for special tokens ({@code [CLS]}, {@code [SEP]},
 *                          padding), which are never entities
 */
public record TokenClassificationWindow(float[][] logits, int[] inputIds, int[][] offsets,
        boolean[] specialTokensMask) {

    public TokenClassificationWindow {
        Objects.requireNonNull(logits, "logits");
        int t = logits.length;
        if (inputIds.length != t || offsets.length != t || specialTokensMask.length != t) {
            throw new IllegalArgumentException("window arrays differ in length: logits " + t + ", inputIds "
                    + inputIds.length + ", offsets " + offsets.length + ", specialTokensMask "
                    + specialTokensMask.length);
        }
        for (int i = 0; i < t; i++) {
            if (offsets[i].length != 2) {
                throw new IllegalArgumentException("offsets[" + i + "] must be {start, end}");
            }
        }
    }

    public int length() {
        return logits.length;
    }
}
