package dev.bert4j.pipeline.classification;

/**
 * One label of a text-classification result, HF's {@code {"label": ..., "score": ...}}.
 *
 * @param label the name from {@code id2label}
 * @param score the logit after {@code function_to_apply}: a probability for softmax and sigmoid, the
 *              raw logit for none (e.g. a regression value)
 */
public record LabelScore(String label, double score) {
}
