package dev.bert4j.train.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * One encoded text classification example, not padded.
 *
 * @param ids       token ids with the special tokens
 * @param typeIds   segment ids, one per token
 * @param label     the class id; -1 for a multi-label example
 * @param multiHot  for a multi-label example one entry per class, 1 for its labels and 0 elsewhere; else null
 */
public record SequenceFeature(int[] ids, int[] typeIds, int label, float[] multiHot) {

    public SequenceFeature {
        Objects.requireNonNull(ids, "ids");
        if (typeIds.length != ids.length) {
            throw new IllegalArgumentException("typeIds has " + typeIds.length + " entries, ids " + ids.length);
        }
        if ((multiHot == null) == (label < 0)) {
            throw new IllegalArgumentException("a feature has a label >= 0 or a multi-hot vector, not both or none");
        }
    }

    public int length() {
        return ids.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SequenceFeature f && Arrays.equals(ids, f.ids) && Arrays.equals(typeIds, f.typeIds)
                && label == f.label && Arrays.equals(multiHot, f.multiHot);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + label;
    }

    @Override
    public String toString() {
        return "SequenceFeature[ids=" + Arrays.toString(ids) + ", typeIds=" + Arrays.toString(typeIds)
                + (multiHot == null ? ", label=" + label : ", multiHot=" + Arrays.toString(multiHot)) + "]";
    }
}
