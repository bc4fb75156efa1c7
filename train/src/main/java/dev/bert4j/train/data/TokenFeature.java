package dev.bert4j.train.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * One encoded token classification sentence, not padded.
 *
 * @param ids     token ids with {@code [CLS]} and {@code [SEP]}
 * @param typeIds segment ids (all 0)
 * @param labels  the tag id on the first sub-token of each word, {@link #IGNORE} on the other sub-tokens and on
 *                the special tokens
 */
public record TokenFeature(int[] ids, int[] typeIds, int[] labels) {
    /** The label of positions the loss skips, PyTorch's {@code ignore_index}. */
    public static final int IGNORE = -100;

    public TokenFeature {
        Objects.requireNonNull(ids, "ids");
        if (typeIds.length != ids.length || labels.length != ids.length) {
            throw new IllegalArgumentException("ids, typeIds and labels differ in length: " + ids.length + ", "
                    + typeIds.length + ", " + labels.length);
        }
    }

    public int length() {
        return ids.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenFeature f && Arrays.equals(ids, f.ids) && Arrays.equals(typeIds, f.typeIds)
                && Arrays.equals(labels, f.labels);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "TokenFeature[ids=" + Arrays.toString(ids) + ", labels=" + Arrays.toString(labels) + "]";
    }
}
