package dev.bert4j.train.data;

import java.util.Arrays;

/**
 * One encoded multiple choice question: one row per choice, not padded.
 *
 * @param ids     per choice, the token ids of the (context, choice) pair
 * @param typeIds per choice, the segment ids
 * @param label   index of the right choice
 */
public record ChoiceFeature(int[][] ids, int[][] typeIds, int label) {

    public ChoiceFeature {
        if (ids.length != typeIds.length) {
            throw new IllegalArgumentException(ids.length + " id rows but " + typeIds.length + " type id rows");
        }
        for (int c = 0; c < ids.length; c++) {
            if (ids[c].length != typeIds[c].length) {
                throw new IllegalArgumentException("choice " + c + ": ids and typeIds differ in length");
            }
        }
        if (label < 0 || label >= ids.length) {
            throw new IllegalArgumentException("label " + label + " is not one of the " + ids.length + " choices");
        }
    }

    public int numChoices() {
        return ids.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChoiceFeature f && Arrays.deepEquals(ids, f.ids) && Arrays.deepEquals(typeIds, f.typeIds)
                && label == f.label;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(ids) + label;
    }

    @Override
    public String toString() {
        return "ChoiceFeature[ids=" + Arrays.deepToString(ids) + ", label=" + label + "]";
    }
}
