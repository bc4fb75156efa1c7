package dev.bert4j.pipeline.classification;

import dev.bert4j.pipeline.PipelineInputException;

/**
 * Which labels a text-classification result holds: HF's {@code top_k} and legacy {@code
 * return_all_scores}.
 *
 * <ul>
 *   <li>{@link #best()} - neither option given: only the best label (argmax, first on ties). HF
 *       returns a bare dict here, wrapped in a list for a single string input;
 *   <li>{@link #top(int)} - {@code top_k=k}: all labels sorted by score, best first (a stable sort,
 *       so equal scores keep label-id order), the first {@code k};
 *   <li>{@link #all()} - {@code top_k=None}: all labels, sorted the same way;
 *   <li>{@link #returnAllScores(boolean)} - legacy {@code return_all_scores} without {@code top_k}:
 *       {@code true} gives all labels in <em>label-id order</em>, unsorted (HF keeps that quirk of
 *       the legacy path), {@code false} the best label.
 * </ul>
 *
 * @param mode the kind of selection
 * @param k    the number of labels for {@link Mode#TOP_K}; 0 otherwise
 */
public record LabelSelection(Mode mode, int k) {

    public enum Mode { BEST, TOP_K, ALL_SORTED, ALL_IN_LABEL_ORDER }

    public LabelSelection {
        if (mode == Mode.TOP_K && k < 1) {
            throw new PipelineInputException("top_k must be >= 1, got " + k
                    + " (leave top_k out for the best label only, or ask for all labels)");
        }
        if (mode != Mode.TOP_K && k != 0) {
            throw new IllegalArgumentException("k is only used with TOP_K, got " + k + " for " + mode);
        }
    }

    public static LabelSelection best() {
        return new LabelSelection(Mode.BEST, 0);
    }

    public static LabelSelection top(int k) {
        return new LabelSelection(Mode.TOP_K, k);
    }

    public static LabelSelection all() {
        return new LabelSelection(Mode.ALL_SORTED, 0);
    }

    public static LabelSelection returnAllScores(boolean returnAllScores) {
        return returnAllScores ? new LabelSelection(Mode.ALL_IN_LABEL_ORDER, 0) : best();
    }
}
