package dev.bert4j.pipeline.token;

import dev.bert4j.pipeline.PipelineInputException;

import java.util.List;
import java.util.Objects;

/**
 * The token-classification ("ner") pipeline's options, HF's names and defaults.
 *
 * @param aggregationStrategy {@code aggregation_strategy} ({@link AggregationStrategy#NONE})
 * @param ignoreLabels        {@code ignore_labels} (["O"])
 * @param stride              {@code stride}: null to cut a long text at the model's maximum length (HF's
 *                            default), else the number of tokens consecutive windows share, so that the
 *                            whole text is labelled
 */
public record TokenClassificationOptions(AggregationStrategy aggregationStrategy, List<String> ignoreLabels,
                                         Integer stride) {
    public static final TokenClassificationOptions DEFAULTS = new TokenClassificationOptions(AggregationStrategy.NONE,
            TokenClassificationPostprocessor.DEFAULT_IGNORE_LABELS, null);

    public TokenClassificationOptions {
        Objects.requireNonNull(aggregationStrategy, "aggregationStrategy");
        ignoreLabels = List.copyOf(Objects.requireNonNull(ignoreLabels, "ignoreLabels"));
        if (stride != null && stride < 0) {
            throw new PipelineInputException("`stride` must be >= 0, got " + stride);
        }
    }

    public TokenClassificationOptions withAggregationStrategy(AggregationStrategy strategy) {
        return new TokenClassificationOptions(strategy, ignoreLabels, stride);
    }

    public TokenClassificationOptions withIgnoreLabels(List<String> labels) {
        return new TokenClassificationOptions(aggregationStrategy, labels, stride);
    }

    public TokenClassificationOptions withStride(Integer newStride) {
        return new TokenClassificationOptions(aggregationStrategy, ignoreLabels, newStride);
    }
}
