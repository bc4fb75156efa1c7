package dev.bert4j.tokenizers;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The result of encoding one text (or pair), as Hugging Face's {@code Encoding}.
 *
 * @param ids               token ids
 * @param tokens            token strings
 * @param typeIds           segment ids (0 first text, 1 pair text, as the template says)
 * @param attentionMask     1 for real tokens, 0 for padding
 * @param specialTokensMask 1 for tokens the post-processor or padding added
 * @param wordIds           index of the word a token came from within its sequence; -1 for none
 * @param sequenceIds       0 first text, 1 pair text, -1 special or padding
 * @param offsets           2 per token: start and end as UTF-16 indices into the token's own input text, so
 *                          {@code text.substring(start, end)} is what it covers; (0, 0) for specials and pads
 * @param overflowing       the windows truncation cut off (each a full encoding with special tokens)
 */
public record Encoding(int[] ids, String[] tokens, int[] typeIds, int[] attentionMask, int[] specialTokensMask,
                       int[] wordIds, int[] sequenceIds, int[] offsets, List<Encoding> overflowing) {

    public Encoding {
        Objects.requireNonNull(ids, "ids");
        int n = ids.length;
        if (tokens.length != n || typeIds.length != n || attentionMask.length != n || specialTokensMask.length != n
                || wordIds.length != n || sequenceIds.length != n || offsets.length != 2 * n) {
            throw new IllegalArgumentException("encoding arrays disagree in length (ids has " + n + ")");
        }
        overflowing = List.copyOf(overflowing);
    }

    /** Number of tokens, padding included. */
    public int length() {
        return ids.length;
    }

    /** Start of token {@code i} in its input text (UTF-16 index). */
    public int start(int i) {
        return offsets[2 * i];
    }

    /** End (exclusive) of token {@code i} in its input text (UTF-16 index). */
    public int end(int i) {
        return offsets[2 * i + 1];
    }

    /** True when truncation cut tokens off (they are in {@link #overflowing()}). */
    public boolean truncated() {
        return !overflowing.isEmpty();
    }

    /** Number of non-padding tokens. */
    public int nonPaddingLength() {
        int n = 0;
        for (int m : attentionMask) n += m;
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Encoding e && Arrays.equals(ids, e.ids) && Arrays.equals(tokens, e.tokens)
                && Arrays.equals(typeIds, e.typeIds) && Arrays.equals(attentionMask, e.attentionMask)
                && Arrays.equals(specialTokensMask, e.specialTokensMask) && Arrays.equals(wordIds, e.wordIds)
                && Arrays.equals(sequenceIds, e.sequenceIds) && Arrays.equals(offsets, e.offsets)
                && overflowing.equals(e.overflowing);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(offsets);
    }

    @Override
    public String toString() {
        return "Encoding" + Arrays.toString(tokens) + " ids=" + Arrays.toString(ids)
                + (overflowing.isEmpty() ? "" : " +" + overflowing.size() + " overflowing");
    }
}
