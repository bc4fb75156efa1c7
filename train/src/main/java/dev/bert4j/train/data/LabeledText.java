package dev.bert4j.train.data;

import java.util.List;
import java.util.Objects;

/**
 * One text classification example as read from a file. Labels are kept as written: integer labels are their
 * decimal text ({@code "1"}); {@link LabelSet} turns them into class ids.
 *
 * @param line       1-based line of the example in its file
 * @param text       the text
 * @param textPair   the second text of a pair task, or null when absent
 * @param labels     the label (one entry), or the labels of a multi-label example (any number, none included)
 * @param multiLabel true when the file gave a list of labels rather than a single one
 */
public record LabeledText(int line, String text, String textPair, List<String> labels, boolean multiLabel) {

    public LabeledText {
        Objects.requireNonNull(text, "text");
        labels = List.copyOf(labels);
        if (!multiLabel && labels.size() != 1) {
            throw new IllegalArgumentException("a single-label example has exactly one label, got " + labels);
        }
    }

    /** A single-label example. */
    public static LabeledText single(int line, String text, String textPair, String label) {
        return new LabeledText(line, text, textPair, List.of(label), false);
    }

    /** The label of a single-label example. */
    public String label() {
        if (multiLabel) throw new IllegalStateException("line " + line + " is a multi-label example: use labels()");
        return labels.getFirst();
    }

    /** True when any example has a list of labels: the task is then multi-label classification. */
    public static boolean isMultiLabel(List<LabeledText> examples) {
        for (LabeledText e : examples) {
            if (e.multiLabel()) return true;
        }
        return false;
    }
}
