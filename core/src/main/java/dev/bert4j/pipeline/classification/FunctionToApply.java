package dev.bert4j.pipeline.classification;

import dev.bert4j.pipeline.PipelineInputException;
import java.util.Locale;

/**
 * HF's {@code function_to_apply} for text classification.
 *
 * <p>{@link #DEFAULT} stands for the option left out; {@link #resolve(String, int)} turns it into
 * the function HF's {@code TextClassificationPipeline.postprocess} picks from the configuration:
 * none for {@code problem_type="regression"}, sigmoid for {@code "multi_label_classification"} or a
 * single label, softmax for {@code "single_label_classification"} or several labels, checked in that
 * order.
 */
public enum FunctionToApply {
    DEFAULT, SIGMOID, SOFTMAX, NONE;

    /** Problem types a BERT configuration may declare ({@code config.problem_type}). */
    public static final String REGRESSION = "regression";
    public static final String SINGLE_LABEL_CLASSIFICATION = "single_label_classification";
    public static final String MULTI_LABEL_CLASSIFICATION = "multi_label_classification";

    /** Parses HF's option value ({@code "default"}, {@code "sigmoid"}, {@code "softmax"}, {@code "none"}). */
    public static FunctionToApply parse(String value) {
        for (FunctionToApply f : values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new PipelineInputException("Unrecognized `function_to_apply` argument: '" + value
                + "'; use one of default, sigmoid, softmax, none");
    }

    /**
     * The function actually applied: this one, or for {@link #DEFAULT} the one chosen from the
     * configuration.
     *
     * @param problemType {@code config.problem_type}, or null when the configuration has none
     * @param numLabels   {@code config.num_labels}
     */
    public FunctionToApply resolve(String problemType, int numLabels) {
        if (this != DEFAULT) {
            return this;
        }
        requireKnownProblemType(problemType);
        if (REGRESSION.equals(problemType)) {
            return NONE;
        }
        if (MULTI_LABEL_CLASSIFICATION.equals(problemType) || numLabels == 1) {
            return SIGMOID;
        }
        if (SINGLE_LABEL_CLASSIFICATION.equals(problemType) || numLabels > 1) {
            return SOFTMAX;
        }
        return NONE;
    }

    static void requireKnownProblemType(String problemType) {
        if (problemType != null && !problemType.equals(REGRESSION)
                && !problemType.equals(SINGLE_LABEL_CLASSIFICATION)
                && !problemType.equals(MULTI_LABEL_CLASSIFICATION)) {
            throw new PipelineInputException("problem_type '" + problemType + "' is not one of "
                    + REGRESSION + ", " + SINGLE_LABEL_CLASSIFICATION + ", " + MULTI_LABEL_CLASSIFICATION);
        }
    }
}
