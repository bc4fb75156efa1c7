package dev.bert4j.pipeline.nsp;

/**
 * Whether sentence B follows sentence A, from BERT's next-sentence-prediction head.
 *
 * @param isNext             true when "is next" is the more probable label (label 0 wins ties, as
 *                           an argmax does)
 * @param isNextProbability  softmax probability of label 0, "B is a continuation of A"
 * @param notNextProbability softmax probability of label 1, "B is a random sentence"
 */
public record NextSentence(boolean isNext, double isNextProbability, double notNextProbability) {
}
