package dev.bert4j.pipeline.classification;

import java.util.Objects;

/**
 * The text-classification pipeline's options, HF's names and defaults.
 *
 * @param topK            {@code top_k} (and legacy {@code return_all_scores}): which labels to return
 *                        ({@link LabelSelection#best()}: the best label only)
 * @param functionToApply {@code function_to_apply} ({@link FunctionToApply#DEFAULT}: from the config)
 * @param truncation      the tokenizer's {@code truncation=True}: cut texts (longest first) to the model's
 *                        maximum length instead of failing on them (false, as HF)
 */
public record TextClassificationOptions(LabelSelection topK, FunctionToApply functionToApply, boolean truncation) {
    public static final TextClassificationOptions DEFAULTS =
            new TextClassificationOptions(LabelSelection.best(), FunctionToApply.DEFAULT, false);

    public TextClassificationOptions {
        Objects.requireNonNull(topK, "topK");
        Objects.requireNonNull(functionToApply, "functionToApply");
    }

    public TextClassificationOptions withTopK(LabelSelection selection) {
        return new TextClassificationOptions(selection, functionToApply, truncation);
    }

    public TextClassificationOptions withFunctionToApply(FunctionToApply function) {
        return new TextClassificationOptions(topK, function, truncation);
    }

    public TextClassificationOptions withTruncation(boolean truncate) {
        return new TextClassificationOptions(topK, functionToApply, truncate);
    }
}
