package dev.bert4j.pipeline.fillmask;

import dev.bert4j.pipeline.PipelineInputException;

import java.util.List;

/**
 * The fill-mask pipeline's options, HF's names and defaults.
 *
 * @param topK    {@code top_k}: candidates per mask (5)
 * @param targets {@code targets}: restrict the candidates to these words, or null for the whole vocabulary
 */
public record FillMaskOptions(int topK, List<String> targets) {
    public static final FillMaskOptions DEFAULTS = new FillMaskOptions(FillMaskPostprocessor.DEFAULT_TOP_K, null);

    public FillMaskOptions {
        if (topK < 1) {
            throw new PipelineInputException("top_k must be >= 1, got " + topK);
        }
        targets = targets == null ? null : List.copyOf(targets);
    }

    public FillMaskOptions withTopK(int k) {
        return new FillMaskOptions(k, targets);
    }

    public FillMaskOptions withTargets(List<String> newTargets) {
        return new FillMaskOptions(topK, newTargets);
    }
}
