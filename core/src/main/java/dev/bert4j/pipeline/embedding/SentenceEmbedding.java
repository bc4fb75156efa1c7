package dev.bert4j.pipeline.embedding;

/**
 * One text's sentence embedding.
 *
 * @param tokens    tokens the model saw (special tokens included)
 * @param truncated whether the text was longer than the model's limit and was cut to {@code tokens}
 */
public record SentenceEmbedding(String text, float[] vector, int tokens, boolean truncated) {
}
