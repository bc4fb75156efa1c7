package dev.bert4j.pipeline.token;

/**
 * A token or a word with its chosen label, before grouping (HF's {@code entity} dict).
 *
 * @param entity the label, prefix included
 * @param score  the label's probability
 * @param index  the token position, or -1 for a word made of several tokens
 * @param word   the token or word spelling
 * @param start  character start in the text
 * @param end    character end in the text
 */
record LabeledToken(String entity, double score, int index, String word, int start, int end) {
}
