package dev.bert4j.pipeline.classification;

import dev.bert4j.pipeline.Id2Label;
import dev.bert4j.pipeline.Probabilities;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * HF's {@code TextClassificationPipeline.postprocess} for one text (or text pair): the
 * sequence-classification logits, {@code function_to_apply}, then the {@link LabelSelection}.
 *
 * <p>Sigmoid is applied to each logit on its own, softmax across the logits, none leaves them as
 * they are. Every logit index must be named in {@code id2label}
 * ({@link dev.bert4j.pipeline.LabelMappingException} otherwise, HF's {@code KeyError}). Immutable and
 * safe to share between threads.
 */
public final class TextClassificationPostprocessor {

    private final Id2Label id2label;
    private final String problemType;

    /**
     * @param id2label    the configuration's labels ({@link Id2Label#defaults(int)} when it has none)
     * @param problemType {@code config.problem_type}, or null when unset
     */
    public TextClassificationPostprocessor(Id2Label id2label, String problemType) {
        this.id2label = Objects.requireNonNull(id2label, "id2label");
        FunctionToApply.requireKnownProblemType(problemType);
        this.problemType = problemType;
    }

    /** The scores of every label in id order, after {@code function}. */
    public double[] scores(float[] logits, FunctionToApply function) {
        if (logits.length == 0) {
            throw new IllegalArgumentException("no classification logits");
        }
        return switch (function.resolve(problemType, id2label.numLabels())) {
            case SOFTMAX -> Probabilities.softmax(logits);
            case SIGMOID -> map(logits, true);
            case NONE -> map(logits, false);
            case DEFAULT -> throw new IllegalStateException("resolve never returns DEFAULT");
        };
    }

    /** The selected labels with their scores. */
    public List<LabelScore> postprocess(float[] logits, FunctionToApply function, LabelSelection selection) {
        double[] scores = scores(logits, function);
        if (selection.mode() == LabelSelection.Mode.BEST) {
            int best = Probabilities.argmax(scores);
            return List.of(new LabelScore(id2label.label(best), scores[best]));
        }
        List<LabelScore> labels = new ArrayList<>(scores.length);
        for (int i = 0; i < scores.length; i++) {
            labels.add(new LabelScore(id2label.label(i), scores[i]));
        }
        if (selection.mode() == LabelSelection.Mode.ALL_IN_LABEL_ORDER) {
            return List.copyOf(labels);
        }
        labels.sort(Comparator.comparingDouble(LabelScore::score).reversed()); // stable, like Python's sort
        int keep = selection.mode() == LabelSelection.Mode.TOP_K ? Math.min(selection.k(), labels.size())
                : labels.size();
        return List.copyOf(labels.subList(0, keep));
    }

    private static double[] map(float[] logits, boolean sigmoid) {
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = sigmoid ? Probabilities.sigmoid(logits[i]) : logits[i];
        }
        return out;
    }
}
