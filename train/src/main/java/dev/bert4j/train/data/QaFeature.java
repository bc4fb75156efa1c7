package dev.bert4j.train.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * One window of a question and its context, with the answer span to learn.
 *
 * @param ids           token ids: {@code [CLS] question [SEP] context window [SEP]}
 * @param typeIds       segment ids (0 question, 1 context)
 * @param startPosition token index of the answer's first token; the {@code [CLS]} index when the answer is not
 *                      fully inside this window or the question is impossible
 * @param endPosition   token index of the answer's last token (inclusive), or the {@code [CLS]} index as above
 * @param exampleId     the id of the question this window comes from
 */
public record QaFeature(int[] ids, int[] typeIds, int startPosition, int endPosition, String exampleId) {

    public QaFeature {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(exampleId, "exampleId");
        if (typeIds.length != ids.length) {
            throw new IllegalArgumentException("typeIds has " + typeIds.length + " entries, ids " + ids.length);
        }
        if (startPosition < 0 || endPosition < startPosition || endPosition >= ids.length) {
            throw new IllegalArgumentException("answer span " + startPosition + ".." + endPosition
                    + " is not inside the " + ids.length + " tokens");
        }
    }

    public int length() {
        return ids.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QaFeature f && Arrays.equals(ids, f.ids) && Arrays.equals(typeIds, f.typeIds)
                && startPosition == f.startPosition && endPosition == f.endPosition && exampleId.equals(f.exampleId);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + exampleId.hashCode();
    }

    @Override
    public String toString() {
        return "QaFeature[" + exampleId + ", ids=" + Arrays.toString(ids) + ", span=" + startPosition + ".."
                + endPosition + "]";
    }
}
